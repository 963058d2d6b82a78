#!/usr/bin/env python3
"""Writes the MAML help of the TlsReady module (en-US/TlsReady.dll-Help.xml) to stdout.

Binary cmdlets cannot carry comment-based help, so their help is MAML. The text lives here as
data (one entry per cmdlet: synopsis, description, parameter sets, parameters, examples) and
tests/powershell/TlsReadyModule.Tests.ps1 checks that Get-Help shows it for every exported
command, with examples, and that every parameter of the cmdlet is described. Examples connect
only to loopback (the house rule).
"""
import sys
from xml.sax.saxutils import escape

S, B, I, D = "System.String", "System.Management.Automation.SwitchParameter", "System.Int32", "System.Double"
PSO = "System.Management.Automation.PSObject"

# name: (type, required, position, pipeline, aliases, globbing, description)
COMMANDS = [
    {
        "name": "Test-TlsReadyEndpoint",
        "synopsis": "Scans TLS endpoints: protocol versions, cipher suites, groups, certificate and session facts.",
        "description": [
            "Test-TlsReadyEndpoint probes each endpoint with hand-built ClientHellos (SSLv2 to TLS 1.3) and writes one "
            "TlsReady.EndpointResult per endpoint as it finishes. Targets from the pipeline are collected and scanned "
            "together, -ThrottleLimit at a time. Every detail is a typed property: Protocols (with their CipherSuites), "
            "Certificate, Session, Weaknesses, Intolerances; the summary columns Endpoint, Tls10, Tls11, Tls12, Tls13, "
            "WeakestSuite, CertificateNotAfter and ErrorKind export well to CSV. Json holds the document as the library "
            "wrote it (endpoint-scan.schema.json), the same as the Python package and the C library give.",
            "An endpoint that cannot be scanned (refused, timed out, not TLS, ...) still gives its result, with ErrorKind "
            "set, and a non-terminating error whose category tells the kind (ConnectionError, OperationTimeout, "
            "ProtocolError, ...) and whose TargetObject is the target as given, so -ErrorAction and -ErrorVariable work. "
            "Ctrl-C cancels the scan at once; the results written before it are kept.",
        ],
        "sets": [["ComputerName", "Port", "ServerName", "StartTls", "TimeoutSec", "ThrottleLimit", "CaFile", "Clients",
                  "ClientWhatIf", "ClientId", "Policy", "Simulate"]],
        "parameters": {
            "ComputerName": (S + "[]", True, "0", "True (ByValue, ByPropertyName)", "Host, CN, Target", False,
                             "Host name or IP address of the endpoint, or \"host:port\" / \"[IPv6]:port\". From the pipeline by "
                             "value, or by property name (ComputerName, Host, CN or Target: a CSV column of that name)."),
            "Port": (I, False, "1", "True (ByPropertyName)", "", False,
                     "TCP port, 1-65535. 0 or not given (an empty CSV cell): the port in ComputerName, else 443."),
            "ServerName": (S, False, "named", "True (ByPropertyName)", "Sni", False,
                           "Server name to send in the SNI extension (RFC 6066) and to check the certificate against. "
                           "Default: ComputerName when it is a name, none for an IP address."),
            "StartTls": (S, False, "named", "True (ByPropertyName)", "", False,
                         "Protocol to speak before the handshake: None, Smtp, Imap, Pop3, Ftp, Ldap or Postgres. Empty or "
                         "not given: plain TLS, or the one the port implies."),
            "TimeoutSec": (D, False, "named", "False", "", False,
                           "Seconds each network step may take (connect, each reply, the handshake), up to 600. Default 5."),
            "ThrottleLimit": (I, False, "named", "False", "", False, "Endpoints scanned at once, 1-1024. Default 8."),
            "CaFile": (S, False, "named", "False", "", False,
                       "PEM file of extra trust anchors for the certificate check (an internal CA)."),
            "Clients": (B, False, "named", "False", "", False,
                        "Adds ClientImpact (TlsReady.ClientImpact): for each built-in client profile (Get-TlsReadyClientProfile) "
                        "whether it connects (Version, CipherSuite, Group) or fails (Reason, Detail), forecast from the scan "
                        "without another connection."),
            "ClientWhatIf": (S, False, "named", "False", "", False,
                             "With -Clients: a change to forecast, comma-separated: no-ssl3, no-tls10, no-tls11, no-tls12, no-tls13, "
                             "no-suite:0x000A, no-3des, no-rc4, no-des, no-cbc, no-rsa-kx, no-dhe, no-sha1-mac. ClientImpact.Breaks "
                             "lists the clients that connect now and would fail after it."),
            "ClientId": (S + "[]", False, "named", "False", "", False,
                         "With -Clients: only these client profile ids (ie-11-win7, java-6u45, ...)."),
            "Policy": (S, False, "named", "False", "", False,
                       "Also judge each endpoint against a readiness policy (m365, mozilla-intermediate, ... or a policy "
                       "file): the result's Verdict property holds the TlsReady.Verdict (Readiness, Findings). With "
                       "-Clients the verdict also has Clients: the same client outcomes as ClientImpact (who fails)."),
            "Simulate": (B, False, "named", "False", "", False,
                         "With -Clients: send each client's own ClientHello to the endpoint and report what it does, instead "
                         "of forecasting. Clients the scan already decides (they offer only versions the endpoint refused) are "
                         "answered from the scan without connecting: each outcome's Source is simulated or from_scan, and "
                         "ClientImpact.Simulation.Connections counts the connections made. Ctrl-C cancels it."),
        },
        "outputs": ["TlsReady.EndpointResult"],
        "examples": [
            ("Test-TlsReadyEndpoint -ComputerName localhost -Port 8443",
             "Scans one endpoint and shows the default table: the endpoint, which of TLS 1.0-1.3 it accepts, its weakest "
             "accepted suite, the certificate's expiry and the error, if any."),
            ("Import-Csv servers.csv | Test-TlsReadyEndpoint -ThrottleLimit 16 |\n"
             "    Where-Object { $_.Tls10 -or $_.Tls11 -or $_.ErrorKind } |\n"
             "    Export-Csv legacy-tls.csv -NoTypeInformation",
             "servers.csv has the columns ComputerName and Port (and ServerName or StartTls where needed). Writes the "
             "endpoints that still accept TLS 1.0 or 1.1, or could not be scanned, to legacy-tls.csv."),
            ("'127.0.0.1:8443', '[::1]:8444' | Test-TlsReadyEndpoint -ErrorVariable failed -ErrorAction SilentlyContinue\n"
             "$failed | ForEach-Object { '{0}: {1}' -f $_.TargetObject, $_.CategoryInfo.Category }",
             "Collects the endpoints that could not be scanned, with their error category, without stopping the scan."),
            ("Test-TlsReadyEndpoint -ComputerName localhost -Port 2525 -StartTls Smtp -CaFile .\\lab-ca.pem |\n"
             "    ForEach-Object { $_.Protocols | Where-Object Accepted | ForEach-Object { $_.Version; $_.CipherSuites.Name } }",
             "Scans an SMTP server after STARTTLS, trusting an internal CA, and lists every accepted suite per version."),
            ("(Test-TlsReadyEndpoint -ComputerName localhost -Port 8443 -Clients -ClientWhatIf no-tls10,no-tls11).ClientImpact.Breaks",
             "The clients (ids) that reach the endpoint today and would fail once it drops TLS 1.0 and 1.1."),
            ("$r = Test-TlsReadyEndpoint -ComputerName localhost -Port 8443 -Policy m365 -Clients -Simulate\n"
             "$r.Verdict.Readiness\n"
             "$r.Verdict.Clients | Where-Object Status -eq 'fails' | Select-Object ClientId, Reason, Source",
             "Judges the endpoint for Microsoft 365 and lists the clients that fail against it, observed on the wire "
             "(Source simulated) or decided by the scan (Source from_scan)."),
        ],
    },
    {
        "name": "Get-TlsReadyClientProfile",
        "synopsis": "Lists the built-in TLS client profiles that -Clients forecasts (browsers, Windows stacks, runtimes, libraries).",
        "description": [
            "Get-TlsReadyClientProfile writes the TLS client profiles tlsready knows as TlsReady.ClientProfile objects: Id, "
            "Name, Category, MinVersion, MaxVersion, HelloFormat, CipherSuites, Groups, SendsSni, the DH/RSA/EC limits and "
            "Source (SSL Labs' captured hellos via testssl.sh, or, with Synthetic set, documented defaults such as "
            "Microsoft's SCHANNEL cipher suite order pages and KB3140245).",
        ],
        "sets": [["Id", "CannotUseTls12"]],
        "parameters": {
            "Id": (S + "[]", False, "0", "True (ByValue, ByPropertyName)", "ClientId", True,
                   "Profile id, case-insensitive; wildcards allowed (java-*). Default: every profile."),
            "CannotUseTls12": (B, False, "named", "False", "", False,
                               "Only the clients Microsoft lists as unable to use TLS 1.2."),
        },
        "outputs": ["TlsReady.ClientProfile"],
        "examples": [
            ("Get-TlsReadyClientProfile java-* | Select-Object Id, MinVersion, MaxVersion, MaxDhBits",
             "The Java profiles, their version ranges and the largest DH prime each can handle."),
            ("Get-TlsReadyClientProfile -CannotUseTls12 | Select-Object Id, Name",
             "The clients that break when a server accepts TLS 1.2 and later only."),
        ],
    },
    {
        "name": "Get-TlsReadyCipherSuite",
        "synopsis": "Looks up cipher suites in tlsready's registry (IANA names, OpenSSL names, weaknesses).",
        "description": [
            "Get-TlsReadyCipherSuite lists the TLS cipher suites tlsready knows (the IANA TLS Cipher Suites registry) as "
            "TlsReady.CipherSuite objects: Code, Name, OpenSslName, KeyExchange, Authentication, Cipher, Bits, Mac, Weak, "
            "ForwardSecret and Weaknesses (RFC 9325, RFC 7465, Sweet32, ...). It does not read or change what Windows "
            "enables: that is Get-TlsCipherSuite of Windows' TLS module, which keeps working beside this one.",
        ],
        "sets": [["Name", "Protocol", "Weak"], ["Code", "Protocol", "Weak"]],
        "parameters": {
            "Name": (S + "[]", False, "0", "True (ByValue, ByPropertyName)", "", True,
                     "IANA or OpenSSL name of the suite, case-insensitive; wildcards allowed. Default: every suite."),
            "Code": (I + "[]", True, "named", "True (ByPropertyName)", "", False,
                     "Code point of the suite, 0-0xFFFF: 0x1301 or 4865."),
            "Protocol": (S, False, "named", "False", "", False,
                         "Only the suites usable in this version: SSLv3, TLSv1.0, TLSv1.1, TLSv1.2 or TLSv1.3."),
            "Weak": (B, False, "named", "False", "", False, "Only the suites with a weakness."),
        },
        "outputs": ["TlsReady.CipherSuite"],
        "examples": [
            ("Get-TlsReadyCipherSuite -Name *CHACHA20*", "Every ChaCha20-Poly1305 suite, by IANA or OpenSSL name."),
            ("Get-TlsReadyCipherSuite -Code 0x000A | Select-Object Name, Weaknesses",
             "What 0x000A is (TLS_RSA_WITH_3DES_EDE_CBC_SHA) and why it is weak."),
            ("Get-TlsReadyCipherSuite -Protocol TLSv1.2 -Weak | Measure-Object",
             "How many of the suites a TLS 1.2 server could pick are weak."),
        ],
    },
    {
        "name": "Get-TlsReadyLocalPolicy",
        "synopsis": "Audits local TLS policy: the Windows registry (Schannel, .NET, WinHTTP) or OpenSSL, crypto-policies, GnuTLS and Java.",
        "description": [
            "Get-TlsReadyLocalPolicy writes one TlsReady.LocalPolicyReport: Platform, Source, Windows or Linux (what was "
            "found), Summary and Findings (TlsReady.Finding: Id, Severity, Title, Evidence, Why, Fix, RegistryChanges, "
            "References), and Json, the document itself (local-policy.schema.json). Without parameters it audits this "
            "machine: the live registry on Windows, the files under / elsewhere.",
            "With -Path it audits `reg export` files or JSON registry snapshots; files from the pipeline (Get-ChildItem) "
            "bind by FullName or PSPath. All the paths of one call are layered in the order given into one report; to "
            "audit several machines' exports, call it once per file (ForEach-Object). With -Root it audits a Linux root "
            "such as a mounted image. Reports survive remoting and Export-Clixml with their properties, and "
            "Export-TlsReadyRemediation works on them there.",
        ],
        "sets": [["OSVersion", "Against"], ["Path", "OSVersion", "Against"], ["Root", "Against"]],
        "parameters": {
            "Path": (S + "[]", True, "0", "True (ByValue, ByPropertyName)", "FullName, PSPath", True,
                     "`reg export` files (UTF-16LE or ANSI) or JSON registry snapshots (*.json); wildcards allowed."),
            "Root": (S, True, "named", "False", "", False, "A Linux root to audit instead of / (a mounted image)."),
            "OSVersion": (S, False, "named", "False", "", False,
                          "The Windows version the defaults are taken from (\"10.0.17763\", \"server2019\", \"win7\"). "
                          "Default: the version recorded in the export, or the running system."),
            "Against": (S, False, "named", "False", "", False,
                        "A policy name (\"m365\") or policy file with a server side: the report also carries "
                        "MachineReach, whether each TLS stack of the machine (SCHANNEL, .NET per view, WinHTTP, "
                        "OpenSSL, Java) reaches that policy's servers, the rule that fails and the fix."),
        },
        "outputs": ["TlsReady.LocalPolicyReport"],
        "examples": [
            ("reg export HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL schannel.reg /y\n"
             "Get-TlsReadyLocalPolicy -Path .\\schannel.reg | ForEach-Object Findings",
             "Exports the Schannel key and lists its findings, worst first."),
            ("Get-ChildItem .\\exports\\*.reg | ForEach-Object { Get-TlsReadyLocalPolicy -Path $_.FullName -OSVersion server2019 }",
             "One report per machine's export, with the defaults of Windows Server 2019."),
            ("Get-TlsReadyLocalPolicy -Root /mnt/image | ForEach-Object Findings | Where-Object Severity -in 'high', 'critical'",
             "The serious findings of a mounted Linux image's OpenSSL, crypto-policies, GnuTLS and Java settings."),
            ("(Get-TlsReadyLocalPolicy -Path .\\schannel.reg -Against m365).MachineReach.Stacks | Where-Object Reaches -ne $true",
             "The TLS stacks of that machine that will not reach Microsoft 365, each with the failing rule and the fix."),
        ],
    },
    {
        "name": "Export-TlsReadyRemediation",
        "synopsis": "Writes the .reg or PowerShell fix for a local-policy report.",
        "description": [
            "Export-TlsReadyRemediation turns the findings of a TlsReady.LocalPolicyReport into a fix: -Format Reg gives "
            "a .reg file, UndoReg the .reg that puts back what Reg changes (the values as the audited export held them), "
            "PowerShell a script that honours -WhatIf and -Confirm and can back up what it changes. With -Path it writes "
            "the file (.reg as UTF-16LE, as regedit writes it; .ps1 as UTF-8 with BOM) and supports -WhatIf and "
            "-Confirm; without -Path it writes the text to the pipeline. Review the file before applying it.",
        ],
        "sets": [["InputObject", "Format", "Path", "WhatIf", "Confirm"]],
        "parameters": {
            "InputObject": (PSO, True, "named", "True (ByValue)", "", False,
                            "The report from Get-TlsReadyLocalPolicy (also one that came through remoting or Import-Clixml)."),
            "Format": (S, False, "0", "False", "", False, "Reg (default), UndoReg or PowerShell."),
            "Path": (S, False, "1", "False", "", False, "The file to write. Without it the text goes to the pipeline."),
            "WhatIf": (B, False, "named", "False", "wi", False, "Shows the file that would be written, and writes nothing."),
            "Confirm": (B, False, "named", "False", "cf", False, "Asks before writing the file."),
        },
        "outputs": ["System.String"],
        "examples": [
            ("Get-TlsReadyLocalPolicy -Path .\\schannel.reg | Export-TlsReadyRemediation -Format Reg -Path .\\fix.reg",
             "Writes fix.reg; `reg import fix.reg` applies it."),
            ("Get-TlsReadyLocalPolicy | Export-TlsReadyRemediation -Format PowerShell -Path .\\fix.ps1 -WhatIf",
             "Shows which file would be written for this machine's policy, without writing it."),
            ("$reports = Invoke-Command -ComputerName (Get-Content servers.txt) { Get-TlsReadyLocalPolicy }\n"
             "$reports | ForEach-Object { $_ | Export-TlsReadyRemediation -Format PowerShell -Path \"fix-$($_.PSComputerName).ps1\" }",
             "A fleet audit over remoting (the module installed on each server), one remediation script per server."),
        ],
    },
    {
        "name": "Get-TlsReadyVerdict",
        "synopsis": "Judges scanned endpoints against a readiness policy (m365, Mozilla, NIST, PCI DSS, ...), offline.",
        "description": [
            "Get-TlsReadyVerdict judges endpoint scans against a policy: a built-in one (m365, mozilla-modern, "
            "mozilla-intermediate, mozilla-old, nist-800-52r2, pci-dss, tls12-strict) or a policy file "
            "(policy.schema.json). Input is Test-TlsReadyEndpoint results on the pipeline (their Json property) or "
            "saved JSONL files of tlsready scan --json (-Path), so last month's scan can be judged against a new policy "
            "without the network. Each endpoint gives a TlsReady.Verdict: Readiness (ready, ready_with_warnings, "
            "not_ready, unknown), Findings (Id, Severity, Title, Evidence, Why, Fix), Inconclusive (why a rule could "
            "not be judged) and Json (verdict.schema.json).",
            "With -Clients each verdict has Clients (TlsReady.ClientOutcome: ClientId, Status, Version, CipherSuite, "
            "Reason, Detail): which TLS clients connect to the endpoint and which fail, forecast from the saved scan "
            "without connecting.",
        ],
        "sets": [["Policy", "Json", "Clients", "ClientWhatIf", "ClientId"], ["Policy", "Path", "Clients", "ClientWhatIf", "ClientId"]],
        "parameters": {
            "Policy": (S, True, "0", "False", "", False, "A built-in policy id (m365, mozilla-intermediate, ...) or a policy file."),
            "Json": (S, True, "named", "True (ByPropertyName)", "", False,
                     "An endpoint-scan document: the Json property of Test-TlsReadyEndpoint's results."),
            "Path": (S, True, "1", "False", "", False, "JSONL files of saved scans (tlsready scan --json -o FILE)."),
            "Clients": (B, False, "named", "False", "", False,
                        "Adds Clients to each verdict: every built-in client profile's outcome against the endpoint "
                        "(connects or fails, and why), forecast from the scan document without the network."),
            "ClientWhatIf": (S, False, "named", "False", "", False,
                             "With -Clients: also forecast the clients after this change (no-tls10,no-tls11, no-3des, ...)."),
            "ClientId": (S + "[]", False, "named", "False", "", False,
                         "With -Clients: only these client profile ids (ie-11-win7, java-6u45, ...)."),
        },
        "outputs": ["TlsReady.Verdict"],
        "examples": [
            ("Test-TlsReadyEndpoint 127.0.0.1:8443 | Get-TlsReadyVerdict m365",
             "Scans a loopback endpoint and says whether it is ready for Microsoft 365, with the findings."),
            ("Get-TlsReadyVerdict mozilla-intermediate -Path .\\results.jsonl | Where-Object Readiness -ne 'ready'",
             "Judges saved scans offline and lists the endpoints that are not (fully) ready."),
            ("Get-TlsReadyVerdict m365 -Path .\\results.jsonl -Clients |\n"
             "    ForEach-Object { $v = $_; $v.Clients | Where-Object Status -eq 'fails' | ForEach-Object { '{0}: {1}' -f $v.Subject, $_.ClientId } }",
             "Judges saved scans for Microsoft 365 offline and lists, per endpoint, the clients that fail against it."),
        ],
    },
]

