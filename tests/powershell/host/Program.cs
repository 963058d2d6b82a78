// TlsReady.TestHost: runs scripts in the real PowerShell engine (System.Management.Automation 7.6) for tests.
//
//   run-script FILE [--whatif] [--confirm] [--confirm-no] [--confirm-answer LABEL]... [--answer LABEL]...
//                     [--param NAME[=VALUE]]... [--no-intercept]
//        --whatif            pass -WhatIf
//        --confirm           pass -Confirm
//        --confirm-no        pass -Confirm; answer every prompt "No to All" (else "No")
//        --confirm-answer L  pass -Confirm; answer prompts with choice L ("Yes", "Yes to All", "No", ...)
//        --answer L          answer prompts with L without passing -Confirm (prompts the script raises itself);
//                            without any answer a prompt is an error (nobody at the keyboard)
//        --param N[=V]       pass -N V (-N alone: a switch; V true/false/$true/$false: a boolean)
//        --no-intercept      do not define the stand-ins of tests/powershell/host/Interceptor.cs
//   help FILE          Get-Help -Full on the script: synopsis, description, parameters, examples (JSON)
//   lint FILE          parse the script; list registry access outside `if (ShouldProcess(...))` (JSON)
//   run-tests DIR      run DIR/*.Tests.ps1 with the Describe/It/Assert-* helper (lib/Assert.psm1)
//
// run-script, help and lint print one JSON document on stdout. Exit status: 0 clean, 1 the script
// (or a test) failed, 2 usage or host failure.
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TlsReady.TestHost;

