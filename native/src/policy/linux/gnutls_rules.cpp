// The GnuTLS rules of the Linux audit (system-wide config, priority strings).
// Source: GnuTLS manual, System-wide configuration of the library.
#include <algorithm>

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
                               {{"file", file.file}, {"version", label}},
                               {file.override_mode == "allowlist" ? "allowlist" : ""});
      for (const char* v : {"SSL3.0", "TLS1.0", "TLS1.1"}) {
        for (const auto& entry : file.evidence_enabling(v)) {
          add_evidence(f, entry.location(),
                       (entry.section.empty() ? "" : "[" + entry.section + "] ") + entry.key + " = " + entry.value);
        }
      }
      add_evidence(f, file.file, "override-mode = " + file.override_mode);
      out.push_back(std::move(f));
    }
    if (file.override_mode == "allowlist" && !file.enabled_versions.empty() && !has("TLS1.2")) {
      const bool tls13 = has("TLS1.3");
      Finding f = make_finding("GNUTLS-TLS12-NOT-ENABLED", {{"file", file.file}}, {tls13 ? "tls13" : ""});
      for (const auto& entry : file.enabled_versions)
        add_evidence(f, entry.location(), "enabled-version = " + entry.value);
      out.push_back(std::move(f));
    }
    if (file.override_mode == "allowlist" && !file.sha1_marked_secure.empty()) {
      Finding f = make_finding("GNUTLS-SHA1-SIGNATURES-SECURE", {{"file", file.file}});
      for (const auto& entry : file.sha1_marked_secure)
        add_evidence(f, entry.location(), entry.key + " = " + entry.value);
      out.push_back(std::move(f));
    }
  }
}

}  // namespace tlsready::policy::linux::rules
