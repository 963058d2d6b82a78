// "Will this machine's clients still reach Microsoft 365": each TLS stack of an audited machine
// (assess/machine_clients.h) forecast (assess/client_forecast.h) against the server side of a policy
// (policy.schema.json server_side, e.g. native/data/policies/m365.json). Per stack: whether it
// reaches (connects / fails / unknown), the version and suite it would negotiate, the client rule
// that fails, the settings that decided it, and the fix an administrator applies
// (native/data/machine_reach/fixes.csv, first matching stack pattern).
//
// Bases: the catalogue profile (native/data/clients/client_profiles.csv) whose suites the stack
// offers where the report names none: the SCHANNEL of the Windows family the report found
// (os.family: win7_2008r2 -> schannel-win7, win8_2012 / win81_2012r2 -> ie-11-win8.1, a SCHANNEL
// capture, win10_2016_2019 -> schannel-win10, server2022 / win11 / server2025 -> schannel-win11) and,
// per JDK, the Java of that major (6 -> java-6u45, 7 -> java-7u25, 8 -> java-8u161, 9-16 -> java-11.0.2,
// 17 and later -> java-17). Unknown versions: the stand-in lists of machine_clients.
// Version gaps (a stack offering TLS 1.0 and 1.2 without 1.1): the server is judged on the versions
// the stack offers only, as its supported_versions / fallback would.
// Errors: a policy without server_side, or a report document that is not a local-policy report, is
// a MachineReachError naming it. Thread-safe: no state but the fix table parsed once.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "assess/machine_clients.h"
#include "assess/policy.h"
#include "model/client_outcome.h"
#include "model/policy_report.h"
#include "model/server_profile.h"

namespace tlsready::assess {

class MachineReachError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

struct StackReach {
  MachineClient client;
  model::ClientOutcome outcome;     // forecast of client.profile against the policy's server side
  std::optional<std::string> base;  // catalogue profile id the suites came from (nullopt: report or stand-ins)
  std::optional<std::string> fix;   // when it fails: what to change
};

struct MachineReach {
  std::string policy_id, policy_name, policy_origin;
  std::string server;  // the server side's description
  model::PolicyPlatform platform = model::PolicyPlatform::linux_unix;
  std::vector<StackReach> stacks;
  int reach = 0, fail = 0, unknown = 0;
};

// The server side of a policy as the forecast's ServerProfile (MachineReachError without one).
model::ServerProfile policy_server_profile(const Policy& policy);

// The catalogue bases for this report (its Windows family; Java: the first JDK's major).
MachineClientBases machine_client_bases(const model::PolicyReport& report);

MachineReach machine_reach(const model::PolicyReport& report, const Policy& policy);

// A local-policy report document (native/schema/local-policy.schema.json) back into the parts
// machine_clients reads (platform and its section). MachineReachError names what is wrong.
model::PolicyReport policy_report_from_json(const nlohmann::json& document);

// The fix for a stack id from the table ("" when no row matches).
std::string machine_reach_fix(const std::string& stack_id);

}  // namespace tlsready::assess
