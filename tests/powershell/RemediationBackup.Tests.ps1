# The backup a generated remediation script writes before it changes anything (-BackupPath), run in
# the real engine against a fake registry: the provider cmdlets the script calls are defined here
# over a hashtable, Get-Item returns an object with the RegistryKey methods the script uses.
# The script is tests/data/reg/remediation/weak_dh_1024.ps1, kept identical to what tlsready
# generates for tests/data/reg/scenarios/weak_dh_1024.reg by tests/python/test_remediation_powershell.py.
Set-StrictMode -Version Latest

$script:Remediation = [System.IO.Path]::Combine($PSScriptRoot, '..', 'data', 'reg', 'remediation', 'weak_dh_1024.ps1')
$script:Kex = 'SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL\KeyExchangeAlgorithms'

function New-FakeKey([string]$Path) {
    $key = [pscustomobject]@{ Path = $Path; Values = @{} }
    $key.PSObject.Methods.Add([System.Management.Automation.PSScriptMethod]::new('GetValueNames', { @($this.Values.Keys) }))
    $key.PSObject.Methods.Add([System.Management.Automation.PSScriptMethod]::new('GetValueKind', { param($Name) $this.Values[$Name].Kind }))
    $key.PSObject.Methods.Add([System.Management.Automation.PSScriptMethod]::new('GetValue', { param($Name, $Default, $Options) $this.Values[$Name].Data }))
    $key
}

function Test-Path([string]$LiteralPath) { $global:TlsReadyFakeRegistry.ContainsKey($LiteralPath) }
function Get-Item([string]$LiteralPath) { $global:TlsReadyFakeRegistry[$LiteralPath] }
function New-Item([string]$Path, [switch]$Force, [switch]$Confirm) { $global:TlsReadyFakeRegistry[$Path] = New-FakeKey $Path }
function New-ItemProperty([string]$LiteralPath, [string]$Name, [string]$PropertyType, [object]$Value, [switch]$Force, [switch]$Confirm) {
    $global:TlsReadyFakeRegistry[$LiteralPath].Values[$Name] = @{ Kind = $PropertyType; Data = $Value }
}

function Import-Fixer {
    # ConvertTo-TlsReadyRegData from the generated script, defined here (its AST, not a copy)
    $errors = $null
    $ast = [System.Management.Automation.Language.Parser]::ParseFile($script:Remediation, [ref]$null, [ref]$errors)
    Assert-Equal 0 @($errors).Count
    $ast.Find({ param($a) $a -is [System.Management.Automation.Language.FunctionDefinitionAst] -and $a.Name -eq 'ConvertTo-TlsReadyRegData' }, $true)
}

Describe 'remediation backup' {
    It 'saves each value as found, before changing it, in a .reg file that restores it' {
        $global:TlsReadyFakeRegistry = [System.Collections.Hashtable]::new([System.StringComparer]::OrdinalIgnoreCase)
        $dh = "HKLM:\$script:Kex\Diffie-Hellman"
        $global:TlsReadyFakeRegistry[$dh] = New-FakeKey $dh
        $global:TlsReadyFakeRegistry[$dh].Values['ServerMinKeyBitLength'] = @{ Kind = 'DWord'; Data = [int32]1024 }
        $backup = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "tlsready-backup-test-$PID.reg")
        [System.IO.File]::Delete($backup)
        try {
            & $script:Remediation -Confirm:$false -BackupPath $backup -NoRestartWarning 3>$null
            Assert-Equal 2048 $global:TlsReadyFakeRegistry[$dh].Values['ServerMinKeyBitLength'].Data
            $bytes = [System.IO.File]::ReadAllBytes($backup)
            Assert-Equal 0xFF $bytes[0]
            Assert-Equal 0xFE $bytes[1]
            $text = [System.IO.File]::ReadAllText($backup)
            Assert-Match $text '^Windows Registry Editor Version 5\.00\r\n'
            $key = "HKEY_LOCAL_MACHINE\$script:Kex"
            Assert-True $text.Contains("[$key\Diffie-Hellman]`r`n`"ServerMinKeyBitLength`"=dword:00000400`r`n") 'the value as found'
            Assert-True $text.Contains("[$key\Diffie-Hellman]`r`n`"ClientMinKeyBitLength`"=-`r`n") 'a value that did not exist is deleted'
            Assert-True $text.Contains("[-$key\PKCS]`r`n") 'a key that did not exist is removed'
            Assert-True (-not $text.Contains("`"ClientMinKeyBitLength`"=dword:00000800")) 'never the new value'
        } finally {
            [System.IO.File]::Delete($backup)
            $global:TlsReadyFakeRegistry = $null
        }
    }

    It 'writes no backup under -WhatIf' {
        $global:TlsReadyFakeRegistry = [System.Collections.Hashtable]::new([System.StringComparer]::OrdinalIgnoreCase)
        $backup = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "tlsready-backup-whatif-$PID.reg")
        [System.IO.File]::Delete($backup)
        try {
            & $script:Remediation -WhatIf -BackupPath $backup
            Assert-True (-not ([System.IO.File]::Exists($backup))) 'a backup was written under -WhatIf'
            Assert-Equal 0 $global:TlsReadyFakeRegistry.Count
        } finally {
            $global:TlsReadyFakeRegistry = $null
        }
    }

    It 'writes every value type in .reg syntax, exactly' {
        . ([scriptblock]::Create((Import-Fixer).Extent.Text))
        Assert-Equal '-' (ConvertTo-TlsReadyRegData $null $null)
        Assert-Equal 'dword:00000400' (ConvertTo-TlsReadyRegData 'DWord' ([int32]1024))
        Assert-Equal 'dword:ffffffff' (ConvertTo-TlsReadyRegData 'DWord' ([int32]-1))
        Assert-Equal '"a\\b\"c"' (ConvertTo-TlsReadyRegData 'String' 'a\b"c')
        Assert-Equal 'hex(1):e9,00,00,00' (ConvertTo-TlsReadyRegData 'String' ([string][char]0xE9))
        Assert-Equal 'hex(2):25,00,00,00' (ConvertTo-TlsReadyRegData 'ExpandString' '%')
        Assert-Equal 'hex(7):61,00,00,00,62,00,00,00,00,00' (ConvertTo-TlsReadyRegData 'MultiString' ([string[]]@('a', 'b')))
        Assert-Equal 'hex(b):01,00,00,00,00,00,00,00' (ConvertTo-TlsReadyRegData 'QWord' ([int64]1))
        Assert-Equal 'hex:01,02' (ConvertTo-TlsReadyRegData 'Binary' ([byte[]](1, 2)))
    }
}
