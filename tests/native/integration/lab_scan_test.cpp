// Scans every endpoint of the running lab (tests/lab) and checks the result against what the lab
// configured: exactly the versions, suites, server order, groups, certificate facts, or the
// classified error of hostile endpoints. TLSREADY_LAB_DIR names the lab folder (lab.json).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "common/failure.h"
#include "integration/lab_manifest.h"
#include "model/scan_result_json.h"
#include "probe/endpoint_scanner.h"

namespace {

using nlohmann::json;

std::vector<std::string> suite_codes(const json& protocol) {
  std::vector<std::string> codes;
  for (const auto& suite : protocol["cipher_suites"]) codes.push_back(suite["code"].get<std::string>());
  return codes;
}

std::set<std::string> as_set(const std::vector<std::string>& list) { return {list.begin(), list.end()}; }

void check_protocols(const json& expect, const json& result) {
  const json& expected_protocols = expect.value("protocols", json::object());
  for (const auto& protocol : result["protocols"]) {
    const std::string version = protocol["version"].get<std::string>();
    INFO("version " << version);
    if (!expected_protocols.contains(version)) {
      CHECK_FALSE(protocol["accepted"].get<bool>());
      continue;
    }
    const json& want = expected_protocols[version];
    CHECK(protocol["accepted"].get<bool>());
    std::vector<std::string> wanted_suites = want["cipher_suites"].get<std::vector<std::string>>();
    CHECK(as_set(suite_codes(protocol)) == as_set(wanted_suites));
    if (want.contains("cipher_specs"))
      CHECK(as_set(protocol["cipher_specs"].get<std::vector<std::string>>()) ==
            as_set(want["cipher_specs"].get<std::vector<std::string>>()));
    if (want.contains("server_preference") && wanted_suites.size() >= 2) {
      CHECK(protocol["server_preference"] == want["server_preference"]);
      if (want["server_preference"].get<bool>() && want.contains("preference_order"))
        CHECK(protocol["preference_order"] == want["preference_order"]);
    }
  }
  if (expect.contains("dh_bits")) {
    for (const auto& [version, bits] : expect["dh_bits"].items()) {
      INFO("DH size of " << version);
      for (const auto& protocol : result["protocols"])
        if (protocol["version"] == version) CHECK(protocol["dh_bits"] == bits);
    }
  }
  if (expect.contains("groups")) {
    for (const auto& [version, groups] : expect["groups"].items()) {
      INFO("groups of " << version);
      for (const auto& protocol : result["protocols"]) {
        if (protocol["version"] == version) {
          CHECK(as_set(protocol["groups"].get<std::vector<std::string>>()) ==
                as_set(groups.get<std::vector<std::string>>()));
        }
      }
    }
  }
}

// Hello shapes the endpoint refuses: exactly the expected kinds, each over exactly the expected
// versions; a hello-size limit brackets the middlebox's record limit (limit and refused_at count
// the 5-byte record header). Endpoints without expected intolerances must report none.
void check_intolerances(const json& expect, const json& result) {
  const json& found = result["intolerances"];
  const json wanted = expect.value("intolerances", json::array());
  CHECK(found.size() == wanted.size());
  for (const auto& want : wanted) {
    INFO("intolerance " << want.dump());
    const json* match = nullptr;
    for (const auto& entry : found) {
      if (entry["kind"] == want["kind"] && (!want.contains("extension") || entry["extension"] == want["extension"]))
        match = &entry;
    }
    REQUIRE(match != nullptr);
    CHECK(as_set((*match)["versions"].get<std::vector<std::string>>()) ==
          as_set(want["versions"].get<std::vector<std::string>>()));
    CHECK_FALSE((*match)["detail"].get<std::string>().empty());
    if (want.contains("record_limit")) {
      const int record_limit = want["record_limit"].get<int>();
      CHECK((*match)["limit"].get<int>() <= record_limit + 5);
      CHECK((*match)["refused_at"].get<int>() > record_limit + 5);
    }
    if (want["kind"] == "suite_count") {
      CHECK((*match)["limit"].get<int>() <= 150);  // wolfSSL: WOLFSSL_MAX_SUITE_SZ 300 bytes
      CHECK((*match)["refused_at"].get<int>() > 150);
    }
  }
}

void check_certificate(const json& want, const json& result) {
  REQUIRE(result["certificate"].is_object());
  const json& cert = result["certificate"];
  REQUIRE_FALSE(cert["chain"].empty());
  const json& leaf = cert["chain"][0];
  if (want.contains("subject_cn")) CHECK(leaf["common_name"] == want["subject_cn"]);
  if (want.contains("key_type")) CHECK(leaf["key_type"] == want["key_type"]);
  if (want.contains("key_bits")) CHECK(leaf["key_bits"] == want["key_bits"]);
  if (want.contains("signature_algorithm")) CHECK(leaf["signature_algorithm"] == want["signature_algorithm"]);
  if (want.contains("expired")) CHECK(cert["expired"] == want["expired"]);
  if (want.contains("self_signed")) CHECK(cert["self_signed"] == want["self_signed"]);
  if (want.contains("hostname_matches")) CHECK(cert["hostname_matches"] == want["hostname_matches"]);
  if (want.contains("trusted_with_lab_ca")) CHECK(cert["trusted"] == want["trusted_with_lab_ca"]);
}

}  // namespace

