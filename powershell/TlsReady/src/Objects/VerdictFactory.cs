using TlsReady.Json;
using TlsReady.Native;

namespace TlsReady.Objects
{
    /// <summary>
    /// A TlsReady.Verdict object from an endpoint-scan document and a policy (tlsr_verdict):
    /// Policy, Subject, Readiness, Findings, Inconclusive as typed properties, Json the document.
    /// Used by Get-TlsReadyVerdict and by Test-TlsReadyEndpoint -Policy (its Verdict property).
    /// </summary>
    internal static class VerdictFactory
    {
        internal const string TypeName = "TlsReady.Verdict";

        /// <summary>Throws <see cref="TlsReadyNativeException"/> for a bad policy or document.</summary>
        internal static System.Management.Automation.PSObject Create(string scanDocument, string policy)
        {
            string verdict = VerdictNativeApi.Verdict(scanDocument, policy);
            var item = PSObjectFactory.ToPSObject((JsonObject)JsonReader.Parse(verdict), TypeName);
            item.Properties.Add(new System.Management.Automation.PSNoteProperty("Json", verdict));
            return item;
        }
    }
}
