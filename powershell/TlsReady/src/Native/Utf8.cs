using System;
using System.Runtime.InteropServices;
using System.Text;

namespace TlsReady.Native
{
    /// <summary>UTF-8 text to and from the C ABI (tlsready.h: "Input text is UTF-8").</summary>
    internal static class Utf8
    {
        /// <summary>NUL-terminated UTF-8, or null (a C NULL) for null.</summary>
        internal static byte[] ToNative(string text)
        {
            if (text == null)
            {
                return null;
            }
            var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
            Encoding.UTF8.GetBytes(text, 0, text.Length, bytes, 0);
            return bytes;
        }

        /// <summary>A copy of the NUL-terminated UTF-8 string at <paramref name="pointer"/>; null for NULL.</summary>
        internal static string FromNative(IntPtr pointer)
        {
            if (pointer == IntPtr.Zero)
            {
                return null;
            }
            int length = 0;
            while (Marshal.ReadByte(pointer, length) != 0)
            {
                length++;
            }
            var bytes = new byte[length];
            Marshal.Copy(pointer, bytes, 0, length);
            return Encoding.UTF8.GetString(bytes);
        }

        /// <summary>A NUL-terminated UTF-8 copy in unmanaged memory; free with Marshal.FreeHGlobal.</summary>
        internal static IntPtr ToHGlobal(string text)
        {
            byte[] bytes = ToNative(text);
            IntPtr pointer = Marshal.AllocHGlobal(bytes.Length);
            Marshal.Copy(bytes, 0, pointer, bytes.Length);
            return pointer;
        }
    }
}
