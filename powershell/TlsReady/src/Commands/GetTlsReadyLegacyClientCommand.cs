using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Threading;
using TlsReady.Json;
using TlsReady.Native;
using TlsReady.Objects;

namespace TlsReady.Commands
{
    /// <summary>
    /// Get-TlsReadyLegacyClient: who still uses TLS 1.0/1.1, from server logs (IIS W3C with the crypt-*
    /// fields, Exchange SMTP protocol logs, ...), read by the library (tlsr_legacy_clients_*).
    ///  - default: the files of the whole pipeline are read in EndProcessing into one summary, and one
    ///    TlsReady.LegacyClient is written per client (address, user agent) with a legacy use;
    ///  - -AsSummary: the whole legacy-clients document as one TlsReady.LegacyClients (clients, sites,
    ///    users, days, sources);
    ///  - -Events: every TLS-use event as a TlsReady.TlsUseEvent, written as it is read, file by file
    ///    as the pipeline brings them.
    /// Files come by -Path (wildcards) or from the pipeline (FullName, PSPath: Get-ChildItem output).
    /// A file that is missing, cannot be opened or whose format is not recognised is a
    /// non-terminating error naming it; the others are read. Ctrl-C (StopProcessing) cancels the
    /// reading at once.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TlsReadyLegacyClient", DefaultParameterSetName = ClientsSet)]
    [OutputType("TlsReady.LegacyClient", ParameterSetName = new[] { ClientsSet })]
    [OutputType("TlsReady.LegacyClients", ParameterSetName = new[] { SummarySet })]
    [OutputType("TlsReady.TlsUseEvent", ParameterSetName = new[] { EventsSet })]
    public sealed class GetTlsReadyLegacyClientCommand : PSCmdlet
    {
        private const string ClientsSet = "Clients";
        private const string SummarySet = "Summary";
        private const string EventsSet = "Events";
        private const int PollMilliseconds = 100;
        private const int ProgressId = 2;
        private const string Activity = "Get-TlsReadyLegacyClient: reading server logs";

        private readonly List<string> paths = new List<string>();
        private readonly object readerGate = new object();
        private LegacyReaderSafeHandle reader;
        private volatile bool stopping;
        private string format = "auto";

        /// <summary>Log files; wildcards allowed. From the pipeline by value or by property name (FullName, PSPath).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        /// <summary>"auto" (default: each file recognised from its first lines) or a format the library reads (iis, exchange-smtp, ...).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Format { get; set; }

        /// <summary>Entries per list of the summary (clients, sites, users); 0 (default): all.</summary>
        [Parameter(ParameterSetName = ClientsSet)]
        [Parameter(ParameterSetName = SummarySet)]
        [ValidateRange(0, int.MaxValue)]
        public int Limit { get; set; }

        /// <summary>Writes the whole legacy-clients document (TlsReady.LegacyClients) instead of one object per client.</summary>
        [Parameter(ParameterSetName = SummarySet, Mandatory = true)]
        public SwitchParameter AsSummary { get; set; }

        /// <summary>Writes every TLS-use event (TlsReady.TlsUseEvent) as it is read instead of a summary.</summary>
        [Parameter(ParameterSetName = EventsSet, Mandatory = true)]
        public new SwitchParameter Events { get; set; } // new: PSCmdlet.Events is the engine's event manager, not a parameter

