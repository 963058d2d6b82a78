using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text;
using TlsReady.Json;
using TlsReady.Native;
using TlsReady.Objects;

namespace TlsReady.Commands
{
    /// <summary>
    /// Measure-TlsReadyVerdict: the summary across many endpoints of their verdicts (tlsr_verdict_summary,
    /// the verdict_summary document the Python package and `tlsready verdict --summary` give): how many
    /// endpoints are ready, ready with warnings, not ready or unknown, and the top findings (most
    /// endpoints first). Input: TlsReady.Verdict objects (Get-TlsReadyVerdict), endpoint results that
    /// carry one (Test-TlsReadyEndpoint -Policy), or verdict documents as text. One
    /// TlsReady.VerdictSummary at the end (Endpoints, Policies, Readiness, TopFindings, Json).
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "TlsReadyVerdict")]
    [OutputType(TypeName)]
    public sealed class MeasureTlsReadyVerdictCommand : PSCmdlet
    {
        internal const string TypeName = "TlsReady.VerdictSummary";

        private readonly List<string> verdicts = new List<string>();

        /// <summary>A TlsReady.Verdict, an endpoint result with a Verdict property, or a verdict document (JSON text).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject[] InputObject { get; set; }

        protected override void ProcessRecord()
        {
            foreach (PSObject item in InputObject)
            {
                string document = VerdictDocumentOf(item);
                if (document == null)
                {
                    var e = new ArgumentException("not a verdict: " + Describe(item) +
                                                  " (give Get-TlsReadyVerdict's output, Test-TlsReadyEndpoint -Policy results, or verdict documents)");
                    WriteError(new ErrorRecord(e, "TlsReady.NotAVerdict", ErrorCategory.InvalidArgument, item));
                    continue;
                }
                verdicts.Add(document);
            }
        }

        protected override void EndProcessing()
        {
            var array = new StringBuilder("[");
            for (int i = 0; i < verdicts.Count; i++)
            {
                array.Append(i == 0 ? "" : ",").Append(verdicts[i]);
            }
            array.Append(']');
            try
            {
                string summary = VerdictNativeApi.Summary(array.ToString());
                PSObject result = PSObjectFactory.ToPSObject((JsonObject)JsonReader.Parse(summary), TypeName);
                result.Properties.Add(new PSNoteProperty("Json", summary));
                WriteObject(result);
            }
            catch (TlsReadyNativeException e)
            {
                ThrowTerminatingError(ErrorCategoryMap.Record(e, "TlsReady.VerdictSummary", null));
            }
            catch (DllNotFoundException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "TlsReady.NativeLibraryNotFound", ErrorCategory.ResourceUnavailable, NativeLibraryLoader.LibraryPath));
            }
        }

        /// <summary>The verdict document of a verdict object, of an endpoint result's Verdict, or the text itself; null otherwise.</summary>
        private static string VerdictDocumentOf(PSObject item)
        {
            if (item.BaseObject is string text)
            {
                return text.Trim().Length == 0 ? null : text.Trim();
            }
            if (IsVerdict(item))
            {
                return item.Properties["Json"]?.Value as string;
            }
            if (item.Properties["Verdict"]?.Value is PSObject verdict && IsVerdict(verdict))
            {
                return verdict.Properties["Json"]?.Value as string;
            }
            return null;
        }

        private static bool IsVerdict(PSObject item) =>
            (item.TypeNames.Contains(VerdictFactory.TypeName) || item.TypeNames.Contains("Deserialized." + VerdictFactory.TypeName)) &&
            item.Properties["Json"]?.Value is string;

        private static string Describe(PSObject item)
        {
            string type = item.TypeNames.Count > 0 ? item.TypeNames[0] : item.BaseObject?.GetType().FullName;
            object endpoint = item.Properties["Endpoint"]?.Value;
            return endpoint != null ? type + " " + endpoint + " (without -Policy it has no Verdict)" : type;
        }
    }
}
