using System;
using System.Runtime.InteropServices;

namespace TlsReady.Native
{
    /// <summary>The P/Invoke declarations of tlsready.h's client-impact functions (tlsr_client_*).</summary>
    internal static partial class NativeMethods
    {
        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_client_profiles(out IntPtr json);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_client_impact(byte[] scanJson, byte[] whatIf, IntPtr[] clientIds, UIntPtr clientCount, out IntPtr json);
    }
}
