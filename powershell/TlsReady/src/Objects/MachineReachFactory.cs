using System.Management.Automation;
using TlsReady.Json;
using TlsReady.Native;

namespace TlsReady.Objects
{
    /// <summary>
    /// A TlsReady.MachineReach object (tlsr_machine_reach): Policy, Server, Platform, Stacks (one
    /// per TLS stack: Id, Stack, Reaches, Version, CipherSuite, Reason, Detail, Evidence, Fix ...),
    /// Summary, and Json, the document. Get-TlsReadyLocalPolicy -Against adds it to the report as
    /// its MachineReach property.
    /// </summary>
    internal static class MachineReachFactory
    {
        internal const string TypeName = "TlsReady.MachineReach";

        /// <summary>Throws <see cref="TlsReadyNativeException"/> for a bad policy or report.</summary>
        internal static PSObject Create(string reportDocument, string policy)
        {
            string reach = MachineReachNativeApi.MachineReach(reportDocument, policy);
            PSObject item = PSObjectFactory.ToPSObject((JsonObject)JsonReader.Parse(reach), TypeName);
            item.Properties.Add(new PSNoteProperty("Json", reach));
            return item;
        }
    }
}
