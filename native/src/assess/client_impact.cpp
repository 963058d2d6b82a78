#include "assess/client_impact.h"

#include <algorithm>

#include "assess/client_forecast.h"
#include "assess/server_profile_from_scan.h"
#include "common/failure.h"

namespace tlsready::assess {

ClientImpact client_impact(const model::ServerProfile& server, const std::vector<model::ClientProfile>& clients,
                           const WhatIf& what_if, const std::string& endpoint) {
  ClientImpact impact;
  impact.endpoint = endpoint.empty() ? server.description : endpoint;
  impact.server = server.description;
  impact.what_if = what_if.changes;
  impact.outcomes = forecast_all(clients, server);
  if (what_if.empty()) return impact;
  impact.what_if_outcomes = forecast_all(clients, apply_what_if(server, what_if));
  for (std::size_t i = 0; i < impact.outcomes.size(); ++i) {
    if (impact.outcomes[i].status == model::ClientOutcomeStatus::connects &&
        impact.what_if_outcomes[i].status == model::ClientOutcomeStatus::fails)
      impact.breaks.push_back(impact.outcomes[i].client_id);
  }
  return impact;
}

ClientImpact unscannable_impact(const std::string& endpoint, const std::string& error_kind, const std::string& message,
                                const std::vector<model::ClientProfile>& clients, const WhatIf& what_if) {
  ClientImpact impact;
  impact.endpoint = endpoint;
  impact.server = endpoint;
  impact.what_if = what_if.changes;
  impact.scan_error = error_kind + ": " + message;
  for (const auto& client : clients) {
    model::ClientOutcome outcome;
    outcome.client_id = client.id;
    outcome.client_name = client.name;
    outcome.method = "forecast";
    outcome.detail = "the endpoint could not be scanned (" + error_kind + ")";
    impact.outcomes.push_back(outcome);
    if (!what_if.empty()) impact.what_if_outcomes.push_back(outcome);
  }
  return impact;
}

ClientImpact client_impact_of_scan(const model::EndpointResult& result,
                                   const std::vector<model::ClientProfile>& clients, const WhatIf& what_if) {
  const std::string endpoint = result.target.host + ":" + std::to_string(result.target.port);
  const bool any_accepted = std::any_of(result.protocols.begin(), result.protocols.end(),
                                        [](const model::ProtocolResult& protocol) { return protocol.accepted; });
  if (result.error && !any_accepted)
    return unscannable_impact(endpoint, std::string(to_string(result.error->kind)), result.error->message, clients,
                              what_if);
  return client_impact(server_profile_from_scan(result), clients, what_if, endpoint);
}

}  // namespace tlsready::assess
