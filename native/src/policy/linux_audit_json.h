// The JSON form of a Linux audit (part of the local-policy report).
#pragma once

#include <nlohmann/json.hpp>

#include "policy/linux/linux_audit.h"

namespace tlsready::policy::linux {

void to_json(nlohmann::json& j, const OpenSslDefaults& value);
void to_json(nlohmann::json& j, const LinuxAudit& value);

}  // namespace tlsready::policy::linux
