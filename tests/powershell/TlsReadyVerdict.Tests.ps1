# Get-TlsReadyVerdict in the real engine: Test-TlsReadyEndpoint results judged on the pipeline
# (by property name Json), saved JSONL judged offline (-Path), typed verdicts, and errors for a bad
# policy (terminating) and a bad document (per item). Lab: loopback only.
Set-StrictMode -Version Latest
$moduleDir = if ($env:TLSREADY_PS_MODULE) { $env:TLSREADY_PS_MODULE } else { [System.IO.Path]::GetFullPath("$PSScriptRoot/../../build/powershell/TlsReady") }
Import-Module ([System.IO.Path]::Combine($moduleDir, 'TlsReady.psd1')) -Force
Import-Module "$PSScriptRoot/lib/Lab.psm1" -Force

$lab = Start-TestLab -Only 'tls10_legacy_3des_rc4', 'tls12_13_server_pref', 'dhe_1024', 'cbc_only'
function Endpoint([string]$Name) { $e = $lab.Endpoints[$Name]; "$($e.Host):$($e.Port)" }

try {
    $scans = @(Test-TlsReadyEndpoint -ComputerName (Endpoint tls10_legacy_3des_rc4), (Endpoint tls12_13_server_pref) -ServerName localhost -CaFile $lab.CaFile -TimeoutSec 3)

    Describe 'Get-TlsReadyVerdict' {
        It 'judges pipeline results against m365 with typed findings' {
            $verdicts = @($scans | Get-TlsReadyVerdict m365)
            Assert-Equal 2 $verdicts.Count
            foreach ($v in $verdicts) { Assert-Equal 'TlsReady.Verdict' $v.PSObject.TypeNames[0] }
            $legacy = $verdicts | Where-Object Subject -eq (Endpoint tls10_legacy_3des_rc4)
            Assert-Equal 'not_ready' $legacy.Readiness
            $ids = @($legacy.Findings | ForEach-Object Id)
            Assert-True ($ids -contains 'ENDPOINT-3DES-ACCEPTED') ($ids -join ', ')
            Assert-True ($ids -contains 'ENDPOINT-TLS10-TLS11-ACCEPTED') ($ids -join ', ')
            $modern = $verdicts | Where-Object Subject -eq (Endpoint tls12_13_server_pref)
            Assert-Equal 'ready_with_warnings' $modern.Readiness
            Assert-Match $modern.Json '"document":"verdict"'
        }

        It 'judges saved JSONL offline with -Path' {
            $file = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "tlsready-ps-verdict-$PID.jsonl")
            try {
                [System.IO.File]::WriteAllLines($file, [string[]]@($scans | ForEach-Object Json))
                $verdicts = @(Get-TlsReadyVerdict mozilla-intermediate -Path $file)
                Assert-Equal 2 $verdicts.Count
                Assert-Equal 'not_ready' ($verdicts | Where-Object Subject -eq (Endpoint tls10_legacy_3des_rc4)).Readiness
            } finally { [System.IO.File]::Delete($file) }
        }

        It 'puts a typed Verdict on Test-TlsReadyEndpoint results with -Policy' {
            $r = @(Test-TlsReadyEndpoint -ComputerName (Endpoint tls10_legacy_3des_rc4) -ServerName localhost -CaFile $lab.CaFile -TimeoutSec 3 -Policy m365)
            Assert-Equal 1 $r.Count
            Assert-Equal 'TlsReady.Verdict' $r[0].Verdict.PSObject.TypeNames[0]
            Assert-Equal 'not_ready' $r[0].Verdict.Readiness
            Assert-True (@($r[0].Verdict.Findings | ForEach-Object Id) -contains 'ENDPOINT-3DES-ACCEPTED')
        }

        It 'forecasts who fails with -Clients: the verdict''s clients section, offline' {
            # dhe_1024: DHE with a 1024-bit group only; cbc_only: TLS 1.2 AES-CBC only, beyond Java 7 (tests/lab/endpoints.py)
            $saved = @(Test-TlsReadyEndpoint -ComputerName (Endpoint dhe_1024), (Endpoint cbc_only) -ServerName localhost -CaFile $lab.CaFile -TimeoutSec 3)
            $file = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "tlsready-ps-verdict-clients-$PID.jsonl")
            try {
                [System.IO.File]::WriteAllLines($file, [string[]]@($saved | ForEach-Object Json))
                foreach ($verdicts in @(@($saved | Get-TlsReadyVerdict m365 -Clients), @(Get-TlsReadyVerdict m365 -Path $file -Clients))) {
                    Assert-Equal 2 $verdicts.Count
                    $dhe = $verdicts | Where-Object Subject -eq (Endpoint dhe_1024)
                    $cbc = $verdicts | Where-Object Subject -eq (Endpoint cbc_only)
                    Assert-Equal 'TlsReady.ClientOutcome' @($dhe.Clients)[0].PSObject.TypeNames[0]
                    Assert-Equal @(Get-TlsReadyClientProfile).Count @($dhe.Clients).Count
                    Assert-Equal 'fails' ($dhe.Clients | Where-Object ClientId -eq 'openssl-3').Status
                    Assert-Equal 'dh_too_small' ($dhe.Clients | Where-Object ClientId -eq 'openssl-3').Reason
                    Assert-Equal 'connects' ($dhe.Clients | Where-Object ClientId -eq 'java-8u161').Status
                    Assert-Equal 'fails' ($cbc.Clients | Where-Object ClientId -eq 'java-7u25').Status
                    Assert-Equal 'no_common_version' ($cbc.Clients | Where-Object ClientId -eq 'java-7u25').Reason
                    Assert-Equal 'connects' ($cbc.Clients | Where-Object ClientId -eq 'openssl-3').Status
                    Assert-Match $dhe.Json ',"clients":\[\{.*\}\]\}$'
                }
                $only = @($saved | Get-TlsReadyVerdict m365 -Clients -ClientId openssl-3 -ClientWhatIf no-tls10)
                foreach ($v in $only) { Assert-Equal 'openssl-3' (@($v.Clients | ForEach-Object ClientId) -join ',') }
                $plain = @($saved | Get-TlsReadyVerdict m365)
                Assert-Equal $false ($plain[0].PSObject.Properties.Name -contains 'Clients')
            } finally { [System.IO.File]::Delete($file) }
        }

        It 'gives a typed error for -ClientId without -Clients and for an unknown client' {
            try { $scans | Get-TlsReadyVerdict m365 -ClientId openssl-3; throw 'no error' } catch {
                Assert-Equal 'TlsReady.ClientImpactWithoutClients,TlsReady.Commands.GetTlsReadyVerdictCommand' $_.FullyQualifiedErrorId
                Assert-Equal 'InvalidArgument' ([string]$_.CategoryInfo.Category)
            }
            try { $scans | Get-TlsReadyVerdict m365 -Clients -ClientId nobody; throw 'no error' } catch {
                Assert-Match $_.FullyQualifiedErrorId '^TlsReady\.ClientImpact\.TLSR_ERR_INVALID_ARGUMENT'
                Assert-Match $_.Exception.Message 'nobody'
            }
        }

        It 'stops on an unknown policy and names it' {
            Assert-Throws { $scans | Get-TlsReadyVerdict m366 -ErrorAction Stop } 'm366'
        }

        It 'gives a non-terminating error for a document that is not a scan' {
            $out = @([pscustomobject]@{ Json = '{}' } | Get-TlsReadyVerdict m365 -ErrorAction SilentlyContinue -ErrorVariable problems)
            Assert-Equal 0 $out.Count
            Assert-Equal 1 @($problems).Count
            Assert-Match ([string]$problems[0]) 'scan document'
        }
    }
} finally {
    Stop-TestLab
}