COMMANDS.append({
    "name": "Measure-TlsReadyVerdict",
    "synopsis": "Summarises the verdicts of many endpoints: ready / not ready counts and the top findings.",
    "description": [
        "Measure-TlsReadyVerdict reads TlsReady.Verdict objects (Get-TlsReadyVerdict), endpoint results that carry "
        "one (Test-TlsReadyEndpoint -Policy) or verdict documents as text from the pipeline, and at the end writes one "
        "TlsReady.VerdictSummary: Endpoints, Policies, Readiness (Ready, ReadyWithWarnings, NotReady, Unknown) and "
        "TopFindings (Id, Title, Severity, Endpoints, Subjects: the findings on most endpoints first). Json holds the "
        "verdict_summary document (verdict.schema.json), the one the Python package (tlsready.verdict_summary) and "
        "tlsready verdict --summary give; it is made by the same core (tlsr_verdict_summary).",
        "An input that is not a verdict (an endpoint result scanned without -Policy) is a non-terminating error "
        "(TlsReady.NotAVerdict) naming it; the others are still summarised.",
    ],
    "sets": [["InputObject"]],
    "parameters": {
        "InputObject": (PSO + "[]", True, "0", "True (ByValue)", "", False,
                        "A TlsReady.Verdict, an endpoint result with a Verdict property (Test-TlsReadyEndpoint -Policy), "
                        "or a verdict document as JSON text."),
    },
    "outputs": ["TlsReady.VerdictSummary"],
    "examples": [
        ("Get-TlsReadyVerdict m365 -Path .\\results.jsonl | Measure-TlsReadyVerdict",
         "Judges last month's saved scans against Microsoft 365, offline, and counts how many endpoints are ready."),
        ("'127.0.0.1:8443', '127.0.0.1:8444' | Test-TlsReadyEndpoint -Policy m365 | Measure-TlsReadyVerdict | "
         "ForEach-Object TopFindings",
         "Scans two loopback endpoints and lists the findings shared by most of them."),
    ],
})

