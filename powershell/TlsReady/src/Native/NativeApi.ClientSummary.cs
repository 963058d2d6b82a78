using System;
using System.Runtime.InteropServices;

namespace TlsReady.Native
{
    /// <summary>tlsr_client_impact_summary: which clients fail or would break where, over many endpoint-scan documents.</summary>
    internal static partial class NativeApi
    {
        [DllImport(NativeMethods.Library, CallingConvention = CallingConvention.Cdecl)]
        private static extern int tlsr_client_impact_summary(IntPtr[] scanJsons, UIntPtr scanCount, byte[] whatIf, IntPtr[] clientIds,
                                                             UIntPtr clientCount, out IntPtr json);

        /// <summary>The client_impact_summary document; whatIf null for none, clientIds null or empty for all.</summary>
        internal static string ClientImpactSummary(string[] scanJsons, string whatIf, string[] clientIds)
        {
            NativeLibraryLoader.EnsureLoaded();
            string[] ids = clientIds ?? new string[0];
            var scans = new IntPtr[scanJsons.Length];
            var native = new IntPtr[ids.Length];
            try
            {
                for (int i = 0; i < scanJsons.Length; i++)
                {
                    scans[i] = Utf8.ToHGlobal(scanJsons[i]);
                }
                for (int i = 0; i < ids.Length; i++)
                {
                    native[i] = Utf8.ToHGlobal(ids[i]);
                }
                int status = tlsr_client_impact_summary(scans.Length == 0 ? null : scans, new UIntPtr((uint)scans.Length), Utf8.ToNative(whatIf),
                                                        ids.Length == 0 ? null : native, new UIntPtr((uint)ids.Length), out IntPtr json);
                return TakeString("tlsr_client_impact_summary", status, json);
            }
            finally
            {
                foreach (IntPtr p in scans)
                {
                    if (p != IntPtr.Zero)
                    {
                        Marshal.FreeHGlobal(p);
                    }
                }
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
