// tlsready/simulation.hpp over probe::simulate_clients_after_scan.
#include <nlohmann/json.hpp>

#include <stdexcept>

#include "assess/client_impact.h"
#include "assess/client_impact_json.h"
#include "assess/client_profiles.h"
#include "assess/client_what_if.h"
#include "assess/scan_document.h"
#include "probe/client_simulation_plan.h"
#include "probe/scan_request.h"
#include "tlsready/simulation.hpp"

namespace tlsready {
namespace {

using nlohmann::json;

json parsed(const std::string& text, const char* what) {
  json value = json::parse(text, nullptr, false);
  if (value.is_discarded()) throw std::invalid_argument(std::string(what) + ": not valid JSON");
  if (!value.is_object()) throw std::invalid_argument(std::string(what) + ": not a JSON object");
  return value;
}

}  // namespace

std::string client_simulation_document(const std::string& scan_document, const std::string& options_json,
                                       const std::string& what_if, const std::vector<std::string>& client_ids,
                                       const std::atomic<bool>* cancel) {
  const assess::WhatIf changes = assess::parse_what_if(what_if);
  const auto clients = assess::client_profiles_by_id(client_ids);
  const probe::ScanOptions options =
      probe::options_from_json(options_json.empty() ? json::object() : parsed(options_json, "simulation options"));
  const model::EndpointResult scan =
      assess::endpoint_result_from_document(parsed(scan_document, "endpoint-scan document"));
  const probe::PlannedSimulation plan = probe::simulate_clients_after_scan(scan, clients, options, cancel);
  assess::ClientImpact impact = assess::client_impact_of_scan(scan, clients, changes);
  impact.outcomes = plan.result.outcomes;
  if (!impact.what_if_outcomes.empty()) {
    impact.breaks.clear();
    for (std::size_t i = 0; i < impact.outcomes.size() && i < impact.what_if_outcomes.size(); ++i) {
      if (impact.outcomes[i].status == model::ClientOutcomeStatus::connects &&
          impact.what_if_outcomes[i].status == model::ClientOutcomeStatus::fails)
        impact.breaks.push_back(impact.outcomes[i].client_id);
    }
  }
  json document = assess::client_impact_json(impact);
  document["simulation"] = {{"connections", plan.result.connections},
                            {"simulated", plan.simulated},
                            {"from_scan", plan.from_scan},
                            {"elapsed_ms", plan.result.elapsed_ms},
                            {"error", plan.result.error ? json(plan.result.error->message) : json(nullptr)}};
  return document.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace tlsready