COMMANDS.append({
    "name": "Measure-TlsReadyClientImpact",
    "synopsis": "Says which TLS clients fail or would break where, across many scanned endpoints (offline).",
    "description": [
        "Measure-TlsReadyClientImpact reads endpoint results (Test-TlsReadyEndpoint) or endpoint-scan documents as "
        "text from the pipeline and, at the end, forecasts every built-in client profile (or -ClientId) against each "
        "of them without connecting. It writes one TlsReady.ClientImpactSummary: WhatIf, Endpoints (per endpoint the "
        "clients that connect, fail, would break after -ClientWhatIf, or are unknown) and Clients (TlsReady.ClientSummary "
        "per client: FailsAt, BreaksAt, UnknownAt, the endpoints where it fails or would break). Json holds the "
        "client_impact_summary document (client-impact.schema.json), the one tlsready.client_impact_summary and "
        "tlsready clients RESULTS.jsonl give (tlsr_client_impact_summary).",
        "An input that is not an endpoint result is a non-terminating error (TlsReady.NotAnEndpointResult); an unknown "
        "-ClientWhatIf change or -ClientId stops the command with an InvalidArgument error naming it.",
    ],
    "sets": [["InputObject", "ClientWhatIf", "ClientId"]],
    "parameters": {
        "InputObject": (PSO + "[]", True, "0", "True (ByValue)", "", False,
                        "An endpoint result of Test-TlsReadyEndpoint, or an endpoint-scan document as JSON text."),
        "ClientWhatIf": (S, False, "named", "False", "", False,
                         "A change to forecast, comma-separated (no-tls10, no-tls11, no-3des, no-suite:0x000A, ...): "
                         "Breaks and BreaksAt name the clients that connect now and would fail after it."),
        "ClientId": (S + "[]", False, "named", "False", "", False,
                     "Only these client profile ids (Get-TlsReadyClientProfile); default every built-in profile."),
    },
    "outputs": ["TlsReady.ClientImpactSummary"],
    "examples": [
        ("'127.0.0.1:8443', '127.0.0.1:8444' | Test-TlsReadyEndpoint | Measure-TlsReadyClientImpact -ClientWhatIf no-tls10,no-tls11",
         "Scans two loopback endpoints and says, per client, where it would break if TLS 1.0 and 1.1 were turned off."),
        ("(Test-TlsReadyEndpoint 127.0.0.1:8443 | Measure-TlsReadyClientImpact -ClientId ie-11-win7, java-8u161).Clients",
         "Only two clients: the endpoints each fails at."),
    ],
})


