using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using System.Text.RegularExpressions;
using System.Threading;
using TlsReady.Json;
using TlsReady.Native;
using TlsReady.Objects;

namespace TlsReady.Commands
{
    /// <summary>
    /// Test-TlsReadyEndpoint: scans TLS endpoints with tlsready's hand-built ClientHellos (every
    /// protocol version, suite and group the server accepts, its certificate and session facts).
    /// Targets from the pipeline are collected, then scanned as one native scan (tlsr_scan_start,
    /// -ThrottleLimit endpoints at once); each TlsReady.EndpointResult is written as its endpoint
    /// finishes (tlsr_scan_next). Ctrl-C (StopProcessing) cancels the native scan; what finished
    /// before it was already written. An endpoint that could not be scanned gives its result
    /// (ErrorKind set) and a non-terminating error with the target as TargetObject.
    /// With -Clients the ClientImpact property says which TLS clients connect (forecast from the scan,
    /// or with -Simulate each client's hello sent to the endpoint, re-using the scan where it decides);
    /// with -Policy too, the Verdict carries the same outcomes as its clients section (the core's,
    /// tlsr_verdict_with_clients). Ctrl-C also cancels a running simulation.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "TlsReadyEndpoint")]
    [OutputType("TlsReady.EndpointResult")]
    public sealed class TestTlsReadyEndpointCommand : PSCmdlet
    {
        private const int PollMilliseconds = 100;
        private static readonly Regex TargetInMessage = new Regex(@"\btarget (\d+)\b", RegexOptions.CultureInvariant);

        private readonly List<ScanTarget> targets = new List<ScanTarget>();
        private readonly object scanGate = new object();
        private ScanSafeHandle scan;
        private CancelSafeHandle simulation;
        private volatile bool stopping;

        /// <summary>Host name or address, "host:port" or "[IPv6]:port".</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Host", "CN", "Target")]
        [ValidateNotNullOrEmpty]
        public string[] ComputerName { get; set; }

        /// <summary>TCP port; 0 (an empty CSV cell) or not given: the port in ComputerName, else 443.</summary>
        [Parameter(Position = 1, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0, 65535)]
        public int Port { get; set; }

        /// <summary>Server name to send (SNI) and to check the certificate against.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Sni")]
        public string ServerName { get; set; }

        /// <summary>STARTTLS protocol to speak before the handshake.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateSet("None", "Smtp", "Imap", "Pop3", "Ftp", "Ldap", "Postgres", "", IgnoreCase = true)] // "": an empty CSV cell
        public string StartTls { get; set; }

        /// <summary>Seconds per network step (connect, each reply, the handshake); default 5.</summary>
        [Parameter]
        [ValidateRange(0.001, 600.0)]
        public double TimeoutSec { get; set; }

        /// <summary>Endpoints scanned at once; default 8.</summary>
        [Parameter]
        [ValidateRange(1, 1024)]
        public int ThrottleLimit { get; set; }

        /// <summary>PEM file with extra trust anchors for the certificate check.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string CaFile { get; set; }

        /// <summary>Adds ClientImpact: which TLS clients connect, forecast from the scan (tlsr_client_impact).</summary>
        [Parameter]
        public SwitchParameter Clients { get; set; }

        /// <summary>With -Clients: the change to forecast ("no-tls10,no-tls11", "no-3des"); ClientImpact.Breaks lists who breaks.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ClientWhatIf { get; set; }

        /// <summary>With -Clients: only these client profile ids (Get-TlsReadyClientProfile).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] ClientId { get; set; }
        /// <summary>With -Clients: observe each client on the wire instead of forecasting (ClientImpact outcomes' Source: simulated or from_scan; Simulation counts the connections).</summary>
        [Parameter]
        public SwitchParameter Simulate { get; set; }

        /// <summary>Also judge each endpoint against this readiness policy (m365, ... or a policy file): the Verdict property.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Policy { get; set; }

        protected override void ProcessRecord()
        {
            foreach (string name in ComputerName)
            {
                targets.Add(new ScanTarget(name, Port, ServerName, StartTls));
            }
        }

