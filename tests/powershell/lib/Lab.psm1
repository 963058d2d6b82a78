# The lab (tests/lab) for tests/powershell/*.Tests.ps1: the endpoints of $env:TLSREADY_LAB_DIR's
# lab.json (CI and tests/run_all.sh start one), or a lab of the endpoints asked for, started here
# in a temporary folder and stopped (and the folder removed) by Stop-TestLab (its watchdog also stops it when this process
# exits). Only loopback endpoints exist there.
Set-StrictMode -Version Latest

$script:OwnLab = $null

function Start-TestLab {
    param([Parameter(Mandatory)][string[]]$Only)
    $dir = $env:TLSREADY_LAB_DIR
    if (-not $dir) {
        $dir = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "tlsready-pslab-$PID")
        $repo = [System.IO.Path]::GetFullPath([System.IO.Path]::Combine($PSScriptRoot, '..', '..', '..'))
        $lab = [System.IO.Path]::Combine($repo, 'tests', 'lab', 'lab.py')
        Invoke-LabPy $lab @('start', '--dir', $dir, '--only', ($Only -join ','), '--owner-pid', "$PID", '--ttl', '900', '--quiet')
        $script:OwnLab = @($lab, $dir)
    }
    $json = [System.Text.Json.JsonDocument]::Parse([System.IO.File]::ReadAllText([System.IO.Path]::Combine($dir, 'lab.json')))
    $endpoints = @{}
    foreach ($e in $json.RootElement.GetProperty('endpoints').EnumerateArray()) {
        $endpoints[$e.GetProperty('name').GetString()] = [pscustomobject]@{
            Name = $e.GetProperty('name').GetString()
            Host = $e.GetProperty('host').GetString()
            Port = $e.GetProperty('port').GetInt32()
        }
    }
    foreach ($name in $Only) {
        if (-not $endpoints.ContainsKey($name)) { throw "the lab in $dir has no endpoint $name" }
    }
    [pscustomobject]@{
        Dir       = $dir
        CaFile    = $json.RootElement.GetProperty('ca_file').GetString()
        Endpoints = $endpoints
    }
}

function Stop-TestLab {
    if ($script:OwnLab) {
        Invoke-LabPy $script:OwnLab[0] @('stop', '--dir', $script:OwnLab[1])
        [System.IO.Directory]::Delete($script:OwnLab[1], $true)
        $script:OwnLab = $null
    }
}

function Invoke-LabPy([string]$Lab, [string[]]$Arguments) {
    $info = [System.Diagnostics.ProcessStartInfo]::new('python3')
    $info.ArgumentList.Add($Lab)
    foreach ($a in $Arguments) { $info.ArgumentList.Add($a) }
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($info)
    $err = $process.StandardError.ReadToEnd()
    $null = $process.StandardOutput.ReadToEnd()
    $process.WaitForExit()
    if ($process.ExitCode -ne 0) { throw "lab.py $($Arguments[0]) failed ($($process.ExitCode)): $err" }
}

Export-ModuleMember -Function Start-TestLab, Stop-TestLab
