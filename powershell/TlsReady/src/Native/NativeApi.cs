using System;
using System.Runtime.InteropServices;

namespace TlsReady.Native
{
    /// <summary>
    /// The C ABI as .NET calls: loads the library first, turns a negative status into a
    /// <see cref="TlsReadyNativeException"/> with tlsr_last_error(), copies every string the
    /// library hands out and frees it with tlsr_string_free.
    /// </summary>
    internal static partial class NativeApi
    {
        internal static string Version()
        {
            NativeLibraryLoader.EnsureLoaded();
            return Utf8.FromNative(NativeMethods.tlsr_version());
        }

        internal static int AbiVersion()
        {
            NativeLibraryLoader.EnsureLoaded();
            return NativeMethods.tlsr_abi_version();
        }

        internal static ScanSafeHandle StartScan(string requestJson)
        {
            NativeLibraryLoader.EnsureLoaded();
            int status = NativeMethods.tlsr_scan_start(Utf8.ToNative(requestJson), out ScanSafeHandle scan);
            Check("tlsr_scan_start", status);
            return scan;
        }

        /// <summary>Ok with the index and document; Timeout or Done with null; throws on failure.</summary>
        internal static TlsrStatus NextResult(ScanSafeHandle scan, int timeoutMs, out int index, out string resultJson)
        {
            int status = NativeMethods.tlsr_scan_next(scan, timeoutMs, out UIntPtr nativeIndex, out IntPtr json);
            index = (int)nativeIndex.ToUInt64();
            resultJson = null;
            if (status == (int)TlsrStatus.Timeout || status == (int)TlsrStatus.Done)
            {
                return (TlsrStatus)status;
            }
            resultJson = TakeString("tlsr_scan_next", status, json);
            return TlsrStatus.Ok;
        }

        internal static void Cancel(ScanSafeHandle scan)
        {
            Check("tlsr_scan_cancel", NativeMethods.tlsr_scan_cancel(scan));
        }

        internal static void Progress(ScanSafeHandle scan, out int targets, out int completed)
        {
            int status = NativeMethods.tlsr_scan_progress(scan, out UIntPtr total, out UIntPtr done, out int _);
            Check("tlsr_scan_progress", status);
            targets = (int)total.ToUInt64();
            completed = (int)done.ToUInt64();
        }

        internal static string CipherSuites()
        {
            NativeLibraryLoader.EnsureLoaded();
            int status = NativeMethods.tlsr_cipher_suites(out IntPtr json);
            return TakeString("tlsr_cipher_suites", status, json);
        }

        internal static string AuditFiles(string[] paths, string osVersion)
        {
            NativeLibraryLoader.EnsureLoaded();
            var native = new IntPtr[paths.Length];
            try
            {
                for (int i = 0; i < paths.Length; i++)
                {
                    native[i] = Utf8.ToHGlobal(paths[i]);
                }
                int status = NativeMethods.tlsr_policy_audit_files(native, new UIntPtr((uint)paths.Length), Utf8.ToNative(osVersion), out IntPtr json);
                return TakeString("tlsr_policy_audit_files", status, json);
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

        internal static string AuditLinux(string root)
        {
            NativeLibraryLoader.EnsureLoaded();
            string opensslConf = Environment.GetEnvironmentVariable("OPENSSL_CONF");
            int status = NativeMethods.tlsr_policy_audit_linux(Utf8.ToNative(root), Utf8.ToNative(string.IsNullOrEmpty(opensslConf) ? null : opensslConf), out IntPtr json);
            return TakeString("tlsr_policy_audit_linux", status, json);
        }

        internal static string AuditLive(string osVersion)
        {
            NativeLibraryLoader.EnsureLoaded();
            int status = NativeMethods.tlsr_policy_audit_live(Utf8.ToNative(osVersion), out IntPtr json);
            return TakeString("tlsr_policy_audit_live", status, json);
        }

        internal static string Remediation(string reportJson, string format)
        {
            NativeLibraryLoader.EnsureLoaded();
            int status = NativeMethods.tlsr_policy_remediation(Utf8.ToNative(reportJson), Utf8.ToNative(format), out IntPtr text);
            return TakeString("tlsr_policy_remediation", status, text);
        }

        private static string TakeString(string function, int status, IntPtr text)
        {
            try
            {
                Check(function, status);
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

        private static void Check(string function, int status)
        {
            if (status == (int)TlsrStatus.Ok)
            {
                return;
            }
            // read on this thread, before any other tlsr_ call (tlsready.h: per-thread last error)
            string message = Utf8.FromNative(NativeMethods.tlsr_last_error()) ?? "";
            string name = Utf8.FromNative(NativeMethods.tlsr_status_name(status)) ?? status.ToString();
            throw new TlsReadyNativeException(function, status, name, message);
        }
    }
}
