using System.Collections.Generic;

namespace TlsReady.Json
{
    /// <summary>A JSON object with its members in document order (the schemas' order is the view's order).</summary>
    internal sealed class JsonObject
    {
        internal List<KeyValuePair<string, object>> Members { get; } = new List<KeyValuePair<string, object>>();

        internal object this[string name]
        {
            get
            {
                foreach (KeyValuePair<string, object> member in Members)
                {
                    if (member.Key == name)
                    {
                        return member.Value;
                    }
                }
                return null;
            }
        }
    }
}
