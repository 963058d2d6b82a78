using System;
using System.Runtime.InteropServices;

namespace TlsReady.Native
{
    /// <summary>
    /// A tlsr_cancel* (tlsready.h): the token a long call polls (a client simulation). The SafeHandle
    /// reference count keeps tlsr_cancel_free from running while the call or a tlsr_cancel_request
    /// from StopProcessing is still inside the library.
    /// </summary>
    internal sealed class CancelSafeHandle : SafeHandle
    {
        public CancelSafeHandle()
            : base(IntPtr.Zero, ownsHandle: true)
        {
        }

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            NativeApi.FreeCancel(handle);
            return true;
        }
    }
}
