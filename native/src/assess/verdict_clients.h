// A verdict's clients section (native/schema/verdict.schema.json, "clients"): the client outcomes of
// a client_impact document (native/schema/client-impact.schema.json, forecast or simulated) placed
// after the verdict's own fields, so that a verdict with clients reads as the verdict without them
// followed by "clients" (the document Python's verdict(..., clients=True) wrote before the core did).
// Pure functions: no I/O; thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "model/verdict.h"

namespace tlsready::assess {

// The verdict document (model/verdict_json.h's form, keys in its order) with "clients": the
// "outcomes" of `client_impact`, as they are in it (each outcome's "source" kept when simulated).
// Throws std::invalid_argument naming the field when `client_impact` is not a client_impact
// document ("client impact document: outcomes[3]: missing 'client_id'").
nlohmann::ordered_json verdict_with_clients_json(const model::Verdict& verdict, const nlohmann::json& client_impact);

}  // namespace tlsready::assess
