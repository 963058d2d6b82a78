using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Runtime.InteropServices;
using TlsReady.Native;
using TlsReady.Objects;

namespace TlsReady.Commands
{
    /// <summary>
    /// Get-TlsReadyLocalPolicy: audits TLS policy and writes one TlsReady.LocalPolicyReport.
    ///  - no parameters: this machine (the registry on Windows, tlsr_policy_audit_live; OpenSSL,
    ///    crypto-policies, GnuTLS and Java under / elsewhere, tlsr_policy_audit_linux);
    ///  - -Path: `reg export` files or JSON registry snapshots (tlsr_policy_audit_files), from the
    ///    pipeline by value or by property name (FullName, PSPath: Get-ChildItem output); all paths
    ///    of one call are layered in the order given into one report, as the C ABI and Python do;
    ///  - -Root: a Linux root (a mounted image or container file system).
    ///  - -Against POLICY: the report also carries MachineReach (TlsReady.MachineReach): whether each
    ///    TLS stack reaches that policy's servers (tlsr_machine_reach).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TlsReadyLocalPolicy", DefaultParameterSetName = LiveSet)]
    [OutputType("TlsReady.LocalPolicyReport")]
    public sealed class GetTlsReadyLocalPolicyCommand : PSCmdlet
    {
        private const string LiveSet = "Live";
        private const string PathSet = "Path";
        private const string RootSet = "Root";

        private readonly List<string> paths = new List<string>();

        /// <summary>reg export files (.reg) or JSON registry snapshots (.json); wildcards allowed.</summary>
        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName", "PSPath")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[] Path { get; set; }

        /// <summary>A Linux root to audit instead of "/".</summary>
        [Parameter(ParameterSetName = RootSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Root { get; set; }

        /// <summary>Windows version the rules apply to ("10.0.17763", "server2019", "win7"); default: the one in the export.</summary>
        [Parameter(ParameterSetName = PathSet)]
        [Parameter(ParameterSetName = LiveSet)]
        [ValidateNotNullOrEmpty]
        public string OSVersion { get; set; }

        /// <summary>
        /// A policy with a server side ("m365", a policy file, or a policy document): adds MachineReach
        /// (TlsReady.MachineReach, tlsr_machine_reach) to the report: whether each TLS stack of the
        /// machine reaches that policy's servers, the failing rule and the fix.
        /// </summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Against { get; set; }

        protected override void ProcessRecord()
        {
            if (ParameterSetName != PathSet)
            {
                return;
            }
            foreach (string path in Path)
            {
                try
                {
                    var resolved = new List<string>();
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
                    paths.AddRange(resolved);
                }
                catch (ItemNotFoundException e)
                {
                    WriteError(new ErrorRecord(e, "TlsReady.PathNotFound", ErrorCategory.ObjectNotFound, path));
                }
            }
        }

        protected override void EndProcessing()
        {
            string source;
            try
            {
                string document;
                switch (ParameterSetName)
                {
                    case PathSet:
                        if (paths.Count == 0)
                        {
                            return; // every path failed, each with its error
                        }
                        source = string.Join(";", paths);
                        document = NativeApi.AuditFiles(paths.ToArray(), OSVersion);
                        break;
                    case RootSet:
                        source = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Root);
                        document = NativeApi.AuditLinux(source);
                        break;
                    default:
                        bool windows = RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
                        source = windows ? "registry" : "/";
                        document = windows ? NativeApi.AuditLive(OSVersion) : NativeApi.AuditLinux("/");
                        break;
                }
                PSObject report = PolicyReportFactory.Create(document, source);
                if (Against != null)
                {
                    report.Properties.Add(new PSNoteProperty("MachineReach", MachineReachFactory.Create(document, Against)));
                }
                WriteObject(report);
            }
            catch (TlsReadyNativeException e)
            {
                object target = ParameterSetName == PathSet ? (object)paths.ToArray() : Root;
                ThrowTerminatingError(ErrorCategoryMap.Record(e, "TlsReady.LocalPolicy", target));
            }
            catch (DllNotFoundException e)
            {
                ThrowTerminatingError(new ErrorRecord(e, "TlsReady.NativeLibraryNotFound", ErrorCategory.ResourceUnavailable, NativeLibraryLoader.LibraryPath));
            }
        }
    }
}
