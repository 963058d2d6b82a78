// A saved endpoint-scan document (one line of `tlsready scan --json`) read back into the model with
// the registry's group names, so that verdicts can be computed offline. Throws std::invalid_argument
// naming the field (model/scan_result_json.h). Thread-safe.
#pragma once

#include <nlohmann/json.hpp>

#include "model/scan_result.h"

namespace tlsready::assess {

model::EndpointResult endpoint_result_from_document(const nlohmann::json& document);

}  // namespace tlsready::assess
