// The scan document against native/schema/endpoint-scan.schema.json both ways: every enum value
// the code can emit is listed in the schema (and the schema lists no value the code lacks), every
// object in the schema is closed (additionalProperties: false), and a document with every optional
// field set validates -- so a field or value added to the model without the schema fails here.
// The validator below covers the keywords the schema uses (type, enum, const, required,
// properties, additionalProperties, items, minItems, oneOf, $ref, minimum, maximum, pattern).

#include <array>
#include <catch2/catch.hpp>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <vector>

#include "assess/describe.h"
#include "assess/weaknesses.h"
#include "model/scan_result_json.h"

using nlohmann::json;
namespace model = tlsready::model;

namespace {

json scan_schema() {
  std::ifstream in(std::string(TLSREADY_SOURCE_DIR) + "/native/schema/endpoint-scan.schema.json");
  REQUIRE(in);
  return json::parse(in);
}

bool has_type(const json& value, const std::string& type) {
  if (type == "null") return value.is_null();
  if (type == "boolean") return value.is_boolean();
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  if (type == "string") return value.is_string();
  if (type == "array") return value.is_array();
  if (type == "object") return value.is_object();
  return false;
}

// Appends one line per violation of `schema` by `value` at `path`.
void validate(const json& root, const json& schema, const json& value, const std::string& path,
              std::vector<std::string>& errors) {
  if (schema.contains("$ref")) {
    const std::string ref = schema["$ref"];
    REQUIRE(ref.rfind("#/$defs/", 0) == 0);
    validate(root, root["$defs"][ref.substr(8)], value, path, errors);
  }
  if (schema.contains("oneOf")) {
    int matches = 0;
    for (const auto& branch : schema["oneOf"]) {
      std::vector<std::string> branch_errors;
      validate(root, branch, value, path, branch_errors);
      if (branch_errors.empty()) ++matches;
    }
    if (matches != 1) errors.push_back(path + ": matches " + std::to_string(matches) + " branches of oneOf");
  }
  if (schema.contains("const") && value != schema["const"]) errors.push_back(path + ": not the const");
  if (schema.contains("enum")) {
    const auto& values = schema["enum"];
    if (std::find(values.begin(), values.end(), value) == values.end())
      errors.push_back(path + ": " + value.dump() + " is not in the enum");
  }
  if (schema.contains("type")) {
    const json& type = schema["type"];
    bool ok = false;
    if (type.is_string()) ok = has_type(value, type);
    for (const auto& one : type.is_array() ? type : json::array()) ok = ok || has_type(value, one);
    if (!ok) {
      errors.push_back(path + ": " + value.dump() + " is not of type " + type.dump());
      return;
    }
  }
  if (value.is_number() && schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>())
    errors.push_back(path + ": below the minimum");
  if (value.is_number() && schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>())
    errors.push_back(path + ": above the maximum");
  if (value.is_string() && schema.contains("pattern") &&
      !std::regex_search(value.get<std::string>(), std::regex(schema["pattern"].get<std::string>())))
    errors.push_back(path + ": " + value.dump() + " does not match " + schema["pattern"].dump());
  if (value.is_object()) {
    for (const auto& name : schema.value("required", json::array()))
      if (!value.contains(name)) errors.push_back(path + ": lacks required " + name.dump());
    const json properties = schema.value("properties", json::object());
    for (const auto& [key, item] : value.items()) {
      if (properties.contains(key)) {
        validate(root, properties[key], item, std::string(path).append(".").append(key), errors);
      } else if (schema.contains("additionalProperties") && schema["additionalProperties"] == false) {
        errors.push_back(std::string(path).append(": field '").append(key).append("' is not in the schema"));
      }
    }
  }
  if (value.is_array()) {
    if (schema.contains("minItems") && value.size() < schema["minItems"].get<size_t>())
      errors.push_back(path + ": fewer items than minItems");
    if (schema.contains("items")) {
      for (size_t i = 0; i < value.size(); ++i)
        validate(root, schema["items"], value[i], path + "[" + std::to_string(i) + "]", errors);
    }
  }
}

std::vector<std::string> violations(const json& document) {
  const json schema = scan_schema();
  std::vector<std::string> errors;
  validate(schema, schema, document, "$", errors);
  return errors;
}

std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += item + "\n";
  return out;
}

