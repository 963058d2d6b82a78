# Get-TlsReadyCipherSuite, Get-TlsReadyLocalPolicy and Export-TlsReadyRemediation of the TlsReady
# module in the real engine: every parameter set, pipeline input by value and by property name,
# typed reports, serialization, -WhatIf, and the same remediation text as the Python package
# (tests/data/reg/remediation/weak_dh_1024.ps1 is kept identical to what it generates).
Set-StrictMode -Version Latest
$moduleDir = if ($env:TLSREADY_PS_MODULE) { $env:TLSREADY_PS_MODULE } else { [System.IO.Path]::GetFullPath("$PSScriptRoot/../../build/powershell/TlsReady") }
Import-Module ([System.IO.Path]::Combine($moduleDir, 'TlsReady.psd1')) -Force
$data = [System.IO.Path]::GetFullPath("$PSScriptRoot/../data")
$weakDh = [System.IO.Path]::Combine($data, 'reg', 'scenarios', 'weak_dh_1024.reg')
$expected = [System.Text.Json.JsonDocument]::Parse([System.IO.File]::ReadAllText([System.IO.Path]::ChangeExtension($weakDh, '.expected.json'))).RootElement
$expectedIds = @($expected.GetProperty('findings').EnumerateArray() | ForEach-Object { $_.GetString() })
function Ids($Report) { $ids = @($Report.Findings | ForEach-Object Id); [System.Array]::Sort($ids); , $ids }
function New-TempPath([string]$Extension) { [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "tlsready-ps-$PID-$([guid]::NewGuid().ToString('N'))$Extension") }

