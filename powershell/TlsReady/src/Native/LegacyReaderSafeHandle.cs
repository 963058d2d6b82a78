using System;
using System.Runtime.InteropServices;

namespace TlsReady.Native
{
    /// <summary>
    /// A tlsr_legacy_reader* (tlsready.h): a reading of server logs. The SafeHandle reference count
    /// keeps tlsr_legacy_clients_free from running while a tlsr_legacy_clients_next_event or a
    /// tlsr_legacy_clients_cancel from StopProcessing is still inside the library, which tlsready.h forbids.
    /// </summary>
    internal sealed class LegacyReaderSafeHandle : SafeHandle
    {
        public LegacyReaderSafeHandle()
            : base(IntPtr.Zero, ownsHandle: true)
        {
        }

        public override bool IsInvalid => handle == IntPtr.Zero;

        protected override bool ReleaseHandle()
        {
            NativeMethods.tlsr_legacy_clients_free(handle);
            return true;
        }
    }
}
