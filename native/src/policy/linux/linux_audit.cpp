// The Linux audit: collects the parts and turns them into findings.
//
// Finding catalogue (stable ids):
//   LINUX-FILE-UNREADABLE                medium   a file exists but cannot be read (directory, FIFO,
//                                                 symlink loop): no finding assumes defaults for it
//   OPENSSL-CONF-SYNTAX-ERROR            medium   OpenSSL refuses the whole openssl.cnf
//   OPENSSL-CONF-INCLUDE-REFUSED         low      an .include leaves the audited root (not read)
//   OPENSSL-CONF-COMMAND-REFUSED         medium/low  a system_default line libssl rejects
//   OPENSSL-MINPROTOCOL-ALLOWS-TLS10     high/medium MinProtocol (or Protocol) admits TLS 1.0/SSLv3
//   OPENSSL-MINPROTOCOL-ALLOWS-TLS11     high/medium MinProtocol = TLSv1.1
//   OPENSSL-SECLEVEL-ALLOWS-TLS10        high     no MinProtocol and security level 0: servers too
//   OPENSSL-CLIENT-TLS10-FALLBACK        low      no MinProtocol: clients accept TLS 1.0/1.1 from
//                                                 servers choosing RSA key transport
//   OPENSSL-MAXPROTOCOL-BELOW-TLS12      critical neither TLS 1.2 nor 1.3 negotiable
//   OPENSSL-TLS13-ONLY                   medium   TLS 1.2 not negotiable (peers without 1.3 fail)
//   OPENSSL-WEAK-CIPHERS-ENABLED         high     usable NULL/anonymous/RC4/3DES/DES/export/MD5 suites
//   OPENSSL-SECLEVEL-BELOW-2             high (0) / medium (1)
//   CRYPTO-POLICY-LEGACY                 high (TLS 1.0 enabled) / medium
//   CRYPTO-POLICY-SUBPOLICY-SHA1         medium
//   CRYPTO-POLICY-SUBPOLICY-TLS10        high
//   CRYPTO-POLICY-BACKEND-ALLOWS-TLS10   high (1.0) / medium (1.1)
//   CRYPTO-POLICY-NOT-APPLIED            low
//   CRYPTO-POLICY-FUTURE                 low
//   CRYPTO-POLICY-OPENSSL-BYPASSED       medium   openssl.cnf does not include the policy back-end
//   GNUTLS-TLS10-ENABLED                 high
//   GNUTLS-TLS11-ENABLED                 medium
//   GNUTLS-TLS12-NOT-ENABLED             critical (no 1.2/1.3) / medium (1.3 only)
//   GNUTLS-SHA1-SIGNATURES-SECURE        medium
//   JAVA-TLS10-REENABLED                 high     TLSv1 removed from jdk.tls.disabledAlgorithms
//   JAVA-TLS11-REENABLED                 medium
//   JAVA-TLS10-ENABLED-OLD-JDK           medium   a release older than the TLS 1.0/1.1 disablement
//   JAVA-SSLV3-ENABLED                   high
//   JAVA-TLS12-DISABLED                  critical (1.3 off too) / high
//   JAVA-CLIENT-PROTOCOLS-IGNORED        low/info jdk.tls.client.protocols written in java.security
#include "policy/linux/linux_audit.h"

#include <algorithm>

#include "policy/linux/linux_rules.h"

namespace tlsready::policy::linux {

using rules::crypto_policy_findings;
using rules::gnutls_findings;
using rules::java_findings;
using rules::openssl_conf_findings;
using rules::openssl_protocol_findings;
using rules::unreadable_findings;

namespace {

int severity_rank(Severity s) { return static_cast<int>(s); }

}  // namespace

const Finding* LinuxAudit::finding(std::string_view id) const {
  for (const auto& f : findings) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

std::vector<UnreadableFile> LinuxAudit::unreadable_files() const {
  std::vector<UnreadableFile> files;
  if (openssl_conf.document.unreadable) files.push_back(*openssl_conf.document.unreadable);
  files.insert(files.end(), crypto_policies.unreadable.begin(), crypto_policies.unreadable.end());
  files.insert(files.end(), gnutls.unreadable.begin(), gnutls.unreadable.end());
  for (const auto& install : java) {
    if (install.unreadable) files.push_back(*install.unreadable);
  }
  return files;
}

std::vector<std::string> LinuxAudit::finding_ids() const {
  std::vector<std::string> ids;
  for (const auto& f : findings) ids.push_back(f.id);
  return ids;
}

std::vector<Finding> linux_findings(const LinuxAudit& audit) {
  std::vector<Finding> out;
  unreadable_findings(audit, out);
  openssl_conf_findings(audit, out);
  openssl_protocol_findings(audit, out);
  crypto_policy_findings(audit, out);
  gnutls_findings(audit, out);
  java_findings(audit, out);
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return severity_rank(a.severity) > severity_rank(b.severity);
    return a.id < b.id;
  });
  return out;
}

LinuxAudit audit_linux(const std::filesystem::path& root, const LinuxAuditOptions& options) {
  LinuxAudit audit;
  audit.root = root.string();
  OpenSslConfOptions conf;
  conf.openssl_conf = options.openssl_conf;
  conf.openssl_conf_include = options.openssl_conf_include;
  conf.candidates = options.openssl_conf_candidates;
  audit.openssl_conf = audit_openssl_conf(root, conf);
  EvaluationOptions evaluation;
  evaluation.handshakes = options.handshakes;
  audit.openssl = evaluate_openssl_conf(audit.openssl_conf, evaluation);
  if (options.include_process) audit.process_openssl = openssl_process_defaults(evaluation);
  audit.crypto_policies = audit_crypto_policies(root);
  GnutlsAuditOptions gnutls;
  gnutls.system_priority_file = options.gnutls_system_priority_file;
  audit.gnutls = audit_gnutls(root, gnutls);
  audit.java = find_java_installations(root, options.java_homes);
  audit.findings = linux_findings(audit);
  return audit;
}

}  // namespace tlsready::policy::linux