Describe 'Get-TlsReadyCipherSuite' {
    It 'lists the whole registry as TlsReady.CipherSuite objects with typed properties' {
        $all = @(Get-TlsReadyCipherSuite)
        Assert-True ($all.Count -gt 300) "$($all.Count) suites"
        $suite = $all | Where-Object Code -eq '0x1301'
        Assert-Equal 'TlsReady.CipherSuite' $suite.PSObject.TypeNames[0]
        Assert-Equal 'TLS_AES_128_GCM_SHA256' $suite.Name
        Assert-Equal 128 $suite.Bits
        Assert-True ($suite.Bits -is [int])
        Assert-Equal $true $suite.ForwardSecret
        Assert-Equal 0 @($suite.Weaknesses).Count
    }

    It 'filters -Name with wildcards, by IANA or OpenSSL name, case-insensitively' {
        $chacha = @(Get-TlsReadyCipherSuite -Name *chacha20*)
        Assert-True ($chacha.Count -ge 5)
        foreach ($s in $chacha) { Assert-Match $s.Name 'CHACHA20' }
        Assert-Equal 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' (Get-TlsReadyCipherSuite -Name ECDHE-RSA-AES128-GCM-SHA256).Name
        Assert-Equal 2 @(Get-TlsReadyCipherSuite -Name TLS_AES_128_GCM_SHA256, TLS_AES_256_GCM_SHA384).Count
    }

    It 'looks up -Code as hex or decimal, and by property name' {
        Assert-Equal 'TLS_RSA_WITH_3DES_EDE_CBC_SHA' (Get-TlsReadyCipherSuite -Code 0x000A).Name
        Assert-Equal 'TLS_AES_128_GCM_SHA256' (Get-TlsReadyCipherSuite -Code 4865).Name
        $names = @([pscustomobject]@{ Code = 0x1302 }, [pscustomobject]@{ Code = 0x1303 } | Get-TlsReadyCipherSuite | ForEach-Object Name)
        Assert-Equal @('TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256') $names
        $fromName = @([pscustomobject]@{ Name = 'TLS_AES_128_CCM_SHA256' } | Get-TlsReadyCipherSuite)
        Assert-Equal '0x1304' $fromName[0].Code
        Assert-Equal 'TLS_AES_128_GCM_SHA256' ('TLS_AES_128_GCM_SHA256' | Get-TlsReadyCipherSuite).Name
    }

    It 'filters -Protocol and -Weak' {
        $tls13 = @(Get-TlsReadyCipherSuite -Protocol TLSv1.3)
        foreach ($code in '0x1301', '0x1302', '0x1303', '0x1304', '0x1305') { Assert-True (@($tls13.Code) -contains $code) "$code is missing" }
        foreach ($s in $tls13) { Assert-Equal 'ANY' $s.KeyExchange "$($s.Name): TLS 1.3 suites name no key exchange (RFC 8446 B.4)" }
        Assert-Equal 0 @(Get-TlsReadyCipherSuite -Protocol TLSv1.2 | Where-Object KeyExchange -eq 'ANY').Count
        $tls10 = @(Get-TlsReadyCipherSuite -Protocol TLSv1.0 -Name *GCM*)
        Assert-Equal 0 $tls10.Count 'GCM suites are TLS 1.2 only (RFC 5288)'
        Assert-Equal @('TLSv1.2') @((Get-TlsReadyCipherSuite -Code 0xC02F).Protocols) 'the registry''s version range is a property'
        Assert-Equal @('SSLv3', 'TLSv1.0', 'TLSv1.1', 'TLSv1.2') @((Get-TlsReadyCipherSuite -Code 0x000A).Protocols)
        Assert-True (@(Get-TlsReadyCipherSuite -Protocol SSLv3).Code -contains '0x000A') 'SSLv3 suites are listed'
        $weak = @(Get-TlsReadyCipherSuite -Weak)
        Assert-True ($weak.Count -gt 100)
        foreach ($s in $weak) { Assert-Equal $true $s.Weak $s.Name }
        $weak13 = @(Get-TlsReadyCipherSuite -Protocol TLSv1.3 -Weak)
        Assert-Equal @('TLS_SHA256_SHA256', 'TLS_SHA384_SHA384') @($weak13.Name) 'the integrity-only suites of RFC 9150'
        foreach ($s in $weak13) { Assert-True (@($s.Weaknesses) -contains 'null_encryption') }
    }

    It 'reports an unknown name or code as ObjectNotFound, a bad code as a parameter error' {
        $missing = $null
        $r = Get-TlsReadyCipherSuite -Name TLS_NO_SUCH_SUITE -ErrorAction SilentlyContinue -ErrorVariable missing
        Assert-Equal $null $r
        Assert-Equal 'ObjectNotFound' ([string]$missing[0].CategoryInfo.Category)
        Assert-Equal 'TLS_NO_SUCH_SUITE' $missing[0].TargetObject
        Assert-Equal 0 @(Get-TlsReadyCipherSuite -Name TLS_NO_SUCH_*).Count 'a wildcard that matches nothing is no error'
        Assert-Throws { Get-TlsReadyCipherSuite -Code 0x10000 } 'range'
        Assert-Throws { Get-TlsReadyCipherSuite -Protocol TLSv9 } 'ValidateSet|does not belong'
    }
}

