// Stand-ins for commands the hosted engine lacks. The engine here loads only Microsoft.PowerShell.Core:
// no Microsoft.PowerShell.Management (Test-Path, New-Item, New-ItemProperty, ...) and no
// Microsoft.PowerShell.Utility (Write-Warning, Write-Host, ...); Linux has no HKLM: drive either.
//  - provider and system commands become recording functions. The ones that change something are advanced
//    functions with SupportsShouldProcess and the default ConfirmImpact (Medium), as the real cmdlets are, so
//    they see the caller's -WhatIf/-Confirm preferences the same way; each call is recorded with whether it
//    would have acted. Test-Path answers $false (nothing exists), the other readers return nothing.
//  - Write-Warning/-Verbose/-Debug/-Error/-Host/-Output/-Information forward to the engine's own streams
//    (these also in run-tests).
// A test asserts on the recorded calls, e.g. that a -WhatIf run attempted nothing.
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace TlsReady.TestHost;

public sealed record InterceptedCall(string Command, int Line, string Text, IReadOnlyList<string> Arguments, bool? Confirmed);

public sealed class Interceptor
{
    private static readonly string[] Readers =
        ["Test-Path", "Get-Item", "Get-ItemProperty", "Get-ItemPropertyValue", "Get-ChildItem", "Get-Acl"];

    private static readonly string[] Writers =
    [
        "New-Item", "New-ItemProperty", "Set-Item", "Set-ItemProperty", "Remove-Item", "Remove-ItemProperty",
        "Rename-Item", "Rename-ItemProperty", "Copy-Item", "Copy-ItemProperty", "Move-Item", "Move-ItemProperty",
        "Clear-Item", "Clear-ItemProperty", "New-PSDrive", "Set-Acl", "Restart-Computer", "Restart-Service",
        "Stop-Service", "Set-Service", "Start-Process", "Set-Content", "Add-Content",
    ];

    private static readonly string[] NativeCommands = ["reg", "reg.exe", "regedit", "regedit.exe"];

    private static readonly Dictionary<string, string> Shims = new()
    {
        ["Write-Warning"] = "[CmdletBinding()] param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][AllowEmptyString()][string]$Message) process { $PSCmdlet.WriteWarning($Message) }",
        ["Write-Verbose"] = "[CmdletBinding()] param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][AllowEmptyString()][string]$Message) process { $PSCmdlet.WriteVerbose($Message) }",
        ["Write-Debug"] = "[CmdletBinding()] param([Parameter(Mandatory, Position = 0, ValueFromPipeline)][AllowEmptyString()][string]$Message) process { $PSCmdlet.WriteDebug($Message) }",
        ["Write-Error"] = "[CmdletBinding(DefaultParameterSetName = 'Message')] param([Parameter(Mandatory, Position = 0, ParameterSetName = 'Message')][AllowEmptyString()][string]$Message, [Parameter(Mandatory, ParameterSetName = 'Exception')][Exception]$Exception, [Parameter(Mandatory, ParameterSetName = 'ErrorRecord')][System.Management.Automation.ErrorRecord]$ErrorRecord, [System.Management.Automation.ErrorCategory]$Category = 'NotSpecified', [string]$ErrorId = 'Microsoft.PowerShell.Commands.WriteErrorException', [object]$TargetObject) if ($ErrorRecord) { $PSCmdlet.WriteError($ErrorRecord); return } if (-not $Exception) { $Exception = [System.Exception]::new($Message) } $PSCmdlet.WriteError([System.Management.Automation.ErrorRecord]::new($Exception, $ErrorId, $Category, $TargetObject))",
        ["Write-Information"] = "[CmdletBinding()] param([Parameter(Mandatory, Position = 0)]$MessageData, [Parameter(Position = 1)][string[]]$Tags) $PSCmdlet.WriteInformation($MessageData, $Tags)",
        ["Write-Host"] = "param([Parameter(Position = 0, ValueFromRemainingArguments)]$Object, $ForegroundColor, $BackgroundColor, [switch]$NoNewline, $Separator = ' ') $text = (@($Object) | ForEach-Object { \"$_\" }) -join $Separator; if ($NoNewline) { $Host.UI.Write($text) } else { $Host.UI.WriteLine($text) }",
        ["Write-Output"] = "[CmdletBinding()] param([Parameter(Position = 0, ValueFromPipeline, ValueFromRemainingArguments)][AllowNull()][AllowEmptyCollection()][psobject[]]$InputObject, [switch]$NoEnumerate) process { foreach ($o in $InputObject) { $PSCmdlet.WriteObject($o, -not $NoEnumerate) } }",
    };

