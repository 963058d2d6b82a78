using System;
using System.Runtime.InteropServices;

namespace TlsReady.Native
{
    /// <summary>
    /// The verdict's clients section and the cancellable client simulation of tlsready.h
    /// (tlsr_verdict_clients, tlsr_verdict_with_clients, tlsr_simulate_clients_cancellable,
    /// tlsr_cancel_*): JSON documents in and out (verdict.schema.json, client-impact.schema.json).
    /// </summary>
    internal static partial class NativeApi
    {
        [DllImport(NativeMethods.Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int tlsr_cancel_new(out CancelSafeHandle cancel);

        [DllImport(NativeMethods.Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int tlsr_cancel_request(CancelSafeHandle cancel);

        [DllImport(NativeMethods.Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern void tlsr_cancel_free(IntPtr cancel);

        [DllImport(NativeMethods.Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int tlsr_simulate_clients_cancellable(byte[] scanJson, byte[] optionsJson, byte[] whatIf, IntPtr[] clientIds, UIntPtr clientCount, CancelSafeHandle cancel, out IntPtr json);

        [DllImport(NativeMethods.Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int tlsr_verdict_clients(byte[] scanJson, byte[] policy, int simulate, byte[] optionsJson, byte[] whatIf, IntPtr[] clientIds, UIntPtr clientCount, IntPtr cancel, out IntPtr verdictJson);

        [DllImport(NativeMethods.Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int tlsr_verdict_with_clients(byte[] verdictJson, byte[] clientImpactJson, out IntPtr verdictJson2);

        internal static CancelSafeHandle NewCancel()
        {
            NativeLibraryLoader.EnsureLoaded();
            int status = tlsr_cancel_new(out CancelSafeHandle cancel);
            Check("tlsr_cancel_new", status);
            return cancel;
        }

        internal static void RequestCancel(CancelSafeHandle cancel)
        {
            int status = tlsr_cancel_request(cancel);
            Check("tlsr_cancel_request", status);
        }

        internal static void FreeCancel(IntPtr cancel)
        {
            tlsr_cancel_free(cancel);
        }

        /// <summary>The client_impact document with the outcomes simulated on the wire (those the scan decides taken from it); cancel stops it.</summary>
        internal static string SimulateClients(string scanJson, string optionsJson, string whatIf, string[] clientIds, CancelSafeHandle cancel)
        {
            NativeLibraryLoader.EnsureLoaded();
            return WithIds(clientIds, (ids, count) =>
            {
                int status = tlsr_simulate_clients_cancellable(Utf8.ToNative(scanJson), Utf8.ToNative(optionsJson), Utf8.ToNative(whatIf), ids, count, cancel, out IntPtr json);
                return TakeString("tlsr_simulate_clients_cancellable", status, json);
            });
        }

        /// <summary>The verdict document with its clients section forecast from the scan document (no network).</summary>
        internal static string VerdictClients(string scanJson, string policy, string whatIf, string[] clientIds)
        {
            NativeLibraryLoader.EnsureLoaded();
            return WithIds(clientIds, (ids, count) =>
            {
                int status = tlsr_verdict_clients(Utf8.ToNative(scanJson), Utf8.ToNative(policy), 0, null, Utf8.ToNative(whatIf), ids, count, IntPtr.Zero, out IntPtr json);
                return TakeString("tlsr_verdict_clients", status, json);
            });
        }

        /// <summary>A verdict document with the clients section from a client_impact document of the same endpoint.</summary>
        internal static string VerdictWithClients(string verdictJson, string clientImpactJson)
        {
            NativeLibraryLoader.EnsureLoaded();
            int status = tlsr_verdict_with_clients(Utf8.ToNative(verdictJson), Utf8.ToNative(clientImpactJson), out IntPtr json);
            return TakeString("tlsr_verdict_with_clients", status, json);
        }

        private static string WithIds(string[] clientIds, Func<IntPtr[], UIntPtr, string> call)
        {
            string[] ids = clientIds ?? new string[0];
            var native = new IntPtr[ids.Length];
            try
            {
                for (int i = 0; i < ids.Length; i++)
                {
                    native[i] = Utf8.ToHGlobal(ids[i]);
                }
                return call(ids.Length == 0 ? null : native, new UIntPtr((uint)ids.Length));
            }
            finally
            {
                foreach (IntPtr p in native)
                {
                    if (p != IntPtr.Zero)
                    {
                        Marshal.FreeHGlobal(p);
                    }
                }
            }
        }
    }
}
