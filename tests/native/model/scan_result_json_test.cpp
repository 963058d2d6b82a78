#include <catch2/catch.hpp>

#include "model/scan_result_json.h"

using nlohmann::json;
namespace model = tlsready::model;

TEST_CASE("a protocol result names suites by IANA and OpenSSL name", "[model][json]") {
  model::ProtocolResult protocol;
  protocol.version = 0x0303;
  protocol.accepted = true;
  protocol.cipher_suites = {0xC02F, 0x0A0A};
  protocol.server_preference = true;
  protocol.preference_order = {0xC02F};
  protocol.groups = {0x001D};
  const json j = protocol;
  CHECK(j["version"] == "TLSv1.2");
  CHECK(j["code"] == "0x0303");
  CHECK(j["cipher_suites"][0]["name"] == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  CHECK(j["cipher_suites"][0]["openssl_name"] == "ECDHE-RSA-AES128-GCM-SHA256");
  CHECK(j["cipher_suites"][0]["forward_secret"] == true);
  CHECK(j["cipher_suites"][1]["name"] == "0x0A0A");  // GREASE/unknown: kept, printed in hex
  CHECK(j["cipher_suites"][1]["openssl_name"].is_null());
  CHECK(j["preference_order"] == json::array({"0xC02F"}));
  CHECK(j["groups"] == json::array({"x25519"}));
}

TEST_CASE("an endpoint error carries kind, message and time", "[model][json]") {
  model::EndpointResult result;
  result.target = {"127.0.0.1", 9, "", "none"};
  result.error = model::ProbeError{tlsready::FailureKind::timeout, "no answer within 2000 ms", 2001.5};
  const json j = result;
  CHECK(j["schema_version"] == "1.1");
  CHECK(j["status"] == "error");
  CHECK(j["error"]["kind"] == "timeout");
  CHECK(j["error"]["elapsed_ms"] == 2001.5);
  CHECK(j["target"]["starttls"].is_null());
  CHECK(j["target"]["sni"].is_null());
  CHECK(j["certificate"].is_null());
}

TEST_CASE("SSLv2 cipher kinds print as 3-byte hex", "[model][json]") {
  model::ProtocolResult protocol;
  protocol.version = 0x0002;
  protocol.accepted = true;
  protocol.cipher_specs = {0x010080, 0x0700C0};
  const json j = protocol;
  CHECK(j["version"] == "SSLv2");
  CHECK(j["cipher_specs"] == json::array({"0x010080", "0x0700C0"}));
}

TEST_CASE("intolerances are listed once per kind with every version they were seen in", "[model][json]") {
  model::EndpointResult result;
  model::ProtocolResult tls13, tls12;
  tls13.version = 0x0304;
  tls12.version = 0x0303;
  tls13.intolerances.push_back({"hello_size", {0x0304}, 230, 517, std::nullopt, "TLSv1.3: a"});
  tls12.intolerances.push_back({"hello_size", {0x0303}, 250, 400, std::nullopt, "TLSv1.2: b"});
  tls12.intolerances.push_back({"extension", {0x0303}, std::nullopt, std::nullopt, uint16_t{5}, "TLSv1.2: c"});
  result.protocols = {tls13, tls12};
  const json j = result;
  REQUIRE(j["intolerances"].size() == 2);
  const json& size = j["intolerances"][0];
  CHECK(size["kind"] == "hello_size");
  CHECK(size["versions"] == json::array({"TLSv1.3", "TLSv1.2"}));
  CHECK(size["limit"] == 250);
  CHECK(size["refused_at"] == 400);
  CHECK(size["extension"].is_null());
  CHECK(j["intolerances"][1]["extension"] == "0x0005");
  CHECK(json(model::EndpointResult{})["intolerances"] == json::array());
}
