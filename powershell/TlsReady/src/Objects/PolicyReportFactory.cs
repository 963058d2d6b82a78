using System.Management.Automation;
using TlsReady.Json;

namespace TlsReady.Objects
{
    /// <summary>
    /// A local-policy document (local-policy.schema.json) as a TlsReady.LocalPolicyReport: its
    /// members as typed properties (Findings as TlsReady.Finding objects, with Severity, Title,
    /// Evidence, RegistryChanges ...) and Json, the document itself. Export-TlsReadyRemediation reads
    /// Json, so a report that went through remoting or Export-Clixml still gives its remediation.
    /// </summary>
    internal static class PolicyReportFactory
    {
        internal const string TypeName = "TlsReady.LocalPolicyReport";

        internal static PSObject Create(string document, string source)
        {
            PSObject report = PSObjectFactory.ToPSObject((JsonObject)JsonReader.Parse(document), TypeName);
            report.Properties.Add(new PSNoteProperty("AuditedPath", source));
            report.Properties.Add(new PSNoteProperty("Json", document));
            return report;
        }
    }
}
