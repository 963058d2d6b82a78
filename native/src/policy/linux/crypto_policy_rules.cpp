// The crypto-policies rules of the Linux audit (Fedora/RHEL update-crypto-policies).
#include <algorithm>
#include <cctype>
#include <map>

#include <openssl/ssl.h>

#include "policy/linux/linux_rules.h"

namespace tlsready::policy::linux::rules {

namespace {

std::string tls_label(const std::string& version) { return version == "SSL3.0" ? "SSL 3.0" : "TLS " + version; }

namespace {

void add_backend_evidence(Finding& f, const BackendFile& backend) {
  if (backend.evidence.empty()) {
    add_evidence(f, backend.path, backend.min_tls ? "lowest TLS version " + *backend.min_tls : "present");
    return;
  }
  for (const auto& line : backend.evidence) {
    add_evidence(f, line.location, line.text + (backend.resolved != backend.path ? " (via " + backend.path + ")" : ""));
  }
}

}  // namespace

}  // namespace

void crypto_policy_findings(const LinuxAudit& audit, std::vector<Finding>& out) {
  const CryptoPolicyReport& cp = audit.crypto_policies;
  if (!cp.present) return;
  const std::string references_doc = cp.family == "rhel8" ? kRefRhel8 : kRefRhel9;
  const std::optional<std::string> backend_min = cp.backend_min_tls();
  const std::string min_tls = backend_min ? *backend_min : cp.expected ? cp.expected->min_tls : "";
  const bool old_tls = min_tls == "1.0" || min_tls == "1.1" || min_tls == "SSL3.0";
  bool tls_covered = false;

  if (cp.base_policy == "LEGACY") {
    const bool tls10 = min_tls == "1.0" || min_tls == "SSL3.0";
    Finding f = make_finding("CRYPTO-POLICY-LEGACY", tls10 ? Severity::high : Severity::medium,
                             "System-wide crypto policy is LEGACY" +
                                 (min_tls.empty() ? std::string() : " (lowest TLS version " + min_tls + ")"));
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
    f.why = std::string(tls10 ? "LEGACY turns TLS 1.0 and 1.1 back on for OpenSSL, GnuTLS, NSS and Java together, "
                                "with SHA-1 signatures and 1024-bit keys. "
                              : "LEGACY keeps SHA-1 signatures and RSA key transport for every library at once. ") +
            "It is usually set once for one old peer and then forgotten; every service on the machine inherits it.";
    f.fix =
        "run 'update-crypto-policies --set DEFAULT' and restart the affected services (or reboot); if one "
        "application still needs an old peer, configure that application alone, or use a custom sub-policy "
        "instead of LEGACY for the whole system";
    f.references = {kRefCryptoPolicies, references_doc, kRefRfc8996};
    out.push_back(std::move(f));
    tls_covered = true;
  }

  for (const auto& module : cp.modules) {
    if (!module.enables_tls_versions.empty()) {
      Finding f =
          make_finding("CRYPTO-POLICY-SUBPOLICY-TLS10", Severity::high,
                       "Crypto-policy module " + module.name + " re-enables " + module.enables_tls_versions.front());
      add_evidence(f, cp.configured.location, cp.configured.text);
      for (const auto& line : module.evidence) add_evidence(f, line.location, line.text);
      f.why = kWhyTls10;
      f.fix = "remove ':" + module.name + "' from " + cp.config_file + " (e.g. 'update-crypto-policies --set " +
              cp.base_policy + "') and restart the affected services";
      f.references = {kRefCryptoPolicies, kRefRfc8996};
      out.push_back(std::move(f));
      tls_covered = true;
    }
    if (module.enables_sha1 && cp.base_policy != "LEGACY") {
      Finding f = make_finding("CRYPTO-POLICY-SUBPOLICY-SHA1", Severity::medium,
                               "Crypto-policy module " + module.name + " re-enables SHA-1 signatures");
      add_evidence(f, cp.configured.location, cp.configured.text);
      for (const auto& line : module.evidence) add_evidence(f, line.location, line.text);
      if (module.evidence.empty() && !module.known_effect.empty())
        add_evidence(f, module.name + ".pmod", module.known_effect);
      for (const auto& backend : cp.backends) {
        for (const auto& line : backend.sha1_evidence) add_evidence(f, line.location, line.text);
      }
      f.why =
          "SHA-1 signatures are forgeable by chosen-prefix collisions (SHAmbles, 2020); accepting them in TLS "
          "handshakes and certificates lets an attacker with such a collision impersonate a server. It is "
          "usually added for one old certificate chain or VPN peer and applies to every library.";
      f.fix = "replace the SHA-1-signed certificates or peers that needed it, then 'update-crypto-policies --set " +
              cp.base_policy + "' (dropping ':" + module.name + "') and restart the affected services";
      f.references = {kRefCryptoPolicies, kRefRhel9};
      out.push_back(std::move(f));
    }
  }

  if (!tls_covered && old_tls && backend_min) {
    Finding f = make_finding(
        "CRYPTO-POLICY-BACKEND-ALLOWS-TLS10",
        (*backend_min == "1.0" || *backend_min == "SSL3.0") ? Severity::high : Severity::medium,
        "A crypto-policies back-end enables " + tls_label(*backend_min) + " under policy " + cp.configured.text);
    add_evidence(f, cp.configured.location, cp.configured.text);
    for (const auto& backend : cp.backends) {
      if (backend.min_tls == backend_min) add_backend_evidence(f, backend);
    }
    f.why = std::string(kWhyTls10) +
            " The policy name promises otherwise: the back-end was edited by hand or generated "
            "from a custom policy, and the next 'update-crypto-policies' run silently changes it again.";
    f.fix = "regenerate the back-ends with 'update-crypto-policies --set " + cp.configured.text +
            "' (or a custom policy that keeps TLS >= 1.2) and restart the affected services";
    f.references = {kRefCryptoPolicies, references_doc};
    out.push_back(std::move(f));
  }

  if (cp.state_current && !iequals(cp.state_current->text, cp.configured.text)) {
    Finding f = make_finding("CRYPTO-POLICY-NOT-APPLIED", Severity::low,
                             "Crypto policy '" + cp.configured.text + "' is configured but '" + cp.state_current->text +
                                 "' is the one applied");
    add_evidence(f, cp.configured.location, cp.configured.text);
    add_evidence(f, cp.state_current->location, cp.state_current->text);
    f.why =
        "The back-end files (what libraries actually read) still follow the previously applied policy; the "
        "configuration file alone changes nothing until update-crypto-policies runs.";
    f.fix = "run 'update-crypto-policies --set " + cp.configured.text + "' and restart the affected services";
    f.references = {kRefCryptoPolicies};
    out.push_back(std::move(f));
  }

  if (cp.base_policy == "FUTURE") {
    Finding f = make_finding("CRYPTO-POLICY-FUTURE", Severity::low,
                             "System-wide crypto policy is FUTURE: RSA keys below 3072 bits are refused");
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
    f.why =
        "Not a TLS 1.0/1.1 risk: FUTURE already requires TLS 1.2+. But most public servers (Microsoft 365 "
        "included) use 2048-bit RSA certificates, which FUTURE rejects, so connections from this machine fail "
        "with key-size errors that look like TLS version problems.";
    f.fix =
        "keep FUTURE only if every peer uses RSA >= 3072 or ECDSA; otherwise 'update-crypto-policies --set "
        "DEFAULT'";
    f.references = {kRefCryptoPolicies, references_doc};
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
      Finding f = make_finding("CRYPTO-POLICY-OPENSSL-BYPASSED", Severity::medium,
                               "OpenSSL does not follow the system-wide crypto policy");
      add_evidence(f, audit.openssl_conf.path.empty() ? "OpenSSL configuration" : conf_file_display(audit),
                   audit.openssl.not_applied_reason ? "no system_default: " + *audit.openssl.not_applied_reason
                                                    : "the system_default section does not include " + openssl->path);
      add_evidence(f, openssl->path, "exists (generated for policy " + cp.configured.text + ")");
      f.why =
          "The policy is only a set of generated files; OpenSSL applies it through an .include of "
          "opensslcnf.config inside its system_default section. Without it every OpenSSL application runs on "
          "library defaults whatever the policy says.";
      f.fix = "restore the crypto-policy section of " +
              (audit.openssl_conf.path.empty() ? std::string("/etc/pki/tls/openssl.cnf") : audit.openssl_conf.path) +
              ": 'openssl_conf = openssl_init' in the default section, '[openssl_init]' with 'ssl_conf = ssl_module', "
              "'[ssl_module]' with 'system_default = crypto_policy', and '[crypto_policy]' with "
              "'.include = /etc/crypto-policies/back-ends/opensslcnf.config'";
      f.references = {kRefCryptoPolicies, kRefConfig};
      out.push_back(std::move(f));
    }
  }
}

}  // namespace tlsready::policy::linux::rules