public static class Program
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public static int Main(string[] args)
    {
        // a test run reports nothing anywhere (read once, before the engine starts)
        Environment.SetEnvironmentVariable("POWERSHELL_TELEMETRY_OPTOUT", "1");
        Environment.SetEnvironmentVariable("POWERSHELL_UPDATECHECK", "Off");
        try
        {
            if (args.Length < 2) return Usage();
            return args[0] switch
            {
                "run-script" => RunScript(args[1], args.Skip(2).ToArray()),
                "help" => Help(args[1]),
                "lint" => Lint(args[1]),
                "run-tests" => RunTests(args[1], args.Skip(2).ToArray()),
                _ => Usage(),
            };
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"TlsReady.TestHost: {e.Message}");
            return Usage();
        }
    }

    private sealed class UsageException(string message) : Exception(message);

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage: TlsReady.TestHost run-script FILE [--whatif] [--confirm] [--confirm-no] [--confirm-answer LABEL]...
                                                     [--answer LABEL]... [--param NAME[=VALUE]]... [--no-intercept]
                   TlsReady.TestHost help FILE
                   TlsReady.TestHost lint FILE
                   TlsReady.TestHost run-tests DIR [--filter TEXT]
            """);
        return 2;
    }

    private static string ExistingFile(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new UsageException($"no such file: {path}");
        return full;
    }

    /// <summary>The session: the engine's default state (Microsoft.PowerShell.Core only, see
    /// tests/powershell/README.md), plus the $TlsReadyTestHost variable for tests that inspect the host.</summary>
    private static Runspace OpenRunspace(RecordingHost host, Action<InitialSessionState>? configure = null)
    {
        var iss = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows()) iss.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.Bypass;
        iss.Variables.Add(new SessionStateVariableEntry("TlsReadyTestHost", new HostProbe(host.Recorder),
            "what the test host recorded (host lines, prompts)", ScopedItemOptions.ReadOnly | ScopedItemOptions.AllScope));
        configure?.Invoke(iss);
        var runspace = RunspaceFactory.CreateRunspace(host, iss);
        runspace.Open();
        return runspace;
    }

    // ---------------------------------------------------------------- run-script

    private static int RunScript(string file, string[] options)
    {
        var path = ExistingFile(file);
        var whatIf = false;
        var confirm = false;
        var confirmAnswers = new List<string>();
        var parameters = new List<(string Name, object Value)>();
        var intercept = true;
        for (var i = 0; i < options.Length; i++)
        {
            switch (options[i])
            {
                case "--whatif": whatIf = true; break;
                case "--confirm": confirm = true; break;
                case "--confirm-no": confirm = true; confirmAnswers.AddRange(["No to All", "No"]); break;
                case "--confirm-answer" when i + 1 < options.Length: confirm = true; confirmAnswers.Add(options[++i]); break;
                case "--answer" when i + 1 < options.Length: confirmAnswers.Add(options[++i]); break;
                case "--no-intercept": intercept = false; break;
                case "--param" when i + 1 < options.Length:
                    var spec = options[++i];
                    var eq = spec.IndexOf('=');
                    parameters.Add(eq < 0 ? (spec, (object)true) : (spec[..eq], ParamValue(spec[(eq + 1)..])));
                    break;
                default: throw new UsageException($"unknown option {options[i]}");
            }
        }

        var lint = RegistryLint.Check(path);
        var host = new RecordingHost(new PromptPolicy { Answers = confirmAnswers.Count > 0 ? confirmAnswers : null });
        var interceptor = new Interceptor();
        var errors = new List<JsonObject>();
        var output = new List<string>();
        bool hadErrors;

        using (var runspace = OpenRunspace(host, intercept ? interceptor.Install : null))
        using (var ps = PowerShell.Create(runspace))
        {
            ps.AddCommand(path);
            if (whatIf) ps.AddParameter("WhatIf", true);
            if (confirm) ps.AddParameter("Confirm", true);
            foreach (var (name, value) in parameters) ps.AddParameter(name, value);
            try
            {
                foreach (var item in ps.Invoke()) output.Add(item?.ToString() ?? "");
            }
            catch (RuntimeException e)
            {
                errors.Add(Describe(e.ErrorRecord, terminating: true));
            }
            foreach (var record in ps.Streams.Error) errors.Add(Describe(record, terminating: false));
            hadErrors = ps.HadErrors || errors.Count > 0;
            host.Recorder.Flush();
        }

        var lines = host.Recorder.Lines;
        var report = new JsonObject
        {
            ["script"] = path,
            ["ps_version"] = PSVersionInfoText(),
            ["whatif_mode"] = whatIf,
            ["confirm_mode"] = confirm,
            ["confirm_answers"] = ToJson(confirmAnswers),
            ["errors"] = new JsonArray(errors.Select(e => (JsonNode)e).ToArray()),
            ["whatif"] = ToJson(lines.Where(l => l.Stream == "host" && l.Text.StartsWith("What if: ", StringComparison.Ordinal)).Select(l => l.Text)),
            ["host_output"] = ToJson(lines.Where(l => l.Stream == "host").Select(l => l.Text)),
            ["warnings"] = ToJson(lines.Where(l => l.Stream == "warning").Select(l => l.Text)),
            ["verbose"] = ToJson(lines.Where(l => l.Stream == "verbose").Select(l => l.Text)),
            ["prompts"] = JsonSerializer.SerializeToNode(host.Recorder.Prompts, Json),
            ["output"] = ToJson(output),
            ["intercepted"] = JsonSerializer.SerializeToNode(interceptor.Calls, Json),
            ["stand_ins"] = ToJson(intercept ? Interceptor.StandInNames : []),
            ["shims"] = ToJson(intercept ? Interceptor.ShimNames : []),
            ["parse_errors"] = JsonSerializer.SerializeToNode(lint.ParseErrors, Json),
            ["should_process_calls"] = lint.ShouldProcessCalls,
            ["registry_access"] = JsonSerializer.SerializeToNode(lint.RegistryAccess, Json),
            ["unguarded_registry_access"] = JsonSerializer.SerializeToNode(lint.Unguarded, Json),
            ["had_errors"] = hadErrors,
        };
        Console.Out.WriteLine(report.ToJsonString(Json));
        return hadErrors || lint.ParseErrors.Count > 0 ? 1 : 0;
    }

    /// <summary>--param NAME=VALUE: true/false (also $true/$false) become booleans, so -Confirm:$false works;
    /// anything else stays a string for the engine's parameter binder to convert.</summary>
    private static object ParamValue(string text) => text.TrimStart('$').ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => text,
    };

    private static string PSVersionInfoText() =>
        typeof(PSObject).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion.Split('+')[0]
        ?? typeof(PSObject).Assembly.GetName().Version?.ToString() ?? "?";

    private static JsonArray ToJson(IEnumerable<string> items) => new(items.Select(s => (JsonNode)JsonValue.Create(s)!).ToArray());

    private static JsonObject Describe(ErrorRecord record, bool terminating) => new()
    {
        ["message"] = record.Exception?.Message ?? record.ToString(),
        ["fully_qualified_error_id"] = record.FullyQualifiedErrorId,
        ["category"] = record.CategoryInfo.Category.ToString(),
        ["target"] = record.TargetObject?.ToString(),
        ["script_line"] = record.InvocationInfo?.ScriptLineNumber,
        ["position"] = record.InvocationInfo?.PositionMessage,
        ["script_stack_trace"] = record.ScriptStackTrace,
        ["terminating"] = terminating,
    };

    // ---------------------------------------------------------------- help

    private static int Help(string file)
    {
        var path = ExistingFile(file);
        var host = new RecordingHost(new PromptPolicy());
        var errors = new List<JsonObject>();
        PSObject? help = null;
        using (var runspace = OpenRunspace(host))
        using (var ps = PowerShell.Create(runspace))
        {
            ps.AddCommand("Get-Help").AddParameter("Name", path).AddParameter("Full", true);
            try
            {
                var results = ps.Invoke();
                help = results.FirstOrDefault();
            }
            catch (RuntimeException e)
            {
                errors.Add(Describe(e.ErrorRecord, terminating: true));
            }
            foreach (var record in ps.Streams.Error) errors.Add(Describe(record, terminating: false));
        }

        var examples = new JsonArray();
        foreach (var example in Items(Prop(Prop(help, "examples"), "example")))
        {
            examples.Add(new JsonObject
            {
                ["title"] = Text(Prop(example, "title")),
                ["code"] = Text(Prop(example, "code")),
                ["remarks"] = Text(Prop(example, "remarks")),
            });
        }
        var parameters = new JsonArray();
        foreach (var parameter in Items(Prop(Prop(help, "parameters"), "parameter")))
        {
            parameters.Add(new JsonObject
            {
                ["name"] = Text(Prop(parameter, "name")),
                ["type"] = Text(Prop(Prop(parameter, "type"), "name")),
                ["description"] = Text(Prop(parameter, "description")),
            });
        }
        var report = new JsonObject
        {
            ["script"] = path,
            ["help_type"] = help?.TypeNames.FirstOrDefault(),
            ["name"] = Text(Prop(help, "Name")),
            ["synopsis"] = Text(Prop(help, "Synopsis")),
            ["description"] = Text(Prop(help, "description")),
            ["syntax"] = ToJson(Items(Prop(Prop(help, "syntax"), "syntaxItem")).Select(Syntax)),
            ["parameters"] = parameters,
            ["examples"] = examples,
            ["notes"] = Text(Prop(Prop(help, "alertSet"), "alert")),
            ["errors"] = new JsonArray(errors.Select(e => (JsonNode)e).ToArray()),
            ["had_errors"] = errors.Count > 0,
        };
        Console.Out.WriteLine(report.ToJsonString(Json));
        return errors.Count > 0 || help is null ? 1 : 0;
    }

    /// <summary>One syntax line as Get-Help prints it: NAME [-Switch] [-Param &lt;Type&gt;] ...</summary>
    private static string Syntax(object item)
    {
        var parts = new List<string> { Path.GetFileName(Text(Prop(item, "name"))) };
        foreach (var parameter in Items(Prop(item, "parameter")))
        {
            var name = "-" + Text(Prop(parameter, "name"));
            var value = Text(Prop(parameter, "parameterValue"));
            var text = value.Length == 0 || value == "SwitchParameter" ? name : $"{name} <{value}>";
            parts.Add(Text(Prop(parameter, "required")) == "true" ? text : $"[{text}]");
        }
        return string.Join(" ", parts);
    }

    private static object? Prop(object? value, string name)
    {
        if (value is null) return null;
        var pso = value as PSObject ?? PSObject.AsPSObject(value);
        return pso.Properties[name]?.Value;
    }

    private static IEnumerable<object> Items(object? value)
    {
        value = value is PSObject { BaseObject: var b } && b is not PSCustomObject ? b : value;
        if (value is null) yield break;
        if (value is System.Collections.IEnumerable list and not string)
        {
            foreach (var item in list) if (item is not null) yield return item;
        }
        else yield return value;
    }

    /// <summary>Help text: a string, a {Text=...} record, or an array of those (MAML paragraphs).</summary>
    private static string Text(object? value)
    {
        var parts = new List<string>();
        foreach (var item in Items(value))
        {
            var pso = item as PSObject ?? PSObject.AsPSObject(item);
            var inner = pso.BaseObject is string s ? s : pso.Properties["Text"]?.Value?.ToString() ?? pso.ToString();
            if (!string.IsNullOrWhiteSpace(inner)) parts.Add(inner.Trim());
        }
        return string.Join("\n", parts);
    }

    // ---------------------------------------------------------------- lint

    private static int Lint(string file)
    {
        var result = RegistryLint.Check(ExistingFile(file));
        Console.Out.WriteLine(JsonSerializer.Serialize(result, Json));
        return result.ParseErrors.Count > 0 || result.Unguarded.Count > 0 ? 1 : 0;
    }

    // ---------------------------------------------------------------- run-tests

    private static int RunTests(string dir, string[] options)
    {
        string? filter = null;
        for (var i = 0; i < options.Length; i++)
        {
            if (options[i] == "--filter" && i + 1 < options.Length) filter = options[++i];
            else throw new UsageException($"unknown option {options[i]}");
        }
        var root = Path.GetFullPath(dir);
        if (!Directory.Exists(root)) throw new UsageException($"no such directory: {dir}");
        var helper = Path.Combine(root, "lib", "Assert.psm1");
        if (!File.Exists(helper)) helper = Path.Combine(AppContext.BaseDirectory, "Assert.psm1");

        var files = Directory.GetFiles(root, "*.Tests.ps1").OrderBy(f => f, StringComparer.Ordinal).ToList();
        if (files.Count == 0)
        {
            Console.Out.WriteLine($"no *.Tests.ps1 in {root}");
            return 1;
        }
        int passed = 0, failed = 0;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        foreach (var file in files)
        {
            var name = Path.GetFileName(file);
            var host = new RecordingHost(new PromptPolicy());
            using var runspace = OpenRunspace(host, iss =>
            {
                iss.ImportPSModule(helper);
                Interceptor.InstallShims(iss);
                iss.Variables.Add(new SessionStateVariableEntry("ErrorActionPreference", ActionPreference.Stop, ""));
                iss.Variables.Add(new SessionStateVariableEntry("TlsReadyTestFilter", filter, "run-tests --filter"));
            });
            using var ps = PowerShell.Create(runspace);
            ps.AddCommand(file);
            Collection<PSObject> results = [];
            string? fileError = null;
            try
            {
                results = ps.Invoke();
            }
            catch (RuntimeException e)
            {
                fileError = $"{e.Message}\n{e.ErrorRecord?.InvocationInfo?.PositionMessage}";
            }
            var count = 0;
            foreach (var result in results)
            {
                if (result is null || !result.TypeNames.Contains("TlsReady.TestResult")) continue;
                count++;
                var ok = result.Properties["Passed"]?.Value is true;
                var test = result.Properties["Name"]?.Value;
                var ms = result.Properties["Milliseconds"]?.Value;
                if (ok) passed++; else failed++;
                Console.Out.WriteLine($"{(ok ? "ok  " : "FAIL")} {name}: {test} ({ms} ms)");
                if (!ok) Console.Out.WriteLine("     " + $"{result.Properties["Message"]?.Value}".Replace("\n", "\n     "));
            }
            foreach (var record in ps.Streams.Error)
                fileError = (fileError is null ? "" : fileError + "\n") + $"{record}\n{record.InvocationInfo?.PositionMessage}";
            if (fileError is not null)
            {
                failed++;
                Console.Out.WriteLine($"FAIL {name}: error outside a test\n     {fileError.Replace("\n", "\n     ")}");
            }
            else if (count == 0 && filter is null)
            {
                failed++;
                Console.Out.WriteLine($"FAIL {name}: no tests ran");
            }
        }
        Console.Out.WriteLine($"{passed} passed, {failed} failed in {files.Count} file(s), {watch.Elapsed.TotalSeconds:F1} s");
        return failed > 0 ? 1 : 0;
    }
}

/// <summary>Exposed to scripts as $TlsReadyTestHost: what the host UI recorded so far.</summary>
public sealed class HostProbe(RecordingUI ui)
{
    public string[] HostLines() { ui.Flush(); return ui.Lines.Where(l => l.Stream == "host").Select(l => l.Text).ToArray(); }
    public string[] WhatIfLines() => HostLines().Where(l => l.StartsWith("What if: ", StringComparison.Ordinal)).ToArray();
    public string[] Warnings() => ui.Lines.Where(l => l.Stream == "warning").Select(l => l.Text).ToArray();
    public PromptRecord[] Prompts() => ui.Prompts.ToArray();
    public void Clear() { ui.Flush(); ui.Lines.Clear(); ui.Prompts.Clear(); }
}
