# Test-TlsReadyEndpoint in the real engine against the lab (tests/lab: loopback only; the lab of
# $env:TLSREADY_LAB_DIR, or one started here): typed results, pipeline input by value and by
# property name, error records per hostile endpoint, progress, Ctrl-C (StopProcessing), and
# serialization as remoting and Export-Clixml do it.
Set-StrictMode -Version Latest
$moduleDir = if ($env:TLSREADY_PS_MODULE) { $env:TLSREADY_PS_MODULE } else { [System.IO.Path]::GetFullPath("$PSScriptRoot/../../build/powershell/TlsReady") }
$manifest = [System.IO.Path]::Combine($moduleDir, 'TlsReady.psd1')
Import-Module $manifest -Force
Import-Module "$PSScriptRoot/lib/Lab.psm1" -Force

$names = 'tls13_only', 'tls10_legacy_3des_rc4', 'smtp_starttls', 'ipv6_tls12', 'hostile_refused', 'hostile_silent',
         'hostile_http', 'hostile_garbage', 'hostile_reset', 'tarpit_drip', 'dhe_1024'
$lab = Start-TestLab -Only $names
function Endpoint([string]$Name) { $e = $lab.Endpoints[$Name]; if ($e.Host.Contains(':')) { "[$($e.Host)]:$($e.Port)" } else { "$($e.Host):$($e.Port)" } }

