// The Linux audit: collects the parts and turns them into findings.
//
// The ids, severities and words of its findings are in the finding catalogue
// (native/data/findings.csv, ids frozen in native/data/ledgers/finding_ids.csv); the rule files
// (linux_rules.h: openssl_rules.cpp, crypto_policy_rules.cpp, gnutls_rules.cpp, java_rules.cpp)
// decide which hold.
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
