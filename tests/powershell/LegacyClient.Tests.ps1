# Get-TlsReadyLegacyClient in the real engine over the sample logs of tests/data/logs (IIS W3C with the
# crypt-* fields, Exchange SMTP Receive and Send): one TlsReady.LegacyClient per client, the whole
# summary (-AsSummary), the events as read (-Events), files from the pipeline (FileInfo objects as
# Get-ChildItem writes them, by FullName and PSPath), a bad file among good ones, a bad -Format, -Limit,
# the default views, Ctrl-C (StopProcessing) within a second, and the same document as the Python
# package (when .venv or $env:TLSREADY_PYTHON has it).
Set-StrictMode -Version Latest
$repo = [System.IO.Path]::GetFullPath("$PSScriptRoot/../..")
$moduleDir = if ($env:TLSREADY_PS_MODULE) { $env:TLSREADY_PS_MODULE } else { [System.IO.Path]::Combine($repo, 'build', 'powershell', 'TlsReady') }
$manifest = [System.IO.Path]::Combine($moduleDir, 'TlsReady.psd1')
Import-Module $manifest -Force
$logs = [System.IO.Path]::Combine($repo, 'tests', 'data', 'logs')
$iis = [System.IO.Path]::Combine($logs, 'iis', 'W3SVC1', 'u_ex261130_x.log')
$receive = [System.IO.Path]::Combine($logs, 'exchange', 'RECV2026113008-1.LOG')
$send = [System.IO.Path]::Combine($logs, 'exchange', 'SEND2026113008-1.LOG')
$all = $iis, $receive, $send
$scratch = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "tlsready-legacy-ps-$PID")
$null = [System.IO.Directory]::CreateDirectory($scratch)

function New-BigIisLog([string]$Path, [int]$Lines) {
    $writer = [System.IO.StreamWriter]::new($Path)
    try {
        $writer.Write("#Software: Microsoft Internet Information Services 10.0`r`n#Fields: date time c-ip cs(User-Agent) crypt-protocol crypt-cipher crypt-hash crypt-keyexchange`r`n")
        $block = [System.Text.StringBuilder]::new()
        for ($i = 0; $i -lt 1000; $i++) { $null = $block.Append("2026-11-30 08:00:01 198.51.100.$(1 + $i % 200) Legacy/1.0 40 6610 8004 ae06`r`n") }
        $text = $block.ToString()
        for ($i = 0; $i -lt $Lines; $i += 1000) { $writer.Write($text) }
    } finally { $writer.Dispose() }
}

