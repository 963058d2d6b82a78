// The crypto-policies rules of the Linux audit (Fedora/RHEL update-crypto-policies).
// Sources: crypto-policies(7); RHEL 8 / 9 security hardening, system-wide cryptographic policies.
#include "policy/linux/linux_rules.h"

namespace tlsready::policy::linux::rules {

namespace {

std::string tls_label(const std::string& version) { return version == "SSL3.0" ? "SSL 3.0" : "TLS " + version; }

void add_backend_evidence(Finding& f, const BackendFile& backend) {
  if (backend.evidence.empty()) {
    add_evidence(f, backend.path, backend.min_tls ? "lowest TLS version " + *backend.min_tls : "present");
    return;
  }
  for (const auto& line : backend.evidence) {
    add_evidence(f, line.location, line.text + (backend.resolved != backend.path ? " (via " + backend.path + ")" : ""));
  }
}

// The references name the RHEL 8 guide on RHEL 8, else the RHEL 9 one.
std::string_view family_variant(const CryptoPolicyReport& cp) { return cp.family == "rhel8" ? "rhel8" : ""; }

}  // namespace

void crypto_policy_findings(const LinuxAudit& audit, std::vector<Finding>& out) {
  const CryptoPolicyReport& cp = audit.crypto_policies;
  if (!cp.present) return;
  const std::optional<std::string> backend_min = cp.backend_min_tls();
  const std::string min_tls = backend_min ? *backend_min : cp.expected ? cp.expected->min_tls : "";
  const bool old_tls = min_tls == "1.0" || min_tls == "1.1" || min_tls == "SSL3.0";
  bool tls_covered = false;

  if (cp.base_policy == "LEGACY") {
    const bool tls10 = min_tls == "1.0" || min_tls == "SSL3.0";
    Finding f = make_finding("CRYPTO-POLICY-LEGACY", {{"min_tls", min_tls}},
                             {min_tls.empty() ? "" : "min-tls", tls10 ? "tls10" : "", family_variant(cp)});
    add_evidence(f, cp.configured.location, cp.configured.text);
    if (cp.state_current) add_evidence(f, cp.state_current->location, "applied: " + cp.state_current->text);
    for (const auto& backend : cp.backends) {
      if (backend.min_tls && (backend.min_tls == min_tls || backend.name == "opensslcnf.config"))
        add_backend_evidence(f, backend);
    }
    if (cp.expected) {
      add_evidence(f, "crypto_policies.csv " + cp.expected->family + "/LEGACY",
                   "min TLS " + cp.expected->min_tls + ", RSA/DH >= " + std::to_string(cp.expected->min_rsa_bits) +
                       ", SHA-1 signatures " +
                       (cp.expected->sha1_signatures.value_or(false) ? "allowed" : "not allowed") + ", 3DES " +
                       (cp.expected->tls_3des.value_or(false) ? "allowed" : "not allowed") + " (" +
                       cp.expected->source + ")");
    }
    out.push_back(std::move(f));
    tls_covered = true;
  }

  for (const auto& module : cp.modules) {
    if (!module.enables_tls_versions.empty()) {
      Finding f = make_finding("CRYPTO-POLICY-SUBPOLICY-TLS10", {{"module", module.name},
                                                                 {"version", module.enables_tls_versions.front()},
                                                                 {"config_file", cp.config_file},
                                                                 {"policy", cp.base_policy}});
      add_evidence(f, cp.configured.location, cp.configured.text);
      for (const auto& line : module.evidence) add_evidence(f, line.location, line.text);
      out.push_back(std::move(f));
      tls_covered = true;
    }
    if (module.enables_sha1 && cp.base_policy != "LEGACY") {
      Finding f = make_finding("CRYPTO-POLICY-SUBPOLICY-SHA1", {{"module", module.name}, {"policy", cp.base_policy}});
      add_evidence(f, cp.configured.location, cp.configured.text);
      for (const auto& line : module.evidence) add_evidence(f, line.location, line.text);
      if (module.evidence.empty() && !module.known_effect.empty())
        add_evidence(f, module.name + ".pmod", module.known_effect);
      for (const auto& backend : cp.backends) {
        for (const auto& line : backend.sha1_evidence) add_evidence(f, line.location, line.text);
      }
      out.push_back(std::move(f));
    }
  }

  if (!tls_covered && old_tls && backend_min) {
    const bool tls10 = *backend_min == "1.0" || *backend_min == "SSL3.0";
    Finding f = make_finding("CRYPTO-POLICY-BACKEND-ALLOWS-TLS10",
                             {{"version", tls_label(*backend_min)}, {"policy", cp.configured.text}},
                             {tls10 ? "tls10" : "", family_variant(cp)});
    add_evidence(f, cp.configured.location, cp.configured.text);
    for (const auto& backend : cp.backends) {
      if (backend.min_tls == backend_min) add_backend_evidence(f, backend);
    }
    out.push_back(std::move(f));
  }

  if (cp.state_current && !iequals(cp.state_current->text, cp.configured.text)) {
    Finding f = make_finding("CRYPTO-POLICY-NOT-APPLIED",
                             {{"configured", cp.configured.text}, {"applied", cp.state_current->text}});
    add_evidence(f, cp.configured.location, cp.configured.text);
    add_evidence(f, cp.state_current->location, cp.state_current->text);
    out.push_back(std::move(f));
  }

  if (cp.base_policy == "FUTURE") {
    Finding f = make_finding("CRYPTO-POLICY-FUTURE", {}, {family_variant(cp)});
    add_evidence(f, cp.configured.location, cp.configured.text);
    if (cp.expected) {
      add_evidence(f, "crypto_policies.csv " + cp.expected->family + "/FUTURE",
                   "min TLS " + cp.expected->min_tls + ", RSA/DH >= " + std::to_string(cp.expected->min_rsa_bits) +
                       " (" + cp.expected->source + ")");
    }
    if (const BackendFile* openssl = cp.backend("opensslcnf.config");
        openssl != nullptr && openssl->openssl_security_level) {
      add_evidence(f, openssl->path, "@SECLEVEL=" + std::to_string(*openssl->openssl_security_level));
    }
    out.push_back(std::move(f));
  }

  // OpenSSL must include the policy back-end in its system_default for the policy to apply.
  if (const BackendFile* openssl = cp.backend("opensslcnf.config")) {
    bool used = false;
    for (const auto& applied : audit.openssl.commands) {
      const std::string file = file_of(applied.command.location);
      if (file == openssl->resolved || file == openssl->path) used = true;
    }
    if (!used) {
      Finding f = make_finding("CRYPTO-POLICY-OPENSSL-BYPASSED",
                               {{"file", audit.openssl_conf.path.empty() ? std::string("/etc/pki/tls/openssl.cnf")
                                                                         : audit.openssl_conf.path}});
      add_evidence(f, audit.openssl_conf.path.empty() ? "OpenSSL configuration" : conf_file_display(audit),
                   audit.openssl.not_applied_reason ? "no system_default: " + *audit.openssl.not_applied_reason
                                                    : "the system_default section does not include " + openssl->path);
      add_evidence(f, openssl->path, "exists (generated for policy " + cp.configured.text + ")");
      out.push_back(std::move(f));
    }
  }
}

}  // namespace tlsready::policy::linux::rules
