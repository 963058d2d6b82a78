#include "model/scan_result_json.h"

#include <algorithm>

#include "common/hex.h"
#include "model/protocol_version.h"

namespace tlsready::model {
namespace {

template <class T>
nlohmann::json optional_json(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json suite_json(uint16_t code, const std::vector<CipherSuiteFacts>& suites) {
  auto found = std::find_if(suites.begin(), suites.end(), [code](const CipherSuiteFacts& s) { return s.code == code; });
  if (found != suites.end()) return *found;
  CipherSuiteFacts unknown;
  unknown.code = code;
  unknown.name = hex::code16(code);
  return unknown;
}

nlohmann::json group_json(uint16_t code, const std::vector<NamedCode>& groups) {
  auto found = std::find_if(groups.begin(), groups.end(), [code](const NamedCode& g) { return g.code == code; });
  return found != groups.end() ? found->name : hex::code16(code);
}

nlohmann::json checks_json(const EndpointResult& value) {
  return {
      {"certificate", value.checks.certificate}, {"session", value.checks.session}, {"groups", value.checks.groups}};
}

nlohmann::json version_names(const std::vector<ProtocolVersion>& versions) {
  nlohmann::json names = nlohmann::json::array();
  for (ProtocolVersion version : versions) names.push_back(display_name(version));
  return names;
}

}  // namespace

void to_json(nlohmann::json& j, const TargetSpec& value) {
  j = {{"host", value.host},
       {"port", value.port},
       {"sni", optional_json(value.sni)},
       {"starttls", value.starttls ? nlohmann::json(to_string(*value.starttls)) : nlohmann::json(nullptr)}};
}

void to_json(nlohmann::json& j, const ProbeError& value) {
  j = {{"kind", to_string(value.kind)}, {"message", value.message}, {"elapsed_ms", value.elapsed_ms}};
}

void to_json(nlohmann::json& j, const Refusal& value) {
  j = {{"kind", to_string(value.kind)},
       {"alert_level", optional_json(value.alert_level)},
       {"alert_code", optional_json(value.alert_code)},
       {"alert_name", optional_json(value.alert_name)},
       {"detail", value.detail}};
}

void to_json(nlohmann::json& j, const CheckOutcome& value) {
  j = {{"status", to_string(value.status)},
       {"reason", value.reason ? nlohmann::json(to_string(*value.reason)) : nlohmann::json(nullptr)},
       {"detail", optional_json(value.detail)}};
}

void to_json(nlohmann::json& j, const CipherSuiteFacts& value) {
  j = {{"code", hex::code16(value.code)},
       {"name", value.name},
       {"openssl_name", optional_json(value.openssl_name)},
       {"key_exchange", optional_json(value.key_exchange)},
       {"authentication", optional_json(value.authentication)},
       {"cipher", optional_json(value.cipher)},
       {"bits", optional_json(value.bits)},
       {"mac", optional_json(value.mac)},
       {"weak", optional_json(value.weak)},
       {"forward_secret", optional_json(value.forward_secret)},
       {"weaknesses", value.weaknesses},
       {"protocols", version_names(value.protocols)}};
}

nlohmann::json protocol_json(const ProtocolResult& protocol, const std::vector<CipherSuiteFacts>& suites,
                             const std::vector<NamedCode>& groups) {
  nlohmann::json suite_list = nlohmann::json::array();
  for (uint16_t code : protocol.cipher_suites) suite_list.push_back(suite_json(code, suites));
  nlohmann::json specs = nlohmann::json::array();
  for (uint32_t spec : protocol.cipher_specs) specs.push_back(hex::code(spec, 6, hex::Case::upper));
  nlohmann::json order = nlohmann::json::array();
  for (uint16_t code : protocol.preference_order) order.push_back(hex::code16(code));
  nlohmann::json group_list = nlohmann::json::array();
  for (uint16_t code : protocol.groups) group_list.push_back(group_json(code, groups));
  return {{"version", display_name_or_code(protocol.version)},
          {"code", hex::code16(protocol.version)},
          {"accepted", protocol.accepted},
          {"cipher_suites", suite_list},
          {"cipher_specs", specs},
          {"server_preference", optional_json(protocol.server_preference)},
          {"preference_order", order},
          {"groups", group_list},
          {"dh_bits", optional_json(protocol.dh_bits)},
          {"downgrade_sentinel", optional_json(protocol.downgrade_sentinel)},
          {"refusal", optional_json(protocol.refusal)},
          {"check", protocol.check}};
}

void to_json(nlohmann::json& j, const CertificateInfo& value) {
  const CertificateInfo& c = value;
  j = {{"subject", c.subject},
       {"common_name", c.subject_common_name},
       {"issuer", c.issuer},
       {"serial", c.serial_hex},
       {"subject_alt_names", c.subject_alt_names},
       {"not_before", c.not_before},
       {"not_after", c.not_after},
       {"key_type", c.key_type},
       {"key_bits", c.key_bits},
       {"curve", optional_json(c.curve)},
       {"signature_algorithm", c.signature_algorithm},
       {"sha256_fingerprint", c.sha256_fingerprint},
       {"is_ca", c.is_ca},
       {"self_signed", c.self_signed}};
}

void to_json(nlohmann::json& j, const CertificateProblem& value) {
  j = {{"code", to_string(value.code)}, {"message", value.message}};
}

void to_json(nlohmann::json& j, const CertificateResult& value) {
  const auto& a = value.analysis;
  j = {{"source", value.source},
       {"hostname", value.hostname},
       {"chain", a.certificates},
       {"trusted", a.trusted},
       {"verify_error", optional_json(a.verify_error)},
       {"hostname_matches", a.hostname_matches},
       {"expired", a.expired},
       {"not_yet_valid", a.not_yet_valid},
       {"self_signed", a.self_signed},
       {"chain_in_order", a.chain_in_order},
       {"days_until_expiry", a.days_until_expiry},
       {"problems", a.problems}};
}

void to_json(nlohmann::json& j, const SessionFacts& value) {
  j = {{"secure_renegotiation", optional_json(value.secure_renegotiation)},
       {"extended_master_secret", optional_json(value.extended_master_secret)},
       {"ocsp_stapling", optional_json(value.ocsp_stapling)},
       {"ocsp_status", optional_json(value.ocsp_status)},
       {"alpn_offered", value.alpn_offered},
       {"alpn_selected", optional_json(value.alpn_selected)}};
}

void to_json(nlohmann::json& j, const Weakness& value) { j = {{"code", value.code}, {"detail", value.detail}}; }

void to_json(nlohmann::json& j, const Intolerance& value) {
  nlohmann::json versions = nlohmann::json::array();
  for (uint16_t version : value.versions) versions.push_back(display_name_or_code(version));
  j = {{"kind", value.kind},
       {"versions", versions},
       {"limit", optional_json(value.limit)},
       {"refused_at", optional_json(value.refused_at)},
       {"extension", value.extension ? nlohmann::json(hex::code16(*value.extension)) : nlohmann::json(nullptr)},
       {"detail", value.detail}};
}

void to_json(nlohmann::json& j, const EndpointResult& value) {
  nlohmann::json protocols = nlohmann::json::array();
  for (const auto& protocol : value.protocols)
    protocols.push_back(protocol_json(protocol, value.suite_facts, value.group_names));
  j = {{"schema_version", kSchemaVersion},
       {"target", value.target},
       {"address", optional_json(value.address)},
       {"started_at", value.started_at},
       {"elapsed_ms", value.elapsed_ms},
       {"connections", value.connections},
       {"status", value.error ? "error" : "ok"},
       {"error", optional_json(value.error)},
       {"protocols", protocols},
       {"certificate", optional_json(value.certificate)},
       {"session", value.session},
       {"checks", checks_json(value)},
       {"intolerances", endpoint_intolerances(value)},
       {"notes", value.notes},
       {"weaknesses", value.weaknesses}};
}

}  // namespace tlsready::model
