# Checks of the hosted engine and of the harness itself (lib/Assert.psm1, the host's What-if capture),
# so that `run.sh run-tests` is exercised before the PowerShell module's own tests arrive.
# Only the language and Microsoft.PowerShell.Core are available here; see tests/powershell/README.md.
Set-StrictMode -Version Latest

Describe 'engine' {
    It 'is PowerShell 7' {
        Assert-Equal 7 $PSVersionTable.PSVersion.Major
        Assert-Equal 'Core' $PSVersionTable.PSEdition
    }

    It 'has the Core cmdlets, Get-Command and Get-Help among them' {
        $names = @(Get-Command -Module Microsoft.PowerShell.Core | ForEach-Object Name)
        foreach ($name in 'Get-Command', 'Get-Help', 'Import-Module', 'ForEach-Object', 'Where-Object') {
            Assert-True ($names -contains $name) "$name is missing"
        }
        Assert-Equal 'Cmdlet' ([string](Get-Command Get-Help).CommandType)
    }

    It 'reads comment-based help of a script file' {
        $path = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "tlsready-help-$PID.ps1")
        $text = "<#`n.SYNOPSIS`n    Says hello.`n.PARAMETER Name`n    Whom to greet.`n.EXAMPLE`n    .\hello.ps1 -Name World`n`n    Greets the world.`n#>`n[CmdletBinding()]`nparam([string]`$Name)`n`"hello `$Name`"`n"
        [System.IO.File]::WriteAllText($path, $text)
        try {
            $help = Get-Help -Name $path -Full
            Assert-Equal 'Says hello.' $help.Synopsis
            $example = @($help.examples.example)[0]
            Assert-Match $example.code 'hello\.ps1 -Name World'
            Assert-Match (@($example.remarks | ForEach-Object Text) -join ' ') 'Greets the world'
            Assert-Equal 'Whom to greet.' (@($help.parameters.parameter)[0].description | ForEach-Object Text)
            Assert-Equal 'hello World' (& $path -Name World)
        } finally {
            [System.IO.File]::Delete($path)
        }
    }

    It 'parses scripts and reports syntax errors' {
        $tokens = $null; $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseInput('if ($x) { ', [ref]$tokens, [ref]$errors)
        Assert-True ($errors.Count -gt 0)
        $null = [System.Management.Automation.Language.Parser]::ParseInput('if ($x) { 1 }', [ref]$tokens, [ref]$errors)
        Assert-Equal 0 $errors.Count
    }
}

Describe 'ShouldProcess in the host' {
    function Set-Thing {
        [CmdletBinding(SupportsShouldProcess, ConfirmImpact = 'High')]
        param([string]$Name)
        if ($PSCmdlet.ShouldProcess($Name, 'Set thing')) { "set $Name" }
    }

    It 'announces -WhatIf on the host UI and does not run the body' {
        $TlsReadyTestHost.Clear()
        $result = Set-Thing -Name 'HKLM:\SOFTWARE\Example' -WhatIf
        Assert-Equal $null $result
        Assert-Equal @('What if: Performing the operation "Set thing" on target "HKLM:\SOFTWARE\Example".') $TlsReadyTestHost.WhatIfLines()
    }

    It 'runs the body with -Confirm:$false' {
        Assert-Equal 'set x' (Set-Thing -Name x -Confirm:$false)
    }

    It 'refuses to prompt when nobody answers (run-tests has no keyboard)' {
        Assert-Throws { Set-Thing -Name x -Confirm } 'needs a user'
    }
}

Describe 'Assert helper' {
    It 'Assert-Equal compares case-sensitively and element by element' {
        Assert-Throws { Assert-Equal 'a' 'A' } 'expected'
        Assert-Throws { Assert-Equal @(1, 2) @(1, 3) } 'expected'
        Assert-Throws { Assert-Equal @(1, 2) @(1) } 'expected'
        Assert-Equal @(1, 2) @(1, 2)
    }

    It 'Assert-Throws fails when nothing is thrown' {
        Assert-Throws { Assert-Throws { 1 } } 'did not throw'
    }

    It 'Assert-True and Assert-Match fail on false and mismatch' {
        Assert-Throws { Assert-True $false } 'Assert-True failed'
        Assert-Throws { Assert-Match 'abc' '^b' } 'does not match'
    }
}
