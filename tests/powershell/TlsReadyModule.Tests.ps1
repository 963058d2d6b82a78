# The TlsReady module (powershell/) as built by powershell/build.sh, imported by path into the real
# engine: manifest, exported commands, help, format views, the native library beside the module.
# TLSREADY_PS_MODULE names another build of the module folder.
Set-StrictMode -Version Latest
$moduleDir = if ($env:TLSREADY_PS_MODULE) { $env:TLSREADY_PS_MODULE } else { [System.IO.Path]::GetFullPath("$PSScriptRoot/../../build/powershell/TlsReady") }
$manifest = [System.IO.Path]::Combine($moduleDir, 'TlsReady.psd1')
if (-not [System.IO.File]::Exists($manifest)) { throw "no module at ${moduleDir}: build it with powershell/build.sh" }
$commands = 'Export-TlsReadyRemediation', 'Get-TlsReadyCipherSuite', 'Get-TlsReadyClientProfile', 'Get-TlsReadyLegacyClient', 'Get-TlsReadyLocalPolicy', 'Get-TlsReadyVerdict', 'Measure-TlsReadyClientImpact', 'Measure-TlsReadyVerdict', 'Test-TlsReadyEndpoint'

Describe 'manifest' {
    It 'passes Test-ModuleManifest with what was run: Core, PowerShell 7.2+' {
        $info = Test-ModuleManifest -Path $manifest
        Assert-Equal 'TlsReady' $info.Name
        Assert-Equal ([string]$info.Version) ([System.IO.File]::ReadAllText("$PSScriptRoot/../../VERSION").Trim())
        Assert-Equal @('Core') @($info.CompatiblePSEditions)
        Assert-Equal '7.2' ([string]$info.PowerShellVersion)
        $exported = @($info.ExportedCmdlets.Keys | ForEach-Object { [string]$_ })
        [System.Array]::Sort($exported)
        Assert-Equal $commands $exported
        Assert-Equal @('TlsReady.format.ps1xml') @($info.ExportedFormatFiles | ForEach-Object { [System.IO.Path]::GetFileName($_) })
    }
}

