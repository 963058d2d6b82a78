// The Java rules of the Linux audit (java.security of every JDK found).
#include <algorithm>
#include <cctype>
#include <map>

#include <openssl/ssl.h>

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
    const std::string edit_fix =
        from_policy ? "this value comes from the crypto policy (" + disabled->file + "): " + crypto_policy_fix()
                    : "in " + where +
                          " add the missing versions back to jdk.tls.disabledAlgorithms (the shipped value "
                          "starts 'SSLv3, TLSv1, TLSv1.1, ...'); applications started with "
                          "-Djava.security.properties may override it";
    auto base = [&](Finding& f) {
      add_evidence(f, where, observed);
      add_evidence(f, java.home + "/release", java.version ? "JAVA_VERSION=" + java.version->text : "version unknown");
      if (java.uses_system_properties_file) {
        add_evidence(f, java.security_file,
                     "security.useSystemPropertiesFile=true: " + java.system_properties_file + " overrides it");
      }
      f.references = {kRefJdk8254713, kRefJsse, kRefRfc8996};
    };
    if (!java.sslv3_disabled) {
      Finding f = make_finding("JAVA-SSLV3-ENABLED", Severity::high, "Java " + jdk_label(java) + " allows SSLv3");
      base(f);
      f.why = "SSL 3.0 is broken (POODLE) and disabled in every JDK since 2015; nothing legitimate needs it.";
      f.fix = edit_fix;
      out.push_back(std::move(f));
    }
    if (!java.tls10_disabled || !java.tls11_disabled) {
      const bool tls10 = !java.tls10_disabled;
      const bool release_default = java.release_default_disables_tls10.value_or(true);
      std::string id = tls10 ? (release_default ? "JAVA-TLS10-REENABLED" : "JAVA-TLS10-ENABLED-OLD-JDK")
                             : (release_default ? "JAVA-TLS11-REENABLED" : "JAVA-TLS10-ENABLED-OLD-JDK");
      Severity severity = release_default ? (tls10 ? Severity::high : Severity::medium) : Severity::medium;
      Finding f = make_finding(std::move(id), severity,
                               "Java " + jdk_label(java) + (release_default ? " has " : " still allows ") +
                                   (tls10 ? "TLS 1.0" : "TLS 1.1") +
                                   (release_default ? " re-enabled" : " (release predates the default change)"));
      base(f);
      f.why = std::string(kWhyTls10) +
              (release_default ? " This JDK release ships with TLSv1 and TLSv1.1 in jdk.tls.disabledAlgorithms; "
                                 "someone removed them, for every Java application using this JDK."
                               : " This release predates JDK-8254713 (8u291, 11.0.11, 16), so it allows them by "
                                 "default and lacks other TLS fixes as well.");
      f.fix = release_default ? edit_fix : "update the JDK (8u291+, 11.0.11+ or 17+); until then " + edit_fix;
      out.push_back(std::move(f));
    }
    if (java.tls12_disabled) {
      Finding f = make_finding("JAVA-TLS12-DISABLED", java.tls13_disabled ? Severity::critical : Severity::high,
                               "Java " + jdk_label(java) + " has TLS 1.2 disabled");
      base(f);
      f.why = java.tls13_disabled ? "Neither TLS 1.2 nor TLS 1.3 is left: Java applications cannot connect anywhere "
                                    "once TLS 1.0/1.1 are gone."
                                  : "Peers that stop at TLS 1.2 (most servers today) cannot be reached.";
      f.fix = from_policy ? crypto_policy_fix() : "remove TLSv1.2 from jdk.tls.disabledAlgorithms at " + where;
      out.push_back(std::move(f));
    }
    if (const JavaProperty* client = java.property("jdk.tls.client.protocols")) {
      const auto listed = split_algorithm_list(client->value);
      const bool old = std::any_of(listed.begin(), listed.end(), [](const std::string& p) {
        return iequals(p, "TLSv1") || iequals(p, "TLSv1.1") || iequals(p, "SSLv3");
      });
      Finding f = make_finding(
          "JAVA-CLIENT-PROTOCOLS-IGNORED", old ? Severity::low : Severity::info,
          "jdk.tls.client.protocols is set in java.security of " + jdk_label(java) + ", where JSSE does not read it");
      add_evidence(f, client->location(), "jdk.tls.client.protocols=" + client->value);
      f.why =
          "jdk.tls.client.protocols is a system property (java -Djdk.tls.client.protocols=...), not a security "
          "property; in java.security it has no effect, so whoever wrote it believes the client protocols are "
          "controlled when they are not." +
          std::string(old ? " It lists TLS 1.0/1.1, which suggests someone needed them: check the application "
                            "start scripts for the same -D option."
                          : "");
      f.fix = "delete the line at " + client->location() +
              "; restrict versions with jdk.tls.disabledAlgorithms "
              "instead, or pass -Djdk.tls.client.protocols=TLSv1.3,TLSv1.2 to the applications that need it";
      f.references = {kRefJsse};
      out.push_back(std::move(f));
    }
  }
}

}  // namespace tlsready::policy::linux::rules
