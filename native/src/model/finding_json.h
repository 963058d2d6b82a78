// The one JSON form of findings (to_json/from_json next to the type, as the model does), so a
// report collected elsewhere (a fleet's exports, a PowerShell run) can be read back, e.g. to
// generate its remediation.
#pragma once

#include <nlohmann/json.hpp>

#include "model/finding.h"

namespace tlsready::model {

Severity severity_from_string(std::string_view text);  // throws std::invalid_argument naming it

void to_json(nlohmann::json& j, const Evidence& value);
void from_json(const nlohmann::json& j, Evidence& value);
void to_json(nlohmann::json& j, const PriorValue& value);
void from_json(const nlohmann::json& j, PriorValue& value);
void to_json(nlohmann::json& j, const RegistryChange& value);
void from_json(const nlohmann::json& j, RegistryChange& value);
void to_json(nlohmann::json& j, const Finding& value);
void from_json(const nlohmann::json& j, Finding& value);

}  // namespace tlsready::model
