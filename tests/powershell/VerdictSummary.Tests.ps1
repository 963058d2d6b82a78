# Measure-TlsReadyVerdict and Measure-TlsReadyClientImpact in the real engine against the lab (loopback only): the summary across many
# endpoints (ready / not ready counts, top findings) from Get-TlsReadyVerdict or Test-TlsReadyEndpoint
# -Policy, its list view, and the same verdict_summary document as the Python package's
# (tlsready.verdict_summary of tlsready.verdicts of the same scan documents; lib/cross_front.py);
# which clients fail or would break where, the same client_impact_summary as tlsready.client_impact_summary.
Set-StrictMode -Version Latest
$repo = [System.IO.Path]::GetFullPath("$PSScriptRoot/../..")
$moduleDir = if ($env:TLSREADY_PS_MODULE) { $env:TLSREADY_PS_MODULE } else { [System.IO.Path]::Combine($repo, 'build', 'powershell', 'TlsReady') }
Import-Module ([System.IO.Path]::Combine($moduleDir, 'TlsReady.psd1')) -Force
Import-Module "$PSScriptRoot/lib/Lab.psm1" -Force
$python = if ($env:TLSREADY_PYTHON) { $env:TLSREADY_PYTHON } else { [System.IO.Path]::Combine($repo, '.venv', 'bin', 'python') }

$names = 'tls13_only', 'tls10_12_client_pref', 'dhe_1024', 'tls10_legacy_3des_rc4'
$lab = Start-TestLab -Only $names
function Endpoint([string]$Name) { $e = $lab.Endpoints[$Name]; "$($e.Host):$($e.Port)" }

