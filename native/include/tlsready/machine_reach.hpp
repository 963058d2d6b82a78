// The public C++ face of "will this machine's clients still reach Microsoft 365": a local-policy
// report document (native/schema/local-policy.schema.json, what audit_registry_files /
// audit_linux_root return) judged against the server side of a policy (a built-in id such as
// "m365", a policy file path, or an inline policy document) gives a machine-reach document
// (native/schema/machine-reach.schema.json). No network.
//
// Errors: std::invalid_argument naming the input: the report ("local-policy report: not valid
// JSON"), the policy ("unknown policy 'm366' ...", "policy 'pci-dss' (built-in) has no server_side").
// Thread-safety: any thread, any time; calls share no state.
#pragma once

#include <string>

namespace tlsready {

// The schema_version of the machine-reach document ("1.0").
std::string machine_reach_schema_version();

// The machine-reach document (JSON text).
std::string machine_reach(const std::string& report_json, const std::string& policy);

}  // namespace tlsready
