// The machine-reach document (native/schema/machine-reach.schema.json) and its summary line
// ("machine reach m365: 5 stacks reach, 3 do not, 0 unknown").
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "assess/machine_reach.h"

namespace tlsready::assess {

inline constexpr const char* kMachineReachSchemaVersion = "1.0";

nlohmann::json machine_reach_json(const MachineReach& reach);
std::string machine_reach_summary_line(const MachineReach& reach);

}  // namespace tlsready::assess