// A scan that ended ok: every version's probe and the group probes ran to a conclusion, each
// refused version says how (an alert with its number and name), the certificate check completed
// where a certificate is expected, and a full handshake that failed (scripted and intolerant
// servers) says why.
void check_statuses(const json& expect, const json& result) {
  for (const auto& protocol : result["protocols"]) {
    INFO(protocol["version"]);
    CHECK(protocol["check"]["status"] == "completed");
    if (protocol["accepted"].get<bool>()) {
      CHECK(protocol["refusal"].is_null());
    } else {
      REQUIRE(protocol["refusal"].is_object());
      if (protocol["refusal"]["kind"] == "alert") {
        CHECK(protocol["refusal"]["alert_code"].is_number_integer());
        CHECK(protocol["refusal"]["alert_name"].is_string());
      }
    }
  }
  CHECK(result["checks"]["groups"]["status"] == "completed");
  if (expect.contains("certificate")) CHECK(result["checks"]["certificate"]["status"] == "completed");
  for (const char* name : {"certificate", "session"}) {
    const json& check = result["checks"][name];
    INFO(name);
    if (check["status"] == "failed") {
      CHECK(check["reason"].is_string());
      CHECK(check["detail"].is_string());
    }
  }
}

TEST_CASE("every lab endpoint scans to exactly what it was configured with", "[integration]") {
  const json lab = tlsready::test::load_lab_manifest();
  const auto options = tlsready::test::lab_scan_options(lab);
  REQUIRE(lab["endpoints"].size() >= 10);
  for (const auto& endpoint : lab["endpoints"]) {
    const std::string name = endpoint["name"].get<std::string>();
    if (endpoint["expect"].contains("budget")) continue;  // tarpits: tarpit_scan_test.cpp, with their budget
    DYNAMIC_SECTION(name) {
      const json result = tlsready::probe::scan_endpoint(tlsready::test::lab_endpoint_target(endpoint), options);
      INFO(result.dump(2));
      const json& expect = endpoint["expect"];
      if (expect.contains("error")) {
        CHECK(result["status"] == "error");
        CHECK(result["error"]["kind"] == expect["error"]);
        // A hostile endpoint costs at most its own timeout per connection, never a hang.
        CHECK(result["elapsed_ms"].get<double>() < 3 * 2000.0 + 500);
      } else {
        REQUIRE(result["status"] == "ok");
        check_protocols(expect, result);
        check_intolerances(expect, result);
        if (expect.contains("certificate")) check_certificate(expect["certificate"], result);
        check_statuses(expect, result);
      }
    }
  }
}
