#include "model/scan_result_json.h"

#include <algorithm>
#include <initializer_list>
#include <stdexcept>
#include <string>

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
          {"dhe_needs_ffdhe", optional_json(protocol.dhe_needs_ffdhe)},
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
       {"sni", {{"required", optional_json(value.sni.required)}}},
       {"checks", checks_json(value)},
       {"intolerances", endpoint_intolerances(value)},
       {"notes", value.notes},
       {"weaknesses", value.weaknesses}};
}

}  // namespace tlsready::model

// ---- Reading a document back (endpoint_result_from_json) ----

namespace tlsready::model {
namespace {

using nlohmann::json;

class Reader {
 public:
  Reader(const json& value, std::string path) : value_(value), path_(std::move(path)) {}

  [[noreturn]] void fail(const std::string& problem) const {
    throw std::invalid_argument("endpoint-scan document: " + (path_.empty() ? "document" : path_) + ": " + problem);
  }

  // An object with exactly these fields.
  void fields(std::initializer_list<std::string_view> names) const {
    if (!value_.is_object()) fail("must be an object");
    for (const auto& item : value_.items()) {
      if (std::find(names.begin(), names.end(), item.key()) == names.end()) at_path(item.key()).fail("unknown field");
    }
    for (std::string_view name : names) {
      if (!value_.contains(std::string(name))) at_path(std::string(name)).fail("missing");
    }
  }

  Reader at(const std::string& key) const { return {value_.at(key), child(key)}; }
  bool has(const std::string& key) const { return value_.is_object() && value_.contains(key); }
  bool is_null() const { return value_.is_null(); }

  std::vector<Reader> items() const {
    if (!value_.is_array()) fail("must be an array");
    std::vector<Reader> out;
    for (size_t i = 0; i < value_.size(); ++i) out.emplace_back(value_[i], path_ + "[" + std::to_string(i) + "]");
    return out;
  }

  std::string text() const {
    if (!value_.is_string()) fail("must be a string");
    return value_.get<std::string>();
  }
  bool boolean() const {
    if (!value_.is_boolean()) fail("must be true or false");
    return value_.get<bool>();
  }
  double number() const {
    if (!value_.is_number()) fail("must be a number");
    return value_.get<double>();
  }
  long long integer(long long minimum, long long maximum) const {
    if (!value_.is_number_integer()) fail("must be an integer");
    const auto number = value_.get<long long>();
    if (number < minimum || number > maximum)
      fail("must be between " + std::to_string(minimum) + " and " + std::to_string(maximum));
    return number;
  }
  // "0x0A0B"-style code with `digits` hex digits.
  uint32_t hex_code(size_t digits) const {
    const std::string value = text();
    if (value.size() != digits + 2 || value.rfind("0x", 0) != 0 ||
        value.find_first_not_of("0123456789ABCDEF", 2) != std::string::npos)
      fail("'" + value + "' is not a code 0x + " + std::to_string(digits) + " upper-case hex digits");
    return static_cast<uint32_t>(std::stoul(value.substr(2), nullptr, 16));
  }
  uint16_t code16() const { return static_cast<uint16_t>(hex_code(4)); }

  std::vector<std::string> texts() const {
    std::vector<std::string> out;
    for (const Reader& item : items()) out.push_back(item.text());
    return out;
  }

  template <class T, class Read>
  std::optional<T> optional(Read read) const {
    if (is_null()) return std::nullopt;
    return read(*this);
  }
  std::optional<std::string> optional_text() const {
    return optional<std::string>([](const Reader& r) { return r.text(); });
  }
  std::optional<bool> optional_boolean() const {
    return optional<bool>([](const Reader& r) { return r.boolean(); });
  }
  std::optional<int> optional_int(long long minimum, long long maximum) const {
    return optional<int>([&](const Reader& r) { return static_cast<int>(r.integer(minimum, maximum)); });
  }

 private:
  std::string child(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }
  Reader at_path(const std::string& key) const { return {value_, child(key)}; }