try {
    $results = @($names | ForEach-Object { Endpoint $_ } | Test-TlsReadyEndpoint -TimeoutSec 3 -Policy m365)

    Describe 'Measure-TlsReadyVerdict' {
        It 'counts ready and not-ready endpoints and ranks the top findings' {
            $summary = $results | Measure-TlsReadyVerdict
            Assert-Equal 'TlsReady.VerdictSummary' $summary.PSObject.TypeNames[0]
            Assert-Equal 4 $summary.Endpoints
            Assert-Equal @('m365') @($summary.Policies)
            $r = $summary.Readiness
            Assert-Equal 4 ($r.Ready + $r.ReadyWithWarnings + $r.NotReady + $r.Unknown)
            # TLS 1.0 and 3DES/RC4 are not ready for Microsoft 365; the verdicts say so one by one too
            $notReady = @($results | Where-Object { $_.Verdict.Readiness -eq 'not_ready' }).Count
            Assert-True ($notReady -ge 2) "not ready: $notReady"
            Assert-Equal $notReady $r.NotReady
            $top = @($summary.TopFindings)
            Assert-True ($top.Count -gt 0) 'no top findings'
            for ($i = 1; $i -lt $top.Count; $i++) { Assert-True ($top[$i - 1].Endpoints -ge $top[$i].Endpoints) 'top findings not most endpoints first' }
            Assert-Match $summary.Json '"document":"verdict_summary"'
        }

        It 'takes Get-TlsReadyVerdict output and verdict documents as text alike' {
            $verdicts = @($results | Get-TlsReadyVerdict m365)
            $fromObjects = $verdicts | Measure-TlsReadyVerdict
            $fromText = $verdicts | ForEach-Object { $_.Json } | Measure-TlsReadyVerdict
            Assert-Equal $fromObjects.Json $fromText.Json
            Assert-Equal ($results | Measure-TlsReadyVerdict).Json $fromObjects.Json
        }

        It 'writes a non-terminating error for an input that is not a verdict and summarises the rest' {
            $plain = Test-TlsReadyEndpoint -ComputerName (Endpoint tls13_only) -TimeoutSec 3
            $summary = @($results[0], $plain) | Measure-TlsReadyVerdict -ErrorVariable bad -ErrorAction SilentlyContinue
            Assert-Equal 1 $summary.Endpoints
            Assert-Equal 1 @($bad).Count
            Assert-Equal 'TlsReady.NotAVerdict,TlsReady.Commands.MeasureTlsReadyVerdictCommand' $bad[0].FullyQualifiedErrorId
            Assert-Match $bad[0].Exception.Message 'without -Policy it has no Verdict'
            Assert-Throws { 'not json' | Measure-TlsReadyVerdict } 'JSON'
        }

        It 'shows the summary as a list (Out-Host; the engine here has no Out-String)' {
            $TlsReadyTestHost.Clear()
            $results | Measure-TlsReadyVerdict | Out-Host
            $lines = @($TlsReadyTestHost.HostLines() | ForEach-Object { $_ -replace "`e\[[0-9;]*m", '' })
            $text = $lines -join "`n"
            foreach ($label in 'Policies\s+: m365', 'Endpoints\s+: 4', 'Ready\s+: \d', 'NotReady\s+: \d', 'TopFindings\s+: \S+ \(\d\)') {
                Assert-Equal 1 @($lines | Where-Object { $_ -match "^$label" }).Count "$label`n$text"
            }
        }

        It 'gives the same verdict_summary document as tlsready.verdict_summary of the same scans' {
            $tmp = [System.IO.Path]::GetTempPath()
            $scans = [System.IO.Path]::Combine($tmp, "tlsready-summary-$PID.jsonl")
            $mine = [System.IO.Path]::Combine($tmp, "tlsready-summary-$PID.json")
            [System.IO.File]::WriteAllLines($scans, [string[]]@($results | ForEach-Object { $_.Json }))
            [System.IO.File]::WriteAllText($mine, ($results | Measure-TlsReadyVerdict).Json)
            try {
                $info = [System.Diagnostics.ProcessStartInfo]::new($python)
                foreach ($a in @([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'cross_front.py'), 'verdict-summary', $mine, $scans, '--policy', 'm365')) { $info.ArgumentList.Add($a) }
                $info.RedirectStandardOutput = $true
                $info.RedirectStandardError = $true
                $process = [System.Diagnostics.Process]::Start($info)
                $out = $process.StandardOutput.ReadToEnd() + $process.StandardError.ReadToEnd()
                $process.WaitForExit()
                Assert-Equal 'same' $out.Trim()
            } finally {
                [System.IO.File]::Delete($scans)
                [System.IO.File]::Delete($mine)
            }
        }
    }

    function Invoke-CrossFront([string[]]$Arguments) {
        $info = [System.Diagnostics.ProcessStartInfo]::new($python)
        $info.ArgumentList.Add([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'cross_front.py'))
        foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
        $info.RedirectStandardOutput = $true
        $info.RedirectStandardError = $true
        $process = [System.Diagnostics.Process]::Start($info)
        $out = $process.StandardOutput.ReadToEnd() + $process.StandardError.ReadToEnd()
        $process.WaitForExit()
        $out.Trim()
    }

    Describe 'Measure-TlsReadyClientImpact' {
        It 'says which clients fail or would break where, after a what-if' {
            $summary = $results | Measure-TlsReadyClientImpact -ClientWhatIf 'no-tls10,no-tls11'
            Assert-Equal 'TlsReady.ClientImpactSummary' $summary.PSObject.TypeNames[0]
            Assert-Equal 4 @($summary.Endpoints).Count
            Assert-Equal @('no-tls10', 'no-tls11') @($summary.WhatIf)
            $ie = @($summary.Clients | Where-Object ClientId -eq 'ie-8-10-win7')[0]
            Assert-Equal 'TlsReady.ClientSummary' $ie.PSObject.TypeNames[0]
            Assert-True (@($ie.BreaksAt) -contains (Endpoint tls10_12_client_pref)) "ie-8-10-win7 breaks at: $($ie.BreaksAt)"
            Assert-True (@($ie.FailsAt) -contains (Endpoint tls13_only)) "ie-8-10-win7 fails at: $($ie.FailsAt)"
            $chrome = @($summary.Clients | Where-Object ClientId -eq 'chrome-137-win11')[0]
            Assert-Equal 0 @($chrome.BreaksAt).Count
        }

        It 'gives the same client_impact_summary document as tlsready.client_impact_summary' {
            $tmp = [System.IO.Path]::GetTempPath()
            $scans = [System.IO.Path]::Combine($tmp, "tlsready-clients-$PID.jsonl")
            $mine = [System.IO.Path]::Combine($tmp, "tlsready-clients-$PID.json")
            [System.IO.File]::WriteAllLines($scans, [string[]]@($results | ForEach-Object { $_.Json }))
            try {
                [System.IO.File]::WriteAllText($mine, ($results | Measure-TlsReadyClientImpact -ClientWhatIf 'no-tls10,no-tls11').Json)
                Assert-Equal 'same' (Invoke-CrossFront @('client-summary', $mine, $scans, '--what-if', 'no-tls10,no-tls11'))
                [System.IO.File]::WriteAllText($mine, ($results | ForEach-Object { $_.Json } | Measure-TlsReadyClientImpact -ClientId 'java-6u45', 'openssl-3').Json)
                Assert-Equal 'same' (Invoke-CrossFront @('client-summary', $mine, $scans, '--clients', 'java-6u45,openssl-3'))
            } finally {
                [System.IO.File]::Delete($scans)
                [System.IO.File]::Delete($mine)
            }
        }

        It 'shows the clients as a table and stops on an unknown change or client' {
            $TlsReadyTestHost.Clear()
            ($results | Measure-TlsReadyClientImpact -ClientId 'ie-8-10-win7', 'java-6u45' -ClientWhatIf 'no-tls10').Clients | Out-Host
            $lines = @($TlsReadyTestHost.HostLines() | ForEach-Object { $_ -replace "`e\[[0-9;]*m", '' })
            $text = $lines -join "`n"
            Assert-Equal 1 @($lines | Where-Object { $_ -match '^Client\s+FailsAt\s+BreaksAt\s+UnknownAt\s*$' }).Count $text
            Assert-Equal 1 @($lines | Where-Object { $_ -match '^ie-8-10-win7\s+\S' }).Count $text
            Assert-Throws { $results | Measure-TlsReadyClientImpact -ClientWhatIf 'no-tls99' } 'no-tls99'
            Assert-Throws { $results | Measure-TlsReadyClientImpact -ClientId 'nobody' } 'nobody'
            $summary = @($results[0], 42) | Measure-TlsReadyClientImpact -ErrorVariable bad -ErrorAction SilentlyContinue
            Assert-Equal 1 @($summary.Endpoints).Count
            Assert-Equal 'TlsReady.NotAnEndpointResult,TlsReady.Commands.MeasureTlsReadyClientImpactCommand' $bad[0].FullyQualifiedErrorId
        }
    }
} finally {
    Stop-TestLab
}