Describe 'Get-TlsReadyLocalPolicy' {
    It 'audits a reg export file (-Path) into a typed report with the corpus''s findings' {
        $report = Get-TlsReadyLocalPolicy -Path $weakDh
        Assert-Equal 'TlsReady.LocalPolicyReport' $report.PSObject.TypeNames[0]
        Assert-Equal 'windows' $report.Platform
        Assert-Equal $expectedIds (Ids $report)
        $finding = @($report.Findings)[0]
        Assert-Equal 'TlsReady.Finding' $finding.PSObject.TypeNames[0]
        Assert-True ($finding.Severity -in 'info', 'low', 'medium', 'high', 'critical')
        Assert-Equal 'TlsReady.Evidence' @($finding.Evidence)[0].PSObject.TypeNames[0]
        Assert-Equal 'TlsReady.RegistryChange' @($finding.RegistryChanges)[0].PSObject.TypeNames[0]
        Assert-True ($report.Summary.Medium -is [int])
        Assert-Equal $weakDh $report.AuditedPath
    }

    It 'takes files from the pipeline by property name (FullName, PSPath) and by value' {
        $byFullName = [pscustomobject]@{ FullName = $weakDh } | Get-TlsReadyLocalPolicy
        $byPSPath = [pscustomobject]@{ PSPath = "Microsoft.PowerShell.Core\FileSystem::$weakDh" } | Get-TlsReadyLocalPolicy
        $byFileInfo = [System.IO.FileInfo]::new($weakDh) | Get-TlsReadyLocalPolicy
        $byValue = $weakDh | Get-TlsReadyLocalPolicy
        foreach ($r in $byFullName, $byPSPath, $byFileInfo, $byValue) { Assert-Equal $expectedIds (Ids $r) }
        Assert-Equal $weakDh $byPSPath.AuditedPath
    }

    It 'applies -OSVersion over the version in the export' {
        $asIs = Get-TlsReadyLocalPolicy -Path $weakDh
        $win7 = Get-TlsReadyLocalPolicy -Path $weakDh -OSVersion win7
        Assert-True ($win7.Summary.High -gt $asIs.Summary.High) "win7: $($win7.Summary.High) high, as exported: $($asIs.Summary.High)"
    }

    It 'reports a missing file as ObjectNotFound and a bad -OSVersion as InvalidArgument' {
        $missing = $null
        $r = Get-TlsReadyLocalPolicy -Path ([System.IO.Path]::Combine($data, 'no-such-*.reg')) -ErrorAction SilentlyContinue -ErrorVariable missing
        Assert-Equal $null $r
        Assert-Equal 'ObjectNotFound' ([string]$missing[0].CategoryInfo.Category)
        $literal = [System.IO.Path]::Combine($data, 'no-such.reg')
        $r = Get-TlsReadyLocalPolicy -Path $weakDh, $literal -ErrorAction SilentlyContinue -ErrorVariable missing
        Assert-Equal 'ObjectNotFound' ([string]$missing[0].CategoryInfo.Category)
        Assert-Equal $literal $missing[0].TargetObject
        Assert-Equal $expectedIds (Ids $r) 'the files that exist are audited'
        try { Get-TlsReadyLocalPolicy -Path $weakDh -OSVersion 'windows 95' ; throw 'no error' } catch {
            Assert-Equal 'InvalidArgument' ([string]$_.CategoryInfo.Category)
            Assert-Match $_.FullyQualifiedErrorId '^TlsReady\.LocalPolicy\.TLSR_ERR_INVALID_ARGUMENT'
        }
    }

    It 'audits a Linux root (-Root)' {
        $report = Get-TlsReadyLocalPolicy -Root ([System.IO.Path]::Combine($data, 'linux_roots', 'rhel8_legacy'))
        Assert-Equal 'linux' $report.Platform
        $ids = Ids $report
        foreach ($id in 'CRYPTO-POLICY-LEGACY', 'JAVA-TLS10-REENABLED', 'OPENSSL-MINPROTOCOL-ALLOWS-TLS10') { Assert-True ($ids -contains $id) "$id missing from $($ids -join ', ')" }
    }

    It 'audits this machine without parameters' {
        $report = Get-TlsReadyLocalPolicy
        Assert-Equal 'TlsReady.LocalPolicyReport' $report.PSObject.TypeNames[0]
        Assert-Equal 'linux' $report.Platform
        Assert-Equal '/' $report.AuditedPath
    }

    It 'shows the default table of a report (platform, severities, findings, path)' {
        $TlsReadyTestHost.Clear()
        Get-TlsReadyLocalPolicy -Path $weakDh | Out-Host
        $lines = @($TlsReadyTestHost.HostLines() | ForEach-Object { $_ -replace "`e\[[0-9;]*m", '' })
        Assert-True (@($lines | Where-Object { $_ -match '^Platform\s+Critical\s+High\s+Medium\s+Low\s+Findings\s+AuditedPath' }).Count -eq 1) ($lines -join "`n")
        Assert-True (@($lines | Where-Object { $_ -match ('^windows\s+0\s+0\s+1\s+2\s+3\s+' + [regex]::Escape($weakDh)) }).Count -eq 1) ($lines -join "`n")
    }

    It 'survives PSSerializer with its findings and type names' {
        $report = Get-TlsReadyLocalPolicy -Path $weakDh
        $back = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($report, 6))
        Assert-Equal 'Deserialized.TlsReady.LocalPolicyReport' $back.PSObject.TypeNames[0]
        Assert-Equal 'Deserialized.TlsReady.Finding' @($back.Findings)[0].PSObject.TypeNames[0]
        Assert-Equal $expectedIds (Ids $back)
        Assert-Equal $report.Json $back.Json
    }
}

