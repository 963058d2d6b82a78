using System;
using System.Collections.Generic;
using System.Management.Automation;
using TlsReady.Json;
using TlsReady.Native;
using TlsReady.Objects;

namespace TlsReady.Commands
{
    /// <summary>
    /// Measure-TlsReadyClientImpact: which TLS clients fail or would break where, across many endpoints
    /// (tlsr_client_impact_summary, the client_impact_summary document of tlsready.client_impact_summary and
    /// `tlsready clients RESULTS.jsonl`), forecast from the scans without connecting. Input: endpoint results
    /// (Test-TlsReadyEndpoint) or endpoint-scan documents as text. One TlsReady.ClientImpactSummary at the end:
    /// WhatIf, Endpoints (per endpoint: Endpoint, Connects, Fails, Breaks, Unknown) and Clients
    /// (TlsReady.ClientSummary per client: ClientId, ClientName, FailsAt, BreaksAt, UnknownAt), Json.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Measure, "TlsReadyClientImpact")]
    [OutputType(TypeName)]
    public sealed class MeasureTlsReadyClientImpactCommand : PSCmdlet
    {
        internal const string TypeName = "TlsReady.ClientImpactSummary";
        internal const string ClientTypeName = "TlsReady.ClientSummary";

        private readonly List<string> scans = new List<string>();

        /// <summary>An endpoint result (its Json property) or an endpoint-scan document as text.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true)]
        [ValidateNotNull]
        public PSObject[] InputObject { get; set; }

        /// <summary>A change to forecast ("no-tls10,no-tls11", "no-3des", ...): Breaks/BreaksAt name who would break after it.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string ClientWhatIf { get; set; }

        /// <summary>Only these client profile ids (Get-TlsReadyClientProfile).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] ClientId { get; set; }

        protected override void ProcessRecord()
        {
            foreach (PSObject item in InputObject)
            {
                string document = item.BaseObject is string text ? text.Trim() : null;
                if (document == null && (item.TypeNames.Contains("TlsReady.EndpointResult") || item.TypeNames.Contains("Deserialized.TlsReady.EndpointResult")))
                {
                    document = item.Properties["Json"]?.Value as string;
                }
                if (string.IsNullOrEmpty(document))
                {
                    string type = item.TypeNames.Count > 0 ? item.TypeNames[0] : "null";
                    var e = new ArgumentException("not an endpoint result: " + type + " (give Test-TlsReadyEndpoint's output or endpoint-scan documents)");
                    WriteError(new ErrorRecord(e, "TlsReady.NotAnEndpointResult", ErrorCategory.InvalidArgument, item));
                    continue;
                }
                scans.Add(document);
            }
        }

        protected override void EndProcessing()
        {
            try
            {
                string summary = NativeApi.ClientImpactSummary(scans.ToArray(), ClientWhatIf, ClientId);
                PSObject result = PSObjectFactory.ToPSObject((JsonObject)JsonReader.Parse(summary), TypeName);
                if (result.Properties["Clients"]?.Value is object[] clients)
                {
                    foreach (object client in clients)
                    {
                        (client as PSObject)?.TypeNames.Insert(0, ClientTypeName);
                    }
                }
                result.Properties.Add(new PSNoteProperty("Json", summary));
                WriteObject(result);
            }
            catch (TlsReadyNativeException e)
            {
                ThrowTerminatingError(ErrorCategoryMap.Record(e, "TlsReady.ClientImpactSummary", (object)ClientWhatIf ?? ClientId));
            }
            catch (DllNotFoundException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "TlsReady.NativeLibraryNotFound", ErrorCategory.ResourceUnavailable, NativeLibraryLoader.LibraryPath));
            }
        }
    }
}
