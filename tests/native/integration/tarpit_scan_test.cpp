// Scans the lab's tarpits (tests/lab/hostile_server.py: bytes paced so that a per-byte timeout
// never fires) with the budget each names in its "expect", and checks that each is classified
// within endpoint_timeout + 10%, with the expected error kind and the versions found kept.
// TLSREADY_LAB_DIR names the lab folder (lab.json).
#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "integration/lab_manifest.h"
#include "model/scan_result_json.h"
#include "probe/endpoint_scanner.h"
#include "probe/scan_request.h"

namespace {

using nlohmann::json;

bool accepted(const json& result, const std::string& version) {
  for (const auto& protocol : result["protocols"])
    if (protocol["version"] == version) return protocol["accepted"].get<bool>();
  return false;
}

}  // namespace

TEST_CASE("every tarpit is classified within its endpoint budget + 10%", "[integration][budget]") {
  const json lab = tlsready::test::load_lab_manifest();
  int tarpits = 0;
  for (const auto& endpoint : lab["endpoints"]) {
    const json& expect = endpoint["expect"];
    if (!expect.contains("budget")) continue;
    ++tarpits;
    const std::string name = endpoint["name"].get<std::string>();
    DYNAMIC_SECTION(name) {
      tlsready::probe::ScanOptions options = tlsready::probe::options_from_json(expect["budget"]);
      options.ca_file = lab["ca_file"].get<std::string>();
      options.use_system_trust_store = false;
      tlsready::model::TargetSpec target{endpoint["host"].get<std::string>(), endpoint["port"].get<uint16_t>(),
                                         std::nullopt, tlsready::model::StartTls::none};
      const json result = tlsready::probe::scan_endpoint(target, options);
      INFO(result.dump(2));
      CHECK(result["status"] == "error");
      CHECK(result["error"]["kind"] == expect["error"]);
      const double budget_ms = expect["budget"]["endpoint_timeout"].get<double>() * 1000;
      CHECK(result["elapsed_ms"].get<double>() <= budget_ms * 1.1);
      for (const auto& version : expect["accepted"]) {
        INFO("kept as accepted: " << version);
        CHECK(accepted(result, version.get<std::string>()));
      }
    }
  }
  CHECK(tarpits >= 4);
}
