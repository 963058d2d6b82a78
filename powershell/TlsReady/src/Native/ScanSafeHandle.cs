using System;
using System.Runtime.InteropServices;

namespace TlsReady.Native
{
    /// <summary>
    /// A tlsr_scan*. The SafeHandle reference count keeps tlsr_scan_free from running while a
    /// tlsr_scan_next or tlsr_scan_cancel on another thread (StopProcessing) is still inside the
    /// library, which tlsready.h forbids.
    /// </summary>
    internal sealed class ScanSafeHandle : SafeHandle
    {
        public ScanSafeHandle()
            : base(IntPtr.Zero, ownsHandle: true)
        {
        }

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            NativeMethods.tlsr_scan_free(handle);
            return true;
        }
    }
}