        protected override void EndProcessing()
        {
            var pending = new List<ScanTarget>(targets);
            while (pending.Count > 0 && !stopping)
            {
                ScanSafeHandle started;
                try
                {
                    started = NativeApi.StartScan(BuildRequest(pending));
                }
                catch (TlsReadyNativeException e) when (e.Status == (int)TlsrStatus.InvalidArgument && BadTargetIndex(e, pending.Count) is int bad)
                {
                    // one bad target must not cost the others their scan: report it, scan the rest
                    WriteError(new ErrorRecord(e, "TlsReady.InvalidTarget", ErrorCategory.InvalidArgument, pending[bad].Name));
                    pending.RemoveAt(bad);
                    continue;
                }
                catch (TlsReadyNativeException e)
                {
                    ThrowTerminatingError(ErrorCategoryMap.Record(e, "TlsReady.ScanRequest", null));
                    return;
                }
                catch (DllNotFoundException e)
                {
                    ThrowTerminatingError(new ErrorRecord(e, "TlsReady.NativeLibraryNotFound", ErrorCategory.ResourceUnavailable, NativeLibraryLoader.LibraryPath));
                    return;
                }
                Drain(started, pending);
                break;
            }
        }

        protected override void StopProcessing()
        {
            stopping = true;
            lock (scanGate)
            {
                if (simulation != null && !simulation.IsClosed)
                {
                    try
                    {
                        NativeApi.RequestCancel(simulation);
                    }
                    catch (TlsReadyNativeException)
                    {
                        // nothing more to stop
                    }
                }
                if (scan != null && !scan.IsClosed)
                {
                    try
                    {
                        NativeApi.Cancel(scan);
                    }
                    catch (TlsReadyNativeException)
                    {
                        // nothing more to stop
                    }
                }
            }
        }

        private void Drain(ScanSafeHandle started, List<ScanTarget> pending)
        {
            lock (scanGate)
            {
                scan = started;
            }
            var progress = new ProgressRecord(1, "Test-TlsReadyEndpoint", "Scanning " + pending.Count + " endpoint(s)");
            int written = 0;
            try
            {
                while (!stopping)
                {
                    TlsrStatus status = NativeApi.NextResult(started, PollMilliseconds, out int index, out string document);
                    if (status == TlsrStatus.Done)
                    {
                        break;
                    }
                    if (status == TlsrStatus.Ok)
                    {
                        written++;
                        Emit(document, index < pending.Count ? pending[index].Name : null);
                    }
                    NativeApi.Progress(started, out int total, out int completed);
                    progress.PercentComplete = total == 0 ? 100 : Math.Min(100, completed * 100 / total);
                    progress.StatusDescription = completed + " of " + total + " endpoint(s) finished";
                    if (!stopping)
                    {
                        WriteProgress(progress);
                    }
                }
            }
            catch (TlsReadyNativeException e)
            {
                WriteError(ErrorCategoryMap.Record(e, "TlsReady.Scan", null));
            }
            finally
            {
                lock (scanGate)
                {
                    scan = null;
                    started.Dispose(); // tlsr_scan_free: cancels what still runs, bounded like a cancel
                }
                if (!stopping)
                {
                    progress.RecordType = ProgressRecordType.Completed;
                    WriteProgress(progress);
                }
            }
            WriteVerbose(written + " endpoint result(s) written");
        }

        private void Emit(string document, string requestedName)
        {
            PSObject result = EndpointResultFactory.Create(document);
            string impact = null;
            if (Clients && (impact = ClientImpactOf(result, document)) == null)
            {
                return;
            }
            if (Policy != null)
            {
                try
                {
                    PSObject verdict = VerdictFactory.Create(document, Policy);
                    if (impact != null)
                    {
                        // the verdict's clients section: the outcomes of the ClientImpact below, joined by the core
                        verdict = VerdictFactory.FromDocument(NativeApi.VerdictWithClients((string)verdict.Properties["Json"].Value, impact));
                    }
                    result.Properties.Add(new PSNoteProperty("Verdict", verdict));
                }
                catch (TlsReadyNativeException e)
                {
                    ThrowTerminatingError(ErrorCategoryMap.Record(e, "TlsReady.Verdict", Policy));
                }
            }
            if (impact != null)
            {
                result.Properties.Add(new PSNoteProperty("ClientImpact", ClientImpactFactory.FromDocument(impact)));
            }
            WriteObject(result);
            string kind = result.Properties["ErrorKind"].Value as string;
            if (kind == null)
            {
                return;
            }
            string endpoint = result.Properties["Endpoint"].Value as string;
            string message = (result.Properties["Error"].Value as PSObject)?.Properties["Message"]?.Value as string ?? kind;
            var error = new TlsReadyEndpointException(endpoint, kind, message);
            WriteError(new ErrorRecord(error, "TlsReady.Endpoint." + kind, ErrorCategoryMap.ForEndpointErrorKind(kind), requestedName ?? endpoint)
            {
                ErrorDetails = new ErrorDetails(error.Message)
                {
                    RecommendedAction = kind == "timeout" || kind == "endpoint_timeout" ? "Check that the endpoint answers, or raise -TimeoutSec." : null,
                },
            });
        }

