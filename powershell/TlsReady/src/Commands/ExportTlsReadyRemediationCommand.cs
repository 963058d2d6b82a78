using System;
using System.IO;
using System.Management.Automation;
using System.Text;
using TlsReady.Native;

namespace TlsReady.Commands
{
    /// <summary>
    /// Export-TlsReadyRemediation: the fix for a TlsReady.LocalPolicyReport (tlsr_policy_remediation)
    /// as a .reg file (-Format Reg; UndoReg puts back what Reg changes) or a PowerShell script
    /// honouring -WhatIf/-Confirm (-Format PowerShell). With -Path it writes the file (.reg as
    /// UTF-16LE with BOM, as regedit and `reg export` write it; .ps1 as UTF-8 with BOM, which
    /// Windows PowerShell 5.1 reads as UTF-8), guarded by ShouldProcess; without -Path it writes the
    /// text to the pipeline. Reads the report's Json, so deserialized reports (remoting,
    /// Import-Clixml) work too.
    /// </summary>
    [Cmdlet(VerbsData.Export, "TlsReadyRemediation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(string))]
    public sealed class ExportTlsReadyRemediationCommand : PSCmdlet
    {
        private int reports;

        /// <summary>A TlsReady.LocalPolicyReport (Get-TlsReadyLocalPolicy).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject InputObject { get; set; }

        /// <summary>Reg (a .reg file), UndoReg (the .reg that undoes Reg) or PowerShell (a .ps1).</summary>
        [Parameter(Position = 0)]
        [ValidateSet("Reg", "UndoReg", "PowerShell", IgnoreCase = true)]
        public string Format { get; set; } = "Reg";

        /// <summary>The file to write; without it, the text goes to the pipeline.</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; }

        protected override void ProcessRecord()
        {
            reports++;
            string document = InputObject.Properties["Json"]?.Value as string;
            if (document == null)
            {
                var e = new ArgumentException("TlsReady: the input is not a TlsReady.LocalPolicyReport (it has no Json property); pipe Get-TlsReadyLocalPolicy into Export-TlsReadyRemediation");
                WriteError(new ErrorRecord(e, "TlsReady.NotAPolicyReport", ErrorCategory.InvalidArgument, InputObject));
                return;
            }
            if (Path != null && reports > 1)
            {
                var e = new InvalidOperationException("TlsReady: more than one report in the pipeline for one -Path " + Path + "; export each report to its own file");
                WriteError(new ErrorRecord(e, "TlsReady.OnePathPerReport", ErrorCategory.InvalidOperation, InputObject));
                return;
            }
            string text;
            try
            {
                text = NativeApi.Remediation(document, NativeFormat(Format));
            }
            catch (TlsReadyNativeException e)
            {
                WriteError(ErrorCategoryMap.Record(e, "TlsReady.Remediation", InputObject));
                return;
            }
            catch (DllNotFoundException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "TlsReady.NativeLibraryNotFound", ErrorCategory.ResourceUnavailable, NativeLibraryLoader.LibraryPath));
                return;
            }
            if (Path == null)
            {
                WriteObject(text);
                return;
            }
            string file = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (!ShouldProcess(file, "Write the " + Format + " remediation"))
            {
                return;
            }
            try
            {
                Encoding encoding = string.Equals(Format, "PowerShell", StringComparison.OrdinalIgnoreCase)
                    ? new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)
                    : (Encoding)new UnicodeEncoding(bigEndian: false, byteOrderMark: true);
                File.WriteAllText(file, text, encoding);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                WriteError(new ErrorRecord(e, "TlsReady.WriteRemediation", ErrorCategory.WriteError, file));
            }
        }

        private static string NativeFormat(string format)
        {
            switch (format.ToLowerInvariant())
            {
                case "powershell": return "ps1";
                case "undoreg": return "undo-reg";
                default: return "reg";
            }
        }
    }
}