Describe 'Export-TlsReadyRemediation' {
    $report = Get-TlsReadyLocalPolicy -Path $weakDh
    $samplePs1 = [System.IO.File]::ReadAllText([System.IO.Path]::Combine($data, 'reg', 'remediation', 'weak_dh_1024.ps1'))

    It 'writes the text to the pipeline without -Path: Reg, UndoReg, PowerShell' {
        $reg = $report | Export-TlsReadyRemediation
        Assert-Match $reg '^Windows Registry Editor Version 5\.00'
        Assert-Match $reg 'Diffie-Hellman\]'
        $undo = $report | Export-TlsReadyRemediation -Format UndoReg
        Assert-Match $undo '^Windows Registry Editor Version 5\.00'
        Assert-True ($undo -ne $reg)
        Assert-Equal $samplePs1 ($report | Export-TlsReadyRemediation -Format PowerShell) 'the same script as the Python package generates'
    }

    It 'works on a deserialized report (remoting, Import-Clixml)' {
        $back = [System.Management.Automation.PSSerializer]::Deserialize([System.Management.Automation.PSSerializer]::Serialize($report))
        Assert-Equal $samplePs1 ($back | Export-TlsReadyRemediation -Format PowerShell)
    }

    It 'writes -Path: .reg as UTF-16LE with BOM, .ps1 as UTF-8 with BOM' {
        $regPath = New-TempPath '.reg'; $ps1Path = New-TempPath '.ps1'
        try {
            $out = $report | Export-TlsReadyRemediation -Format Reg -Path $regPath
            Assert-Equal $null $out
            $bytes = [System.IO.File]::ReadAllBytes($regPath)
            Assert-Equal @(0xFF, 0xFE) @($bytes[0], $bytes[1])
            Assert-Equal ($report | Export-TlsReadyRemediation) ([System.Text.Encoding]::Unicode.GetString($bytes, 2, $bytes.Length - 2))
            $report | Export-TlsReadyRemediation PowerShell $ps1Path
            $bytes = [System.IO.File]::ReadAllBytes($ps1Path)
            Assert-Equal @(0xEF, 0xBB, 0xBF) @($bytes[0], $bytes[1], $bytes[2])
            Assert-Equal $samplePs1 ([System.Text.Encoding]::UTF8.GetString($bytes, 3, $bytes.Length - 3))
        } finally {
            foreach ($p in $regPath, $ps1Path) { if ([System.IO.File]::Exists($p)) { [System.IO.File]::Delete($p) } }
        }
    }

    It 'writes nothing under -WhatIf and says what it would write' {
        $path = New-TempPath '.reg'
        $TlsReadyTestHost.Clear()
        $report | Export-TlsReadyRemediation -Format Reg -Path $path -WhatIf
        Assert-Equal $false ([System.IO.File]::Exists($path))
        $whatIf = @($TlsReadyTestHost.WhatIfLines())
        Assert-Equal 1 $whatIf.Count
        Assert-Match $whatIf[0] ([regex]::Escape($path))
    }

    It 'refuses input that is not a report (non-terminating, InvalidArgument)' {
        $bad = $null
        [pscustomobject]@{ Name = 'x' } | Export-TlsReadyRemediation -ErrorAction SilentlyContinue -ErrorVariable bad
        Assert-Equal 'InvalidArgument' ([string]$bad[0].CategoryInfo.Category)
        Assert-Match $bad[0].FullyQualifiedErrorId '^TlsReady\.NotAPolicyReport'
        Assert-Throws { $report | Export-TlsReadyRemediation -Format Csv } 'ValidateSet|does not belong'
    }
}
