using System.Management.Automation;
using TlsReady.Json;
using TlsReady.Native;

namespace TlsReady.Objects
{
    /// <summary>
    /// A TlsReady.MachineReach object (tlsr_machine_reach): Policy, Server, Platform, Stacks (one
    /// per TLS stack, typed TlsReady.StackReach: Id, Stack, Reaches, Version, CipherSuite, Reason, Detail, Evidence, Fix ...),
    /// Summary, and Json, the document. Get-TlsReadyLocalPolicy -Against adds it to the report as
    /// its MachineReach property.
    /// </summary>
    internal static class MachineReachFactory
    {
        internal const string TypeName = "TlsReady.MachineReach";
        internal const string StackTypeName = "TlsReady.StackReach";

        /// <summary>Throws <see cref="TlsReadyNativeException"/> for a bad policy or report.</summary>
        internal static PSObject Create(string reportDocument, string policy)
        {
            string reach = MachineReachNativeApi.MachineReach(reportDocument, policy);
            PSObject item = PSObjectFactory.ToPSObject((JsonObject)JsonReader.Parse(reach), TypeName);
            if (item.Properties["Stacks"]?.Value is object[] stacks)
            {
                foreach (object stack in stacks)
                {
                    // the generic name is TlsReady.Stack; this one names what the object answers (its view)
                    (stack as PSObject)?.TypeNames.Insert(0, StackTypeName);
                }
            }
            item.Properties.Add(new PSNoteProperty("Json", reach));
            return item;
        }
    }
}
