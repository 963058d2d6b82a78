using System;

namespace TlsReady
{
    /// <summary>An endpoint that could not be scanned (its result's error.kind and message).</summary>
    public sealed class TlsReadyEndpointException : Exception
    {
        internal TlsReadyEndpointException(string endpoint, string kind, string message)
            : base(endpoint + ": " + kind + ": " + message)
        {
            Endpoint = endpoint;
            Kind = kind;
        }

        /// <summary>host:port as scanned.</summary>
        public string Endpoint { get; }

        /// <summary>endpoint-scan.schema.json error.kind: connection_refused, timeout, not_tls, ...</summary>
        public string Kind { get; }
    }
}
