using System.Management.Automation;
using TlsReady.Native;

namespace TlsReady
{
    /// <summary>
    /// ErrorRecord categories: for a tlsr_status (a failed call) and for an endpoint's error.kind
    /// (endpoint-scan.schema.json), so -ErrorAction, -ErrorVariable and $Error[0].CategoryInfo tell
    /// a refused port from a timeout from a server that does not speak TLS.
    /// </summary>
    internal static class ErrorCategoryMap
    {
        internal static ErrorCategory ForStatus(int status)
        {
            switch ((TlsrStatus)status)
            {
                case TlsrStatus.InvalidArgument: return ErrorCategory.InvalidArgument;
                case TlsrStatus.NoMemory: return ErrorCategory.ResourceUnavailable;
                case TlsrStatus.Timeout: return ErrorCategory.OperationTimeout;
                case TlsrStatus.NotFound: return ErrorCategory.ObjectNotFound;
                case TlsrStatus.Unsupported: return ErrorCategory.NotImplemented;
                case TlsrStatus.Internal: return ErrorCategory.NotSpecified;
                default: return ErrorCategory.NotSpecified;
            }
        }

        internal static ErrorCategory ForEndpointErrorKind(string kind)
        {
            switch (kind)
            {
                case "invalid_target": return ErrorCategory.InvalidArgument;
                case "name_not_resolved": return ErrorCategory.ObjectNotFound;
                case "connection_refused":
                case "network_unreachable":
                case "connection_reset":
                case "connection_closed": return ErrorCategory.ConnectionError;
                case "timeout":
                case "endpoint_timeout": return ErrorCategory.OperationTimeout;
                case "not_tls":
                case "handshake_refused":
                case "protocol_error":
                case "starttls_failed": return ErrorCategory.ProtocolError;
                case "cancelled": return ErrorCategory.OperationStopped;
                case "flight_limit_exceeded": return ErrorCategory.LimitsExceeded;
                default: return ErrorCategory.NotSpecified;
            }
        }

        /// <summary>The ErrorRecord of a failed tlsr_* call.</summary>
        internal static ErrorRecord Record(TlsReadyNativeException e, string errorIdPrefix, object target)
        {
            return new ErrorRecord(e, errorIdPrefix + "." + e.StatusName, ForStatus(e.Status), target);
        }
    }
}
