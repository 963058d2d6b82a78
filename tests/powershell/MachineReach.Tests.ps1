# Get-TlsReadyLocalPolicy -Against in the real engine: the report carries MachineReach (the
# machine-reach document of tlsr_machine_reach, the one Python and the CLI give) with typed stacks;
# the answers of tests/data/machine_reach/m365_expected.json; a policy without server_side is a
# terminating InvalidArgument error naming it.
Set-StrictMode -Version Latest
$moduleDir = if ($env:TLSREADY_PS_MODULE) { $env:TLSREADY_PS_MODULE } else { [System.IO.Path]::GetFullPath("$PSScriptRoot/../../build/powershell/TlsReady") }
Import-Module ([System.IO.Path]::Combine($moduleDir, 'TlsReady.psd1')) -Force
$data = [System.IO.Path]::GetFullPath("$PSScriptRoot/../data")
$win7 = [System.IO.Path]::Combine($data, 'reg', 'scenarios', 'win7_sp1_untouched.reg')
$remediated = [System.IO.Path]::Combine($data, 'reg', 'scenarios', 'win7_sp1_remediated.reg')
$expected = [System.Text.Json.JsonDocument]::Parse([System.IO.File]::ReadAllText([System.IO.Path]::Combine($data, 'machine_reach', 'm365_expected.json'))).RootElement

function Expected-Reaches([string]$Fixture) {
    $answers = @{}
    foreach ($scenario in $expected.GetProperty('scenarios').EnumerateArray()) {
        if ($scenario.GetProperty('fixture').GetString() -ne $Fixture) { continue }
        foreach ($stack in $scenario.GetProperty('stacks').EnumerateObject()) {
            $answers[$stack.Name] = $stack.Value.GetProperty('reaches').ValueKind -eq [System.Text.Json.JsonValueKind]::True
        }
    }
    $answers
}

Describe 'Get-TlsReadyLocalPolicy -Against' {
    It 'adds a typed MachineReach with the expected answer per stack for untouched Windows 7' {
        $report = Get-TlsReadyLocalPolicy -Path $win7 -Against m365
        Assert-Equal 'TlsReady.LocalPolicyReport' $report.PSObject.TypeNames[0]
        $reach = $report.MachineReach
        Assert-Equal 'TlsReady.MachineReach' $reach.PSObject.TypeNames[0]
        Assert-Equal 'm365' $reach.Policy.Id
        $answers = Expected-Reaches 'reg/scenarios/win7_sp1_untouched.reg'
        Assert-Equal $answers.Count @($reach.Stacks).Count
        foreach ($stack in $reach.Stacks) {
            Assert-True ($answers.ContainsKey($stack.Id)) "unexpected stack $($stack.Id)"
            Assert-Equal $answers[$stack.Id] ($stack.Reaches -eq $true) "$($stack.Id): $($stack.Detail)"
        }
        $dotnet = $reach.Stacks | Where-Object Id -eq 'dotnet-4.0-32bit'
        Assert-Equal 'no_common_version' $dotnet.Reason
        Assert-Match $dotnet.Fix 'HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\\.NETFramework\\v4\.0\.30319'
        Assert-True ($reach.Summary.Fail -gt 0)
        Assert-Match $reach.Summary.Line '^machine reach m365: '
        Assert-Match $reach.Json '"schema_version":"1.0"'
    }

    It 'says every stack of remediated Windows 7 reaches Microsoft 365' {
        $reach = (Get-TlsReadyLocalPolicy -Path $remediated -Against m365).MachineReach
        Assert-Equal $true $reach.Summary.AllReach
        foreach ($stack in $reach.Stacks) { Assert-Equal 'TLSv1.2' $stack.Version $stack.Id }
    }

    It 'leaves the report without MachineReach when -Against is not given' {
        $report = Get-TlsReadyLocalPolicy -Path $win7
        Assert-Equal $null $report.PSObject.Properties['MachineReach']
    }

    It 'shows the stacks as a table (Stack, Reaches, Version, Suite, FailingRule, Fix) and the reach as a list' {
        # the engine here has no Out-String (Microsoft.PowerShell.Utility): Out-Host, read from the host
        $reach = (Get-TlsReadyLocalPolicy -Path $win7 -Against m365).MachineReach
        Assert-Equal 'TlsReady.StackReach' @($reach.Stacks)[0].PSObject.TypeNames[0]
        $TlsReadyTestHost.Clear()
        $reach.Stacks | Out-Host
        $lines = @($TlsReadyTestHost.HostLines() | ForEach-Object { $_ -replace "`e\[[0-9;]*m", '' })
        $text = $lines -join "`n"
        Assert-Equal 1 @($lines | Where-Object { $_ -match '^Stack\s+Reaches\s+Version\s+Suite\s+FailingRule\s+Fix\s*$' }).Count $text
        Assert-Equal 1 @($lines | Where-Object { $_ -match '^dotnet-4\.0-32bit\s+False\s+no_common_version\s+\S' }).Count $text
        Assert-Equal 1 @($lines | Where-Object { $_ -match '^dotnet-4\.6-64bit\s+True\s+TLSv1\.2\s+TLS_ECDHE_RSA_WITH_AES_\S+' }).Count $text
        Assert-Equal @($reach.Stacks).Count @($lines | Where-Object { $_ -match '^[a-z0-9.-]+\s+(True|False|unknown)\s' }).Count $text

        $TlsReadyTestHost.Clear()
        $reach | Out-Host
        $lines = @($TlsReadyTestHost.HostLines() | ForEach-Object { $_ -replace "`e\[[0-9;]*m", '' })
        $text = $lines -join "`n"
        Assert-Equal 1 @($lines | Where-Object { $_ -match '^Policy\s+: m365$' }).Count $text
        Assert-Equal 1 @($lines | Where-Object { $_ -match '^AllReach\s+: False$' }).Count $text
        Assert-Equal 1 @($lines | Where-Object { $_ -match '^Summary\s+: machine reach m365: ' }).Count $text
        $notReaching = @($reach.Stacks | Where-Object Reaches -eq $false | ForEach-Object Id) -join ', '
        Assert-True ($text.Contains("NotReaching : $notReaching") -or $text -match ('NotReaching\s+: ' + [regex]::Escape($notReaching.Substring(0, 20)))) $text
    }

    It 'fails with InvalidArgument for a policy without server_side' {
        try { Get-TlsReadyLocalPolicy -Path $win7 -Against pci-dss; throw 'no error' } catch {
            Assert-Equal 'InvalidArgument' ([string]$_.CategoryInfo.Category)
            Assert-Match $_.Exception.Message 'server_side'
        }
    }
}
