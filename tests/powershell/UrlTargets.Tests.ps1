# Test-TlsReadyEndpoint with targets written as URLs, in the real engine against the lab: the native
# core parses them (native/src/probe/target_parse.cpp, schemes in native/data/url_schemes.csv), so
# PowerShell takes the spellings Python and the C ABI take, with the same messages.
Set-StrictMode -Version Latest
$moduleDir = if ($env:TLSREADY_PS_MODULE) { $env:TLSREADY_PS_MODULE } else { [System.IO.Path]::GetFullPath("$PSScriptRoot/../../build/powershell/TlsReady") }
Import-Module ([System.IO.Path]::Combine($moduleDir, 'TlsReady.psd1')) -Force
Import-Module "$PSScriptRoot/lib/Lab.psm1" -Force

$lab = Start-TestLab -Only 'tls13_only', 'smtp_starttls'

try {
    Describe 'URL targets' {
        It 'scans https://host:port/path as the endpoint at that port, TLS from the first byte' {
            $e = $lab.Endpoints['tls13_only']
            $r = Test-TlsReadyEndpoint "https://$($e.Host):$($e.Port)/some/path?q=1" -ServerName localhost -CaFile $lab.CaFile -TimeoutSec 3
            Assert-Equal $null $r.ErrorKind
            Assert-Equal $e.Port $r.Target.Port
            Assert-Equal 'none' $r.Target.StartTls
            Assert-Equal 'localhost' $r.Target.Sni
            Assert-Equal $true $r.Tls13
        }

        It 'speaks the STARTTLS dialogue the scheme names (smtp://)' {
            $e = $lab.Endpoints['smtp_starttls']
            $r = Test-TlsReadyEndpoint "smtp://$($e.Host):$($e.Port)" -ServerName localhost -CaFile $lab.CaFile -TimeoutSec 3
            Assert-Equal $null $r.ErrorKind
            Assert-Equal 'smtp' $r.Target.StartTls
            Assert-Equal $e.Port $r.Target.Port
        }

        It 'takes URLs from the pipeline by property name' {
            $e = $lab.Endpoints['tls13_only']
            $r = @([pscustomobject]@{ ComputerName = "HTTPS://127.0.0.1:$($e.Port)/" } | Test-TlsReadyEndpoint -TimeoutSec 3)
            Assert-Equal 1 $r.Count
            Assert-Equal $e.Port $r[0].Target.Port
        }

        It 'reports a bad URL as an InvalidTarget error naming it, with the native message, and scans the rest' {
            $e = $lab.Endpoints['tls13_only']
            $bad = $null
            $inputs = 'gopher://127.0.0.1', 'https://::1:443', 'https://127.0.0.1:0/', "https://127.0.0.1:$($e.Port)"
            $r = @(Test-TlsReadyEndpoint $inputs -TimeoutSec 3 -ErrorAction SilentlyContinue -ErrorVariable bad)
            Assert-Equal 1 $r.Count
            Assert-Equal $e.Port $r[0].Target.Port
            Assert-Equal 3 @($bad).Count
            $byTarget = @{}
            foreach ($record in $bad) {
                Assert-Match $record.FullyQualifiedErrorId '^TlsReady\.InvalidTarget'
                Assert-Equal 'InvalidArgument' ([string]$record.CategoryInfo.Category)
                $byTarget[[string]$record.TargetObject] = $record.Exception.Message
            }
            # The same words as tests/native/probe/target_parse_test.cpp and tests/python/test_scan_url_targets.py.
            Assert-Match $byTarget['gopher://127.0.0.1'] ([regex]::Escape('target "gopher://127.0.0.1": unknown scheme "gopher" (known: https, smtp, submission, smtps, imap, imaps, pop3, pop3s, ftp, ftps, ldap, ldaps, postgres, postgresql)'))
            Assert-Match $byTarget['https://::1:443'] ([regex]::Escape('target "https://::1:443": write an IPv6 address in brackets, like "https://[::1]:443"'))
            Assert-Match $byTarget['https://127.0.0.1:0/'] ([regex]::Escape('target "https://127.0.0.1:0/": port must be 1..65535, got "0"'))
        }

        It 'refuses a -StartTls that contradicts the URL' {
            $bad = $null
            $r = @(Test-TlsReadyEndpoint 'imap://127.0.0.1:1' -StartTls Smtp -TimeoutSec 1 -ErrorAction SilentlyContinue -ErrorVariable bad)
            Assert-Equal 0 $r.Count
            Assert-Match @($bad)[0].Exception.Message ([regex]::Escape('target "imap://127.0.0.1:1" implies starttls "imap", but starttls "smtp" was given'))
        }
    }
}
finally {
    Stop-TestLab
}
