#include "policy/linux_audit_json.h"

#include <string>

#include "model/version_field.h"

namespace tlsready::policy::linux {
namespace {

template <class T>
nlohmann::json optional_json(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json optional_version(const std::optional<model::ProtocolVersion>& version) {
  return version ? model::version_field(*version) : nlohmann::json(nullptr);
}

nlohmann::json version_names(const std::vector<model::ProtocolVersion>& versions) {
  nlohmann::json names = nlohmann::json::array();
  for (model::ProtocolVersion version : versions) names.push_back(model::display_name(version));
  return names;
}

// A name the crypto-policies or GnuTLS parts keep as written ("1.0", "SSL3.0", "TLS1.2"), in the
// document's spelling; nullopt for what the vocabulary does not know.
std::optional<model::ProtocolVersion> tool_version(const std::string& text) {
  if (!text.empty() && text.front() >= '0' && text.front() <= '9') return model::parse_any_version_name("TLS" + text);
  return model::parse_any_version_name(text);
}

nlohmann::json tool_version_field(const std::optional<std::string>& text) {
  return text ? optional_version(tool_version(*text)) : nlohmann::json(nullptr);
}

nlohmann::json tool_version_names(const std::vector<std::string>& texts) {
  std::vector<model::ProtocolVersion> versions;
  for (const auto& text : texts) {
    if (auto version = tool_version(text)) versions.push_back(*version);
  }
  return version_names(versions);
}

nlohmann::json role_json(const RoleSettings& role) {
  nlohmann::json usable = nlohmann::json::array();
  for (const auto& suite : role.usable_ciphers) {
    usable.push_back({{"iana_name", suite.iana_name}, {"openssl_name", suite.openssl_name},
                      {"weaknesses", suite.weaknesses}});
  }
  nlohmann::json handshakes = nlohmann::json::array();
  for (const auto& h : role.handshakes) {
    nlohmann::json handshake = model::version_field(h.version);
    handshake["negotiated"] = h.negotiated;
    handshake["cipher"] = optional_json(h.cipher);
    handshake["peer"] = h.peer ? nlohmann::json(peer_offer_token(*h.peer)) : nlohmann::json(nullptr);
    handshake["failure"] = optional_json(h.failure);
    handshakes.push_back(std::move(handshake));
  }
  return {{"min_version", optional_version(role.min_bound())},
          {"max_version", optional_version(role.max_bound())},
          {"security_level", role.security_level},
          {"options", role.option_names},
          {"enabled_versions", version_names(role.enabled_versions)},
          {"lowest_negotiated", optional_version(role.lowest_negotiated)},
          {"highest_negotiated", optional_version(role.highest_negotiated)},
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
    backends.push_back({{"name", backend.name},
                        {"path", backend.path},
                        {"resolved", backend.resolved},
                        {"min_version", tool_version_field(backend.min_tls)},
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
    files.push_back({{"file", file.file},
                     {"resolved", file.resolved},
                     {"override_mode", file.override_mode},
                     {"versions_enabled", tool_version_names(file.versions_enabled())},
                     {"issues", file.issues}});
  }
  return {{"files", files}, {"likely_active", optional_json(audit.likely_active)}, {"reason", audit.reason}};
}

nlohmann::json java_json(const JavaInstallation& java) {
  return {{"home", java.home},
          {"version", java.version ? nlohmann::json(java.version->text) : nlohmann::json(nullptr)},
          {"implementor", java.implementor},
          {"security_file", java.security_file},
          {"uses_system_properties_file", java.uses_system_properties_file},
          {"tls_disabled_algorithms", java.tls_disabled},
          {"disabled",
           {{"SSLv3", java.sslv3_disabled},
            {"TLSv1.0", java.tls10_disabled},
            {"TLSv1.1", java.tls11_disabled},
            {"TLSv1.2", java.tls12_disabled},
            {"TLSv1.3", java.tls13_disabled}}},
          {"issues", java.issues}};
}

}  // namespace

void to_json(nlohmann::json& j, const OpenSslDefaults& value) {
  j = {{"library_version", value.library_version},
       {"library_lowest_version", model::version_field(value.lowest_supported_version)},
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
