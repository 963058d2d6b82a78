using System;
using System.Runtime.InteropServices;

namespace TlsReady.Native
{
    /// <summary>
    /// tlsr_machine_reach of native/include/tlsready.h and its managed face: a local-policy report
    /// document and a policy in, the machine-reach document (machine-reach.schema.json) out; a failed
    /// status as <see cref="TlsReadyNativeException"/> with the library's message.
    /// </summary>
    internal static class MachineReachNativeApi
    {
        [DllImport(NativeMethods.Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int tlsr_machine_reach(byte[] reportJson, byte[] policy, out IntPtr reachJson);

        internal static string MachineReach(string reportJson, string policy)
        {
            NativeLibraryLoader.EnsureLoaded();
            int status = tlsr_machine_reach(Utf8.ToNative(reportJson), Utf8.ToNative(policy), out IntPtr json);
            try
            {
                if (status != (int)TlsrStatus.Ok)
                {
                    // read on this thread, before any other tlsr_ call (tlsready.h: per-thread last error)
                    string message = Utf8.FromNative(NativeMethods.tlsr_last_error()) ?? "";
                    string name = Utf8.FromNative(NativeMethods.tlsr_status_name(status)) ?? status.ToString();
                    throw new TlsReadyNativeException("tlsr_machine_reach", status, name, message);
                }
                return Utf8.FromNative(json);
            }
            finally
            {
                if (json != IntPtr.Zero)
                {
                    NativeMethods.tlsr_string_free(json);
                }
            }
        }
    }
}