        /// <summary>The client_impact document of the endpoint (forecast, or simulated with -Simulate); null after its error.</summary>
        private string ClientImpactOf(PSObject result, string document)
        {
            try
            {
                if (!Simulate)
                {
                    return NativeApi.ClientImpact(document, ClientWhatIf, ClientId);
                }
                if (result.Properties["ErrorKind"].Value != null)
                {
                    // nothing to connect to: the forecast says unknown for every client, as the simulation would
                    return NativeApi.ClientImpact(document, ClientWhatIf, ClientId);
                }
                CancelSafeHandle token = NativeApi.NewCancel();
                lock (scanGate)
                {
                    simulation = token;
                }
                if (stopping)
                {
                    NativeApi.RequestCancel(token);
                }
                try
                {
                    return NativeApi.SimulateClients(document, BuildOptions(), ClientWhatIf, ClientId, token);
                }
                finally
                {
                    lock (scanGate)
                    {
                        simulation = null;
                        token.Dispose();
                    }
                }
            }
            catch (TlsReadyNativeException e)
            {
                WriteError(ErrorCategoryMap.Record(e, "TlsReady.ClientImpact", result.Properties["Endpoint"].Value));
                return null;
            }
        }

        /// <summary>A bad -ClientWhatIf or -ClientId stops the command before anything is scanned.</summary>
        protected override void BeginProcessing()
        {
            if (!Clients)
            {
                if (ClientWhatIf != null || ClientId != null || Simulate)
                {
                    var e = new ArgumentException("-ClientWhatIf, -ClientId and -Simulate go with -Clients");
                    ThrowTerminatingError(new ErrorRecord(e, "TlsReady.ClientImpactWithoutClients", ErrorCategory.InvalidArgument, null));
                }
                return;
            }
            try
            {
                ClientImpactFactory.Create("{\"schema_version\": \"2.0\", \"target\": {\"host\": \"check\", \"port\": 0}, \"protocols\": []}", ClientWhatIf, ClientId);
            }
            catch (TlsReadyNativeException e)
            {
                ThrowTerminatingError(ErrorCategoryMap.Record(e, "TlsReady.ClientImpact", ClientWhatIf));
            }
            catch (DllNotFoundException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "TlsReady.NativeLibraryNotFound", ErrorCategory.ResourceUnavailable, NativeLibraryLoader.LibraryPath));
            }
        }

        private string BuildRequest(List<ScanTarget> pending)
        {
            var request = new JsonObject();
            var list = new List<object>();
            foreach (ScanTarget target in pending)
            {
                list.Add(target.ToJson());
            }
            request.Members.Add(new KeyValuePair<string, object>("targets", list));
            request.Members.Add(new KeyValuePair<string, object>("options", Options()));
            return JsonWriter.Write(request);
        }

        /// <summary>The scan options (timeout, concurrency, CA file): the scan's, and the simulation's with -Simulate.</summary>
        private string BuildOptions()
        {
            return JsonWriter.Write(Options());
        }

        private JsonObject Options()
        {
            var options = new JsonObject();
            if (MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)))
            {
                options.Members.Add(new KeyValuePair<string, object>("timeout", TimeoutSec));
            }
            if (MyInvocation.BoundParameters.ContainsKey(nameof(ThrottleLimit)))
            {
                options.Members.Add(new KeyValuePair<string, object>("concurrency", ThrottleLimit));
            }
            if (CaFile != null)
            {
                options.Members.Add(new KeyValuePair<string, object>("ca_file", SessionState.Path.GetUnresolvedProviderPathFromPSPath(CaFile)));
            }
            return options;
        }

        /// <summary>The request position of the target a "scan request: target N: ..." message names.</summary>
        private static int? BadTargetIndex(TlsReadyNativeException e, int count)
        {
            Match match = TargetInMessage.Match(e.Message);
            if (match.Success && int.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                // the library counts from 0 (the out_index of tlsr_scan_next)
                if (index >= 0 && index < count)
                {
                    return index;
                }
            }
            return null;
        }
    }
}
