// A saved endpoint-scan document reads back into the model (strictly) and writes out unchanged.
#include <catch2/catch.hpp>

#include "assess/describe.h"
#include "assess/scan_document.h"
#include "model/scan_result_json.h"

using nlohmann::json;
namespace model = tlsready::model;

namespace {

// Every field set, every list non-empty (as the schema test's fully populated result).
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
  tls12.groups = {0x001D, 0x0017, 0x7A7A};
  tls12.dh_bits = 1024;
  tls12.dhe_needs_ffdhe = true;
  tls12.downgrade_sentinel = false;
  tls12.intolerances.push_back({"extension", {0x0303}, 3, 4, uint16_t{0x0010}, "ALPN refused"});
  tls12.intolerances.push_back({"hello_size", {0x0303}, 255, 512, std::nullopt, "512-byte hello dropped"});
  tls12.check = model::CheckOutcome::failed(tlsready::FailureKind::timeout, "no answer");
  model::ProtocolResult tls11 = tls12;
  tls11.version = 0x0302;
  tls11.intolerances = {{"hello_size", {0x0302}, 300, 400, std::nullopt, "400-byte hello dropped"}};
  model::ProtocolResult tls10;
  tls10.version = 0x0301;
  tls10.refusal = model::Refusal{model::RefusalKind::alert, 2, 40, "handshake_failure", "alert handshake_failure"};
  tls10.check = model::CheckOutcome::completed("refused");
  model::ProtocolResult ssl2;
  ssl2.version = 0x0002;
  ssl2.accepted = true;
  ssl2.cipher_specs = {0x010080};
  result.protocols = {ssl2, tls10, tls11, tls12};
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
  certificate.analysis.certificates = {leaf, leaf};
  certificate.analysis.verify_error = "unable to get local issuer certificate (depth 0)";
  certificate.analysis.days_until_expiry = -3;
  for (auto code : model::kAllCertificateProblemCodes)
    certificate.analysis.problems.push_back({code, std::string(model::to_string(code))});
  result.certificate = certificate;
  result.session = {true, false, true, "good", {"h2", "http/1.1"}, "h2"};
  result.sni.required = true;
  result.checks = {model::CheckOutcome::completed(),
                   model::CheckOutcome::skipped("the scan ended before", tlsready::FailureKind::cancelled),
                   model::CheckOutcome::failed(tlsready::FailureKind::protocol_error, "bad")};
  result.notes = {"a note"};
  tlsready::assess::describe_endpoint(result);
  return result;
}

}  // namespace

TEST_CASE("an endpoint-scan document with every field set reads back and writes out unchanged", "[assess][json]") {
  const json document = fully_populated();
  const model::EndpointResult back = tlsready::assess::endpoint_result_from_document(document);
  CHECK(json(back) == document);
  CHECK(back.protocols[3].groups == std::vector<uint16_t>{0x001D, 0x0017, 0x7A7A});
  CHECK(back.certificate->analysis.certificates[0].self_issued == false);
  CHECK(model::endpoint_intolerances(back).size() == 2);
}

TEST_CASE("a minimal error document reads back and writes out unchanged", "[assess][json]") {
  model::EndpointResult result;
  result.target = {"::1", 9, std::nullopt, model::StartTls::none};
  result.error = model::ProbeError{tlsready::FailureKind::connection_refused, "refused", 0.5};
  const json document = result;
  CHECK(json(tlsready::assess::endpoint_result_from_document(document)) == document);
}

TEST_CASE("reading a scan document is strict and names the field", "[assess][json]") {
  const json good = fully_populated();
  auto error_of = [](const json& document) -> std::string {
    try {
      (void)tlsready::assess::endpoint_result_from_document(document);
    } catch (const std::invalid_argument& error) {
      return error.what();
    }
    return "";
  };
  json bad = good;
  bad["protocols"][3]["cipher_suites"][0]["colour"] = "red";
  CHECK(error_of(bad) == "endpoint-scan document: protocols[3].cipher_suites[0].colour: unknown field");
  bad = good;
  bad["status"] = "ok";
  CHECK(error_of(bad) == "endpoint-scan document: status: 'ok' does not agree with error (set)");
  bad = good;
  bad["protocols"][3]["groups"][0] = "curve9";
  CHECK(error_of(bad) == "endpoint-scan document: protocols[3].groups[0]: unknown group 'curve9'");
  bad = good;
  bad.erase("session");
  CHECK(error_of(bad) == "endpoint-scan document: session: missing");
  bad = good;
  bad["protocols"][1]["version"] = "TLSv1.2";
  CHECK(error_of(bad) == "endpoint-scan document: protocols[1].version: 'TLSv1.2' does not name code 0x0301");
  bad = good;
  bad["error"]["kind"] = "gremlins";
  CHECK(error_of(bad) == "endpoint-scan document: error.kind: unknown failure kind 'gremlins'");
  bad = good;
  bad["schema_version"] = "1.0";
  CHECK_THAT(error_of(bad), Catch::StartsWith("endpoint-scan document: schema_version:"));
  CHECK(error_of(json::array()) == "endpoint-scan document: document: must be an object");
}

TEST_CASE("sni.required reads back; a document written before it reads as unknown; it is strict", "[assess][json]") {
  json document = fully_populated();
  CHECK(document["sni"] == json{{"required", true}});
  CHECK(tlsready::assess::endpoint_result_from_document(document).sni.required == true);
  document["sni"]["required"] = nullptr;
  CHECK_FALSE(tlsready::assess::endpoint_result_from_document(document).sni.required.has_value());
  document.erase("sni");
  CHECK_FALSE(tlsready::assess::endpoint_result_from_document(document).sni.required.has_value());
  document["sni"] = json{{"required", false}, {"colour", "red"}};
  CHECK_THROWS_WITH(tlsready::assess::endpoint_result_from_document(document),
                    "endpoint-scan document: sni.colour: unknown field");
  document["sni"] = json{{"required", "yes"}};
  CHECK_THROWS_AS(tlsready::assess::endpoint_result_from_document(document), std::invalid_argument);
}

TEST_CASE("dhe_needs_ffdhe reads back; a document written before it reads as unknown; it is strict", "[assess][json]") {
  json document = fully_populated();
  json& tls12 = document["protocols"][3];
  REQUIRE(tls12["version"] == "TLSv1.2");
  CHECK(tls12["dhe_needs_ffdhe"] == true);
  CHECK(tlsready::assess::endpoint_result_from_document(document).protocols[3].dhe_needs_ffdhe == true);
  tls12["dhe_needs_ffdhe"] = false;
  CHECK(tlsready::assess::endpoint_result_from_document(document).protocols[3].dhe_needs_ffdhe == false);
  CHECK(document["protocols"][1]["dhe_needs_ffdhe"].is_null());  // not asked: null
  tls12.erase("dhe_needs_ffdhe");
  CHECK_FALSE(tlsready::assess::endpoint_result_from_document(document).protocols[3].dhe_needs_ffdhe.has_value());
  tls12["dhe_needs_ffdhe"] = "yes";
  CHECK_THROWS_AS(tlsready::assess::endpoint_result_from_document(document), std::invalid_argument);
}
