// The Java rules of the Linux audit (java.security of every JDK found).
// Sources: JDK-8254713 (TLS 1.0/1.1 disabled by default); the JSSE Reference Guide.
#include <algorithm>

#include "policy/linux/linux_rules.h"

namespace tlsready::policy::linux::rules {

namespace {

std::string jdk_label(const JavaInstallation& java) {
  std::string label = java.home;
  if (java.version) label += " (" + java.version->text + ")";
  return label;
}

}  // namespace

void java_findings(const LinuxAudit& audit, std::vector<Finding>& out) {
  for (const auto& java : audit.java) {
    if (java.unreadable) continue;  // nothing known about it (LINUX-FILE-UNREADABLE)
    const JavaProperty* disabled = java.property("jdk.tls.disabledAlgorithms");
    const std::string where = disabled != nullptr ? disabled->location() : java.security_file;
    const std::string observed =
        disabled != nullptr ? "jdk.tls.disabledAlgorithms=" + disabled->value : "jdk.tls.disabledAlgorithms not set";
    const bool from_policy = disabled != nullptr && is_crypto_policy_file(disabled->file);
    const Values values = {
        {"jdk", jdk_label(java)}, {"where", where}, {"policy_file", from_policy ? disabled->file : ""}};
    const std::string_view policy_variant = from_policy ? "crypto-policy" : "";
    auto add_base_evidence = [&](Finding& f) {
      add_evidence(f, where, observed);
      add_evidence(f, java.home + "/release", java.version ? "JAVA_VERSION=" + java.version->text : "version unknown");
      if (java.uses_system_properties_file) {
        add_evidence(f, java.security_file,
                     "security.useSystemPropertiesFile=true: " + java.system_properties_file + " overrides it");
      }
    };
    if (!java.sslv3_disabled) {
      Finding f = make_finding("JAVA-SSLV3-ENABLED", values, {policy_variant});
      add_base_evidence(f);
      out.push_back(std::move(f));
    }
    if (!java.tls10_disabled || !java.tls11_disabled) {
      const bool tls10 = !java.tls10_disabled;
      // A release that disables TLS 1.0/1.1 by default had them removed by hand; an older one never had them off.
      const bool release_default = java.release_default_disables_tls10.value_or(true);
      Finding f = release_default
                      ? make_finding(tls10 ? "JAVA-TLS10-REENABLED" : "JAVA-TLS11-REENABLED", values, {policy_variant})
                      : make_finding("JAVA-TLS10-ENABLED-OLD-JDK", values, {tls10 ? "" : "tls11", policy_variant});
      add_base_evidence(f);
      out.push_back(std::move(f));
    }
    if (java.tls12_disabled) {
      Finding f =
          make_finding("JAVA-TLS12-DISABLED", values, {java.tls13_disabled ? "tls13-disabled" : "", policy_variant});
      add_base_evidence(f);
      out.push_back(std::move(f));
    }
    if (const JavaProperty* client = java.property("jdk.tls.client.protocols")) {
      const auto listed = split_algorithm_list(client->value);
      const bool old = std::any_of(listed.begin(), listed.end(), [](const std::string& p) {
        return iequals(p, "TLSv1") || iequals(p, "TLSv1.1") || iequals(p, "SSLv3");
      });
      Finding f =
          make_finding("JAVA-CLIENT-PROTOCOLS-IGNORED", {{"jdk", jdk_label(java)}, {"location", client->location()}},
                       {old ? "old-versions" : ""});
      add_evidence(f, client->location(), "jdk.tls.client.protocols=" + client->value);
      out.push_back(std::move(f));
    }
  }
}

}  // namespace tlsready::policy::linux::rules
