// The one JSON form of a verdict and of a verdict summary (schema: native/schema/verdict.schema.json,
// which describes both documents). from_json is strict: a missing field, a wrong type or an unknown
// readiness throws std::invalid_argument naming the field.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "model/verdict.h"
#include "model/verdict_summary.h"

namespace tlsready::model {

inline constexpr const char* kVerdictSchemaVersion = "1.0";

Readiness readiness_from_string(std::string_view text);  // throws std::invalid_argument naming it

void to_json(nlohmann::json& j, const Verdict& value);
void from_json(const nlohmann::json& j, Verdict& value);
void to_json(nlohmann::json& j, const VerdictSummary& value);

}  // namespace tlsready::model
