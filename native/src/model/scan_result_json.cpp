#include "model/scan_result_json.h"

#include <cstdio>

#include "model/weaknesses.h"
#include "registry/cipher_suite_registry.h"
#include "registry/group_registry.h"
#include "registry/hex_format.h"
#include "registry/protocol_version.h"

namespace tlsready::model {
namespace {

template <class T>
nlohmann::json optional_json(const std::optional<T>& value) {
  return value ? nlohmann::json(*value) : nlohmann::json(nullptr);
}

nlohmann::json group_json(uint16_t code) { return registry::group_name_or_hex(code); }

nlohmann::json certificate_json(const x509::CertificateInfo& c) {
  return {{"subject", c.subject},
          {"common_name", c.subject_common_name},
          {"issuer", c.issuer},
          {"serial", c.serial_hex},
          {"subject_alt_names", c.subject_alt_names},
          {"not_before", c.not_before},
          {"not_after", c.not_after},
          {"key_type", c.key_type},
          {"key_bits", c.key_bits},
          {"curve", c.curve.empty() ? nlohmann::json(nullptr) : nlohmann::json(c.curve)},
          {"signature_algorithm", c.signature_algorithm},
          {"sha256_fingerprint", c.sha256_fingerprint},
          {"is_ca", c.is_ca},
          {"self_signed", c.self_signed}};
}

}  // namespace

nlohmann::json cipher_suite_json(uint16_t code) {
  const registry::CipherSuite* suite = registry::find_cipher_suite(code);
  if (suite == nullptr) {
    return {{"code", registry::format_hex16(code)}, {"name", registry::cipher_suite_name_or_hex(code)}, {"openssl_name", nullptr},
            {"key_exchange", nullptr}, {"authentication", nullptr}, {"cipher", nullptr}, {"bits", nullptr},
            {"mac", nullptr}, {"weak", nullptr}, {"forward_secret", nullptr},
            {"weaknesses", nlohmann::json::array()}};
  }
  return {{"code", registry::format_hex16(code)},
          {"name", suite->iana_name},
          {"openssl_name", suite->openssl_name.empty() ? nlohmann::json(nullptr) : nlohmann::json(suite->openssl_name)},
          {"key_exchange", suite->kx},
          {"authentication", suite->auth},
          {"cipher", suite->cipher},
          {"bits", suite->cipher_bits},
          {"mac", suite->mac},
          {"weak", suite->weak},
          {"forward_secret", suite->forward_secret},
          {"weaknesses", suite_weaknesses(*suite)}};
}

void to_json(nlohmann::json& j, const TargetSpec& value) {
  j = {{"host", value.host},
       {"port", value.port},
       {"sni", value.sni.empty() ? nlohmann::json(nullptr) : nlohmann::json(value.sni)},
       {"starttls", value.starttls == "none" || value.starttls.empty() ? nlohmann::json(nullptr)
                                                                       : nlohmann::json(value.starttls)}};
}

void to_json(nlohmann::json& j, const ProbeError& value) {
  j = {{"kind", to_string(value.kind)}, {"message", value.message}, {"elapsed_ms", value.elapsed_ms}};
}

void to_json(nlohmann::json& j, const ProtocolResult& value) {
  nlohmann::json suites = nlohmann::json::array();
  for (uint16_t code : value.cipher_suites) suites.push_back(cipher_suite_json(code));
  nlohmann::json specs = nlohmann::json::array();
  for (uint32_t spec : value.cipher_specs) {
    char text[12];
    std::snprintf(text, sizeof text, "0x%06X", static_cast<unsigned>(spec));
    specs.push_back(text);
  }
  nlohmann::json order = nlohmann::json::array();
  for (uint16_t code : value.preference_order) order.push_back(registry::format_hex16(code));
  nlohmann::json groups = nlohmann::json::array();
  for (uint16_t code : value.groups) groups.push_back(group_json(code));
  j = {{"version", registry::version_name_or_hex(value.version)},
       {"code", registry::format_hex16(value.version)},
       {"accepted", value.accepted},
       {"cipher_suites", suites},
       {"cipher_specs", specs},
       {"server_preference", optional_json(value.server_preference)},
       {"preference_order", order},
       {"groups", groups},
       {"dh_bits", optional_json(value.dh_bits)},
       {"downgrade_sentinel", optional_json(value.downgrade_sentinel)},
       {"refusal", value.refusal.empty() ? nlohmann::json(nullptr) : nlohmann::json(value.refusal)}};
}

void to_json(nlohmann::json& j, const CertificateResult& value) {
  nlohmann::json chain = nlohmann::json::array();
  for (const auto& cert : value.analysis.certificates) chain.push_back(certificate_json(cert));
  const auto& a = value.analysis;
  j = {{"source", value.source},
       {"hostname", value.hostname},
       {"chain", chain},
       {"trusted", a.trusted},
       {"verify_error", a.verify_error.empty() ? nlohmann::json(nullptr) : nlohmann::json(a.verify_error)},
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
       {"ocsp_status", value.ocsp_status.empty() ? nlohmann::json(nullptr) : nlohmann::json(value.ocsp_status)},
       {"alpn_offered", value.alpn_offered},
       {"alpn_selected", value.alpn_selected.empty() ? nlohmann::json(nullptr) : nlohmann::json(value.alpn_selected)}};
}

void to_json(nlohmann::json& j, const Weakness& value) { j = {{"code", value.code}, {"detail", value.detail}}; }
void to_json(nlohmann::json& j, const Intolerance& value) {
  nlohmann::json versions = nlohmann::json::array();
  for (uint16_t version : value.versions) versions.push_back(registry::version_name_or_hex(version));
  j = {{"kind", value.kind},
       {"versions", versions},
       {"limit", optional_json(value.limit)},
       {"refused_at", optional_json(value.refused_at)},
       {"extension", value.extension ? nlohmann::json(registry::format_hex16(*value.extension)) : nlohmann::json(nullptr)},
       {"detail", value.detail}};
}

void to_json(nlohmann::json& j, const EndpointResult& value) {
  j = {{"schema_version", kSchemaVersion},
       {"target", value.target},
       {"address", value.address.empty() ? nlohmann::json(nullptr) : nlohmann::json(value.address)},
       {"started_at", value.started_at},
       {"elapsed_ms", value.elapsed_ms},
       {"connections", value.connections},
       {"status", value.error ? "error" : "ok"},
       {"error", value.error ? nlohmann::json(*value.error) : nlohmann::json(nullptr)},
       {"protocols", value.protocols},
       {"certificate", value.certificate ? nlohmann::json(*value.certificate) : nlohmann::json(nullptr)},
       {"session", value.session},
       {"intolerances", endpoint_intolerances(value)},
       {"notes", value.notes},
       {"weaknesses", endpoint_weaknesses(value)}};
}

}  // namespace tlsready::model
