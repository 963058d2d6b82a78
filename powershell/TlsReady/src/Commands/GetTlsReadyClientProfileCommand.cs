using System;
using System.Collections.Generic;
using System.Management.Automation;
using TlsReady.Json;
using TlsReady.Native;
using TlsReady.Objects;

namespace TlsReady.Commands
{
    /// <summary>
    /// Get-TlsReadyClientProfile: the built-in TLS client profiles (tlsr_client_profiles) as
    /// TlsReady.ClientProfile objects: what each client offers (versions, suites, groups, SNI) and
    /// accepts (DH, RSA and EC key limits, SHA-1/SHA-2 certificates), with the source of its facts.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TlsReadyClientProfile")]
    [OutputType(ClientImpactFactory.ProfileTypeName)]
    public sealed class GetTlsReadyClientProfileCommand : PSCmdlet
    {
        /// <summary>Profile id ("ie-11-win7", "java-*"); wildcards allowed.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ClientId")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Id { get; set; }

        /// <summary>Only the clients Microsoft lists as unable to use TLS 1.2.</summary>
        [Parameter]
        public SwitchParameter CannotUseTls12 { get; set; }

        private List<JsonObject> profiles;

        protected override void BeginProcessing()
        {
            try
            {
                profiles = new List<JsonObject>();
                var document = (JsonObject)JsonReader.Parse(NativeApi.ClientProfiles());
                foreach (object item in (List<object>)document["profiles"])
                {
                    profiles.Add((JsonObject)item);
                }
            }
            catch (TlsReadyNativeException e)
            {
                ThrowTerminatingError(ErrorCategoryMap.Record(e, "TlsReady.ClientProfiles", null));
            }
            catch (DllNotFoundException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "TlsReady.NativeLibraryNotFound", ErrorCategory.ResourceUnavailable, NativeLibraryLoader.LibraryPath));
            }
        }

        protected override void ProcessRecord()
        {
            if (Id == null)
            {
                Emit(profile => true);
                return;
            }
            foreach (string id in Id)
            {
                var pattern = new WildcardPattern(id, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
                if (!Emit(profile => pattern.IsMatch(profile["id"] as string ?? "")) && !WildcardPattern.ContainsWildcardCharacters(id))
                {
                    var e = new ItemNotFoundException("TlsReady: no client profile " + id + " (Get-TlsReadyClientProfile lists them)");
                    WriteError(new ErrorRecord(e, "TlsReady.ClientProfileNotFound", ErrorCategory.ObjectNotFound, id));
                }
            }
        }

        private bool Emit(Func<JsonObject, bool> selected)
        {
            bool any = false;
            foreach (JsonObject profile in profiles)
            {
                if (selected(profile) && (!CannotUseTls12 || profile["cannot_use_tls12"] is bool cannot && cannot))
                {
                    WriteObject(PSObjectFactory.ToPSObject(profile, ClientImpactFactory.ProfileTypeName));
                    any = true;
                }
            }
            return any;
        }
    }
}
