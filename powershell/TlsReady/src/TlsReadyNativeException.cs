using System;

namespace TlsReady
{
    /// <summary>A tlsr_* call that returned a negative status: the status and the library's message.</summary>
    public sealed class TlsReadyNativeException : Exception
    {
        internal TlsReadyNativeException(string function, int status, string statusName, string message)
            : base(message.Length > 0 ? message : function + ": " + statusName)
        {
            Function = function;
            Status = status;
            StatusName = statusName;
        }

        /// <summary>The C function, e.g. tlsr_scan_start.</summary>
        public string Function { get; }

        /// <summary>The tlsr_status, e.g. -1.</summary>
        public int Status { get; }

        /// <summary>TLSR_ERR_INVALID_ARGUMENT, ...</summary>
        public string StatusName { get; }
    }
}
