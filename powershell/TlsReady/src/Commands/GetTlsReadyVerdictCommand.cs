using System;
using System.IO;
using System.Management.Automation;
using TlsReady.Native;
using TlsReady.Objects;

namespace TlsReady.Commands
{
    /// <summary>
    /// Get-TlsReadyVerdict: endpoints judged against a readiness policy (built-in id such as m365,
    /// mozilla-intermediate, nist-800-52r2, or a policy file), offline: from Test-TlsReadyEndpoint
    /// results on the pipeline (their Json property) or from saved JSONL files (-Path). Emits one
    /// TlsReady.Verdict per endpoint (Readiness, Findings, Inconclusive, Json). With -Clients each
    /// verdict has its clients section (Clients: TlsReady.ClientOutcome, who connects and who fails),
    /// forecast from the document without connecting (tlsr_verdict_clients).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TlsReadyVerdict", DefaultParameterSetName = ByJson)]
    [OutputType("TlsReady.Verdict")]
    public sealed class GetTlsReadyVerdictCommand : PSCmdlet
    {
        private const string ByJson = "Json";
        private const string ByPath = "Path";

        /// <summary>An endpoint-scan document (Test-TlsReadyEndpoint's Json property, by property name).</summary>
        [Parameter(ParameterSetName = ByJson, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string Json { get; set; }

        /// <summary>Saved scans: JSONL files of tlsready scan --json (one endpoint document per line).</summary>
        [Parameter(ParameterSetName = ByPath, Mandatory = true, Position = 1)]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        /// <summary>A built-in policy id (m365, mozilla-modern, ...) or a policy file.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Policy { get; set; }

        /// <summary>Adds Clients: each TLS client's outcome against the endpoint, forecast from the saved scan (no network).</summary>
        [Parameter]
        public SwitchParameter Clients { get; set; }

        /// <summary>With -Clients: also forecast the clients after this change ("no-tls10,no-tls11", "no-3des").</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ClientWhatIf { get; set; }

        /// <summary>With -Clients: only these client profile ids (Get-TlsReadyClientProfile).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] ClientId { get; set; }

        /// <summary>
        /// -ClientWhatIf or -ClientId without -Clients, an unknown client id or what-if change stop the
        /// command before anything is judged.
        /// </summary>
        protected override void BeginProcessing()
        {
            if (!Clients)
            {
                if (ClientWhatIf != null || ClientId != null)
                {
                    var e = new ArgumentException("-ClientWhatIf and -ClientId go with -Clients");
                    ThrowTerminatingError(new ErrorRecord(e, "TlsReady.ClientImpactWithoutClients", ErrorCategory.InvalidArgument, null));
                }
                return;
            }
            try
            {
                NativeApi.ClientImpact("{\"schema_version\": \"2.0\", \"target\": {\"host\": \"check\", \"port\": 0}, \"protocols\": []}", ClientWhatIf, ClientId);
            }
            catch (TlsReadyNativeException e)
            {
                ThrowTerminatingError(ErrorCategoryMap.Record(e, "TlsReady.ClientImpact", (object)ClientWhatIf ?? ClientId));
            }
            catch (DllNotFoundException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "TlsReady.NativeLibraryNotFound", ErrorCategory.ResourceUnavailable, NativeLibraryLoader.LibraryPath));
            }
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByJson)
            {
                Judge(Json, "pipeline input");
                return;
            }
            foreach (string path in Path)
            {
                string full = GetUnresolvedProviderPathFromPSPath(path);
                string[] lines;
                try
                {
                    lines = File.ReadAllLines(full);
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    WriteError(new ErrorRecord(e, "TlsReady.VerdictInputUnreadable", ErrorCategory.ReadError, path));
                    continue;
                }
                for (int i = 0; i < lines.Length; i++)
                {
                    string line = lines[i].Trim();
                    if (line.Length == 0 || line.Contains("\"document\":\"verdict\""))
                    {
                        continue;
                    }
                    Judge(line, path + ":" + (i + 1));
                }
            }
        }

        private void Judge(string document, string source)
        {
            try
            {
                WriteObject(Clients
                    ? VerdictFactory.FromDocument(NativeApi.VerdictClients(document, Policy, ClientWhatIf, ClientId))
                    : VerdictFactory.Create(document, Policy));
            }
            catch (TlsReadyNativeException e)
            {
                // A bad policy stops everything; a bad document is that item's error.
                ErrorRecord record = ErrorCategoryMap.Record(e, "TlsReady.Verdict", source);
                if (e.Message.Contains("policy"))
                {
                    ThrowTerminatingError(record);
                }
                WriteError(record);
            }
            catch (DllNotFoundException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "TlsReady.NativeLibraryNotFound", ErrorCategory.ResourceUnavailable, NativeLibraryLoader.LibraryPath));
            }
        }
    }
}