    private const string ParamBlock =
        "param([Parameter(Position = 0)][Alias('PSPath', 'LP')][object[]]$Path, [object[]]$LiteralPath, " +
        "[Parameter(Position = 1)][object]$Name, [Alias('Type')][object]$PropertyType, [object]$ItemType, " +
        "[Parameter(Position = 2)][object]$Value, [switch]$Force, [Parameter(ValueFromRemainingArguments)][object[]]$Rest)";

    private const string RecordCall =
        "$TlsReadyTestHostInterceptor.Record($MyInvocation.MyCommand.Name, $MyInvocation.ScriptLineNumber, $MyInvocation.Line, " +
        "@($PSBoundParameters.GetEnumerator() | ForEach-Object { '-' + $_.Key + ' ' + ((@($_.Value) | ForEach-Object { \"$_\" }) -join ',') }), ";

    private readonly List<InterceptedCall> _calls = new();

    public IReadOnlyList<InterceptedCall> Calls => _calls;

    public static IEnumerable<string> StandInNames => Readers.Concat(Writers).Concat(NativeCommands);
    public static IEnumerable<string> ShimNames => Shims.Keys;

    public void Record(string command, int line, string text, object[]? arguments, object? confirmed) =>
        _calls.Add(new InterceptedCall(command, line, text.Trim(),
            (arguments ?? []).Select(a => a?.ToString() ?? "$null").ToList(), confirmed as bool?));

    public void Install(InitialSessionState iss)
    {
        iss.Variables.Add(new SessionStateVariableEntry("TlsReadyTestHostInterceptor", this,
            "records calls to intercepted commands", ScopedItemOptions.ReadOnly | ScopedItemOptions.AllScope));
        foreach (var name in Readers)
        {
            var result = name == "Test-Path" ? "$false" : "";
            iss.Commands.Add(new SessionStateFunctionEntry(name, $"[CmdletBinding()] {ParamBlock}\n{RecordCall}$null)\n{result}"));
        }
        foreach (var name in Writers)
        {
            var body = $"[CmdletBinding(SupportsShouldProcess)] {ParamBlock}\n" +
                       "$target = ((@($Path) + @($LiteralPath) | Where-Object { $null -ne $_ }) -join ', ') + $(if ($null -ne $Name) { \" Property: $Name\" })\n" +
                       $"$ok = $PSCmdlet.ShouldProcess($target, $MyInvocation.MyCommand.Name)\n{RecordCall}$ok)";
            iss.Commands.Add(new SessionStateFunctionEntry(name, body));
        }
        foreach (var name in NativeCommands)
        {
            iss.Commands.Add(new SessionStateFunctionEntry(name,
                "$TlsReadyTestHostInterceptor.Record($MyInvocation.MyCommand.Name, $MyInvocation.ScriptLineNumber, $MyInvocation.Line, [object[]]$args, $null)"));
        }
        InstallShims(iss);
    }

    /// <summary>Only the Write-* stand-ins (what run-tests adds to the engine).</summary>
    public static void InstallShims(InitialSessionState iss)
    {
        foreach (var (name, body) in Shims) iss.Commands.Add(new SessionStateFunctionEntry(name, body));
    }
}
