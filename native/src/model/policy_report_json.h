// The one JSON form of the local-policy report (schema native/schema/local-policy.schema.json,
// schema_version kPolicySchemaVersion).
#pragma once

#include <nlohmann/json.hpp>

#include "model/policy_report.h"

namespace tlsready::model {

void to_json(nlohmann::json& j, const SeverityCounts& value);
void to_json(nlohmann::json& j, const PolicySource& value);
void to_json(nlohmann::json& j, const PolicyReport& value);

}  // namespace tlsready::model