try {
    Describe 'Get-TlsReadyLegacyClient: one object per legacy client' {
        It 'writes TlsReady.LegacyClient objects, most legacy uses first, with typed counts and UTC times' {
            $clients = @(Get-TlsReadyLegacyClient -Path $all)
            Assert-True ($clients.Count -ge 4) "$($clients.Count) clients"
            foreach ($c in $clients) { Assert-Equal 'TlsReady.LegacyClient' $c.PSObject.TypeNames[0] }
            $top = $clients[0]
            Assert-Equal '198.51.100.23' $top.ClientAddress
            Assert-Equal 'Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)' $top.UserAgent
            Assert-Equal 2 $top.LegacyUses
            Assert-True ($top.LegacyUses -is [int])
            Assert-Equal 2 $top.Protocols.'TLSv1.0'
            Assert-True ($top.LastLegacyUse -is [datetime]) 'LastLegacyUse is a DateTime'
            Assert-Equal 'Utc' ([string]$top.LastLegacyUse.Kind)
            Assert-Equal ([datetime]::new(2026, 11, 30, 8, 0, 5, [System.DateTimeKind]::Utc)) $top.LastLegacyUse
            Assert-Equal @('W3SVC1') @($top.Sites.Names)
            $counts = @($clients | ForEach-Object LegacyUses)
            for ($i = 1; $i -lt $counts.Count; $i++) { Assert-True ($counts[$i - 1] -ge $counts[$i]) "not sorted: $($counts -join ', ')" }
            $ehlo = @($clients | Where-Object ClientName -eq 'EX01.contoso.example')
            Assert-Equal 1 $ehlo.Count 'the Send log''s own server, named by its EHLO'
        }

        It 'writes the whole document with -AsSummary: sources, totals, days, the Json of the C library' {
            $summary = Get-TlsReadyLegacyClient -Path $all -AsSummary
            Assert-Equal 'TlsReady.LegacyClients' $summary.PSObject.TypeNames[0]
            Assert-Equal 3 @($summary.Sources).Count
            Assert-Equal @('iis', 'exchange-smtp', 'exchange-smtp') @($summary.Sources | ForEach-Object Format)
            Assert-Equal 'TlsReady.LogSource' @($summary.Sources)[0].PSObject.TypeNames[0]
            Assert-Equal @(15, 17) @(@($summary.Sources)[0].Read.MalformedLines)
            Assert-Equal 'TlsReady.LegacyClient' @($summary.Clients.Items)[0].PSObject.TypeNames[0]
            Assert-Equal 'TlsReady.LegacyDay' @($summary.Days)[0].PSObject.TypeNames[0]
            Assert-Equal '2026-11-30' @($summary.Days)[0].Day
            Assert-True ($summary.Totals.LegacyUses -gt 0 -and $summary.Totals.Uses -gt $summary.Totals.LegacyUses)
            $json = [System.Text.Json.JsonDocument]::Parse($summary.Json).RootElement
            Assert-Equal $summary.Totals.Uses $json.GetProperty('totals').GetProperty('uses').GetInt32()
            Assert-Equal '1.0' $json.GetProperty('schema_version').GetString()
        }

        It 'limits each list with -Limit and counts the rest in LeftOff' {
            $summary = Get-TlsReadyLegacyClient -Path $all -Limit 1 -AsSummary
            Assert-Equal 1 @($summary.Clients.Items).Count
            Assert-True ($summary.Clients.LeftOff -ge 3) "LeftOff $($summary.Clients.LeftOff)"
            Assert-Equal 1 @(Get-TlsReadyLegacyClient -Path $all -Limit 1).Count
        }

        It 'reads a file as the -Format given (the Send log as IIS: nothing understood, no error)' {
            $summary = Get-TlsReadyLegacyClient -Path $send -Format iis -AsSummary
            Assert-Equal 'iis' @($summary.Sources)[0].Format
            Assert-Equal 0 $summary.Totals.Uses
            Assert-Equal 0 @(Get-TlsReadyLegacyClient -Path $send -Format IIS).Count
        }
    }

    Describe 'Get-TlsReadyLegacyClient: files from the pipeline' {
        It 'takes FileInfo objects (Get-ChildItem output) by FullName, into one summary' {
            $files = [System.IO.DirectoryInfo]::new([System.IO.Path]::Combine($logs, 'exchange')).GetFiles('*.LOG')
            Assert-Equal 2 $files.Count
            $summary = $files | Get-TlsReadyLegacyClient -AsSummary
            Assert-Equal 2 @($summary.Sources).Count 'one summary across the piped files'
            $byParameter = Get-TlsReadyLegacyClient -Path $receive, $send -AsSummary
            Assert-Equal $byParameter.Totals.Uses $summary.Totals.Uses
            if (Get-Command Get-ChildItem -ErrorAction SilentlyContinue) {
                $viaCmdlet = Get-ChildItem ([System.IO.Path]::Combine($logs, 'exchange', '*.LOG')) | Get-TlsReadyLegacyClient -AsSummary
                Assert-Equal $summary.Totals.Uses $viaCmdlet.Totals.Uses
            }
        }

        It 'takes PSPath and plain strings, and resolves wildcards with the provider' {
            $byPSPath = [pscustomobject]@{ PSPath = "Microsoft.PowerShell.Core\FileSystem::$iis" } | Get-TlsReadyLegacyClient -AsSummary
            Assert-Equal $iis @($byPSPath.Sources)[0].File
            $byValue = $iis | Get-TlsReadyLegacyClient -AsSummary
            Assert-Equal 6 $byValue.Totals.Uses
            $wild = Get-TlsReadyLegacyClient -Path ([System.IO.Path]::Combine($logs, 'exchange', '*-1.LOG')) -AsSummary
            Assert-Equal 2 @($wild.Sources).Count
        }
    }

    Describe 'Get-TlsReadyLegacyClient -Events' {
        It 'writes every TLS use as a TlsReady.TlsUseEvent, in file and line order' {
            $events = @(Get-TlsReadyLegacyClient -Path $iis -Events)
            Assert-Equal 6 $events.Count
            Assert-Equal 'TlsReady.TlsUseEvent' $events[0].PSObject.TypeNames[0]
            Assert-Equal @('TLSv1.0', 'TLSv1.1', 'TLSv1.2', 'TLSv1.0', 'TLSv1.3', $null) @($events | ForEach-Object Protocol)
            Assert-Equal 5 $events[0].Source.Line
            Assert-Equal $true $events[0].LegacyProtocol
            Assert-True ($events[0].Time -is [datetime]) 'Time is a DateTime'
            Assert-Equal ([datetime]::new(2026, 11, 30, 8, 0, 1, [System.DateTimeKind]::Utc)) $events[0].Time
            $json = [System.Text.Json.JsonDocument]::Parse($events[0].Json).RootElement
            Assert-Equal '198.51.100.23' $json.GetProperty('client_address').GetString()
        }

        It 'gives as many events as the summary counts uses, across piped files' {
            $events = @($all | Get-TlsReadyLegacyClient -Events)
            $summary = Get-TlsReadyLegacyClient -Path $all -AsSummary
            Assert-Equal $summary.Totals.Uses $events.Count
            Assert-Equal $summary.Totals.LegacyUses @($events | Where-Object LegacyProtocol).Count
        }

        It 'streams: the first event reaches the next command before the file is read to its end' {
            $big = [System.IO.Path]::Combine($scratch, 'stream_u_ex.log')
            New-BigIisLog $big 200000
            $first = $null
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            try {
                Get-TlsReadyLegacyClient -Path $big -Events | ForEach-Object { $first = $_; throw 'enough' }
            } catch {
                Assert-Match $_.Exception.Message 'enough'
            }
            $watch.Stop()
            Assert-Equal 'TlsReady.TlsUseEvent' $first.PSObject.TypeNames[0]
            Assert-True ($watch.ElapsedMilliseconds -lt 5000) "the first event took $($watch.ElapsedMilliseconds) ms"
        }
    }

    Describe 'Get-TlsReadyLegacyClient: bad input' {
        It 'reports a missing and an unrecognised file as non-terminating errors naming them, and reads the others' {
            $missing = [System.IO.Path]::Combine($scratch, 'no-such.log')
            $notes = [System.IO.Path]::Combine($scratch, 'notes.txt')
            [System.IO.File]::WriteAllText($notes, "shopping list`neggs`n")
            $errors = $null
            $summary = Get-TlsReadyLegacyClient -Path $iis, $missing, $notes, $send -AsSummary -ErrorAction SilentlyContinue -ErrorVariable errors
            Assert-Equal 2 @($errors).Count
            Assert-Equal 'ObjectNotFound' ([string]$errors[0].CategoryInfo.Category)
            Assert-Equal $missing $errors[0].TargetObject
            Assert-Match $errors[0].FullyQualifiedErrorId '^TlsReady\.LegacyClient\.PathNotFound'
            Assert-Equal 'InvalidData' ([string]$errors[1].CategoryInfo.Category)
            Assert-Equal $notes $errors[1].TargetObject
            Assert-Match $errors[1].FullyQualifiedErrorId '^TlsReady\.LegacyClient\.FormatNotRecognised'
            Assert-Match $errors[1].Exception.Message 'notes\.txt.*not recognised'
            Assert-Equal @($iis, $send) @($summary.Sources | ForEach-Object File) 'the good files are read'
        }

        It 'reports a bad file in a pipeline of FileInfo objects, and reads the others' {
            $notes = [System.IO.FileInfo]::new([System.IO.Path]::Combine($scratch, 'notes.txt'))
            $errors = $null
            $clients = @([System.IO.FileInfo]::new($iis), $notes | Get-TlsReadyLegacyClient -ErrorAction SilentlyContinue -ErrorVariable errors)
            Assert-Equal 1 @($errors).Count
            Assert-Equal $notes.FullName $errors[0].TargetObject
            Assert-Equal '198.51.100.23' $clients[0].ClientAddress
        }

        It 'stops at an unknown -Format before reading anything, naming the known ones' {
            try { Get-TlsReadyLegacyClient -Path $iis -Format squid; throw 'no error' } catch {
                Assert-Equal 'InvalidArgument' ([string]$_.CategoryInfo.Category)
                Assert-Match $_.FullyQualifiedErrorId '^TlsReady\.LegacyClient\.UnknownFormat'
                Assert-Match $_.Exception.Message "'squid'.*auto, iis, exchange-smtp"
                Assert-Equal 'squid' $_.TargetObject
            }
        }

        It 'reads a format with its line format after the colon (nginx), the name in any case' {
            $nginx = [System.IO.Path]::Combine($logs, 'nginx', 'access.log')
            $format = 'NGINX:$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" "$http_user_agent" $ssl_protocol $ssl_cipher $ssl_server_name'
            $summary = Get-TlsReadyLegacyClient -Path $nginx -Format $format -AsSummary
            Assert-Equal 'nginx' @($summary.Sources)[0].Format
            Assert-True ($summary.Totals.LegacyUses -ge 1) "$($summary.Totals.LegacyUses) legacy uses"
            $events = @(Get-TlsReadyLegacyClient -Path $nginx -Format $format -Events)
            Assert-Equal $summary.Totals.Uses $events.Count
            Assert-True (@($events | Where-Object Suite).Count -ge 1) 'IANA suite names from the OpenSSL ones'
        }

        It 'stops at a line format the reader cannot use, naming the mistake' {
            try { Get-TlsReadyLegacyClient -Path $iis -Format 'nginx:$remote_addr $status'; throw 'no error' } catch {
                Assert-Match $_.Exception.Message 'nginx'
                Assert-True ($_.Exception.Message -notmatch '^no error$') $_.Exception.Message
            }
        }

        It 'refuses -Events with -AsSummary, and a negative -Limit' {
            Assert-Throws { Get-TlsReadyLegacyClient -Path $iis -Events -AsSummary } 'parameter set'
            Assert-Throws { Get-TlsReadyLegacyClient -Path $iis -Limit -1 } 'range|minimum'
        }
    }

    Describe 'Get-TlsReadyLegacyClient: views, progress and Ctrl-C' {
        It 'has default table views for clients and events' {
            $TlsReadyTestHost.Clear()
            Get-TlsReadyLegacyClient -Path $iis | Out-Host
            Get-TlsReadyLegacyClient -Path $iis -Events | Out-Host
            $lines = @($TlsReadyTestHost.HostLines() | ForEach-Object { $_ -replace "`e\[[0-9;]*m", '' })
            Assert-True (@($lines | Where-Object { $_ -match '^Client\s+Agent\s+Legacy\s+Uses\s+Protocols\s+LastLegacyUse' }).Count -eq 1) ($lines -join "`n")
            Assert-True (@($lines | Where-Object { $_ -match '^198\.51\.100\.23\s+Mozilla/4\.0.*\s2\s+2\s+TLSv1\.0=2\s+2026-11-30 08:00:05' }).Count -eq 1) ($lines -join "`n")
            Assert-True (@($lines | Where-Object { $_ -match '^Time\s+Client\s+Protocol\s+Cipher\s+Agent' }).Count -eq 1) ($lines -join "`n")
            Assert-True (@($lines | Where-Object { $_ -match '^2026-11-30 08:00:01\s+198\.51\.100\.23\s+TLSv1\.0\s' }).Count -eq 1) ($lines -join "`n")
        }

        function New-ModuleShell {
            # the module imported by the session state, so the command under test is the only statement (a batch
            # of statements appends its stop to the error stream on a pool thread, racing the Dispose below)
            $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
            $iss.ImportPSModule([string[]]@($manifest))
            [powershell]::Create($iss)
        }

        It 'stops within a second on Ctrl-C (StopProcessing) while it reads' {
            $big = [System.IO.Path]::Combine($scratch, 'stop_u_ex.log')
            New-BigIisLog $big 400000
            foreach ($events in $false, $true) {
                $ps = New-ModuleShell
                $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
                try {
                    $null = $ps.AddCommand('Get-TlsReadyLegacyClient').AddParameter('Path', @($big, $big, $big, $big, $big, $big, $big, $big))
                    if ($events) { $null = $ps.AddParameter('Events') }
                    $noInput = [System.Management.Automation.PSDataCollection[psobject]]::new()
                    $noInput.Complete()
                    $async = $ps.BeginInvoke($noInput, $output)
                    $deadline = [datetime]::UtcNow.AddSeconds(20)
                    while (@($ps.Streams.Progress).Count -lt 1 -and -not $async.IsCompleted -and [datetime]::UtcNow -lt $deadline) { [System.Threading.Thread]::Sleep(20) }
                    Assert-Equal $false $async.IsCompleted "still reading (events: $events)"
                    $watch = [System.Diagnostics.Stopwatch]::StartNew()
                    $ps.Stop()
                    $watch.Stop()
                    Assert-True ($watch.ElapsedMilliseconds -lt 1000) "Stop took $($watch.ElapsedMilliseconds) ms (events: $events)"
                    Assert-Equal 'Stopped' ([string]$ps.InvocationStateInfo.State)
                    if (-not $events) { Assert-Equal 0 $output.Count 'no summary of a stopped reading' }
                    Assert-True ($output.Count -lt 3200000) "$($output.Count) events"
                    try { $null = $ps.EndInvoke($async) } catch [System.Management.Automation.PipelineStoppedException] { }
                } finally { $ps.Dispose() }
            }
        }

        It 'writes progress records while it reads' {
            $ps = New-ModuleShell
            try {
                $null = $ps.AddCommand('Get-TlsReadyLegacyClient').AddParameter('Path', @($iis, $receive)).AddParameter('AsSummary')
                $out = $ps.Invoke()
                Assert-Equal 1 $out.Count
                $progress = @($ps.Streams.Progress)
                Assert-True ($progress.Count -ge 1) 'no progress record'
                Assert-Equal 'Completed' ([string]$progress[-1].RecordType)
            } finally { $ps.Dispose() }
        }
    }

    Describe 'Get-TlsReadyLegacyClient and the Python package give the same document' {
        It 'for the IIS and Exchange samples (-AsSummary Json against tlsready.legacy_clients)' {
            $python = if ($env:TLSREADY_PYTHON) { $env:TLSREADY_PYTHON } else { [System.IO.Path]::Combine($repo, '.venv', 'bin', 'python') }
            if (-not [System.IO.File]::Exists($python)) {
                Write-Warning "no Python with tlsready at ${python}: the cross-front comparison is skipped"
                return
            }
            $file = [System.IO.Path]::Combine($scratch, 'ps_summary.json')
            [System.IO.File]::WriteAllText($file, (Get-TlsReadyLegacyClient -Path $all -AsSummary).Json)
            $info = [System.Diagnostics.ProcessStartInfo]::new($python)
            foreach ($a in @('-c', "import json, sys, tlsready`nps = json.load(open(sys.argv[1]))`npy = tlsready.legacy_clients(sys.argv[2:]).to_dict()`nprint('same' if ps == py else 'differ: ' + json.dumps(py)[:400])", $file) + $all) { $info.ArgumentList.Add($a) }
            $info.RedirectStandardOutput = $true
            $info.RedirectStandardError = $true
            $process = [System.Diagnostics.Process]::Start($info)
            $out = $process.StandardOutput.ReadToEnd() + $process.StandardError.ReadToEnd()
            $process.WaitForExit()
            Assert-Equal 'same' $out.Trim()
        }
    }
} finally {
    [System.IO.Directory]::Delete($scratch, $true)
}
