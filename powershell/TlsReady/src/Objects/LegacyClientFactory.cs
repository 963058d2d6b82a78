using System;
using System.Globalization;
using System.Management.Automation;
using TlsReady.Json;

namespace TlsReady.Objects
{
    /// <summary>
    /// The documents of "who still uses TLS 1.0/1.1" as typed objects: the legacy-clients document
    /// (legacy-clients.schema.json) as a TlsReady.LegacyClients (Sources, Totals, Clients, Sites, Users,
    /// Days; the list entries typed TlsReady.LegacyClient, TlsReady.LegacySite, TlsReady.LegacyUser and
    /// TlsReady.LegacyDay), each TLS-use event (tls-use-event.schema.json) as a TlsReady.TlsUseEvent.
    /// The first and last legacy use and the event's time are UTC DateTimes; Json is the document.
    /// </summary>
    internal static class LegacyClientFactory
    {
        internal const string SummaryTypeName = "TlsReady.LegacyClients";
        internal const string ClientTypeName = "TlsReady.LegacyClient";
        internal const string EventTypeName = "TlsReady.TlsUseEvent";

        internal static PSObject Summary(string document)
        {
            PSObject summary = PSObjectFactory.ToPSObject((JsonObject)JsonReader.Parse(document), SummaryTypeName);
            Times(summary.Properties["Totals"]?.Value as PSObject);
            RetypeList(summary, "Clients", ClientTypeName);
            RetypeList(summary, "Sites", "TlsReady.LegacySite");
            RetypeList(summary, "Users", "TlsReady.LegacyUser");
            Retype(summary.Properties["Days"]?.Value as object[], "TlsReady.LegacyDay");
            Retype(summary.Properties["Sources"]?.Value as object[], "TlsReady.LogSource");
            summary.Properties.Add(new PSNoteProperty("Json", document));
            return summary;
        }

        /// <summary>The TlsReady.LegacyClient entries of a summary (-AsSummary gives the whole document instead).</summary>
        internal static PSObject[] Clients(PSObject summary)
        {
            object[] items = (summary.Properties["Clients"]?.Value as PSObject)?.Properties["Items"]?.Value as object[] ?? new object[0];
            var clients = new PSObject[items.Length];
            for (int i = 0; i < items.Length; i++)
            {
                clients[i] = (PSObject)items[i];
            }
            return clients;
        }

        internal static PSObject Event(string document)
        {
            PSObject tlsUse = PSObjectFactory.ToPSObject((JsonObject)JsonReader.Parse(document), EventTypeName);
            ToTime(tlsUse, "Time");
            tlsUse.Properties.Add(new PSNoteProperty("Json", document));
            return tlsUse;
        }

        private static void RetypeList(PSObject summary, string member, string typeName)
        {
            Retype((summary.Properties[member]?.Value as PSObject)?.Properties["Items"]?.Value as object[], typeName);
        }

        private static void Retype(object[] items, string typeName)
        {
            foreach (object item in items ?? new object[0])
            {
                if (item is PSObject entry)
                {
                    entry.TypeNames.Clear();
                    entry.TypeNames.Add(typeName);
                    Times(entry);
                }
            }
        }

        private static void Times(PSObject tally)
        {
            ToTime(tally, "FirstLegacyUse");
            ToTime(tally, "LastLegacyUse");
        }

        private static void ToTime(PSObject item, string name)
        {
            PSPropertyInfo property = item?.Properties[name];
            if (property?.Value is string text && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out DateTime when))
            {
                property.Value = when;
            }
        }
    }
}
