using System.Management.Automation;
using TlsReady.Json;
using TlsReady.Native;

namespace TlsReady.Objects
{
    /// <summary>
    /// The client impact of an endpoint result as typed objects: TlsReady.ClientImpact with Outcomes
    /// (TlsReady.ClientOutcome: ClientId, Status, Version, CipherSuite, Group, Reason, Detail),
    /// WhatIfOutcomes and Breaks; TlsReady.ClientProfile for the built-in profiles.
    /// </summary>
    internal static class ClientImpactFactory
    {
        internal const string ImpactTypeName = "TlsReady.ClientImpact";
        internal const string OutcomeTypeName = "TlsReady.ClientOutcome";
        internal const string ProfileTypeName = "TlsReady.ClientProfile";

        /// <summary>Forecasts the clients against the endpoint-scan document (tlsr_client_impact).</summary>
        internal static PSObject Create(string scanDocument, string whatIf, string[] clientIds)
        {
            return FromDocument(NativeApi.ClientImpact(scanDocument, whatIf, clientIds));
        }

        /// <summary>A TlsReady.ClientImpact from a client_impact document (forecast or simulated).</summary>
        internal static PSObject FromDocument(string document)
        {
            var json = (JsonObject)JsonReader.Parse(document);
            PSObject impact = PSObjectFactory.ToPSObject(json, ImpactTypeName);
            Retype(impact.Properties["Outcomes"]?.Value);
            Retype(impact.Properties["WhatIfOutcomes"]?.Value);
            impact.Properties.Add(new PSNoteProperty("Json", document));
            return impact;
        }

        /// <summary>Adds ClientImpact to an endpoint result.</summary>
        internal static void AddTo(PSObject result, string scanDocument, string whatIf, string[] clientIds)
        {
            result.Properties.Add(new PSNoteProperty("ClientImpact", Create(scanDocument, whatIf, clientIds)));
        }

        /// <summary>Gives each outcome object the TlsReady.ClientOutcome type name.</summary>
        internal static void Retype(object outcomes)
        {
            if (!(outcomes is object[] items))
            {
                return;
            }
            foreach (object item in items)
            {
                if (item is PSObject outcome && !outcome.TypeNames.Contains(OutcomeTypeName))
                {
                    outcome.TypeNames.Insert(0, OutcomeTypeName);
                }
            }
        }
    }
}
