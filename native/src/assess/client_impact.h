// Client impact of one endpoint: every profile's forecast as the server is and, with a what-if,
// after the change, and which clients would break (connect now, fail after). Across endpoints: a
// summary of which clients fail or break where. JSON forms in client_impact_json.h
// (native/schema/client-impact.schema.json).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "assess/client_what_if.h"
#include "model/client_outcome.h"
#include "model/client_profile.h"
#include "model/scan_result.h"
#include "model/server_profile.h"

namespace tlsready::assess {

struct ClientImpact {
  std::string endpoint;                                // "host:port"
  std::string server;                                  // the ServerProfile's description
  std::optional<std::string> scan_error;               // the scan did not finish: outcomes are unknown
  std::vector<std::string> what_if;                    // the changes; empty: none asked
  std::vector<model::ClientOutcome> outcomes;          // the server as scanned
  std::vector<model::ClientOutcome> what_if_outcomes;  // after the changes (empty without a what-if)
  std::vector<std::string> breaks;                     // client ids: connect now, fail after
};

ClientImpact client_impact(const model::ServerProfile& server, const std::vector<model::ClientProfile>& clients,
                           const WhatIf& what_if, const std::string& endpoint = {});

// From a scan: an endpoint that could not be scanned (error, nothing accepted) gives `unknown`
// for every client; one with an error after some versions were found is forecast from those.
ClientImpact client_impact_of_scan(const model::EndpointResult& result,
                                   const std::vector<model::ClientProfile>& clients, const WhatIf& what_if);

// Every client `unknown`: the endpoint could not be scanned (`error_kind`: the scan's error kind).
ClientImpact unscannable_impact(const std::string& endpoint, const std::string& error_kind, const std::string& message,
                                const std::vector<model::ClientProfile>& clients, const WhatIf& what_if);

}  // namespace tlsready::assess