COMMANDS.append({
    "name": "Get-TlsReadyLegacyClient",
    "synopsis": "Finds the clients that still use TLS 1.0/1.1 (or SSL) in server logs: IIS, Exchange SMTP, ...",
    "description": [
        "Get-TlsReadyLegacyClient reads server logs that record the TLS version of each request or connection (IIS W3C "
        "logs with the crypt-protocol, crypt-cipher, crypt-hash and crypt-keyexchange custom fields; Exchange SMTP "
        "Receive and Send protocol logs) and says who would break when TLS 1.0 and 1.1 are switched off. By default it "
        "reads every file of the pipeline into one summary and writes one TlsReady.LegacyClient per client (address "
        "and user agent, or EHLO name) with a legacy use, most legacy uses first: LegacyUses, Uses, Protocols (counts "
        "per version), FirstLegacyUse and LastLegacyUse (UTC), Users, Sites and Servers.",
        "-AsSummary writes the whole document instead (TlsReady.LegacyClients: Clients, Sites, Users, Days, Totals and "
        "Sources, which says per file how many lines were read, malformed or without TLS; Json is the document, the "
        "same as the Python package's legacy_clients() and `tlsready clients --json` give). -Events writes every TLS "
        "use (TlsReady.TlsUseEvent) as it is read. Files are read in blocks, so memory stays flat on large logs.",
        "A file that is missing, cannot be opened or whose format is not recognised is a non-terminating error naming "
        "it (categories ObjectNotFound, ReadError, InvalidData), and the other files are still read. Ctrl-C stops "
        "the reading at once.",
    ],
    "sets": [["Path", "Format", "Limit"], ["Path", "Format", "Limit", "AsSummary"], ["Path", "Format", "Events"]],
    "parameters": {
        "Path": (S + "[]", True, "0", "True (ByValue, ByPropertyName)", "FullName, PSPath", True,
                 "Log files; wildcards allowed. Files from the pipeline (Get-ChildItem) bind by FullName or PSPath; all "
                 "the files of one call are summarised together."),
        "Format": (S, False, "named", "False", "", False,
                   "auto (the default: each file recognised from its first lines), iis or exchange-smtp (the formats the "
                   "library reads). An unknown format stops the command before anything is read."),
        "Limit": (I, False, "named", "False", "", False,
                  "Entries per list of the summary (clients, sites, users), most legacy uses first; the rest are counted "
                  "in LeftOff. 0 (the default): all."),
        "AsSummary": (B, False, "named", "False", "", False,
                      "Writes one TlsReady.LegacyClients, the whole summary: Clients, Sites, Users, Days, Totals, Sources."),
        "Events": (B, False, "named", "False", "", False,
                   "Writes every TLS use (TlsReady.TlsUseEvent: Time, ClientAddress, User, UserAgent, Server, Site, "
                   "Protocol, LegacyProtocol, Cipher, Source with the file and line) as it is read, instead of a summary."),
    },
    "outputs": ["TlsReady.LegacyClient", "TlsReady.LegacyClients", "TlsReady.TlsUseEvent"],
    "examples": [
        ("Get-ChildItem C:\\inetpub\\logs\\LogFiles\\W3SVC1\\u_ex*.log | Get-TlsReadyLegacyClient",
         "The clients of the first IIS site that still connect with TLS 1.0 or 1.1, most legacy uses first, with the "
         "versions they used and when they were first and last seen. The logs need the crypt-* custom fields (IIS "
         "Manager, Logging, Select Fields, Add Field: the server variables CRYPT_PROTOCOL, CRYPT_CIPHER_ALG_ID, "
         "CRYPT_HASH_ALG_ID and CRYPT_KEYEXCHANGE_ALG_ID)."),
        ("Get-TlsReadyLegacyClient -Path '.\\RECV*.LOG', '.\\SEND*.LOG' -AsSummary | ForEach-Object Days",
         "The Exchange SMTP protocol logs' legacy uses per day: whether the old clients are going away."),
        ("Get-TlsReadyLegacyClient -Path .\\u_ex*.log -Events | Where-Object LegacyProtocol |\n"
         "    ForEach-Object { '{0} {1} {2}' -f $_.Time, $_.ClientAddress, $_.Protocol }",
         "Every request made with a legacy protocol, as it is read."),
        ("Get-TlsReadyLegacyClient -Path .\\logs\\* -Format iis -Limit 20 -AsSummary | ForEach-Object Sources",
         "Reads every file of a folder as IIS logs and shows, per file, how many lines were understood."),
    ],
})

