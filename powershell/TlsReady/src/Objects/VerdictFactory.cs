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
            return FromDocument(VerdictNativeApi.Verdict(scanDocument, policy));
        }

        /// <summary>
        /// A TlsReady.Verdict from a verdict document; its Clients (the clients section, when there is
        /// one) are TlsReady.ClientOutcome objects.
        /// </summary>
        internal static System.Management.Automation.PSObject FromDocument(string verdict)
        {
            var item = PSObjectFactory.ToPSObject((JsonObject)JsonReader.Parse(verdict), TypeName);
            ClientImpactFactory.Retype(item.Properties["Clients"]?.Value);
            item.Properties.Add(new System.Management.Automation.PSNoteProperty("Json", verdict));
            return item;
        }
    }
}
