using System.Collections.Generic;
using TlsReady.Json;

namespace TlsReady.Commands
{
    /// <summary>One target of a scan request (scan-request.schema.json $defs/target).</summary>
    internal sealed class ScanTarget
    {
        internal ScanTarget(string name, int port, string serverName, string startTls)
        {
            Name = name;
            Port = port;
            ServerName = serverName;
            StartTls = startTls;
        }

        /// <summary>As given: the ErrorRecord's TargetObject.</summary>
        internal string Name { get; }

        internal int Port { get; }

        internal string ServerName { get; }

        internal string StartTls { get; }

        /// <summary>{"host", "port"} with -Port, else {"target": "host[:port]"}; sni and starttls when given.</summary>
        internal object ToJson()
        {
            var target = new JsonObject();
            if (Port > 0)
            {
                target.Members.Add(new KeyValuePair<string, object>("host", Name.Trim('[', ']')));
                target.Members.Add(new KeyValuePair<string, object>("port", Port));
            }
            else
            {
                target.Members.Add(new KeyValuePair<string, object>("target", Name));
            }
            if (!string.IsNullOrEmpty(ServerName))
            {
                target.Members.Add(new KeyValuePair<string, object>("sni", ServerName));
            }
            if (!string.IsNullOrEmpty(StartTls))
            {
                target.Members.Add(new KeyValuePair<string, object>("starttls", StartTls.ToLowerInvariant()));
            }
            return target;
        }
    }
}