Describe 'import by path' {
    $module = Import-Module $manifest -PassThru -Force
    It 'exports the TlsReady commands, every noun prefixed TlsReady' {
        $names = @($module.ExportedCommands.Keys | ForEach-Object { [string]$_ })
        [System.Array]::Sort($names)
        Assert-Equal $commands $names
        foreach ($name in $names) { Assert-Match $name '^[A-Z][a-z]+-TlsReady[A-Za-z]+$' }
        Assert-Equal 'Cmdlet' ([string](Get-Command Test-TlsReadyEndpoint).CommandType)
        # OutputType names the PSTypeName, so tools (and tab completion after a pipe) know the shape
        Assert-Equal 'TlsReady.EndpointResult' @((Get-Command Test-TlsReadyEndpoint).OutputType)[0].Name
        Assert-Equal 'TlsReady.CipherSuite' @((Get-Command Get-TlsReadyCipherSuite).OutputType)[0].Name
        Assert-Equal 'TlsReady.LocalPolicyReport' @((Get-Command Get-TlsReadyLocalPolicy).OutputType)[0].Name
        Assert-Equal 'System.String' @((Get-Command Export-TlsReadyRemediation).OutputType)[0].Name
    }

    It 'ships the native library for this platform beside the module' {
        Assert-True ([System.IO.File]::Exists([System.IO.Path]::Combine($moduleDir, 'runtimes', 'linux-x64', 'native', 'libtlsready.so')))
        # the first call loads it from there: a registry lookup answers
        Assert-Equal 'TLS_AES_128_GCM_SHA256' (Get-TlsReadyCipherSuite -Code 0x1301).Name
    }

    It 'says which file is missing when the native library for this platform is not in the module' {
        # in a child engine (an assembly loaded once stays loaded in this process): a copy of the
        # module without runtimes/
        $copy = [System.IO.Path]::Combine([System.IO.Path]::GetTempPath(), "tlsready-nolib-$PID", 'TlsReady')
        $null = [System.IO.Directory]::CreateDirectory($copy)
        $script = [System.IO.Path]::Combine([System.IO.Path]::GetDirectoryName($copy), 'probe.ps1')
        try {
            foreach ($f in [System.IO.Directory]::GetFiles($moduleDir)) { [System.IO.File]::Copy($f, [System.IO.Path]::Combine($copy, [System.IO.Path]::GetFileName($f))) }
            [System.IO.File]::WriteAllText($script, "Import-Module '$copy'`nGet-TlsReadyCipherSuite -Code 0x1301`n")
            $info = [System.Diagnostics.ProcessStartInfo]::new('dotnet')
            foreach ($a in @([System.IO.Path]::Combine($PSScriptRoot, 'host', 'bin', 'Release', 'net10.0', 'TlsReady.TestHost.dll'), 'run-script', $script)) { $info.ArgumentList.Add($a) }
            $info.RedirectStandardOutput = $true
            $process = [System.Diagnostics.Process]::Start($info)
            $report = [System.Text.Json.JsonDocument]::Parse($process.StandardOutput.ReadToEnd()).RootElement
            $process.WaitForExit()
            $errors = @($report.GetProperty('errors').EnumerateArray())
            Assert-Equal 1 $errors.Count
            Assert-Match $errors[0].GetProperty('fully_qualified_error_id').GetString() '^TlsReady\.NativeLibraryNotFound'
            Assert-Equal 'ResourceUnavailable' $errors[0].GetProperty('category').GetString()
            $message = $errors[0].GetProperty('message').GetString()
            Assert-Match $message ([regex]::Escape([System.IO.Path]::Combine($copy, 'runtimes', 'linux-x64', 'native', 'libtlsready.so')))
            Assert-Match $message 'linux-x64'
        } finally {
            [System.IO.Directory]::Delete([System.IO.Path]::GetDirectoryName($copy), $true)
        }
    }

    It 'loads the default table views (Out-Host uses them)' {
        $TlsReadyTestHost.Clear()
        Get-TlsReadyCipherSuite -Code 0x000A | Out-Host
        $lines = @($TlsReadyTestHost.HostLines() | ForEach-Object { $_ -replace "`e\[[0-9;]*m", '' })
        Assert-True (@($lines | Where-Object { $_ -match '^Code\s+Name\s+Bits\s+ForwardSecret\s+Weaknesses' }).Count -eq 1) ($lines -join "`n")
        Assert-True (@($lines | Where-Object { $_ -match '^0x000A\s+TLS_RSA_WITH_3DES_EDE_CBC_SHA\s+' }).Count -eq 1) ($lines -join "`n")
    }

    It 'has help with a synopsis, a description and examples for every exported command' {
        foreach ($name in $commands) {
            $help = Get-Help $name -Full
            Assert-True ($help.Synopsis -and $help.Synopsis -notmatch '^\s*' + [regex]::Escape($name)) "$name has no synopsis"
            Assert-True (@($help.description).Count -gt 0) "$name has no description"
            $examples = @($help.examples.example)
            Assert-True ($examples.Count -ge 2) "$name has $($examples.Count) examples"
            foreach ($example in $examples) {
                Assert-Match $example.code ([regex]::Escape($name)) "an example of $name does not use it"
                Assert-True (@($example.remarks | ForEach-Object Text | Where-Object { $_ }).Count -gt 0) "an example of $name has no remarks"
            }
        }
    }

    It 'describes every parameter of every command in its help' {
        $common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
        foreach ($name in $commands) {
            $described = @{}
            foreach ($p in @((Get-Help $name -Full).parameters.parameter)) {
                $described[[string]$p.name] = (@($p.description | ForEach-Object Text) -join ' ')
            }
            foreach ($parameter in (Get-Command $name).Parameters.Keys) {
                if ($common -contains $parameter) { continue }
                Assert-True ([bool]$described[$parameter]) "$name -$parameter has no help"
            }
        }
    }

    It 'keeps the help examples on loopback (no address that would be scanned elsewhere)' {
        foreach ($name in $commands) {
            foreach ($example in @((Get-Help $name -Full).examples.example)) {
                foreach ($address in [regex]::Matches($example.code, '\b\d{1,3}(\.\d{1,3}){3}\b')) {
                    Assert-Match $address.Value '^127\.' "$name example connects to $($address.Value)"
                }
            }
        }
    }
}
