using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text;
using TlsReady.Json;

namespace TlsReady.Objects
{
    /// <summary>
    /// A library document as PowerShell objects: each JSON object a PSObject with the type name
    /// TlsReady.&lt;Member&gt; (arrays singular: "protocols" -> TlsReady.Protocol), members in
    /// PascalCase ("elapsed_ms" -> ElapsedMs), integers as int (long when larger), ISO-8601 UTC
    /// times ("..._at", "not_before", "not_after") as DateTime, arrays as object[] (string[] when all
    /// strings). Generic on purpose: a field added to a schema appears here without a change.
    /// </summary>
    internal static class PSObjectFactory
    {
        private static readonly Dictionary<string, string> Words = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            { "starttls", "StartTls" }, { "openssl", "OpenSsl" }, { "tls13", "Tls13" }, { "ms", "Ms" },
            { "sha256", "Sha256" }, { "dh", "Dh" }, { "ca", "Ca" },
        };

        // members whose generic name would mislead: the certificate member is the check of the
        // chain, the chain's items are the certificates
        private static readonly Dictionary<string, string> TypeNames = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            { "certificate", "TlsReady.CertificateCheck" }, { "chain", "TlsReady.Certificate" }, { "error", "TlsReady.ScanError" },
        };

        internal static PSObject ToPSObject(JsonObject json, string typeName)
        {
            var result = new PSObject();
            result.TypeNames.Insert(0, typeName);
            foreach (KeyValuePair<string, object> member in json.Members)
            {
                result.Properties.Add(new PSNoteProperty(PascalCase(member.Key), Convert(member.Key, member.Value)));
            }
            return result;
        }

        internal static object Convert(string name, object value)
        {
            switch (value)
            {
                case JsonObject o:
                    return ToPSObject(o, TypeNameOf(name, false));
                case List<object> items:
                    return ConvertArray(name, items);
                case long l:
                    return l >= int.MinValue && l <= int.MaxValue ? (object)(int)l : l;
                case string s:
                    return IsTimeMember(name) && TryParseUtc(s, out DateTime when) ? (object)when : s;
                default:
                    return value;
            }
        }

        private static object ConvertArray(string name, List<object> items)
        {
            bool allStrings = true;
            foreach (object item in items)
            {
                allStrings &= item is string;
            }
            if (allStrings)
            {
                return items.ConvertAll(item => (string)item).ToArray();
            }
            var result = new object[items.Count];
            for (int i = 0; i < items.Count; i++)
            {
                result[i] = items[i] is JsonObject o ? ToPSObject(o, TypeNameOf(name, true)) : Convert(name, items[i]);
            }
            return result;
        }

        /// <summary>"cipher_suites" -> "TlsReady.CipherSuite", "certificate" -> "TlsReady.Certificate".</summary>
        internal static string TypeNameOf(string member, bool arrayItem)
        {
            if (TypeNames.TryGetValue(member, out string fixedName))
            {
                return fixedName;
            }
            string name = PascalCase(member);
            if (arrayItem)
            {
                if (name.EndsWith("sses", StringComparison.Ordinal))
                {
                    name = name.Substring(0, name.Length - 2);
                }
                else if (name.EndsWith("ies", StringComparison.Ordinal))
                {
                    name = name.Substring(0, name.Length - 3) + "y";
                }
                else if (name.EndsWith("s", StringComparison.Ordinal))
                {
                    name = name.Substring(0, name.Length - 1);
                }
            }
            return "TlsReady." + name;
        }

        internal static string PascalCase(string member)
        {
            var builder = new StringBuilder(member.Length);
            foreach (string word in member.Split('_'))
            {
                if (word.Length == 0)
                {
                    continue;
                }
                if (Words.TryGetValue(word, out string fixedWord))
                {
                    builder.Append(fixedWord);
                }
                else
                {
                    builder.Append(char.ToUpperInvariant(word[0])).Append(word, 1, word.Length - 1);
                }
            }
            return builder.ToString();
        }

        private static bool IsTimeMember(string name) =>
            name.EndsWith("_at", StringComparison.Ordinal) || name == "not_before" || name == "not_after";

        private static bool TryParseUtc(string text, out DateTime when) =>
            DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out when);
    }
}
