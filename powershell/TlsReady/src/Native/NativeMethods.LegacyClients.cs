using System;
using System.Runtime.InteropServices;

namespace TlsReady.Native
{
    /// <summary>The P/Invoke declarations of tlsready.h's server-log functions (tlsr_log_formats, tlsr_legacy_clients_*).</summary>
    internal static partial class NativeMethods
    {
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_log_formats(out IntPtr json);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_detect_log_format(byte[] path, out IntPtr format);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_legacy_clients_start(byte[] requestJson, out LegacyReaderSafeHandle reader);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_legacy_clients_next_event(LegacyReaderSafeHandle reader, int timeoutMs, out IntPtr eventJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_legacy_clients_summary(LegacyReaderSafeHandle reader, out IntPtr summaryJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_legacy_clients_cancel(LegacyReaderSafeHandle reader);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_legacy_clients_progress(LegacyReaderSafeHandle reader, out UIntPtr filesRead, out UIntPtr fileCount, out ulong bytesRead);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void tlsr_legacy_clients_free(IntPtr reader);
    }
}
