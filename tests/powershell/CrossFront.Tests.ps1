# One lab endpoint and one `reg export` file through the PowerShell module and through the Python
# package give the same documents, timings and dates aside (lib/cross_front.py compares them). The
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

$lab = Start-TestLab -Only 'tls12_13_server_pref', 'hostile_reset'
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
} finally {
    Stop-TestLab
}
