using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace TlsReady.Json
{
    /// <summary>Writes the scan request (scan-request.schema.json): objects, arrays, strings, numbers, bools, null.</summary>
    internal static class JsonWriter
    {
        internal static string Write(object value)
        {
            var builder = new StringBuilder();
            Append(builder, value);
            return builder.ToString();
        }

        private static void Append(StringBuilder builder, object value)
        {
            switch (value)
            {
                case null: builder.Append("null"); break;
                case bool b: builder.Append(b ? "true" : "false"); break;
                case string s: AppendString(builder, s); break;
                case int i: builder.Append(i.ToString(CultureInfo.InvariantCulture)); break;
                case long l: builder.Append(l.ToString(CultureInfo.InvariantCulture)); break;
                case double d: builder.Append(d.ToString("R", CultureInfo.InvariantCulture)); break;
                case JsonObject o:
                    builder.Append('{');
                    for (int i = 0; i < o.Members.Count; i++)
                    {
                        if (i > 0)
                        {
                            builder.Append(',');
                        }
                        AppendString(builder, o.Members[i].Key);
                        builder.Append(':');
                        Append(builder, o.Members[i].Value);
                    }
                    builder.Append('}');
                    break;
                case IEnumerable<object> items:
                    builder.Append('[');
                    bool first = true;
                    foreach (object item in items)
                    {
                        if (!first)
                        {
                            builder.Append(',');
                        }
                        first = false;
                        Append(builder, item);
                    }
                    builder.Append(']');
                    break;
                default: AppendString(builder, value.ToString()); break;
            }
        }

        private static void AppendString(StringBuilder builder, string s)
        {
            builder.Append('"');
            foreach (char c in s)
            {
                switch (c)
                {
                    case '"': builder.Append("\\\""); break;
                    case '\\': builder.Append("\\\\"); break;
                    case '\n': builder.Append("\\n"); break;
                    case '\r': builder.Append("\\r"); break;
                    case '\t': builder.Append("\\t"); break;
                    default:
                        if (c < 0x20)
                        {
                            builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        }
                        else
                        {
                            builder.Append(c);
                        }
                        break;
                }
            }
            builder.Append('"');
        }
    }
}
