# One lab endpoint and one `reg export` file through the PowerShell module and through the Python
# package give the same documents, timings and dates aside (lib/cross_front.py compares them); so do
# the machine reach of every reg scenario and Linux root against m365, and the client impact (and,
# where the module has -Simulate, the simulated client impact) of lab endpoints. The
# module's Json is the C library's string as tlsr_scan_next / tlsr_policy_audit_files handed it out,
# so this is also the C ABI against Python (tests/python pins the C ABI against Python as well).
# Needs the package in .venv (tests/python/install_venv.sh; tests/run_all.sh builds it before this
# step) or $env:TLSREADY_PYTHON.
Set-StrictMode -Version Latest
$repo = [System.IO.Path]::GetFullPath("$PSScriptRoot/../..")
$moduleDir = if ($env:TLSREADY_PS_MODULE) { $env:TLSREADY_PS_MODULE } else { [System.IO.Path]::Combine($repo, 'build', 'powershell', 'TlsReady') }
Import-Module ([System.IO.Path]::Combine($moduleDir, 'TlsReady.psd1')) -Force
Import-Module "$PSScriptRoot/lib/Lab.psm1" -Force
$python = if ($env:TLSREADY_PYTHON) { $env:TLSREADY_PYTHON } else { [System.IO.Path]::Combine($repo, '.venv', 'bin', 'python') }
if (-not [System.IO.File]::Exists($python)) { throw "no Python with tlsready at ${python}: run tests/python/install_venv.sh (or set TLSREADY_PYTHON)" }

function Invoke-CrossFront([string[]]$Arguments) {
    $info = [System.Diagnostics.ProcessStartInfo]::new($python)
    $info.ArgumentList.Add([System.IO.Path]::Combine($PSScriptRoot, 'lib', 'cross_front.py'))
    foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($info)
    $out = $process.StandardOutput.ReadToEnd()
    $err = $process.StandardError.ReadToEnd()
    $process.WaitForExit()
    "$out$err".Trim()
}

function Save-Document([string]$Json) {
    $path = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "tlsready-cross-$PID-$([guid]::NewGuid().ToString('N')).json")
    [System.IO.File]::WriteAllText($path, $Json)
    $path
}

