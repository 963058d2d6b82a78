// tlsready/clients.hpp: documents in, documents out, bad input named.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>

#include "tlsready/clients.hpp"

using nlohmann::json;

namespace {

// An endpoint-scan document with the fields the forecast reads (others are ignored).
std::string scan_document() {
  json tls10 = {{"version", "TLSv1.0"},
                {"code", "0x0301"},
                {"accepted", true},
                {"cipher_suites", json::array({json{{"code", "0xC013"}}, json{{"code", "0x0035"}}})},
                {"server_preference", false},
                {"preference_order", json::array()},
                {"groups", json::array({"secp256r1", "0x001D"})},
                {"dh_bits", nullptr}};
  json tls12 = tls10;
  tls12["version"] = "TLSv1.2";
  tls12["code"] = "0x0303";
  tls12["cipher_suites"] = json::array({json{{"code", "0xC02F"}}, json{{"code", "0xC013"}}});
  json tls13 = {{"version", "TLSv1.3"}, {"code", "0x0304"}, {"accepted", false}, {"cipher_suites", json::array()}};
  return json{{"schema_version", "2.0"},
              {"target", {{"host", "127.0.0.1"}, {"port", 8443}}},
              {"started_at", "2026-12-01T10:00:00Z"},
              {"status", "ok"},
              {"error", nullptr},
              {"protocols", json::array({tls10, tls12, tls13})},
              {"checks", {{"groups", {{"status", "completed"}}}}},
              {"certificate",
               {{"chain", json::array({json{{"key_type", "RSA"},
                                            {"key_bits", 2048},
                                            {"signature_algorithm", "sha256WithRSAEncryption"},
                                            {"self_signed", false}}})}}},
              {"intolerances", json::array()}}
      .dump();
}

}  // namespace

TEST_CASE("client impact of a scan document, with a what-if", "[core][clients]") {
  const json doc = json::parse(tlsready::client_impact_document(scan_document(), "no-tls10,no-tls11"));
  CHECK(doc["document"] == "client_impact");
  CHECK(doc["endpoint"] == "127.0.0.1:8443");
  CHECK(doc["summary"]["breaks"].get<int>() > 0);
  bool ie8_breaks = false;
  for (const auto& id : doc["breaks"]) ie8_breaks |= id == "ie-8-10-win7";
  CHECK(ie8_breaks);
  const json only = json::parse(tlsready::client_impact_document(scan_document(), "", {"openssl-3", "ie-8-10-win7"}));
  REQUIRE(only["outcomes"].size() == 2);
  CHECK(only["outcomes"][0]["status"] == "connects");
  CHECK(only["outcomes"][0]["version"] == "TLSv1.2");
  CHECK(only["outcomes"][0]["cipher_suite"]["code"] == "0xC02F");
  CHECK(only["what_if_outcomes"].is_null());
}

TEST_CASE("a scan that failed gives unknown for every client", "[core][clients]") {
  const std::string failed = json{
      {"schema_version", "2.0"},
      {"target", {{"host", "127.0.0.1"}, {"port", 1}}},
      {"status", "error"},
      {"error", {{"kind", "connection_refused"}, {"message", "refused"}}},
      {"protocols",
       json::array()}}.dump();
  const json doc = json::parse(tlsready::client_impact_document(failed));
  CHECK(doc["scan_error"] == "connection_refused: refused");
  CHECK(doc["summary"]["unknown"] == doc["summary"]["clients"]);
  const json summary = json::parse(tlsready::client_impact_summary_document({scan_document(), failed}, "no-tls10"));
  CHECK(summary["document"] == "client_impact_summary");
  CHECK(summary["endpoints"].size() == 2);
}

TEST_CASE("bad client-impact input is named", "[core][clients]") {
  CHECK_THROWS_WITH(tlsready::client_impact_document("{"), Catch::Contains("not valid JSON"));
  CHECK_THROWS_WITH(tlsready::client_impact_document(R"({"schema_version": "1.0"})"),
                    Catch::Contains("schema_version"));
  CHECK_THROWS_WITH(tlsready::client_impact_document(scan_document(), "no-tls99"), Catch::Contains("no-tls99"));
  CHECK_THROWS_WITH(tlsready::client_impact_document(scan_document(), "", {"nobody"}), Catch::Contains("nobody"));
  CHECK_THROWS_AS(tlsready::client_impact_summary_document({"[]"}), std::invalid_argument);
  const json profiles = json::parse(tlsready::client_profiles_document());
  CHECK(profiles["profiles"].size() >= 40);
  CHECK(tlsready::client_impact_schema_version() == "1.0");
}
