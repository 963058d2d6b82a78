// "This machine as a client": the effective ClientProfile of each TLS stack on an audited machine,
// from its local-policy report (model::PolicyReport, the windows / linux sections in their JSON
// form), each with the settings that made it so. The forecast judges these profiles like any other
// client, so "will this machine's .NET 4.x apps reach Microsoft 365" is the same computation as
// "will Java 6 reach this server".
//
// Stacks and ids:
//   Windows: "schannel" (SCHANNEL client roles: the versions offered by default), one per .NET
//   generation and registry view ("dotnet-3.5-64bit", "dotnet-4.0-32bit", "dotnet-4.6-64bit",
//   "dotnet-4.7-64bit", ...: native view = 64-bit apps, WOW6432Node = 32-bit apps),
//   "winhttp-64bit" / "winhttp-32bit" (DefaultSecureProtocols), "wininet" (SecureProtocols).
//   Linux: "openssl" (the client role: MinProtocol/MaxProtocol, CipherString, security level),
//   "gnutls" (when a GnuTLS configuration was found), one "java-<major>" per JDK
//   (jdk.tls.disabledAlgorithms), a suffix "-2", "-3" for further JDKs of the same major.
// Versions: `versions` is the exact set a stack offers (gaps kept, e.g. TLS 1.0 and 1.2 without
// 1.1); profile.min_version/max_version span it. A stack that offers no version at all gets
// min_version TLSv1.3 > max_version SSLv3, which every rule of assess/client_rules.h refuses.
// Suites, groups, signature algorithms: what the report shows (a SCHANNEL suite order policy,
// OpenSSL's usable suites); where the report has none (SCHANNEL's OS default order, Java's default
// list) they come from `bases` (the catalogue profile of that OS's SCHANNEL / that Java, which the
// caller picks), else from a documented stand-in list and the profile is marked synthetic.
// Thread-safe: nothing here keeps state. Never throws for a report's content (missing sections or
// fields give fewer stacks), only std::bad_alloc.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "model/client_profile.h"
#include "model/policy_report.h"
#include "model/protocol_version.h"

namespace tlsready::assess {

struct MachineClient {
  std::string stack;             // "schannel", "dotnet", "winhttp", "wininet", "openssl", "gnutls", "java"
  model::ClientProfile profile;  // the effective profile (id as listed above)
  std::vector<model::ProtocolVersion> versions;  // exactly the versions offered, oldest first
  std::vector<std::string> evidence;             // one line per setting that decided it
};

// Catalogue profiles to take suites, groups and signature algorithms from (nullopt: stand-ins).
struct MachineClientBases {
  std::optional<model::ClientProfile> schannel;  // e.g. the profile of this Windows version's SCHANNEL
  std::optional<model::ClientProfile> java;      // e.g. the profile of Java 8/11/17
  std::optional<model::ClientProfile> gnutls;
};

std::vector<MachineClient> machine_clients(const model::PolicyReport& report, const MachineClientBases& bases = {});

}  // namespace tlsready::assess
