# Module manifest of TlsReady: TLS endpoint scans and local TLS policy audits with remediation,
# over tlsready's C library (runtimes/<rid>/native/). Built by powershell/build.sh into
# build/powershell/TlsReady; the version is replaced from VERSION there.
@{
    RootModule             = 'TlsReady.dll'
    ModuleVersion          = '0.1.0'
    GUID                   = '6f1d8c1e-3b7a-4e0c-9a55-2f4de0b7c913'
    Author                 = 'tlsready contributors'
    CompanyName            = 'tlsready'
    Copyright              = '(c) tlsready contributors'
    Description            = 'Scan TLS endpoints (protocol versions, cipher suites, groups, certificate) and audit local TLS policy (Schannel registry exports, OpenSSL/crypto-policies/GnuTLS/Java) with .reg and PowerShell remediation.'
    # 7.2 and later; the DLL is netstandard2.0, but Windows PowerShell 5.1 has not been run yet,
    # so only Core is declared
    PowerShellVersion      = '7.2'
    CompatiblePSEditions   = @('Core')
    FormatsToProcess       = @('TlsReady.format.ps1xml')
    CmdletsToExport        = @('Test-TlsReadyEndpoint', 'Get-TlsReadyCipherSuite', 'Get-TlsReadyLocalPolicy', 'Export-TlsReadyRemediation',
                              'Get-TlsReadyClientProfile', 'Get-TlsReadyVerdict',
                              'Measure-TlsReadyVerdict', 'Measure-TlsReadyClientImpact',
                              'Get-TlsReadyLegacyClient')
    FunctionsToExport      = @()
    VariablesToExport      = @()
    AliasesToExport        = @()
    PrivateData            = @{
        PSData = @{
            Tags       = @('TLS', 'SSL', 'Schannel', 'CipherSuite', 'Security', 'Audit', 'Linux', 'Windows')
            ProjectUri = ''
        }
    }
}
