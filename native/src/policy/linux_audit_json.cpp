#include "policy/linux_audit_json.h"

#include <string>

namespace tlsready::policy::linux {
namespace {

template <class T>
nlohmann::json optional_json(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json role_json(const RoleSettings& role) {
  nlohmann::json usable = nlohmann::json::array();
  for (const auto& suite : role.usable_ciphers) {
    usable.push_back({{"iana_name", suite.iana_name}, {"openssl_name", suite.openssl_name},
                      {"weaknesses", suite.weaknesses}});
  }
  nlohmann::json handshakes = nlohmann::json::array();
  for (const auto& h : role.handshakes) {
    handshakes.push_back({{"version", h.version}, {"negotiated", h.negotiated}, {"cipher", h.cipher},
                          {"peer", h.peer_variant}, {"failure", h.failure}});
  }
  return {{"min_version", role.min_version_text},
          {"max_version", role.max_version_text},
          {"security_level", role.security_level},
          {"options", role.option_names},
          {"enabled_versions", role.enabled_versions},
          {"lowest_negotiated", optional_json(role.lowest_negotiated)},
          {"highest_negotiated", optional_json(role.highest_negotiated)},
          {"cipher_suites", usable},
          {"tls13_ciphersuites", role.tls13_ciphersuites},
          {"groups", role.groups},
          {"handshakes", handshakes},
          {"notes", role.notes}};
}

nlohmann::json policy_line_json(const PolicyLine& line) { return {{"text", line.text}, {"location", line.location}}; }

nlohmann::json crypto_policies_json(const CryptoPolicyReport& report) {
  nlohmann::json backends = nlohmann::json::array();
  for (const auto& backend : report.backends) {
    backends.push_back({{"name", backend.name}, {"path", backend.path}, {"resolved", backend.resolved},
                        {"min_tls", optional_json(backend.min_tls)},
                        {"openssl_security_level", optional_json(backend.openssl_security_level)},
                        {"sha1_signatures", optional_json(backend.sha1_signatures)}});
  }
  return {{"present", report.present},
          {"config_file", report.config_file},
          {"configured", report.present ? policy_line_json(report.configured) : nlohmann::json(nullptr)},
          {"base_policy", report.base_policy},
          {"subpolicies", report.subpolicies},
          {"applied", report.state_current ? policy_line_json(*report.state_current) : nlohmann::json(nullptr)},
          {"backends", backends},
          {"notes", report.notes}};
}

nlohmann::json gnutls_json(const GnutlsAudit& audit) {
  nlohmann::json files = nlohmann::json::array();
  for (const auto& file : audit.files) {
    files.push_back({{"file", file.file}, {"resolved", file.resolved}, {"override_mode", file.override_mode},
                     {"versions_enabled", file.versions_enabled()}, {"issues", file.issues}});
  }
  return {{"files", files}, {"likely_active", audit.likely_active}, {"reason", audit.reason}};
}

nlohmann::json java_json(const JavaInstallation& java) {
  return {{"home", java.home},
          {"version", java.version ? nlohmann::json(java.version->text) : nlohmann::json(nullptr)},
          {"implementor", java.implementor},
          {"security_file", java.security_file},
          {"uses_system_properties_file", java.uses_system_properties_file},
          {"tls_disabled_algorithms", java.tls_disabled},
          {"disabled", {{"SSLv3", java.sslv3_disabled}, {"TLSv1", java.tls10_disabled}, {"TLSv1.1", java.tls11_disabled},
                        {"TLSv1.2", java.tls12_disabled}, {"TLSv1.3", java.tls13_disabled}}},
          {"issues", java.issues}};
}

}  // namespace

void to_json(nlohmann::json& j, const OpenSslDefaults& value) {
  j = {{"library_version", value.library_version},
       {"source", value.source},
       {"config_file", value.config_file},
       {"config_file_reason", value.config_file_reason},
       {"chain", value.chain},
       {"system_default_section", optional_json(value.system_default_section)},
       {"not_applied_reason", optional_json(value.not_applied_reason)},
       {"client", role_json(value.client)},
       {"server", role_json(value.server)},
       {"notes", value.notes},
       {"error", optional_json(value.error)}};
}

void to_json(nlohmann::json& j, const LinuxAudit& value) {
  nlohmann::json java = nlohmann::json::array();
  for (const auto& installation : value.java) java.push_back(java_json(installation));
  j = {{"root", value.root},
       {"openssl", value.openssl},
       {"process_openssl", value.process_openssl ? nlohmann::json(*value.process_openssl) : nlohmann::json(nullptr)},
       {"crypto_policies", crypto_policies_json(value.crypto_policies)},
       {"gnutls", gnutls_json(value.gnutls)},
       {"java", java}};
}

}  // namespace tlsready::policy::linux
