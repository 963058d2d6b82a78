// Static check in the real PowerShell parser: every registry access in a script must sit inside the body of
// an `if (...ShouldProcess(...))` (or ShouldContinue) clause, so that -WhatIf and -Confirm cover it.
using System.Management.Automation.Language;
using System.Text.RegularExpressions;

namespace TlsReady.TestHost;

public sealed record AstSite(string Kind, string What, int Line, int Column, string Text);

public sealed record LintResult(
    IReadOnlyList<AstSite> ParseErrors,
    int ShouldProcessCalls,
    IReadOnlyList<AstSite> RegistryAccess,
    IReadOnlyList<AstSite> Unguarded);

public static class RegistryLint
{
    // provider cmdlets that read or change items (registry keys and values on Windows)
    private static readonly HashSet<string> ItemCommands = new(StringComparer.OrdinalIgnoreCase)
    {
        "Test-Path", "Get-Item", "Get-ItemProperty", "Get-ItemPropertyValue", "Get-ChildItem",
        "New-Item", "New-ItemProperty", "Set-Item", "Set-ItemProperty", "Remove-Item", "Remove-ItemProperty",
        "Rename-Item", "Rename-ItemProperty", "Copy-Item", "Copy-ItemProperty", "Move-Item", "Move-ItemProperty",
        "Clear-Item", "Clear-ItemProperty", "New-PSDrive", "Set-Location", "Push-Location", "Get-Acl", "Set-Acl",
        "reg", "reg.exe", "regedit", "regedit.exe",
    };

    private static readonly Regex RegistryType = new(@"^(Microsoft\.Win32\.)?Registry(Key)?$", RegexOptions.IgnoreCase);

    private static readonly HashSet<string> RegistryKeyMembers = new(StringComparer.OrdinalIgnoreCase)
    {
        "OpenSubKey", "CreateSubKey", "SetValue", "DeleteValue", "DeleteSubKey", "DeleteSubKeyTree", "GetValue",
        "OpenBaseKey", "OpenRemoteBaseKey", "SetAccessControl",
    };

    public static LintResult Check(string path)
    {
        var ast = Parser.ParseFile(path, out _, out var errors);
        var parseErrors = errors.Select(e => new AstSite("parse", e.ErrorId, e.Extent.StartLineNumber,
            e.Extent.StartColumnNumber, e.Message)).ToList();

        var shouldProcess = ast.FindAll(a => a is InvokeMemberExpressionAst m && IsConfirmCall(m), true).Count();

        var access = new List<(Ast Node, AstSite Site)>();
        foreach (var node in ast.FindAll(_ => true, true))
        {
            switch (node)
            {
                case CommandAst cmd when cmd.GetCommandName() is { } name && ItemCommands.Contains(name):
                    access.Add((node, Site("command", name, node)));
                    break;
                case TypeExpressionAst type when RegistryType.IsMatch(type.TypeName.FullName):
                    access.Add((node, Site("type", type.TypeName.FullName, node)));
                    break;
                case InvokeMemberExpressionAst call when call.Member is StringConstantExpressionAst member
                                                         && RegistryKeyMembers.Contains(member.Value):
                    access.Add((node, Site("method", member.Value, node)));
                    break;
            }
        }

        var unguarded = access.Where(a => !IsGuarded(a.Node)).Select(a => a.Site).ToList();
        return new LintResult(parseErrors, shouldProcess, access.Select(a => a.Site).ToList(), unguarded);
    }

    private static AstSite Site(string kind, string what, Ast node) =>
        new(kind, what, node.Extent.StartLineNumber, node.Extent.StartColumnNumber, FirstLine(node.Extent.Text));

    private static string FirstLine(string text)
    {
        var line = text.Split('\n')[0].TrimEnd('\r');
        return line.Length > 160 ? line[..160] + "..." : line;
    }

    private static bool IsConfirmCall(InvokeMemberExpressionAst m) =>
        m.Member is StringConstantExpressionAst s &&
        (s.Value.Equals("ShouldProcess", StringComparison.OrdinalIgnoreCase) ||
         s.Value.Equals("ShouldContinue", StringComparison.OrdinalIgnoreCase));

    /// <summary>True when some enclosing if-clause body is entered only when ShouldProcess/ShouldContinue said yes.</summary>
    private static bool IsGuarded(Ast node)
    {
        for (var child = node; child.Parent is { } parent; child = parent)
        {
            if (parent is not IfStatementAst ifs) continue;
            foreach (var clause in ifs.Clauses)
            {
                if (!ReferenceEquals(clause.Item2, child)) continue;
                var condition = clause.Item1;
                var asks = condition.FindAll(a => a is InvokeMemberExpressionAst m && IsConfirmCall(m), true).Any();
                var negated = condition.FindAll(a => a is UnaryExpressionAst u &&
                    (u.TokenKind == TokenKind.Not || u.TokenKind == TokenKind.Exclaim), true).Any();
                if (asks && !negated) return true;
            }
        }
        return false;
    }
}
