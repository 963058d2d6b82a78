// tlsready's public machine-reach function (native/include/tlsready/machine_reach.hpp) over the
// assess room.
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "assess/machine_reach.h"
#include "assess/machine_reach_json.h"
#include "assess/policy_file.h"
#include "tlsready/machine_reach.hpp"

namespace tlsready {

std::string machine_reach_schema_version() { return assess::kMachineReachSchemaVersion; }

std::string machine_reach(const std::string& report_json, const std::string& policy) {
  const nlohmann::json document = nlohmann::json::parse(report_json, nullptr, false);
  if (document.is_discarded()) throw std::invalid_argument("local-policy report: not valid JSON");
  const model::PolicyReport report = assess::policy_report_from_json(document);
  const assess::Policy resolved = assess::resolve_policy(policy);  // PolicyError names the policy
  return assess::machine_reach_json(assess::machine_reach(report, resolved))
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace tlsready