// Every object schema in `node` (recursively) that is not closed.
void open_objects(const json& node, const std::string& path, std::vector<std::string>& out) {
  if (node.is_object()) {
    const bool object_schema = (node.contains("type") && node["type"] == "object") || node.contains("properties");
    if (object_schema && !(node.contains("additionalProperties") && node["additionalProperties"] == false))
      out.push_back(path);
    for (const auto& [key, child] : node.items()) open_objects(child, std::string(path).append("/").append(key), out);
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) open_objects(node[i], path + "/" + std::to_string(i), out);
  }
}

std::set<std::string> schema_enum(const json& schema_node) {
  std::set<std::string> names;
  for (const auto& name : schema_node.at("enum")) names.insert(name.get<std::string>());
  return names;
}

// The names an enum's to_string gives over every number (enumerators only: "unknown" is the
// fallback), so an enumerator missing from a kAll... array is still found.
template <typename E>
std::set<std::string> code_names(const char* fallback = "unknown") {
  std::set<std::string> names;
  for (int number = -16; number < 256; ++number) {
    const std::string name(to_string(static_cast<E>(number)));
    if (name != fallback) names.insert(name);
  }
  return names;
}

model::CheckOutcome failed_check() {
  return model::CheckOutcome::failed(tlsready::FailureKind::timeout, "no answer within 5000 ms");
}

// A result with every optional field set and every list non-empty.
model::EndpointResult fully_populated() {
  model::EndpointResult result;
  result.target = {"localhost", 8443, "localhost", model::StartTls::smtp};
  result.address = "127.0.0.1";
  result.started_at = "2026-12-02T02:00:00Z";
  result.elapsed_ms = 1234.5;
  result.connections = 12;
  result.error = model::ProbeError{tlsready::FailureKind::endpoint_timeout, "budget ran out", 1234.5};

  model::ProtocolResult tls12;
  tls12.version = 0x0303;
  tls12.accepted = true;
  tls12.cipher_suites = {0xC02F, 0x000A, 0x0A0A};
  tls12.server_preference = true;
  tls12.preference_order = {0xC02F, 0x000A};
  tls12.groups = {0x001D, 0x0017};
  tls12.dh_bits = 1024;
  tls12.downgrade_sentinel = false;
  tls12.intolerances.push_back({"extension", {0x0303}, 3, 4, uint16_t{0x0010}, "ALPN refused"});
  tls12.check = failed_check();
  model::ProtocolResult tls10;
  tls10.version = 0x0301;
  tls10.refusal = model::Refusal{model::RefusalKind::alert, 2, 40, "handshake_failure", "alert handshake_failure"};
  tls10.check = model::CheckOutcome::completed("refused");
  model::ProtocolResult ssl2;
  ssl2.version = 0x0002;
  ssl2.accepted = true;
  ssl2.cipher_specs = {0x010080};
  result.protocols = {ssl2, tls10, tls12};

  model::CertificateInfo leaf;
  leaf.subject = "CN=localhost";
  leaf.subject_common_name = "localhost";
  leaf.issuer = "CN=Lab CA";
  leaf.serial_hex = "01";
  leaf.subject_alt_names = {"DNS:localhost"};
  leaf.not_before = "2026-01-01T00:00:00Z";
  leaf.not_after = "2027-01-01T00:00:00Z";
  leaf.key_type = "EC";
  leaf.key_bits = 256;
  leaf.curve = "prime256v1";
  leaf.signature_algorithm = "ecdsa-with-SHA1";
  leaf.sha256_fingerprint = "AA:BB";
  model::CertificateResult certificate;
  certificate.source = "openssl_handshake";
  certificate.hostname = "localhost";
  certificate.analysis.certificates = {leaf};
  certificate.analysis.verify_error = "unable to get local issuer certificate (depth 0)";
  for (auto code : model::kAllCertificateProblemCodes)
    certificate.analysis.problems.push_back({code, std::string(model::to_string(code))});
  result.certificate = certificate;

  result.session = {true, true, true, "good", {"h2", "http/1.1"}, "h2"};
  result.checks = {model::CheckOutcome::completed(),
                   model::CheckOutcome::skipped("the scan ended before", tlsready::FailureKind::cancelled),
                   failed_check()};
  result.notes = {"a note"};
  tlsready::assess::describe_endpoint(result);
  return result;
}

}  // namespace