  const json& value_;
  std::string path_;
};

template <class Enum, class Range>
Enum enum_of(const Reader& field, const Range& all) {
  const std::string name = field.text();
  for (Enum value : all)
    if (to_string(value) == name) return value;
  field.fail("unknown value '" + name + "'");
}

FailureKind failure_kind_of(const Reader& field) {
  const std::string name = field.text();
  for (int number = 0; number <= static_cast<int>(FailureKind::internal); ++number) {
    const auto kind = static_cast<FailureKind>(number);
    if (to_string(kind) == name) return kind;
  }
  field.fail("unknown failure kind '" + name + "'");
}

std::optional<FailureKind> optional_failure_kind(const Reader& field) {
  if (field.is_null()) return std::nullopt;
  return failure_kind_of(field);
}

TargetSpec target_of(const Reader& r) {
  r.fields({"host", "port", "sni", "starttls"});
  TargetSpec target;
  target.host = r.at("host").text();
  target.port = static_cast<uint16_t>(r.at("port").integer(0, 65535));
  target.sni = r.at("sni").optional_text();
  if (!r.at("starttls").is_null()) {
    const Reader field = r.at("starttls");
    const auto protocol = parse_starttls(field.text());
    if (!protocol) field.fail("unknown STARTTLS protocol '" + field.text() + "'");
    target.starttls = protocol;
  }
  return target;
}

CheckOutcome check_of(const Reader& r) {
  r.fields({"status", "reason", "detail"});
  CheckOutcome check;
  check.status = enum_of<CheckStatus>(r.at("status"), kAllCheckStatuses);
  check.reason = optional_failure_kind(r.at("reason"));
  check.detail = r.at("detail").optional_text();
  return check;
}

Refusal refusal_of(const Reader& r) {
  r.fields({"kind", "alert_level", "alert_code", "alert_name", "detail"});
  Refusal refusal;
  refusal.kind = enum_of<RefusalKind>(r.at("kind"), kAllRefusalKinds);
  if (auto level = r.at("alert_level").optional_int(0, 255)) refusal.alert_level = static_cast<uint8_t>(*level);
  if (auto code = r.at("alert_code").optional_int(0, 255)) refusal.alert_code = static_cast<uint8_t>(*code);
  refusal.alert_name = r.at("alert_name").optional_text();
  refusal.detail = r.at("detail").text();
  return refusal;
}

CipherSuiteFacts suite_of(const Reader& r) {
  r.fields({"code", "name", "openssl_name", "key_exchange", "authentication", "cipher", "bits", "mac", "weak",
            "forward_secret", "weaknesses", "protocols"});
  CipherSuiteFacts suite;
  suite.code = r.at("code").code16();
  suite.name = r.at("name").text();
  suite.openssl_name = r.at("openssl_name").optional_text();
  suite.key_exchange = r.at("key_exchange").optional_text();
  suite.authentication = r.at("authentication").optional_text();
  suite.cipher = r.at("cipher").optional_text();
  suite.bits = r.at("bits").optional_int(0, 100000);
  suite.mac = r.at("mac").optional_text();
  suite.weak = r.at("weak").optional_boolean();
  suite.forward_secret = r.at("forward_secret").optional_boolean();
  suite.weaknesses = r.at("weaknesses").texts();
  for (const Reader& item : r.at("protocols").items()) {
    const auto version = parse_any_version_name(item.text());
    if (!version || display_name(*version) != item.text()) item.fail("'" + item.text() + "' is not a version name");
    suite.protocols.push_back(*version);
  }
  return suite;
}

uint16_t version_code_of(const Reader& r) {
  const uint16_t code = r.at("code").code16();
  const std::string name = r.at("version").text();
  if (display_name_or_code(code) != name)
    r.at("version").fail("'" + name + "' does not name code " + hex::code16(code));
  return code;
}

uint16_t group_code_of(const Reader& field, const GroupCodeLookup& group_code) {
  const std::string name = field.text();
  if (name.rfind("0x", 0) == 0) return field.code16();
  const auto code = group_code ? group_code(name) : std::nullopt;
  if (!code) field.fail("unknown group '" + name + "'");
  return *code;
}

ProtocolResult protocol_of(const Reader& r, EndpointResult& result, const GroupCodeLookup& group_code) {
  // "dhe_needs_ffdhe" came later: documents written before it are read without it (unknown).
  const bool has_dhe_needs_ffdhe = r.has("dhe_needs_ffdhe");
  if (has_dhe_needs_ffdhe)
    r.fields({"version", "code", "accepted", "cipher_suites", "cipher_specs", "server_preference", "preference_order",
              "groups", "dh_bits", "dhe_needs_ffdhe", "downgrade_sentinel", "refusal", "check"});
  else
    r.fields({"version", "code", "accepted", "cipher_suites", "cipher_specs", "server_preference", "preference_order",
              "groups", "dh_bits", "downgrade_sentinel", "refusal", "check"});
  ProtocolResult protocol;
  protocol.version = version_code_of(r);
  protocol.accepted = r.at("accepted").boolean();
  for (const Reader& item : r.at("cipher_suites").items()) {
    CipherSuiteFacts suite = suite_of(item);
    protocol.cipher_suites.push_back(suite.code);
    const bool known = std::any_of(result.suite_facts.begin(), result.suite_facts.end(),
                                   [&](const CipherSuiteFacts& s) { return s.code == suite.code; });
    if (!known) result.suite_facts.push_back(std::move(suite));
  }
  for (const Reader& item : r.at("cipher_specs").items()) protocol.cipher_specs.push_back(item.hex_code(6));
  protocol.server_preference = r.at("server_preference").optional_boolean();
  for (const Reader& item : r.at("preference_order").items()) protocol.preference_order.push_back(item.code16());
  for (const Reader& item : r.at("groups").items()) {
    const uint16_t code = group_code_of(item, group_code);
    protocol.groups.push_back(code);
    const bool known = std::any_of(result.group_names.begin(), result.group_names.end(),
                                   [&](const NamedCode& g) { return g.code == code; });
    if (!known) result.group_names.push_back({code, item.text()});
  }
  protocol.dh_bits = r.at("dh_bits").optional_int(0, 1 << 20);
  if (has_dhe_needs_ffdhe) protocol.dhe_needs_ffdhe = r.at("dhe_needs_ffdhe").optional_boolean();
  protocol.downgrade_sentinel = r.at("downgrade_sentinel").optional_boolean();
  if (!r.at("refusal").is_null()) protocol.refusal = refusal_of(r.at("refusal"));
  protocol.check = check_of(r.at("check"));
  return protocol;
}

CertificateInfo certificate_info_of(const Reader& r) {
  r.fields({"subject", "common_name", "issuer", "serial", "subject_alt_names", "not_before", "not_after", "key_type",
            "key_bits", "curve", "signature_algorithm", "sha256_fingerprint", "is_ca", "self_signed"});
  CertificateInfo c;
  c.subject = r.at("subject").text();
  c.subject_common_name = r.at("common_name").text();
  c.issuer = r.at("issuer").text();
  c.serial_hex = r.at("serial").text();
  c.subject_alt_names = r.at("subject_alt_names").texts();
  c.not_before = r.at("not_before").text();
  c.not_after = r.at("not_after").text();
  c.key_type = r.at("key_type").text();
  c.key_bits = static_cast<int>(r.at("key_bits").integer(0, 1 << 20));
  c.curve = r.at("curve").optional_text();
  c.signature_algorithm = r.at("signature_algorithm").text();
  c.sha256_fingerprint = r.at("sha256_fingerprint").text();
  c.is_ca = r.at("is_ca").boolean();
  c.self_signed = r.at("self_signed").boolean();
  c.self_issued = c.subject == c.issuer;
  return c;
}

CertificateResult certificate_of(const Reader& r) {
  r.fields({"source", "hostname", "chain", "trusted", "verify_error", "hostname_matches", "expired", "not_yet_valid",
            "self_signed", "chain_in_order", "days_until_expiry", "problems"});
  CertificateResult cert;
  cert.source = r.at("source").text();
  cert.hostname = r.at("hostname").text();
  ChainAnalysis& a = cert.analysis;
  for (const Reader& item : r.at("chain").items()) a.certificates.push_back(certificate_info_of(item));
  a.trusted = r.at("trusted").boolean();
  a.verify_error = r.at("verify_error").optional_text();
  a.hostname_matches = r.at("hostname_matches").boolean();
  a.expired = r.at("expired").boolean();
  a.not_yet_valid = r.at("not_yet_valid").boolean();
  a.self_signed = r.at("self_signed").boolean();
  a.chain_in_order = r.at("chain_in_order").boolean();
  a.days_until_expiry = static_cast<int>(r.at("days_until_expiry").integer(-10000000, 10000000));
  for (const Reader& item : r.at("problems").items()) {
    item.fields({"code", "message"});
    a.problems.push_back(
        {enum_of<CertificateProblemCode>(item.at("code"), kAllCertificateProblemCodes), item.at("message").text()});
  }
  return cert;
}

SessionFacts session_of(const Reader& r) {
  r.fields({"secure_renegotiation", "extended_master_secret", "ocsp_stapling", "ocsp_status", "alpn_offered",
            "alpn_selected"});
  SessionFacts s;
  s.secure_renegotiation = r.at("secure_renegotiation").optional_boolean();
  s.extended_master_secret = r.at("extended_master_secret").optional_boolean();
  s.ocsp_stapling = r.at("ocsp_stapling").optional_boolean();
  s.ocsp_status = r.at("ocsp_status").optional_text();
  s.alpn_offered = r.at("alpn_offered").texts();
  s.alpn_selected = r.at("alpn_selected").optional_text();
  return s;
}

Intolerance intolerance_of(const Reader& r) {
  r.fields({"kind", "versions", "limit", "refused_at", "extension", "detail"});
  Intolerance found;
  found.kind = r.at("kind").text();
  for (const Reader& item : r.at("versions").items()) {
    const auto version = parse_any_version_name(item.text());
    if (!version || display_name(*version) != item.text()) item.fail("'" + item.text() + "' is not a version name");
    found.versions.push_back(wire_code(*version));
  }
  found.limit = r.at("limit").optional_int(0, 1 << 24);
  found.refused_at = r.at("refused_at").optional_int(0, 1 << 24);
  if (!r.at("extension").is_null()) found.extension = r.at("extension").code16();
  found.detail = r.at("detail").text();
  return found;
}

}  // namespace

EndpointResult endpoint_result_from_json(const nlohmann::json& document, const GroupCodeLookup& group_code) {
  const Reader r(document, "");
  // "sni" came later: documents written before it are read without it (required stays unknown).
  const bool has_sni = document.is_object() && document.contains("sni");
  if (has_sni)
    r.fields({"schema_version", "target", "address", "started_at", "elapsed_ms", "connections", "status", "error",
              "protocols", "certificate", "session", "sni", "checks", "intolerances", "notes", "weaknesses"});
  else
    r.fields({"schema_version", "target", "address", "started_at", "elapsed_ms", "connections", "status", "error",
              "protocols", "certificate", "session", "checks", "intolerances", "notes", "weaknesses"});
  if (r.at("schema_version").text() != kSchemaVersion)
    r.at("schema_version").fail("this build reads schema_version \"" + std::string(kSchemaVersion) + "\"");
  EndpointResult result;
  result.target = target_of(r.at("target"));
  result.address = r.at("address").optional_text();
  result.started_at = r.at("started_at").text();
  result.elapsed_ms = r.at("elapsed_ms").number();
  result.connections = static_cast<int>(r.at("connections").integer(0, 1 << 30));
  if (!r.at("error").is_null()) {
    const Reader e = r.at("error");
    e.fields({"kind", "message", "elapsed_ms"});
    result.error = ProbeError{failure_kind_of(e.at("kind")), e.at("message").text(), e.at("elapsed_ms").number()};
  }
  const std::string status = r.at("status").text();
  if (status != (result.error ? "error" : "ok"))
    r.at("status").fail("'" + status + "' does not agree with error (" + (result.error ? "set" : "null") + ")");
  for (const Reader& item : r.at("protocols").items())
    result.protocols.push_back(protocol_of(item, result, group_code));
  if (!r.at("certificate").is_null()) result.certificate = certificate_of(r.at("certificate"));
  result.session = session_of(r.at("session"));
  if (has_sni) {
    const Reader sni = r.at("sni");
    sni.fields({"required"});
    result.sni.required = sni.at("required").optional_boolean();
  }
  const Reader checks = r.at("checks");
  checks.fields({"certificate", "session", "groups"});
  result.checks.certificate = check_of(checks.at("certificate"));
  result.checks.session = check_of(checks.at("session"));
  result.checks.groups = check_of(checks.at("groups"));
  for (const Reader& item : r.at("intolerances").items()) {
    Intolerance found = intolerance_of(item);
    // The document holds them merged; each goes back on its first version, so that
    // endpoint_intolerances() gives the same list again.
    auto home = std::find_if(result.protocols.begin(), result.protocols.end(), [&](const ProtocolResult& p) {
      return !found.versions.empty() && p.version == found.versions.front();
    });
    if (home == result.protocols.end()) {
      if (result.protocols.empty()) item.fail("an intolerance without protocols to hold it");
      home = result.protocols.begin();
    }
    home->intolerances.push_back(std::move(found));
  }
  result.notes = r.at("notes").texts();
  for (const Reader& item : r.at("weaknesses").items()) {
    item.fields({"code", "detail"});
    result.weaknesses.push_back({item.at("code").text(), item.at("detail").text()});
  }
  return result;
}

}  // namespace tlsready::model
