// The verdict's clients section on the running lab, through the core's public face
// (tlsready/verdict.hpp): the forecast and the simulation say who fails on endpoints whose
// configuration decides it (tests/lab/endpoints.py), and the document is the verdict without clients
// followed by the client impact's outcomes, byte for byte.
#include <catch2/catch.hpp>

#include <atomic>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "integration/lab_manifest.h"
#include "model/scan_result_json.h"
#include "probe/endpoint_scanner.h"
#include "tlsready/clients.hpp"
#include "tlsready/simulation.hpp"
#include "tlsready/verdict.hpp"

namespace {

using nlohmann::json;

const json& lab_endpoint(const json& lab, const std::string& name) {
  for (const auto& endpoint : lab["endpoints"])
    if (endpoint["name"] == name) return endpoint;
  FAIL("the lab has no endpoint " << name);
  static const json none;
  return none;
}

std::string scan_document(const json& lab, const std::string& name) {
  const auto target = tlsready::test::lab_endpoint_target(lab_endpoint(lab, name));
  return json(tlsready::probe::scan_endpoint(target, tlsready::test::lab_scan_options(lab))).dump();
}

std::string simulation_options(const json& lab) {
  return json{{"timeout", 2}, {"ca_file", lab["ca_file"]}, {"use_system_trust_store", false}}.dump();
}

std::map<std::string, std::string> statuses(const json& clients) {
  std::map<std::string, std::string> out;
  for (const auto& outcome : clients)
    out[outcome["client_id"].get<std::string>()] = outcome["status"].get<std::string>();
  return out;
}

// Who connects and who fails, by hand from the endpoints' configuration: dhe_1024 (DHE-RSA with a
// 1024-bit group only) is refused by OpenSSL 3 and Python requests (2048-bit minimum) and accepted
// by IE 11 and Java 8; cbc_only (TLS 1.2, AES-CBC suites only) is beyond Java 7 (TLS 1.0 by default)
// and in reach of Python requests (its ECDH+AES takes ECDHE-RSA-AES128-SHA256) and OpenSSL 3;
// tls13_only is out of reach for IE 11 on Windows 7 (TLS 1.2 at
// most) and Java 6 and in reach for current Chrome.
const std::map<std::string, std::map<std::string, std::string>>& expected_clients() {
  static const std::map<std::string, std::map<std::string, std::string>> kExpected = {
      {"dhe_1024",
       {{"openssl-3", "fails"}, {"python-requests", "fails"}, {"ie-11-win7", "connects"}, {"java-8u161", "connects"}}},
      {"cbc_only", {{"java-7u25", "fails"}, {"python-requests", "connects"}, {"openssl-3", "connects"}}},
      // cbc_sha1_only (TLS 1.2, CBC with SHA-1 MACs only): Python requests offers none (CPython's !SHA1).
      {"cbc_sha1_only", {{"python-requests", "fails"}, {"openssl-3", "connects"}, {"java-7u25", "fails"}}},
      {"tls13_only", {{"ie-11-win7", "fails"}, {"java-6u45", "fails"}, {"chrome-137-win11", "connects"}}},
  };
  return kExpected;
}

std::vector<std::string> ids_of(const std::map<std::string, std::string>& wanted) {
  std::vector<std::string> ids;
  for (const auto& [id, status] : wanted) ids.push_back(id);
  return ids;
}

}  // namespace

TEST_CASE("lab verdicts with clients say who fails, forecast and simulated",
          "[integration][verdict][verdict_clients]") {
  const json lab = tlsready::test::load_lab_manifest();
  for (const auto& [name, wanted] : expected_clients()) {
    INFO("lab endpoint " << name);
    const std::string scan = scan_document(lab, name);
    const std::string plain = tlsready::verdict(scan, "m365");

    // forecast, every profile: the verdict, then the client impact's outcomes (Python's old assembly)
    const std::string forecast = tlsready::verdict(scan, "m365", tlsready::VerdictClients{});
    const json impact = json::parse(tlsready::client_impact_document(scan));
    CHECK(forecast == plain.substr(0, plain.size() - 1) + ",\"clients\":" + impact["outcomes"].dump() + "}");
    CHECK(tlsready::verdict_with_clients(plain, impact.dump()) == forecast);
    const auto forecast_statuses = statuses(json::parse(forecast)["clients"]);
    CHECK(forecast_statuses.size() == impact["outcomes"].size());
    for (const auto& [id, status] : wanted) {
      INFO("forecast of " << id);
      CHECK(forecast_statuses.at(id) == status);
    }

    // simulated, the chosen profiles: the same statuses, each outcome with its source
    tlsready::VerdictClients simulate;
    simulate.simulate = true;
    simulate.client_ids = ids_of(wanted);
    simulate.simulation_options_json = simulation_options(lab);
    const json simulated = json::parse(tlsready::verdict(scan, "m365", simulate));
    REQUIRE(simulated["clients"].size() == wanted.size());
    for (const auto& outcome : simulated["clients"]) {
      INFO("simulated " << outcome.dump());
      CHECK(outcome["status"] == wanted.at(outcome["client_id"].get<std::string>()));
      CHECK((outcome["source"] == "simulated" || outcome["source"] == "from_scan"));
    }
    CHECK(simulated["readiness"] == json::parse(plain)["readiness"]);
  }
}

TEST_CASE("a cancelled simulation leaves the verdict's simulated clients unknown", "[integration][verdict_clients]") {
  const json lab = tlsready::test::load_lab_manifest();
  const std::string scan = scan_document(lab, "tls13_only");
  tlsready::VerdictClients simulate;
  simulate.simulate = true;
  simulate.client_ids = {"chrome-137-win11", "ie-11-win7"};
  simulate.simulation_options_json = simulation_options(lab);
  const std::atomic<bool> cancelled{true};
  const auto clients = statuses(json::parse(tlsready::verdict(scan, "m365", simulate, &cancelled))["clients"]);
  CHECK(clients.at("chrome-137-win11") == "unknown");  // needed a connection
  CHECK(clients.at("ie-11-win7") == "fails");          // decided by the scan (TLS 1.2 at most, refused)
}
