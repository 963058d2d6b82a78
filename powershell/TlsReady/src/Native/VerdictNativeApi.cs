using System;
using System.Runtime.InteropServices;

namespace TlsReady.Native
{
    /// <summary>
    /// The verdict functions of native/include/tlsready.h (tlsr_verdict, tlsr_verdict_summary,
    /// tlsr_policy_list, tlsr_policy_document) and their managed face: JSON text in, JSON text out,
    /// a failed status as <see cref="TlsReadyNativeException"/> with the library's message.
    /// </summary>
    internal static class VerdictNativeApi
    {
        [DllImport(NativeMethods.Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int tlsr_verdict(byte[] scanJson, byte[] policy, out IntPtr verdictJson);

        [DllImport(NativeMethods.Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int tlsr_verdict_summary(byte[] verdictsJson, out IntPtr summaryJson);

        [DllImport(NativeMethods.Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int tlsr_policy_list(out IntPtr policiesJson);

        internal static string Verdict(string scanJson, string policy)
        {
            NativeLibraryLoader.EnsureLoaded();
            int status = tlsr_verdict(Utf8.ToNative(scanJson), Utf8.ToNative(policy), out IntPtr json);
            return Take("tlsr_verdict", status, json);
        }

        internal static string Summary(string verdictsJson)
        {
            NativeLibraryLoader.EnsureLoaded();
            int status = tlsr_verdict_summary(Utf8.ToNative(verdictsJson), out IntPtr json);
            return Take("tlsr_verdict_summary", status, json);
        }

        internal static string PolicyList()
        {
            NativeLibraryLoader.EnsureLoaded();
            int status = tlsr_policy_list(out IntPtr json);
            return Take("tlsr_policy_list", status, json);
        }

        private static string Take(string function, int status, IntPtr text)
        {
            try
            {
                if (status != (int)TlsrStatus.Ok)
                {
                    // read on this thread, before any other tlsr_ call (tlsready.h: per-thread last error)
                    string message = Utf8.FromNative(NativeMethods.tlsr_last_error()) ?? "";
                    string name = Utf8.FromNative(NativeMethods.tlsr_status_name(status)) ?? status.ToString();
                    throw new TlsReadyNativeException(function, status, name, message);
                }
                return Utf8.FromNative(text);
            }
            finally
            {
                if (text != IntPtr.Zero)
                {
                    NativeMethods.tlsr_string_free(text);
                }
            }
        }
    }
}