TEST_CASE("every object in the scan schema is closed", "[assess][schema]") {
  std::vector<std::string> open;
  open_objects(scan_schema(), "#", open);
  INFO(lines(open));
  CHECK(open.empty());
}

TEST_CASE("a scan document with every optional field set validates against the schema", "[assess][schema]") {
  const json document = fully_populated();
  // Every nullable field here is set: nothing below may be null.
  CHECK_FALSE(document["target"]["sni"].is_null());
  CHECK_FALSE(document["protocols"][1]["refusal"]["alert_code"].is_null());
  CHECK_FALSE(document["certificate"]["chain"][0]["curve"].is_null());
  CHECK_FALSE(document["session"]["alpn_selected"].is_null());
  CHECK_FALSE(document["checks"]["groups"]["reason"].is_null());
  CHECK_FALSE(document["weaknesses"].empty());
  const auto errors = violations(document);
  INFO(lines(errors));
  CHECK(errors.empty());
}

TEST_CASE("the validator catches unknown fields, values and missing fields", "[assess][schema]") {
  json document = fully_populated();
  document["protocols"][1]["refusal"]["kind"] = "lost_in_the_post";
  document["checks"]["session"]["extra"] = 1;
  document["certificate"].erase("problems");
  const auto errors = violations(document);
  CHECK(errors.size() == 3);
}

template <typename E, size_t N>
std::set<std::string> names_of(const std::array<E, N>& values) {
  std::set<std::string> names;
  for (E value : values) names.insert(std::string(to_string(value)));
  return names;
}

std::set<std::string> names_of(const std::vector<std::string_view>& values) { return {values.begin(), values.end()}; }

TEST_CASE("every enum value the code can emit is in the scan schema, and only those", "[assess][schema]") {
  const json schema = scan_schema();
  const json& defs = schema["$defs"];

  // FailureKind's to_string falls back to "internal", itself an enumerator.
  std::set<std::string> failure_kinds = code_names<tlsready::FailureKind>("internal");
  failure_kinds.insert("internal");
  CHECK(failure_kinds.size() == 15);
  CHECK(schema_enum(defs["failure_kind"]) == failure_kinds);

  const auto refusal_kinds = code_names<model::RefusalKind>();
  CHECK(names_of(model::kAllRefusalKinds) == refusal_kinds);
  CHECK(schema_enum(defs["refusal"]["properties"]["kind"]) == refusal_kinds);

  const auto starttls = code_names<model::StartTls>();
  CHECK(names_of(model::kAllStartTls) == starttls);
  CHECK(schema_enum(schema["properties"]["target"]["properties"]["starttls"]) == starttls);

  const auto statuses = code_names<model::CheckStatus>();
  CHECK(names_of(model::kAllCheckStatuses) == statuses);
  CHECK(schema_enum(defs["check"]["properties"]["status"]) == statuses);

  const auto problems = code_names<model::CertificateProblemCode>();
  CHECK(names_of(model::kAllCertificateProblemCodes) == problems);
  CHECK(schema_enum(defs["certificate_problem_code"]) == problems);

  CHECK(schema_enum(defs["suite_weakness_code"]) == names_of(tlsready::assess::suite_weakness_codes()));
  CHECK(schema_enum(defs["endpoint_weakness_code"]) == names_of(tlsready::assess::endpoint_weakness_codes()));
}

TEST_CASE("each emitted enum value validates in a document", "[assess][schema]") {
  // The same both-ways claim through the validator: a document carrying each value validates.
  for (auto kind : model::kAllRefusalKinds) {
    model::EndpointResult result = fully_populated();
    result.protocols[1].refusal->kind = kind;
    for (auto status : model::kAllCheckStatuses) {
      result.checks.session.status = status;
      for (auto protocol : model::kAllStartTls) {
        result.target.starttls = protocol;
        INFO(to_string(kind) << " " << to_string(status) << " " << to_string(protocol));
        CHECK(violations(result).empty());
      }
    }
  }
  for (int number = 0; number <= 14; ++number) {
    model::EndpointResult result = fully_populated();
    result.error->kind = static_cast<tlsready::FailureKind>(number);
    result.checks.groups.reason = result.error->kind;
    INFO(number);
    CHECK(violations(result).empty());
  }
}
