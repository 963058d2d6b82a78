// JSON forms of the client-impact documents (native/schema/client-impact.schema.json,
// schema_version "1.0"): "client_impact" (one endpoint), "client_impact_summary" (many endpoints:
// which clients fail or break where) and "client_profiles" (the built-in profiles).
#pragma once

#include <nlohmann/json.hpp>

#include <vector>

#include "assess/client_impact.h"
#include "model/client_outcome.h"
#include "model/client_profile.h"

namespace tlsready::assess {

inline constexpr const char* kClientImpactSchemaVersion = "1.0";

nlohmann::json client_outcome_json(const model::ClientOutcome& outcome);
nlohmann::json client_profile_json(const model::ClientProfile& profile);
nlohmann::json client_impact_json(const ClientImpact& impact);
nlohmann::json client_impact_summary_json(const std::vector<ClientImpact>& impacts);
nlohmann::json client_profiles_json(const std::vector<model::ClientProfile>& profiles);

}  // namespace tlsready::assess