$lab = Start-TestLab -Only 'tls12_13_server_pref', 'hostile_reset', 'tls10_12_client_pref', 'dhe_1024'
$data = [System.IO.Path]::Combine($repo, 'tests', 'data')
try {
    Describe 'PowerShell and Python give the same documents' {
        It 'for a reg export file, with and without -OSVersion' {
            $reg = [System.IO.Path]::Combine($repo, 'tests', 'data', 'reg', 'scenarios', 'server2012r2_legacy.reg')
            $file = Save-Document (Get-TlsReadyLocalPolicy -Path $reg).Json
            try { Assert-Equal 'same' (Invoke-CrossFront @('policy', $file, $reg)) } finally { [System.IO.File]::Delete($file) }
            $file = Save-Document (Get-TlsReadyLocalPolicy -Path $reg -OSVersion win7).Json
            try { Assert-Equal 'same' (Invoke-CrossFront @('policy', $file, $reg, '--os-version', 'win7')) } finally { [System.IO.File]::Delete($file) }
        }

        It 'for a lab endpoint (and for one that resets the connection)' {
            foreach ($name in 'tls12_13_server_pref', 'hostile_reset') {
                $e = $lab.Endpoints[$name]
                $target = "$($e.Host):$($e.Port)"
                $result = Test-TlsReadyEndpoint -ComputerName $target -ServerName localhost -CaFile $lab.CaFile -TimeoutSec 3 -ErrorAction SilentlyContinue
                $file = Save-Document $result.Json
                try {
                    Assert-Equal 'same' (Invoke-CrossFront @('scan', $file, $target, '--sni', 'localhost', '--ca-file', $lab.CaFile, '--timeout', '3')) $name
                } finally { [System.IO.File]::Delete($file) }
            }
        }
    }

    Describe 'Machine reach: Get-TlsReadyLocalPolicy -Against m365 and tlsready.machine_reach give the same document' {
        It 'for every tests/data/reg scenario and Linux root of m365_expected.json' {
            # the document has no timing or date field: compared whole
            $expected = [System.Text.Json.JsonDocument]::Parse([System.IO.File]::ReadAllText([System.IO.Path]::Combine($data, 'machine_reach', 'm365_expected.json'))).RootElement
            $items = [System.Collections.Generic.List[System.Collections.Generic.Dictionary[string, string]]]::new()
            $kinds = @{ reg = 0; linux = 0 }
            foreach ($scenario in $expected.GetProperty('scenarios').EnumerateArray()) {
                $fixture = [System.IO.Path]::Combine($data, $scenario.GetProperty('fixture').GetString())
                if ($fixture.EndsWith('.reg')) {
                    $report = Get-TlsReadyLocalPolicy -Path $fixture -Against m365
                    $kinds.reg++
                } else {
                    $report = Get-TlsReadyLocalPolicy -Root $fixture -Against m365
                    $kinds.linux++
                }
                Assert-Equal 'TlsReady.MachineReach' $report.MachineReach.PSObject.TypeNames[0] $fixture
                $item = [System.Collections.Generic.Dictionary[string, string]]::new()
                $item['fixture'] = $fixture
                $item['document'] = $report.MachineReach.Json
                $items.Add($item)
            }
            Assert-True ($kinds.reg -ge 10 -and $kinds.linux -ge 12) "fixtures: $($kinds.reg) reg, $($kinds.linux) Linux roots"
            $file = Save-Document ([System.Text.Json.JsonSerializer]::Serialize($items, $items.GetType()))
            try { Assert-Equal 'same' (Invoke-CrossFront @('machine-reach', $file)) } finally { [System.IO.File]::Delete($file) }
        }
    }

    Describe 'Client impact: Test-TlsReadyEndpoint -Clients and tlsready.client_impact give the same document' {
        It 'for lab endpoints, with a what-if and with chosen clients' {
            # the forecast of the scan document the PowerShell result carries: no timing field, compared whole
            foreach ($case in @(
                    @{ Name = 'tls10_12_client_pref'; WhatIf = 'no-tls10,no-tls11'; Clients = $null },
                    @{ Name = 'dhe_1024'; WhatIf = 'no-3des'; Clients = @('java-6u45', 'java-7u25', 'openssl-3', 'ie-11-win7') })) {
                $e = $lab.Endpoints[$case.Name]
                $parameters = @{ ComputerName = "$($e.Host):$($e.Port)"; TimeoutSec = 3; Clients = $true; ClientWhatIf = $case.WhatIf }
                if ($case.Clients) { $parameters.ClientId = $case.Clients }
                $result = Test-TlsReadyEndpoint @parameters
                Assert-Equal $null $result.ErrorKind $case.Name
                $scan = Save-Document $result.Json
                $impact = Save-Document $result.ClientImpact.Json
                $arguments = @('client-impact', $impact, $scan, '--what-if', $case.WhatIf)
                if ($case.Clients) { $arguments += @('--clients', ($case.Clients -join ',')) }
                try { Assert-Equal 'same' (Invoke-CrossFront $arguments) $case.Name } finally { [System.IO.File]::Delete($scan); [System.IO.File]::Delete($impact) }
            }
        }
    }

    # The simulated client impact in PowerShell is Test-TlsReadyEndpoint -Clients -Simulate (the
    # simulation through tlsr_simulate_clients_cancellable); this block runs where the module has it.
    if ((Get-Command Test-TlsReadyEndpoint).Parameters.ContainsKey('Simulate')) {
        Describe 'Client simulation: Test-TlsReadyEndpoint -Clients -Simulate and tlsready.simulate_clients give the same document' {
            It 'for lab endpoints, simulation.elapsed_ms aside' {
                # elapsed_ms is the wall-clock time of that run's connections; outcomes, sources and
                # the connection counts must match
                foreach ($name in 'tls10_12_client_pref', 'dhe_1024') {
                    $e = $lab.Endpoints[$name]
                    $result = Test-TlsReadyEndpoint -ComputerName "$($e.Host):$($e.Port)" -TimeoutSec 5 -Clients -Simulate -ClientWhatIf 'no-tls10,no-tls11'
                    Assert-True ($result.ClientImpact.Json -match '"simulation":\{') "$name has no simulation object"
                    $scan = Save-Document $result.Json
                    $impact = Save-Document $result.ClientImpact.Json
                    try {
                        Assert-Equal 'same' (Invoke-CrossFront @('simulate', $impact, $scan, '--what-if', 'no-tls10,no-tls11', '--timeout', '5')) $name
                    } finally { [System.IO.File]::Delete($scan); [System.IO.File]::Delete($impact) }
                }
            }
        }
    }
} finally {
    Stop-TestLab
}
