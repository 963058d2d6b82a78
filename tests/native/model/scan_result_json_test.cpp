#include <catch2/catch.hpp>

#include "model/scan_result_json.h"

using nlohmann::json;
namespace model = tlsready::model;

TEST_CASE("a protocol shows the suite facts and group names the endpoint carries", "[model][json]") {
  model::ProtocolResult protocol;
  protocol.version = 0x0303;
  protocol.accepted = true;
  protocol.cipher_suites = {0xC02F, 0x0A0A};
  protocol.server_preference = true;
  protocol.preference_order = {0xC02F};
  protocol.groups = {0x001D, 0x0017};
  model::CipherSuiteFacts gcm;
  gcm.code = 0xC02F;
  gcm.name = "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256";
  gcm.openssl_name = "ECDHE-RSA-AES128-GCM-SHA256";
  gcm.forward_secret = true;
  gcm.protocols = {model::ProtocolVersion::tls1_2};
  const json j = model::protocol_json(protocol, {gcm}, {{0x001D, "x25519"}});
  CHECK(j["version"] == "TLSv1.2");
  CHECK(j["code"] == "0x0303");
  CHECK(j["cipher_suites"][0]["name"] == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  CHECK(j["cipher_suites"][0]["openssl_name"] == "ECDHE-RSA-AES128-GCM-SHA256");
  CHECK(j["cipher_suites"][0]["forward_secret"] == true);
  CHECK(j["cipher_suites"][0]["mac"].is_null());     // an unset optional is null, never ""
  CHECK(j["cipher_suites"][1]["name"] == "0x0A0A");  // no facts: kept, printed in hex
  CHECK(j["cipher_suites"][1]["openssl_name"].is_null());
  CHECK(j["cipher_suites"][1]["weaknesses"] == json::array());
  CHECK(j["cipher_suites"][0]["protocols"] == json::array({"TLSv1.2"}));
  CHECK(j["cipher_suites"][1]["protocols"] == json::array());  // unknown code: no version range
  CHECK(j["preference_order"] == json::array({"0xC02F"}));
  CHECK(j["groups"] == json::array({"x25519", "0x0017"}));
  CHECK(j["refusal"].is_null());
  CHECK(j["check"] == json{{"status", "skipped"}, {"reason", nullptr}, {"detail", nullptr}});
}

TEST_CASE("an endpoint error carries kind, message and time", "[model][json]") {
  model::EndpointResult result;
  result.target = {"127.0.0.1", 9, std::nullopt, model::StartTls::none};
  result.error = model::ProbeError{tlsready::FailureKind::timeout, "no answer within 2000 ms", 2001.5};
  const json j = result;
  CHECK(j["schema_version"] == "2.0");
  CHECK(j["status"] == "error");
  CHECK(j["error"]["kind"] == "timeout");
  CHECK(j["error"]["elapsed_ms"] == 2001.5);
  CHECK(j["target"]["starttls"] == "none");
  CHECK(j["target"]["sni"].is_null());
  CHECK(j["address"].is_null());
  CHECK(j["certificate"].is_null());
  CHECK(j["checks"]["certificate"]["status"] == "skipped");
}

TEST_CASE("a refusal carries its kind and, for an alert, level, number and name", "[model][json]") {
  model::ProtocolResult protocol;
  protocol.version = 0x0301;
  protocol.refusal = model::Refusal{model::RefusalKind::alert, 2, 70, "protocol_version", "alert protocol_version"};
  protocol.check = model::CheckOutcome::completed();
  json j = model::protocol_json(protocol, {}, {});
  CHECK(j["refusal"] == json{{"kind", "alert"},
                             {"alert_level", 2},
                             {"alert_code", 70},
                             {"alert_name", "protocol_version"},
                             {"detail", "alert protocol_version"}});
  CHECK(j["check"]["status"] == "completed");
  protocol.refusal = model::Refusal{model::RefusalKind::connection_reset, std::nullopt, std::nullopt, std::nullopt,
                                    "connection_reset: reset by peer"};
  protocol.check = model::CheckOutcome::failed(tlsready::FailureKind::connection_refused, "connect refused");
  j = model::protocol_json(protocol, {}, {});
  CHECK(j["refusal"]["kind"] == "connection_reset");
  CHECK(j["refusal"]["alert_code"].is_null());
  CHECK(j["check"] == json{{"status", "failed"}, {"reason", "connection_refused"}, {"detail", "connect refused"}});
}

TEST_CASE("certificate problems carry a code beside the message", "[model][json]") {
  model::CertificateResult certificate;
  certificate.source = "raw_handshake";
  certificate.analysis.problems = {{model::CertificateProblemCode::self_signed, "self-signed certificate"}};
  const json j = certificate;
  CHECK(j["problems"] == json::array({json{{"code", "self_signed"}, {"message", "self-signed certificate"}}}));
  CHECK(j["verify_error"].is_null());
  CHECK(certificate.analysis.has_problem(model::CertificateProblemCode::self_signed));
  CHECK_FALSE(certificate.analysis.has_problem(model::CertificateProblemCode::expired));
}

TEST_CASE("starttls names parse case-insensitively and print as the schema lists them", "[model]") {
  for (model::StartTls protocol : model::kAllStartTls)
    CHECK(model::parse_starttls(model::to_string(protocol)) == protocol);
  CHECK(model::parse_starttls("SMTP") == model::StartTls::smtp);
  CHECK_FALSE(model::parse_starttls(""));
  CHECK_FALSE(model::parse_starttls("gopher"));
}

TEST_CASE("SSLv2 cipher kinds print as 3-byte hex", "[model][json]") {
  model::ProtocolResult protocol;
  protocol.version = 0x0002;
  protocol.accepted = true;
  protocol.cipher_specs = {0x010080, 0x0700C0};
  const json j = model::protocol_json(protocol, {}, {});
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