        /// <summary>An unknown -Format stops the command before anything is read.</summary>
        protected override void BeginProcessing()
        {
            if (Format == null)
            {
                return;
            }
            // The name is case-insensitive; a line format after ':' ("nginx:$remote_addr ...",
            // "apache:%h ... %{SSL_PROTOCOL}x") is kept as written and checked by the native reader.
            int colon = Format.IndexOf(':');
            string name = (colon < 0 ? Format : Format.Substring(0, colon)).ToLowerInvariant();
            format = colon < 0 ? name : name + Format.Substring(colon);
            if (format == "auto")
            {
                return;
            }
            string[] known;
            try
            {
                known = NativeApi.LogFormats();
            }
            catch (DllNotFoundException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "TlsReady.NativeLibraryNotFound", ErrorCategory.ResourceUnavailable, NativeLibraryLoader.LibraryPath));
                return;
            }
            if (Array.IndexOf(known, name) < 0)
            {
                var e = new ArgumentException("-Format '" + Format + "' is unknown (known: auto, " + string.Join(", ", known) + ")");
                ThrowTerminatingError(new ErrorRecord(e, "TlsReady.LegacyClient.UnknownFormat", ErrorCategory.InvalidArgument, Format));
            }
        }

        protected override void ProcessRecord()
        {
            var batch = new List<string>();
            foreach (string path in Path)
            {
                foreach (string file in Resolve(path))
                {
                    if (Readable(file))
                    {
                        batch.Add(file);
                    }
                }
            }
            if (ParameterSetName == EventsSet)
            {
                Read(batch); // streamed: this input's events now
            }
            else
            {
                paths.AddRange(batch);
            }
        }

        protected override void EndProcessing()
        {
            if (ParameterSetName == EventsSet || paths.Count == 0)
            {
                return; // events were written as read; or every file failed, each with its error
            }
            string document = Read(paths);
            if (document == null || stopping)
            {
                return;
            }
            PSObject summary = LegacyClientFactory.Summary(document);
            if (AsSummary)
            {
                WriteObject(summary);
                return;
            }
            foreach (PSObject client in LegacyClientFactory.Clients(summary))
            {
                WriteObject(client);
            }
        }

        protected override void StopProcessing()
        {
            stopping = true;
            lock (readerGate)
            {
                if (reader != null && !reader.IsClosed)
                {
                    try
                    {
                        NativeApi.CancelLegacyClients(reader);
                    }
                    catch (TlsReadyNativeException)
                    {
                        // nothing more to stop
                    }
                }
            }
        }

        /// <summary>
        /// Reads `files` through one native reader: the summary document (null with -Events, or when
        /// nothing could be read). A file that fails while being read (removed since it was checked)
        /// is reported and the reading starts again without it: with -Events from the file after it
        /// (the events before it were written), else with the others.
        /// </summary>
        private string Read(List<string> files)
        {
            var pending = new List<string>(files);
            while (pending.Count > 0 && !stopping)
            {
                LegacyReaderSafeHandle started;
                try
                {
                    started = NativeApi.StartLegacyClients(Request(pending));
                }
                catch (TlsReadyNativeException e)
                {
                    ThrowTerminatingError(ErrorCategoryMap.Record(e, "TlsReady.LegacyClient", pending.ToArray()));
                    return null;
                }
                catch (DllNotFoundException e)
                {
                    ThrowTerminatingError(new ErrorRecord(e, "TlsReady.NativeLibraryNotFound", ErrorCategory.ResourceUnavailable, NativeLibraryLoader.LibraryPath));
                    return null;
                }
                lock (readerGate)
                {
                    reader = started;
                }
                try
                {
                    if (stopping)
                    {
                        NativeApi.CancelLegacyClients(started);
                    }
                    Drain(started);
                    if (stopping)
                    {
                        return null;
                    }
                    return Events ? null : NativeApi.LegacyClientsSummary(started);
                }
                catch (TlsReadyNativeException e) when (e.Status == (int)TlsrStatus.InvalidArgument && FailedFile(e, pending) is int bad)
                {
                    WriteError(FileError(e, pending[bad]));
                    if (Events)
                    {
                        pending.RemoveRange(0, bad + 1);
                    }
                    else
                    {
                        pending.RemoveAt(bad);
                    }
                }
                catch (TlsReadyNativeException e)
                {
                    WriteError(ErrorCategoryMap.Record(e, "TlsReady.LegacyClient", pending.ToArray()));
                    return null;
                }
                finally
                {
                    lock (readerGate)
                    {
                        reader = null; // StopProcessing no longer reaches it
                    }
                    if (stopping)
                    {
                        // tlsr_legacy_clients_free waits for the reading thread, which notices the cancel at its
                        // next TLS use or at the end of the file: a file without TLS uses is read to its end
                        // first. Ctrl-C returns now; the handle is freed on a pool thread.
                        ThreadPool.QueueUserWorkItem(_ => started.Dispose());
                    }
                    else
                    {
                        started.Dispose(); // tlsr_legacy_clients_free
                    }
                    if (!stopping)
                    {
                        // a record of its own: the host may keep the ones written before
                        WriteProgress(new ProgressRecord(ProgressId, Activity, "Done") { RecordType = ProgressRecordType.Completed });
                    }
                }
            }
            return null;
        }

        /// <summary>Pulls the events (written with -Events) until the reading ends, with progress.</summary>
        private void Drain(LegacyReaderSafeHandle started)
        {
            DateTime lastProgress = DateTime.MinValue;
            while (!stopping)
            {
                TlsrStatus status = NativeApi.NextLegacyEvent(started, PollMilliseconds, out string document);
                if (status == TlsrStatus.Done)
                {
                    return;
                }
                if (status == TlsrStatus.Ok)
                {
                    WriteObject(LegacyClientFactory.Event(document));
                }
                if (DateTime.UtcNow - lastProgress > TimeSpan.FromMilliseconds(250) && !stopping)
                {
                    lastProgress = DateTime.UtcNow;
                    NativeApi.LegacyClientsProgress(started, out int filesRead, out int fileCount, out ulong bytes);
                    WriteProgress(new ProgressRecord(ProgressId, Activity, filesRead + " of " + fileCount + " file(s) read, " + (bytes / (1024 * 1024)) + " MB")
                    {
                        PercentComplete = fileCount == 0 ? 100 : Math.Min(100, filesRead * 100 / fileCount),
                    });
                }
            }
        }

        private string Request(List<string> files)
        {
            var request = new JsonObject();
            request.Members.Add(new KeyValuePair<string, object>("paths", new List<object>(files)));
            request.Members.Add(new KeyValuePair<string, object>("format", format));
            request.Members.Add(new KeyValuePair<string, object>("limit", Limit));
            request.Members.Add(new KeyValuePair<string, object>("events", Events.IsPresent));
            return JsonWriter.Write(request);
        }

        /// <summary>The files a -Path names (wildcards through the provider); a missing one is an error naming it.</summary>
        private List<string> Resolve(string path)
        {
            var resolved = new List<string>();
            try
            {
                if (path.Contains("::") || !WildcardPattern.ContainsWildcardCharacters(path))
                {
                    resolved.Add(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path));
                }
                else
                {
                    resolved.AddRange(GetResolvedProviderPathFromPSPath(path, out ProviderInfo _));
                }
                resolved.RemoveAll(file => !File.Exists(file));
                if (resolved.Count == 0)
                {
                    throw new ItemNotFoundException("TlsReady: no file " + path);
                }
            }
            catch (ItemNotFoundException e)
            {
                WriteError(new ErrorRecord(e, "TlsReady.LegacyClient.PathNotFound", ErrorCategory.ObjectNotFound, path));
            }
            return resolved;
        }

        /// <summary>
        /// Whether the library can read the file: with "auto" its format is recognised
        /// (tlsr_detect_log_format), with a -Format it opens. Else an error naming it, and false.
        /// </summary>
        private bool Readable(string file)
        {
            try
            {
                if (format == "auto")
                {
                    NativeApi.DetectLogFormat(file);
                }
                else
                {
                    using (File.OpenRead(file))
                    {
                    }
                }
                return true;
            }
            catch (TlsReadyNativeException e)
            {
                WriteError(FileError(e, file));
            }
            catch (IOException e)
            {
                WriteError(new ErrorRecord(e, "TlsReady.LegacyClient.FileUnreadable", ErrorCategory.ReadError, file));
            }
            catch (UnauthorizedAccessException e)
            {
                WriteError(new ErrorRecord(e, "TlsReady.LegacyClient.FileUnreadable", ErrorCategory.PermissionDenied, file));
            }
            catch (DllNotFoundException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "TlsReady.NativeLibraryNotFound", ErrorCategory.ResourceUnavailable, NativeLibraryLoader.LibraryPath));
            }
            return false;
        }

        private static ErrorRecord FileError(TlsReadyNativeException e, string file)
        {
            bool unrecognised = e.Message.Contains("not recognised");
            return new ErrorRecord(e, unrecognised ? "TlsReady.LegacyClient.FormatNotRecognised" : "TlsReady.LegacyClient.FileUnreadable",
                                   unrecognised ? ErrorCategory.InvalidData : ErrorCategory.ReadError, file)
            {
                ErrorDetails = new ErrorDetails(e.Message)
                {
                    RecommendedAction = unrecognised ? "Give its format with -Format (" + "iis, exchange-smtp, ...)." : null,
                },
            };
        }

        /// <summary>The position of the file a reading error names ("log file '...': cannot be opened").</summary>
        private static int? FailedFile(TlsReadyNativeException e, List<string> files)
        {
            for (int i = 0; i < files.Count; i++)
            {
                if (e.Message.Contains("'" + files[i] + "'"))
                {
                    return i;
                }
            }
            return null;
        }
    }
}
