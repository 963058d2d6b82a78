// The client simulation that re-uses a scan (probe/client_simulation_plan.h) against the running
// lab: profiles the scan already decides are answered without a connection, the outcomes are those
// of the full simulation, and fewer connections are made than there are profiles.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "assess/client_impact_json.h"
#include "assess/client_profiles.h"
#include "integration/lab_manifest.h"
#include "probe/client_simulation.h"
#include "probe/client_simulation_plan.h"
#include "probe/endpoint_scanner.h"

namespace {

using nlohmann::json;
namespace model = tlsready::model;
namespace probe = tlsready::probe;
using model::ClientFailure;
using model::ClientOutcomeStatus;

const json& lab_endpoint(const json& lab, const std::string& name) {
  for (const auto& endpoint : lab["endpoints"])
    if (endpoint["name"] == name) return endpoint;
  FAIL("the lab has no endpoint " << name);
  static const json none;
  return none;
}

// The wire shows a version refusal as protocol_version (no_common_version), handshake_failure
// (no_common_suite) or, for an SSLv2-compatible hello a modern server cannot parse, a dropped hello.
bool same_refusal(ClientFailure from_scan, ClientFailure simulated) {
  return from_scan == simulated || simulated == ClientFailure::no_common_suite ||
         simulated == ClientFailure::hello_rejected || simulated == ClientFailure::server_alert;
}

}  // namespace

TEST_CASE("simulation after a scan answers what the scan decides and simulates the rest",
          "[integration][clients][simulation_plan]") {
  const json lab = tlsready::test::load_lab_manifest();
  const auto options = tlsready::test::lab_scan_options(lab);
  const auto& clients = tlsready::assess::client_profiles();
  for (const char* name : {"tls13_only", "tls12_13_server_pref", "tls10_12_client_pref", "cbc_only", "dhe_1024"}) {
    INFO("endpoint " << name);
    const auto target = tlsready::test::lab_endpoint_target(lab_endpoint(lab, name));
    const auto scan = probe::scan_endpoint(target, options);
    REQUIRE_FALSE(scan.error);
    const probe::PlannedSimulation plan = probe::simulate_clients_after_scan(scan, clients, options);
    const probe::SimulationResult full = probe::simulate_clients(target, clients, options);
    REQUIRE(plan.result.outcomes.size() == clients.size());
    REQUIRE(full.outcomes.size() == clients.size());
    CHECK(plan.from_scan + plan.simulated == static_cast<int>(clients.size()));
    CHECK(plan.result.connections == plan.simulated);
    CHECK(full.connections == static_cast<int>(clients.size()));
    CHECK(plan.result.address == "127.0.0.1");
    int from_scan = 0;
    for (std::size_t i = 0; i < clients.size(); ++i) {
      const auto& planned = plan.result.outcomes[i];
      const auto& observed = full.outcomes[i];
      INFO(clients[i].id << ": planned " << model::to_string(planned.status) << " " << model::to_string(planned.reason)
                         << " (" << planned.source << ") " << planned.detail << "; simulated "
                         << model::to_string(observed.status) << " " << model::to_string(observed.reason) << " "
                         << observed.detail);
      CHECK(planned.client_id == clients[i].id);
      CHECK(planned.status == observed.status);
      if (planned.source == "from_scan") {
        ++from_scan;
        CHECK(planned.method == "forecast");
        CHECK(planned.reason == ClientFailure::no_common_version);
        CHECK(same_refusal(planned.reason, observed.reason));
      } else {
        REQUIRE(planned.source == "simulated");
        CHECK(planned.method == "simulation");
        CHECK(planned.version == observed.version);
        CHECK(planned.cipher_suite == observed.cipher_suite);
        if (planned.status == ClientOutcomeStatus::fails) CHECK(planned.reason == observed.reason);
      }
      const json document = tlsready::assess::client_outcome_json(planned);
      CHECK(document["source"] == planned.source);
    }
    CHECK(from_scan == plan.from_scan);
    WARN(name << ": " << plan.result.connections << " connections for " << clients.size() << " profiles ("
              << plan.from_scan << " from the scan)");
    if (std::string(name) == "tls13_only" || std::string(name) == "tls12_13_server_pref") {
      CHECK(plan.from_scan > 0);
      CHECK(plan.result.connections < static_cast<int>(clients.size()));
    }
  }
}

TEST_CASE("the scan decides a profile only when it saw every version the profile offers refused",
          "[integration][clients][simulation_plan]") {
  const json lab = tlsready::test::load_lab_manifest();
  const auto options = tlsready::test::lab_scan_options(lab);
  const auto& clients = tlsready::assess::client_profiles();
  const auto target = tlsready::test::lab_endpoint_target(lab_endpoint(lab, "tls13_only"));
  model::EndpointResult scan = probe::scan_endpoint(target, options);
  REQUIRE_FALSE(scan.error);
  for (const auto& client : clients) {
    if (client.max_version < model::ProtocolVersion::tls1_3) {
      CHECK(probe::outcome_from_scan(client, scan).has_value());
    } else {
      CHECK_FALSE(probe::outcome_from_scan(client, scan).has_value());  // it offers TLS 1.3, which is accepted
    }
  }
  // A version the scan did not probe to a conclusion decides nothing.
  for (auto& protocol : scan.protocols) protocol.check.status = model::CheckStatus::failed;
  for (const auto& client : clients) CHECK_FALSE(probe::outcome_from_scan(client, scan).has_value());
}
