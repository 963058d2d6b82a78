# Client impact in the real engine against the lab (loopback only): Test-TlsReadyEndpoint -Clients
# gives a typed ClientImpact property (outcomes, what-if, breaks) and Get-TlsReadyClientProfile the
# built-in profiles; bad -ClientWhatIf / -ClientId stop the command before it scans.
Set-StrictMode -Version Latest
$moduleDir = if ($env:TLSREADY_PS_MODULE) { $env:TLSREADY_PS_MODULE } else { [System.IO.Path]::GetFullPath("$PSScriptRoot/../../build/powershell/TlsReady") }
Import-Module ([System.IO.Path]::Combine($moduleDir, 'TlsReady.psd1')) -Force
Import-Module "$PSScriptRoot/lib/Lab.psm1" -Force

$lab = Start-TestLab -Only 'tls10_12_client_pref', 'dhe_1024', 'tls13_only'
function Endpoint([string]$Name) { $e = $lab.Endpoints[$Name]; "$($e.Host):$($e.Port)" }

try {
    Describe 'Test-TlsReadyEndpoint -Clients' {
        It 'adds a typed ClientImpact with the what-if and who breaks' {
            $r = Test-TlsReadyEndpoint -ComputerName (Endpoint tls10_12_client_pref) -TimeoutSec 3 -Clients -ClientWhatIf 'no-tls10,no-tls11'
            Assert-Equal 'TlsReady.ClientImpact' $r.ClientImpact.PSObject.TypeNames[0]
            $ie = @($r.ClientImpact.Outcomes | Where-Object ClientId -eq 'ie-8-10-win7')[0]
            Assert-Equal 'TlsReady.ClientOutcome' $ie.PSObject.TypeNames[0]
            Assert-Equal 'connects' $ie.Status
            Assert-Equal 'TLSv1.0' $ie.Version
            Assert-Equal '0xC014' $ie.CipherSuite.Code
            Assert-True (@($r.ClientImpact.Breaks) -contains 'ie-8-10-win7') "breaks: $($r.ClientImpact.Breaks)"
            Assert-True (@($r.ClientImpact.Breaks) -notcontains 'openssl-3')
            $after = @($r.ClientImpact.WhatIfOutcomes | Where-Object ClientId -eq 'ie-8-10-win7')[0]
            Assert-Equal 'no_common_version' $after.Reason
            Assert-True ($r.ClientImpact.Summary.Clients -is [int])
        }

        It 'limits the clients with -ClientId and gives the failure reason' {
            $r = Test-TlsReadyEndpoint -ComputerName (Endpoint dhe_1024) -TimeoutSec 3 -Clients -ClientId 'openssl-3', 'ie-11-win7'
            $outcomes = @($r.ClientImpact.Outcomes)
            Assert-Equal 2 $outcomes.Count
            Assert-Equal 'dh_too_small' $outcomes[0].Reason
            Assert-Equal 'connects' $outcomes[1].Status
            Assert-Equal $null $r.ClientImpact.WhatIfOutcomes
        }

        It 'shows the outcomes as a table (Client, Status, Version, Suite, Source, Reason)' {
            # the engine here has no Out-String (Microsoft.PowerShell.Utility): Out-Host, read from the host
            $r = Test-TlsReadyEndpoint -ComputerName (Endpoint tls10_12_client_pref) -TimeoutSec 3 -Clients -ClientId 'ie-8-10-win7', 'openssl-3', 'android-2.3.7' -ClientWhatIf 'no-tls10,no-tls11'
            $TlsReadyTestHost.Clear()
            $r.ClientImpact.Outcomes | Out-Host
            $lines = @($TlsReadyTestHost.HostLines() | ForEach-Object { $_ -replace "`e\[[0-9;]*m", '' })
            $text = $lines -join "`n"
            Assert-Equal 1 @($lines | Where-Object { $_ -match '^Client\s+Status\s+Version\s+Suite\s+Source\s+Reason\s*$' }).Count $text
            Assert-Equal 1 @($lines | Where-Object { $_ -match '^ie-8-10-win7\s+connects\s+TLSv1\.0\s+TLS_ECDHE_RSA_WITH_AES_\d+_CBC_SHA\s*$' }).Count $text
            Assert-Equal 1 @($lines | Where-Object { $_ -match '^openssl-3\s+connects\s+TLSv1\.2\s+TLS_\S+\s*$' }).Count $text
            Assert-Equal 3 @($lines | Where-Object { $_ -match '^(ie-8-10-win7|openssl-3|android-2\.3\.7)\s+(connects|fails|unknown)\b' }).Count $text
            # after the what-if, IE 8-10 fails for want of a common version
            $TlsReadyTestHost.Clear()
            $r.ClientImpact.WhatIfOutcomes | Out-Host
            $lines = @($TlsReadyTestHost.HostLines() | ForEach-Object { $_ -replace "`e\[[0-9;]*m", '' })
            Assert-Equal 1 @($lines | Where-Object { $_ -match '^ie-8-10-win7\s+fails\s+no_common_version\s*$' }).Count ($lines -join "`n")
        }

        It 'stops a running -Simulate within a second on Ctrl-C (StopProcessing cancels the simulation)' {
            # A proxy forwards the scan's connections to tls13_only and holds every later one silent,
            # so the simulation after the scan waits on held connections (30 s each, four at a time).
            $python = if ($env:TLSREADY_PYTHON) { $env:TLSREADY_PYTHON } else { [System.IO.Path]::GetFullPath("$PSScriptRoot/../../.venv/bin/python") }
            if (-not [System.IO.File]::Exists($python)) { $python = 'python3' }
            $e = $lab.Endpoints['tls13_only']
            $direct = Test-TlsReadyEndpoint -ComputerName (Endpoint tls13_only) -TimeoutSec 30
            Assert-Equal $null $direct.ErrorKind
            $info = [System.Diagnostics.ProcessStartInfo]::new($python)
            foreach ($a in @([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'hold_after.py'), $e.Host, [string]$e.Port, [string]$direct.Connections)) { $info.ArgumentList.Add($a) }
            $info.RedirectStandardOutput = $true
            $info.RedirectStandardInput = $true
            $proxy = [System.Diagnostics.Process]::Start($info)
            # The module imported by the session state, not by a first statement: a batch's stop is appended to
            # its error stream on a pool thread, racing the Dispose below (it took the test host down).
            $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
            $iss.ImportPSModule([string[]]@([System.IO.Path]::Combine($moduleDir, 'TlsReady.psd1')))
            $ps = [powershell]::Create($iss)
            try {
                $port = [int]($proxy.StandardOutput.ReadLine() -replace '^port ', '')
                $null = $ps.AddCommand('Test-TlsReadyEndpoint').AddParameter('ComputerName', "127.0.0.1:$port").AddParameter('TimeoutSec', 30).AddParameter('Clients').AddParameter('Simulate')
                $noInput = [System.Management.Automation.PSDataCollection[psobject]]::new()
                $noInput.Complete()
                $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
                $async = $ps.BeginInvoke($noInput, $output)
                $held = $proxy.StandardOutput.ReadLineAsync()
                Assert-True ($held.Wait(20000)) 'the simulation never connected after the scan'
                Assert-Match $held.Result '^held '
                [System.Threading.Thread]::Sleep(300)
                Assert-Equal $false $async.IsCompleted 'the simulation is waiting on the held connections'
                $watch = [System.Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $watch.Stop()
                Assert-True ($watch.ElapsedMilliseconds -lt 1000) "Stop took $($watch.ElapsedMilliseconds) ms"
                Assert-Equal 'Stopped' ([string]$ps.InvocationStateInfo.State)
                Assert-Equal 0 $output.Count 'a cut-short simulation wrote a result'
            } finally {
                $ps.Dispose()
                $proxy.StandardInput.Close()
                if (-not $proxy.WaitForExit(5000)) { $proxy.Kill() }
            }
        }

        It 'has no ClientImpact without -Clients' {
            $r = Test-TlsReadyEndpoint -ComputerName (Endpoint dhe_1024) -TimeoutSec 3
            Assert-True ($r.PSObject.Properties.Name -notcontains 'ClientImpact')
        }

        It 'stops before scanning on a bad change or client id' {
            Assert-Throws { Test-TlsReadyEndpoint -ComputerName (Endpoint dhe_1024) -Clients -ClientWhatIf 'no-tls99' } 'no-tls99'
            Assert-Throws { Test-TlsReadyEndpoint -ComputerName (Endpoint dhe_1024) -Clients -ClientId 'nobody' } 'nobody'
            Assert-Throws { Test-TlsReadyEndpoint -ComputerName (Endpoint dhe_1024) -ClientWhatIf 'no-tls10' } '-Clients'
        }
    }

    Describe 'Get-TlsReadyClientProfile' {
        It 'lists typed profiles with their sources' {
            $all = @(Get-TlsReadyClientProfile)
            Assert-True ($all.Count -ge 40) "$($all.Count) profiles"
            Assert-Equal 'TlsReady.ClientProfile' $all[0].PSObject.TypeNames[0]
            foreach ($p in $all) { Assert-True ([bool]$p.Source) "$($p.Id) has no source" }
        }

        It 'selects by id with wildcards and by Microsoft''s no-TLS-1.2 list' {
            $java = @(Get-TlsReadyClientProfile 'java-*')
            Assert-True ($java.Count -ge 5)
            $java6 = @($java | Where-Object Id -eq 'java-6u45')[0]
            Assert-Equal 1024 $java6.MaxDhBits
            Assert-Equal 'sslv2_compatible' $java6.HelloFormat
            $legacy = @(Get-TlsReadyClientProfile -CannotUseTls12)
            Assert-True (@($legacy.Id) -contains 'android-4.3')
            Assert-True (@($legacy.Id) -notcontains 'ie-11-win7')
        }

        It 'writes a non-terminating error for an unknown id' {
            $found = @(Get-TlsReadyClientProfile 'nobody', 'curl' -ErrorVariable missing -ErrorAction SilentlyContinue)
            Assert-Equal 1 $found.Count
            Assert-Equal 'TlsReady.ClientProfileNotFound,TlsReady.Commands.GetTlsReadyClientProfileCommand' $missing[0].FullyQualifiedErrorId
        }
    }
} finally {
    Stop-TestLab
}
