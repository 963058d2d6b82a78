using System;
using System.Collections.Generic;
using System.Management.Automation;
using TlsReady.Json;

namespace TlsReady.Objects
{
    /// <summary>
    /// One endpoint-scan document as a TlsReady.EndpointResult: first the flat summary an admin
    /// sorts, filters and exports to CSV (Endpoint, Tls10..Tls13, WeakestSuite,
    /// CertificateNotAfter, ErrorKind), then every member of the document as typed properties
    /// (<see cref="PSObjectFactory"/>), then Json: the document as the library gave it, the same
    /// bytes Python and the C ABI give (for a cross-front diff or an archive).
    /// </summary>
    internal static class EndpointResultFactory
    {
        internal const string TypeName = "TlsReady.EndpointResult";

        internal static PSObject Create(string document)
        {
            var json = (JsonObject)JsonReader.Parse(document);
            PSObject detail = PSObjectFactory.ToPSObject(json, TypeName);
            var result = new PSObject();
            result.TypeNames.Insert(0, TypeName);
            var target = json["target"] as JsonObject;
            result.Properties.Add(new PSNoteProperty("Endpoint", EndpointText(target)));
            result.Properties.Add(new PSNoteProperty("Tls10", Accepted(json, "TLSv1.0")));
            result.Properties.Add(new PSNoteProperty("Tls11", Accepted(json, "TLSv1.1")));
            result.Properties.Add(new PSNoteProperty("Tls12", Accepted(json, "TLSv1.2")));
            result.Properties.Add(new PSNoteProperty("Tls13", Accepted(json, "TLSv1.3")));
            result.Properties.Add(new PSNoteProperty("WeakestSuite", WeakestSuite(json)));
            result.Properties.Add(new PSNoteProperty("CertificateNotAfter", LeafNotAfter(json)));
            result.Properties.Add(new PSNoteProperty("ErrorKind", (json["error"] as JsonObject)?["kind"] as string));
            foreach (PSPropertyInfo property in detail.Properties)
            {
                result.Properties.Add(new PSNoteProperty(property.Name, property.Value));
            }
            result.Properties.Add(new PSNoteProperty("Json", document));
            return result;
        }

        /// <summary>"127.0.0.1:8443", "[::1]:8443".</summary>
        internal static string EndpointText(JsonObject target)
        {
            if (target == null)
            {
                return null;
            }
            string host = target["host"] as string ?? "";
            string port = Convert.ToString(target["port"], System.Globalization.CultureInfo.InvariantCulture);
            return (host.IndexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }

        private static bool Accepted(JsonObject json, string version)
        {
            foreach (JsonObject protocol in Items(json["protocols"]))
            {
                if (protocol["version"] as string == version && protocol["accepted"] is bool accepted)
                {
                    return accepted;
                }
            }
            return false;
        }

        /// <summary>The accepted suite with the most weaknesses (RFC 9325 section 4), or null when none is weak.</summary>
        private static string WeakestSuite(JsonObject json)
        {
            string weakest = null;
            int most = 0;
            foreach (JsonObject protocol in Items(json["protocols"]))
            {
                foreach (JsonObject suite in Items(protocol["cipher_suites"]))
                {
                    int count = (suite["weaknesses"] as List<object>)?.Count ?? 0;
                    if (count > most)
                    {
                        most = count;
                        weakest = suite["name"] as string;
                    }
                }
            }
            return weakest;
        }

        private static DateTime? LeafNotAfter(JsonObject json)
        {
            var certificate = json["certificate"] as JsonObject;
            foreach (JsonObject leaf in Items(certificate?["chain"]))
            {
                return PSObjectFactory.Convert("not_after", leaf["not_after"]) as DateTime?;
            }
            return null;
        }

        private static IEnumerable<JsonObject> Items(object array)
        {
            if (array is List<object> items)
            {
                foreach (object item in items)
                {
                    if (item is JsonObject o)
                    {
                        yield return o;
                    }
                }
            }
        }
    }
}