def para(text):
    return "<maml:para>%s</maml:para>" % escape(text)


def parameter(name, spec, full):
    type_, required, position, pipeline, aliases, globbing, description = spec
    short = type_.split(".")[-1]
    out = ['      <command:parameter required="%s" globbing="%s" pipelineInput="%s" position="%s" aliases="%s">'
           % (str(required).lower(), str(globbing).lower(), pipeline, position, aliases or "none"),
           "        <maml:name>%s</maml:name>" % name]
    if full:
        out.append("        <maml:description>%s</maml:description>" % para(description))
    if type_ != B:
        out.append('        <command:parameterValue required="true">%s</command:parameterValue>' % escape(short))
    if full:
        out.append("        <dev:type><maml:name>%s</maml:name></dev:type>" % escape(type_))
    out.append("      </command:parameter>")
    return out


def command(c):
    verb, noun = c["name"].split("-", 1)
    out = ['  <command:command xmlns:maml="http://schemas.microsoft.com/maml/2004/10" '
           'xmlns:command="http://schemas.microsoft.com/maml/dev/command/2004/10" '
           'xmlns:dev="http://schemas.microsoft.com/maml/dev/2004/10">',
           "    <command:details>",
           "      <command:name>%s</command:name>" % c["name"],
           "      <command:verb>%s</command:verb>" % verb,
           "      <command:noun>%s</command:noun>" % noun,
           "      <maml:description>%s</maml:description>" % para(c["synopsis"]),
           "    </command:details>",
           "    <maml:description>%s</maml:description>" % "".join(para(p) for p in c["description"]),
           "    <command:syntax>"]
    for names in c["sets"]:
        out.append("    <command:syntaxItem>")
        out.append("      <maml:name>%s</maml:name>" % c["name"])
        for name in names:
            out.extend(parameter(name, c["parameters"][name], False))
        out.append("    </command:syntaxItem>")
    out.append("    </command:syntax>")
    out.append("    <command:parameters>")
    for name, spec in c["parameters"].items():
        out.extend(parameter(name, spec, True))
    out.append("    </command:parameters>")
    out.append("    <command:returnValues>")
    for t in c["outputs"]:
        out.append("      <command:returnValue><dev:type><maml:name>%s</maml:name></dev:type></command:returnValue>" % t)
    out.append("    </command:returnValues>")
    out.append("    <command:examples>")
    for n, (code, remarks) in enumerate(c["examples"], 1):
        out.append("      <command:example>")
        out.append("        <maml:title>-------------------------- Example %d --------------------------</maml:title>" % n)
        out.append("        <dev:code>%s</dev:code>" % escape(code))
        out.append("        <dev:remarks>%s</dev:remarks>" % para(remarks))
        out.append("      </command:example>")
    out.append("    </command:examples>")
    out.append("  </command:command>")
    return out


def main():
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<helpItems schema="maml" xmlns="http://msh">']
    for c in COMMANDS:
        lines.extend(command(c))
    lines.append("</helpItems>")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
