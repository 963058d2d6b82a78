// The JSON form of a Windows audit (part of the local-policy report, schema
// native/schema/local-policy.schema.json).
#pragma once

#include <nlohmann/json.hpp>

#include "policy/windows/windows_audit.h"

namespace tlsready::policy::windows {

void to_json(nlohmann::json& j, const WindowsVersion& value);
void to_json(nlohmann::json& j, const WindowsAudit& value);

}  // namespace tlsready::policy::windows