try {
    # one scan of three good endpoints, reused by the tests below
    $good = @(Test-TlsReadyEndpoint -ComputerName (Endpoint tls13_only), (Endpoint tls10_legacy_3des_rc4), (Endpoint ipv6_tls12) -ServerName localhost -CaFile $lab.CaFile -TimeoutSec 3)
    $byName = @{}
    foreach ($r in $good) { $byName[$r.Endpoint] = $r }

    Describe 'results' {
        It 'gives one TlsReady.EndpointResult per endpoint' {
            Assert-Equal 3 $good.Count
            foreach ($r in $good) { Assert-Equal 'TlsReady.EndpointResult' $r.PSObject.TypeNames[0] }
            Assert-True $byName.ContainsKey((Endpoint ipv6_tls12)) 'the IPv6 endpoint is shown as [::1]:port'
        }

        It 'has the summary columns as booleans, names and dates' {
            $tls13 = $byName[(Endpoint tls13_only)]
            Assert-Equal $true $tls13.Tls13
            Assert-Equal $false $tls13.Tls12
            Assert-True ($tls13.Tls10 -is [bool])
            Assert-Equal $null $tls13.ErrorKind
            Assert-True ($tls13.CertificateNotAfter -is [datetime]) "CertificateNotAfter is $($tls13.CertificateNotAfter)"
            Assert-Equal 'Utc' ([string]$tls13.CertificateNotAfter.Kind)
            $legacy = $byName[(Endpoint tls10_legacy_3des_rc4)]
            Assert-Equal $true $legacy.Tls10
            Assert-Match $legacy.WeakestSuite '^TLS_RSA_WITH_(RC4|3DES)'
        }

        It 'has every detail as typed properties, not a JSON string' {
            $r = $byName[(Endpoint tls13_only)]
            Assert-True ($r.Target.Port -is [int])
            Assert-Equal $lab.Endpoints['tls13_only'].Port $r.Target.Port
            Assert-Equal 'localhost' $r.Target.Sni
            Assert-True ($r.StartedAt -is [datetime])
            Assert-True ($r.ElapsedMs -is [double] -or $r.ElapsedMs -is [int])
            $protocol = @($r.Protocols | Where-Object { $_.Version -eq 'TLSv1.3' })[0]
            Assert-Equal 'TlsReady.Protocol' $protocol.PSObject.TypeNames[0]
            Assert-Equal $true $protocol.Accepted
            $suite = @($protocol.CipherSuites)[0]
            Assert-Equal 'TlsReady.CipherSuite' $suite.PSObject.TypeNames[0]
            Assert-Match $suite.Code '^0x13[0-9A-F]{2}$'
            Assert-True ($suite.Bits -is [int])
            Assert-Equal 'TlsReady.CertificateCheck' $r.Certificate.PSObject.TypeNames[0]
            Assert-Equal $true $r.Certificate.Trusted
            Assert-Equal 'TlsReady.Certificate' @($r.Certificate.Chain)[0].PSObject.TypeNames[0]
            Assert-True (@($r.Certificate.Chain)[0].NotAfter -is [datetime])
            Assert-True ($r.Session.PSObject.Properties.Name -contains 'SecureRenegotiation')
        }

        It 'carries the document itself in Json, matching the properties' {
            $r = $byName[(Endpoint tls13_only)]
            Assert-True ($r.Json -is [string])
            $doc = [System.Text.Json.JsonDocument]::Parse($r.Json).RootElement
            Assert-Equal $r.Target.Port $doc.GetProperty('target').GetProperty('port').GetInt32()
            Assert-Equal @($r.Protocols).Count $doc.GetProperty('protocols').GetArrayLength()
        }

        It 'shows the default table (endpoint, TLS 1.0-1.3, weakest suite, expiry, error)' {
            $TlsReadyTestHost.Clear()
            $byName[(Endpoint tls13_only)] | Out-Host
            $lines = @($TlsReadyTestHost.HostLines() | ForEach-Object { $_ -replace "`e\[[0-9;]*m", '' })
            Assert-True (@($lines | Where-Object { $_ -match '^Endpoint\s+TLS1\.0\s+TLS1\.1\s+TLS1\.2\s+TLS1\.3\s+WeakestSuite\s+CertNotAfter\s+Error' }).Count -eq 1) ($lines -join "`n")
            Assert-True (@($lines | Where-Object { $_ -match ('^' + [regex]::Escape((Endpoint tls13_only)) + '\s+False\s+False\s+False\s+True') }).Count -eq 1) ($lines -join "`n")
        }

        It 'survives PSSerializer (remoting, Export-Clixml) with its properties and type names' {
            $r = $byName[(Endpoint tls13_only)]
            $back = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($r, 6))
            Assert-Equal 'Deserialized.TlsReady.EndpointResult' $back.PSObject.TypeNames[0]
            foreach ($name in 'Endpoint', 'Tls10', 'Tls11', 'Tls12', 'Tls13', 'WeakestSuite', 'CertificateNotAfter', 'ErrorKind', 'Json') {
                Assert-Equal $r.$name $back.$name "property $name"
            }
            $protocol = @($back.Protocols)[0]
            Assert-Equal 'Deserialized.TlsReady.Protocol' $protocol.PSObject.TypeNames[0]
            Assert-Equal @($r.Protocols)[0].Version $protocol.Version
            Assert-Equal 'Deserialized.TlsReady.CipherSuite' @(@($back.Protocols | Where-Object Accepted)[0].CipherSuites)[0].PSObject.TypeNames[0]
            Assert-Equal $r.Certificate.Chain[0].NotAfter $back.Certificate.Chain[0].NotAfter
        }
    }

    Describe 'pipeline input' {
        It 'binds strings by value ("host:port")' {
            $r = @((Endpoint tls13_only) | Test-TlsReadyEndpoint -ServerName localhost -TimeoutSec 3)
            Assert-Equal 1 $r.Count
            Assert-Equal $true $r[0].Tls13
        }

        It 'binds [pscustomobject] by property name: ComputerName, Port, ServerName, and the aliases Host, CN, Target' {
            $e = $lab.Endpoints['tls13_only']
            $rows = @(
                [pscustomobject]@{ ComputerName = $e.Host; Port = $e.Port; ServerName = 'localhost' }
                [pscustomobject]@{ Host = $e.Host; Port = $e.Port }
                [pscustomobject]@{ CN = "$($e.Host):$($e.Port)" }
                [pscustomobject]@{ Target = "$($e.Host):$($e.Port)"; Sni = 'localhost' }
            )
            $results = @($rows | Test-TlsReadyEndpoint -TimeoutSec 3)
            Assert-Equal 4 $results.Count
            foreach ($r in $results) {
                Assert-Equal (Endpoint tls13_only) $r.Endpoint
                Assert-Equal $true $r.Tls13
            }
            Assert-Equal 2 @($results | Where-Object { $_.Target.Sni -eq 'localhost' }).Count
        }

        It 'takes Import-Csv rows: strings, empty cells meaning "not given"' {
            $e = $lab.Endpoints['tls13_only']
            $rows = @(
                [pscustomobject]@{ ComputerName = $e.Host; Port = "$($e.Port)"; ServerName = ''; StartTls = '' }
                [pscustomobject]@{ ComputerName = "$($e.Host):$($e.Port)"; Port = ''; ServerName = 'localhost'; StartTls = 'none' }
            )
            $results = @($rows | Test-TlsReadyEndpoint -TimeoutSec 3)
            Assert-Equal 2 $results.Count
            foreach ($r in $results) { Assert-Equal (Endpoint tls13_only) $r.Endpoint; Assert-Equal $true $r.Tls13 }
        }

        It 'takes -StartTls by name (SMTP)' {
            $e = $lab.Endpoints['smtp_starttls']
            $r = [pscustomobject]@{ ComputerName = $e.Host; Port = $e.Port; StartTls = 'Smtp'; ServerName = 'localhost' } | Test-TlsReadyEndpoint -TimeoutSec 3
            Assert-Equal 'smtp' $r.Target.StartTls
            Assert-Equal $null $r.ErrorKind
            Assert-True ($r.Tls12 -or $r.Tls13)
        }

        It 'accepts the parameter aliases -Host, -CN and -Target' {
            foreach ($alias in 'Host', 'CN', 'Target') {
                $splat = @{ $alias = (Endpoint tls13_only); TimeoutSec = 3; ThrottleLimit = 1 }
                Assert-Equal $true (Test-TlsReadyEndpoint @splat).Tls13
            }
        }
    }

    Describe 'failures' {
        $hostile = @{
            hostile_refused = 'ConnectionError'
            hostile_silent  = 'OperationTimeout'
            hostile_http    = 'ProtocolError'
            hostile_garbage = 'ProtocolError'
            hostile_reset   = 'ConnectionError'
        }
        $targets = @($hostile.Keys | ForEach-Object { Endpoint $_ })
        $failed = $null
        $results = @($targets | Test-TlsReadyEndpoint -TimeoutSec 1 -ErrorAction SilentlyContinue -ErrorVariable failed)

        It 'gives a result with ErrorKind and a non-terminating error for each hostile endpoint' {
            Assert-Equal $targets.Count $results.Count
            Assert-Equal $targets.Count @($failed).Count
            foreach ($r in $results) { Assert-True ([bool]$r.ErrorKind) "$($r.Endpoint) has no ErrorKind" }
        }

        It 'classifies each failure (category, error id) with the target as TargetObject' {
            foreach ($name in $hostile.Keys) {
                $target = Endpoint $name
                $record = @($failed | Where-Object { $_.TargetObject -eq $target })
                Assert-Equal 1 $record.Count "$name has $($record.Count) error records"
                Assert-Equal $hostile[$name] ([string]$record[0].CategoryInfo.Category) $name
                $kind = @($results | Where-Object Endpoint -eq $target)[0].ErrorKind
                Assert-Match $record[0].FullyQualifiedErrorId ('^TlsReady\.Endpoint\.' + $kind + ',')
                Assert-Equal $kind $record[0].Exception.Kind
            }
        }

        It 'stops at the first failure with -ErrorAction Stop' {
            Assert-Throws { Test-TlsReadyEndpoint -ComputerName (Endpoint hostile_refused) -ErrorAction Stop } 'connection_refused'
        }

        It 'reports a bad target as InvalidArgument and still scans the others' {
            $bad = $null
            $r = @('no such host!', (Endpoint hostile_refused) | Test-TlsReadyEndpoint -ErrorAction SilentlyContinue -ErrorVariable bad)
            Assert-Equal 1 $r.Count
            Assert-Equal 'connection_refused' $r[0].ErrorKind
            $invalid = @($bad | Where-Object { $_.TargetObject -eq 'no such host!' })
            Assert-Equal 1 $invalid.Count
            Assert-Equal 'InvalidArgument' ([string]$invalid[0].CategoryInfo.Category)
            Assert-Match $invalid[0].Exception.Message 'no such host!'
        }

        It 'rejects bad parameters before scanning (terminating)' {
            Assert-Throws { Test-TlsReadyEndpoint -ComputerName 127.0.0.1 -Port 65536 } 'range'
            Assert-Throws { Test-TlsReadyEndpoint -ComputerName 127.0.0.1 -StartTls Gopher } 'ValidateSet|does not belong'
            Assert-Throws { Test-TlsReadyEndpoint -ComputerName 127.0.0.1 -ThrottleLimit 0 } 'range'
            Assert-Throws { Test-TlsReadyEndpoint -ComputerName '' } 'empty'
            $missing = [System.IO.Path]::Combine($lab.Dir, 'no-such-ca.pem')
            try { Test-TlsReadyEndpoint -ComputerName (Endpoint tls13_only) -CaFile $missing; throw 'no error' } catch {
                Assert-Equal 'InvalidArgument' ([string]$_.CategoryInfo.Category)
                Assert-Match $_.FullyQualifiedErrorId '^TlsReady\.ScanRequest\.TLSR_ERR_INVALID_ARGUMENT'
                Assert-Match $_.Exception.Message ("ca_file.*" + [regex]::Escape($missing))
            }
        }
    }

    Describe 'clients and the verdict' {
        # dhe_1024 serves DHE-RSA with a 1024-bit group only: OpenSSL 3 and Python requests refuse it
        # (2048-bit minimum), IE 11 on Windows 7 and Java 8 accept it (tests/lab/endpoints.py).
        $wanted = [ordered]@{ 'openssl-3' = 'fails'; 'python-requests' = 'fails'; 'ie-11-win7' = 'connects'; 'java-8u161' = 'connects' }
        function StatusOf($Outcomes) { $map = @{}; foreach ($o in $Outcomes) { $map[$o.ClientId] = $o.Status }; $map }

        It 'puts the clients section on the Verdict with -Policy m365 -Clients, the outcomes of ClientImpact' {
            $r = @(Test-TlsReadyEndpoint -ComputerName (Endpoint dhe_1024) -ServerName localhost -CaFile $lab.CaFile -TimeoutSec 3 -Policy m365 -Clients)
            Assert-Equal 1 $r.Count
            $clients = @($r[0].Verdict.Clients)
            Assert-Equal @($r[0].ClientImpact.Outcomes).Count $clients.Count
            Assert-Equal 'TlsReady.ClientOutcome' $clients[0].PSObject.TypeNames[0]
            $status = StatusOf $clients
            foreach ($id in $wanted.Keys) { Assert-Equal $wanted[$id] $status[$id] "forecast of $id" }
            Assert-Equal (@($r[0].ClientImpact.Outcomes | ForEach-Object Status) -join ',') (@($clients | ForEach-Object Status) -join ',')
            Assert-Match $r[0].Verdict.Json ',"clients":\[\{.*\}\]\}$'
        }

        It 'simulates the clients with -Simulate, re-using the scan, and counts the connections' {
            $r = @(Test-TlsReadyEndpoint -ComputerName (Endpoint dhe_1024) -ServerName localhost -CaFile $lab.CaFile -TimeoutSec 3 -Policy m365 -Clients -Simulate -ClientId ([string[]]$wanted.Keys))
            Assert-Equal 1 $r.Count
            $impact = $r[0].ClientImpact
            Assert-Equal 4 @($impact.Outcomes).Count
            $sources = @($impact.Outcomes | ForEach-Object Source)
            foreach ($source in $sources) { Assert-True ($source -in 'simulated', 'from_scan') "source $source" }
            $simulated = @($sources | Where-Object { $_ -eq 'simulated' }).Count
            Assert-True ($simulated -ge 1) ($sources -join ', ')
            Assert-Equal $simulated $impact.Simulation.Connections
            Assert-Equal $simulated $impact.Simulation.Simulated
            $status = StatusOf $r[0].Verdict.Clients
            foreach ($id in $wanted.Keys) { Assert-Equal $wanted[$id] $status[$id] "simulated $id" }
            Assert-Equal (@($impact.Outcomes | ForEach-Object Source) -join ',') (@($r[0].Verdict.Clients | ForEach-Object Source) -join ',')
        }

        It 'gives a typed error for -Simulate without -Clients and for an unknown client, before scanning' {
            try { Test-TlsReadyEndpoint -ComputerName (Endpoint dhe_1024) -Simulate; throw 'no error' } catch {
                Assert-Equal 'TlsReady.ClientImpactWithoutClients,TlsReady.Commands.TestTlsReadyEndpointCommand' $_.FullyQualifiedErrorId
                Assert-Equal 'InvalidArgument' ([string]$_.CategoryInfo.Category)
                Assert-Match $_.Exception.Message '-Simulate'
            }
            try { Test-TlsReadyEndpoint -ComputerName (Endpoint dhe_1024) -Clients -Simulate -ClientId nobody; throw 'no error' } catch {
                Assert-Match $_.FullyQualifiedErrorId '^TlsReady\.ClientImpact\.TLSR_ERR_INVALID_ARGUMENT'
                Assert-Match $_.Exception.Message 'nobody'
            }
        }
    }

    Describe 'progress and cancellation' {
        function New-ModuleShell {
            # The module imported by the session state, so the command under test is the only statement: a
            # batch of statements appends its stop to the error stream on a pool thread, racing the Dispose
            # after a Stop() (an unhandled PSInvalidOperationException that took the test host down).
            $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
            $iss.ImportPSModule([string[]]@($manifest))
            [powershell]::Create($iss)
        }

        It 'writes progress records while it scans' {
            $ps = New-ModuleShell
            try {
                $null = $ps.AddCommand('Test-TlsReadyEndpoint').AddParameter('ComputerName', @((Endpoint tls13_only), (Endpoint hostile_refused))).AddParameter('ErrorAction', 'SilentlyContinue')
                $out = $ps.Invoke()
                Assert-Equal 2 $out.Count
                $progress = @($ps.Streams.Progress)
                Assert-True ($progress.Count -ge 2) "$($progress.Count) progress records"
                Assert-Equal 'Test-TlsReadyEndpoint' $progress[0].Activity
                Assert-Equal 'Completed' ([string]$progress[-1].RecordType)
            } finally { $ps.Dispose() }
        }

        It 'stops within a second on Ctrl-C (StopProcessing) and keeps the results that finished' {
            $ps = New-ModuleShell
            $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
            try {
                $null = $ps.AddCommand('Test-TlsReadyEndpoint').AddParameter('ComputerName', @((Endpoint tls13_only), (Endpoint tarpit_drip))).AddParameter('TimeoutSec', 30).AddParameter('ErrorAction', 'SilentlyContinue')
                $noInput = [System.Management.Automation.PSDataCollection[psobject]]::new()
                $noInput.Complete()
                $async = $ps.BeginInvoke($noInput, $output)
                $deadline = [datetime]::UtcNow.AddSeconds(20)
                while ($output.Count -lt 1 -and [datetime]::UtcNow -lt $deadline) { [System.Threading.Thread]::Sleep(50) }
                Assert-Equal 1 $output.Count 'the quick endpoint finished'
                Assert-Equal $false $async.IsCompleted 'the tarpit is still being scanned'
                $watch = [System.Diagnostics.Stopwatch]::StartNew()
                $ps.Stop()
                $watch.Stop()
                Assert-True ($watch.ElapsedMilliseconds -lt 1000) "Stop took $($watch.ElapsedMilliseconds) ms"
                Assert-Equal 'Stopped' ([string]$ps.InvocationStateInfo.State)
                Assert-Equal 1 $output.Count
                Assert-Equal (Endpoint tls13_only) $output[0].Endpoint
            } finally { $ps.Dispose() }
        }
    }
} finally {
    Stop-TestLab
}
