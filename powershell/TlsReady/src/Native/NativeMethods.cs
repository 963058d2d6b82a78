using System;
using System.Runtime.InteropServices;

namespace TlsReady.Native
{
    /// <summary>
    /// The P/Invoke declarations of native/include/tlsready.h, one per function, nothing else.
    /// Strings cross as NUL-terminated UTF-8 byte arrays (in) and IntPtr (out, freed with
    /// tlsr_string_free by <see cref="NativeApi"/>): UnmanagedType.LPUTF8Str is not in netstandard2.0.
    /// Call these only through <see cref="NativeApi"/>, which loads the library first.
    /// </summary>
    internal static partial class NativeMethods
    {
        /// <summary>"tlsready": resolved to runtimes/&lt;rid&gt;/native/ by <see cref="NativeLibraryLoader"/>.</summary>
        internal const string Library = "tlsready";

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr tlsr_version();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_abi_version();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr tlsr_last_error();

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern IntPtr tlsr_status_name(int status);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void tlsr_string_free(IntPtr text);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_scan_start(byte[] requestJson, out ScanSafeHandle scan);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_scan_next(ScanSafeHandle scan, int timeoutMs, out UIntPtr index, out IntPtr resultJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_scan_cancel(ScanSafeHandle scan);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_scan_progress(ScanSafeHandle scan, out UIntPtr targetCount, out UIntPtr completedCount, out int cancelled);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern void tlsr_scan_free(IntPtr scan);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_cipher_suites(out IntPtr json);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_cipher_suite_by_code(uint code, out IntPtr json);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_cipher_suite_by_name(byte[] name, out IntPtr json);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_groups(out IntPtr json);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_policy_audit_files(IntPtr[] paths, UIntPtr pathCount, byte[] osVersion, out IntPtr reportJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_policy_audit_linux(byte[] root, byte[] opensslConf, out IntPtr reportJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_policy_audit_live(byte[] osVersion, out IntPtr reportJson);

        [DllImport(Library, CallingConvention = CallingConvention.Cdecl)]
        internal static extern int tlsr_policy_remediation(byte[] reportJson, byte[] format, out IntPtr text);
    }
}
