// The GnuTLS rules of the Linux audit (system-wide config, priority strings).
#include <algorithm>
#include <cctype>
#include <map>

#include <openssl/ssl.h>

#include "policy/linux/linux_rules.h"

namespace tlsready::policy::linux::rules {

void gnutls_findings(const LinuxAudit& audit, std::vector<Finding>& out) {
  for (const auto& file : audit.gnutls.files) {
    if (!file.present) continue;
    // The crypto-policies back-end is judged with the policy (CRYPTO-POLICY-*), unless the front
    // pointed GnuTLS at it explicitly.
    if (is_crypto_policy_file(file.file) && audit.crypto_policies.present) continue;
    const auto versions = file.versions_enabled();
    auto has = [&](const char* v) { return std::find(versions.begin(), versions.end(), v) != versions.end(); };
    const char* oldest = has("SSL3.0") ? "SSL3.0" : has("TLS1.0") ? "TLS1.0" : has("TLS1.1") ? "TLS1.1" : nullptr;
    if (oldest != nullptr) {
      const bool tls10 = std::string(oldest) != "TLS1.1";
      const std::string label = std::string(oldest) == "SSL3.0" ? "SSL 3.0" : "TLS " + std::string(oldest).substr(3);
      Finding f = make_finding(tls10 ? "GNUTLS-TLS10-ENABLED" : "GNUTLS-TLS11-ENABLED",
                               tls10 ? Severity::high : Severity::medium,
                               "GnuTLS system configuration " + file.file + " enables " + label);
      for (const char* v : {"SSL3.0", "TLS1.0", "TLS1.1"}) {
        for (const auto& entry : file.evidence_enabling(v)) {
          add_evidence(f, entry.location(),
                       (entry.section.empty() ? "" : "[" + entry.section + "] ") + entry.key + " = " + entry.value);
        }
      }
      add_evidence(f, file.file, "override-mode = " + file.override_mode);
      f.why = std::string(kWhyTls10) +
              " Every GnuTLS application that uses the system priority (@SYSTEM or the "
              "default priority) inherits it.";
      f.fix = file.override_mode == "allowlist"
                  ? "in " + file.file +
                        " delete the 'enabled-version = tls1.0' / 'tls1.1' lines of [overrides] (keep "
                        "tls1.2 and tls1.3)"
                  : "in " + file.file +
                        " change the priority string to remove the old versions (replace '+VERS-ALL' "
                        "by '+VERS-TLS1.3:+VERS-TLS1.2', drop '+VERS-TLS1.0'/'+VERS-TLS1.1'), or add "
                        "'disabled-version = tls1.0' and 'disabled-version = tls1.1' to [overrides]";
      f.references = {kRefGnutls, kRefRfc8996};
      out.push_back(std::move(f));
    }
    if (file.override_mode == "allowlist" && !file.enabled_versions.empty() && !has("TLS1.2")) {
      const bool tls13 = has("TLS1.3");
      Finding f = make_finding("GNUTLS-TLS12-NOT-ENABLED", tls13 ? Severity::medium : Severity::critical,
                               tls13 ? "GnuTLS allowlist enables TLS 1.3 but not TLS 1.2"
                                     : "GnuTLS allowlist enables neither TLS 1.2 nor TLS 1.3");
      for (const auto& entry : file.enabled_versions)
        add_evidence(f, entry.location(), "enabled-version = " + entry.value);
      f.why = tls13 ? "Peers that stop at TLS 1.2 cannot connect to or from GnuTLS applications."
                    : "With TLS 1.0/1.1 going away, GnuTLS applications can no longer connect to anything.";
      f.fix = "add 'enabled-version = tls1.2' (and 'enabled-version = tls1.3') to [overrides] of " + file.file;
      f.references = {kRefGnutls};
      out.push_back(std::move(f));
    }
    if (file.override_mode == "allowlist" && !file.sha1_marked_secure.empty()) {
      Finding f = make_finding("GNUTLS-SHA1-SIGNATURES-SECURE", Severity::medium,
                               "GnuTLS system configuration marks SHA-1 signatures as secure");
      for (const auto& entry : file.sha1_marked_secure)
        add_evidence(f, entry.location(), entry.key + " = " + entry.value);
      f.why =
          "SHA-1 signatures are forgeable by chosen-prefix collisions; accepting them lets a forged certificate "
          "or handshake signature pass.";
      f.fix = "delete the SHA-1 'secure-hash'/'secure-sig' lines from [overrides] of " + file.file;
      f.references = {kRefGnutls};
      out.push_back(std::move(f));
    }
  }
}

}  // namespace tlsready::policy::linux::rules
