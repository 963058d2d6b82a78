// A PSHost for tests: records everything the engine writes to the host UI (What-if messages, warnings,
// verbose, Write-Host) and answers prompts (ShouldProcess -Confirm, ShouldContinue) from a script.
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace TlsReady.TestHost;

public sealed record HostLine(string Stream, string Text);

public sealed record PromptRecord(string Kind, string Caption, string Message, IReadOnlyList<string> Choices, string Answer);

/// <summary>How the test UI answers a choice prompt. Labels are compared without the '&amp;' hot-key marker.</summary>
public sealed class PromptPolicy
{
    /// <summary>Preferred answers in order, e.g. ["No to All", "No"]; null means "there is nobody at the keyboard".</summary>
    public IReadOnlyList<string>? Answers { get; init; }
}

public sealed class RecordingHost : PSHost
{
    private readonly RecordingUI _ui;
    private readonly Guid _id = Guid.NewGuid();

    public RecordingHost(PromptPolicy policy) => _ui = new RecordingUI(policy);

    public RecordingUI Recorder => _ui;
    public override PSHostUserInterface UI => _ui;
    public override string Name => "TlsReady.TestHost";
    public override Version Version => new(1, 0);
    public override Guid InstanceId => _id;
    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
    public int? ExitCode { get; private set; }
    public override void SetShouldExit(int exitCode) => ExitCode = exitCode;
    public override void EnterNestedPrompt() => throw new NotSupportedException("nested prompts are not supported by the test host");
    public override void ExitNestedPrompt() => throw new NotSupportedException("nested prompts are not supported by the test host");
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
}

public sealed class RecordingUI : PSHostUserInterface
{
    private readonly PromptPolicy _policy;
    private readonly RecordingRawUI _raw = new();
    private readonly System.Text.StringBuilder _partial = new();
    private readonly object _lock = new();

    public RecordingUI(PromptPolicy policy) => _policy = policy;

    public List<HostLine> Lines { get; } = new();
    public List<PromptRecord> Prompts { get; } = new();

    public override PSHostRawUserInterface RawUI => _raw;

    private void Add(string stream, string text)
    {
        lock (_lock)
        {
            // a multi-line message is recorded line by line, as a console would show it
            foreach (var line in text.Replace("\r\n", "\n").Split('\n'))
                Lines.Add(new HostLine(stream, line));
        }
    }

    public void Flush()
    {
        lock (_lock)
        {
            if (_partial.Length == 0) return;
            var text = _partial.ToString();
            _partial.Clear();
            Lines.Add(new HostLine("host", text));
        }
    }

    public override void Write(string value)
    {
        lock (_lock)
        {
            _partial.Append(value);
            var text = _partial.ToString();
            var nl = text.LastIndexOf('\n');
            if (nl < 0) return;
            _partial.Clear();
            _partial.Append(text[(nl + 1)..]);
            Add("host", text[..nl]);
        }
    }

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);

    public override void WriteLine(string value)
    {
        lock (_lock)
        {
            var text = _partial + value;
            _partial.Clear();
            Add("host", text);
        }
    }

    public override void WriteErrorLine(string value) => Add("error", value);
    public override void WriteDebugLine(string message) => Add("debug", message);
    public override void WriteVerboseLine(string message) => Add("verbose", message);
    public override void WriteWarningLine(string message) => Add("warning", message);
    public override void WriteProgress(long sourceId, ProgressRecord record) { }

    public override void WriteInformation(InformationRecord record)
    {
        // Write-Host reaches the host through WriteLine; other information records are kept in the stream only
    }

    public override string ReadLine() => throw Unattended("ReadLine");
    public override SecureString ReadLineAsSecureString() => throw Unattended("ReadLineAsSecureString");

    public override Dictionary<string, PSObject> Prompt(string caption, string message, System.Collections.ObjectModel.Collection<FieldDescription> descriptions)
    {
        Prompts.Add(new PromptRecord("prompt", caption ?? "", message ?? "", descriptions.Select(d => d.Name).ToList(), "<refused>"));
        throw Unattended("Prompt");
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) => throw Unattended("PromptForCredential");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw Unattended("PromptForCredential");

    public override int PromptForChoice(string caption, string message, System.Collections.ObjectModel.Collection<ChoiceDescription> choices, int defaultChoice)
    {
        var labels = choices.Select(c => c.Label.Replace("&", "")).ToList();
        if (_policy.Answers is null)
        {
            Prompts.Add(new PromptRecord("choice", caption ?? "", message ?? "", labels, "<refused>"));
            throw Unattended("PromptForChoice");
        }
        foreach (var wanted in _policy.Answers)
        {
            var index = labels.FindIndex(l => string.Equals(l, wanted, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                Prompts.Add(new PromptRecord("choice", caption ?? "", message ?? "", labels, labels[index]));
                return index;
            }
        }
        Prompts.Add(new PromptRecord("choice", caption ?? "", message ?? "", labels, "<no matching answer>"));
        throw new InvalidOperationException(
            $"test host: none of the answers [{string.Join(", ", _policy.Answers)}] is among the choices [{string.Join(", ", labels)}]");
    }

    private static HostException Unattended(string what) =>
        new($"test host: {what} needs a user; the script must not prompt in this mode", null, "TestHostUnattended", ErrorCategory.InvalidOperation);
}

public sealed class RecordingRawUI : PSHostRawUserInterface
{
    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override Size BufferSize { get; set; } = new(120, 3000);
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; } = 25;
    public override bool KeyAvailable => false;
    public override Size MaxPhysicalWindowSize => new(120, 50);
    public override Size MaxWindowSize => new(120, 50);
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get; set; } = new(120, 50);
    public override string WindowTitle { get; set; } = "TlsReady.TestHost";
    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new HostException("test host: ReadKey needs a user");
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
