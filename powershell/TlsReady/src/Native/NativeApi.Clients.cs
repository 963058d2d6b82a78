using System;
using System.Runtime.InteropServices;

namespace TlsReady.Native
{
    /// <summary>Client profiles and client impact (tlsr_client_*), as JSON documents (client-impact.schema.json).</summary>
    internal static partial class NativeApi
    {
        internal static string ClientProfiles()
        {
            NativeLibraryLoader.EnsureLoaded();
            int status = NativeMethods.tlsr_client_profiles(out IntPtr json);
            return TakeString("tlsr_client_profiles", status, json);
        }

        /// <summary>The client_impact document of one endpoint-scan document; whatIf null for none, clientIds null or empty for all.</summary>
        internal static string ClientImpact(string scanJson, string whatIf, string[] clientIds)
        {
            NativeLibraryLoader.EnsureLoaded();
            string[] ids = clientIds ?? new string[0];
            var native = new IntPtr[ids.Length];
            try
            {
                for (int i = 0; i < ids.Length; i++)
                {
                    native[i] = Utf8.ToHGlobal(ids[i]);
                }
                int status = NativeMethods.tlsr_client_impact(Utf8.ToNative(scanJson), Utf8.ToNative(whatIf), ids.Length == 0 ? null : native, new UIntPtr((uint)ids.Length), out IntPtr json);
                return TakeString("tlsr_client_impact", status, json);
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
