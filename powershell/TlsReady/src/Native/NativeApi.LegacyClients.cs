using System;
using System.Collections.Generic;
using TlsReady.Json;

namespace TlsReady.Native
{
    /// <summary>Who still uses TLS 1.0/1.1, from server logs (tlsr_log_formats, tlsr_detect_log_format, tlsr_legacy_clients_*).</summary>
    internal static partial class NativeApi
    {
        /// <summary>The log formats the library reads, besides "auto".</summary>
        internal static string[] LogFormats()
        {
            NativeLibraryLoader.EnsureLoaded();
            int status = NativeMethods.tlsr_log_formats(out IntPtr json);
            var names = new List<string>();
            foreach (object name in (List<object>)JsonReader.Parse(TakeString("tlsr_log_formats", status, json)))
            {
                names.Add((string)name);
            }
            return names.ToArray();
        }

        /// <summary>The format "auto" recognises for a file; throws (InvalidArgument naming it) when it cannot be opened or recognised.</summary>
        internal static string DetectLogFormat(string path)
        {
            NativeLibraryLoader.EnsureLoaded();
            int status = NativeMethods.tlsr_detect_log_format(Utf8.ToNative(path), out IntPtr format);
            return TakeString("tlsr_detect_log_format", status, format);
        }

        /// <summary>Starts reading (legacy-clients-request.schema.json).</summary>
        internal static LegacyReaderSafeHandle StartLegacyClients(string requestJson)
        {
            NativeLibraryLoader.EnsureLoaded();
            int status = NativeMethods.tlsr_legacy_clients_start(Utf8.ToNative(requestJson), out LegacyReaderSafeHandle reader);
            Check("tlsr_legacy_clients_start", status);
            return reader;
        }

        /// <summary>Ok with the event document; Timeout or Done with null; throws on failure (a file that could not be read).</summary>
        internal static TlsrStatus NextLegacyEvent(LegacyReaderSafeHandle reader, int timeoutMs, out string eventJson)
        {
            int status = NativeMethods.tlsr_legacy_clients_next_event(reader, timeoutMs, out IntPtr json);
            eventJson = null;
            if (status == (int)TlsrStatus.Timeout || status == (int)TlsrStatus.Done)
            {
                return (TlsrStatus)status;
            }
            eventJson = TakeString("tlsr_legacy_clients_next_event", status, json);
            return TlsrStatus.Ok;
        }

        /// <summary>The legacy-clients document (waits for the end of the reading).</summary>
        internal static string LegacyClientsSummary(LegacyReaderSafeHandle reader)
        {
            int status = NativeMethods.tlsr_legacy_clients_summary(reader, out IntPtr json);
            return TakeString("tlsr_legacy_clients_summary", status, json);
        }

        internal static void CancelLegacyClients(LegacyReaderSafeHandle reader)
        {
            Check("tlsr_legacy_clients_cancel", NativeMethods.tlsr_legacy_clients_cancel(reader));
        }

        internal static void LegacyClientsProgress(LegacyReaderSafeHandle reader, out int filesRead, out int fileCount, out ulong bytesRead)
        {
            int status = NativeMethods.tlsr_legacy_clients_progress(reader, out UIntPtr read, out UIntPtr count, out bytesRead);
            Check("tlsr_legacy_clients_progress", status);
            filesRead = (int)read.ToUInt64();
            fileCount = (int)count.ToUInt64();
        }
    }
}
