using System;
using System.Collections.Generic;
using System.Globalization;
using System.Management.Automation;
using TlsReady.Json;
using TlsReady.Native;
using TlsReady.Objects;

namespace TlsReady.Commands
{
    /// <summary>
    /// Get-TlsReadyCipherSuite: tlsready's cipher-suite registry (tlsr_cipher_suites; IANA TLS
    /// Cipher Suites with OpenSSL names and RFC 9325 weaknesses) as TlsReady.CipherSuite objects.
    /// Not to be confused with Windows' Get-TlsCipherSuite, which lists what Schannel enables.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TlsReadyCipherSuite", DefaultParameterSetName = ByName)]
    [OutputType("TlsReady.CipherSuite")]
    public sealed class GetTlsReadyCipherSuiteCommand : PSCmdlet
    {
        private const string ByName = "Name";
        private const string ByCode = "Code";
        private const string TypeName = "TlsReady.CipherSuite";

        /// <summary>IANA or OpenSSL name; wildcards allowed.</summary>
        [Parameter(ParameterSetName = ByName, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Name { get; set; }

        /// <summary>Code point, 0..0xFFFF (0x1301 or 4865).</summary>
        [Parameter(ParameterSetName = ByCode, Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0, 0xFFFF)]
        public int[] Code { get; set; }

        /// <summary>Only suites usable in this protocol version.</summary>
        [Parameter]
        [ValidateSet("SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3", IgnoreCase = true)]
        public string Protocol { get; set; }

        /// <summary>Only suites with a weakness (RFC 9325 section 4.1-4.2, RFC 7465, ...).</summary>
        [Parameter]
        public SwitchParameter Weak { get; set; }

        private List<JsonObject> registry;

        protected override void BeginProcessing()
        {
            try
            {
                registry = new List<JsonObject>();
                foreach (object item in (List<object>)JsonReader.Parse(NativeApi.CipherSuites()))
                {
                    registry.Add((JsonObject)item);
                }
            }
            catch (TlsReadyNativeException e)
            {
                ThrowTerminatingError(ErrorCategoryMap.Record(e, "TlsReady.CipherSuites", null));
            }
            catch (DllNotFoundException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "TlsReady.NativeLibraryNotFound", ErrorCategory.ResourceUnavailable, NativeLibraryLoader.LibraryPath));
            }
        }

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByCode)
            {
                foreach (int code in Code)
                {
                    string text = "0x" + code.ToString("X4", CultureInfo.InvariantCulture);
                    if (!EmitMatching(suite => suite["code"] as string == text))
                    {
                        WriteNotFound(text);
                    }
                }
                return;
            }
            if (Name == null)
            {
                EmitMatching(suite => true);
                return;
            }
            foreach (string name in Name)
            {
                var pattern = new WildcardPattern(name, WildcardOptions.IgnoreCase | WildcardOptions.CultureInvariant);
                bool found = EmitMatching(suite => pattern.IsMatch(suite["name"] as string ?? "") || pattern.IsMatch(suite["openssl_name"] as string ?? ""));
                if (!found && !WildcardPattern.ContainsWildcardCharacters(name))
                {
                    WriteNotFound(name);
                }
            }
        }

        private bool EmitMatching(Func<JsonObject, bool> selected)
        {
            bool any = false;
            foreach (JsonObject suite in registry)
            {
                if (selected(suite) && (!Weak || suite["weak"] is bool weak && weak) && UsableIn(suite, Protocol))
                {
                    WriteObject(PSObjectFactory.ToPSObject(suite, TypeName));
                    any = true;
                }
            }
            return any;
        }

        /// <summary>
        /// The suite's "protocols" (the versions the registry says it may be negotiated in) name the
        /// version asked for (ValidateSet gives the display names the documents use).
        /// </summary>
        private static bool UsableIn(JsonObject suite, string protocol)
        {
            if (protocol == null)
            {
                return true;
            }
            if (suite["protocols"] is List<object> protocols)
            {
                foreach (object version in protocols)
                {
                    if (version is string name && string.Equals(name, protocol, StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }
            return false;
        }

        private void WriteNotFound(string what)
        {
            var e = new ItemNotFoundException("TlsReady: no cipher suite " + what + " in the registry");
            WriteError(new ErrorRecord(e, "TlsReady.CipherSuiteNotFound", ErrorCategory.ObjectNotFound, what));
        }
    }
}
