#include "assess/machine_reach_json.h"

#include "common/hex.h"
#include "model/protocol_version.h"
#include "registry/cipher_suite_registry.h"
#include "registry/group_registry.h"

namespace tlsready::assess {
namespace {

using nlohmann::json;

json stack_json(const StackReach& stack) {
  const auto& outcome = stack.outcome;
  json versions = json::array();
  for (auto version : stack.client.versions) versions.push_back(std::string(model::display_name(version)));
  json reaches = outcome.status == model::ClientOutcomeStatus::connects ? json(true)
                 : outcome.status == model::ClientOutcomeStatus::fails  ? json(false)
                                                                        : json(nullptr);
  json suite = nullptr;
  if (outcome.cipher_suite)
    suite = {{"code", hex::code16(*outcome.cipher_suite)},
             {"name", registry::cipher_suite_name_or_hex(*outcome.cipher_suite)}};
  json group = nullptr;
  if (outcome.group) {
    const auto* found = registry::find_group(*outcome.group);
    group = {{"code", hex::code16(*outcome.group)}, {"name", found ? found->name : hex::code16(*outcome.group)}};
  }
  return {
      {"id", stack.client.profile.id},
      {"stack", stack.client.stack},
      {"name", stack.client.profile.name},
      {"reaches", reaches},
      {"status", std::string(model::to_string(outcome.status))},
      {"offered_versions", versions},
      {"version", outcome.version ? json(std::string(model::display_name(*outcome.version))) : json(nullptr)},
      {"cipher_suite", suite},
      {"group", group},
      {"reason", outcome.reason == model::ClientFailure::none ? json(nullptr)
                                                              : json(std::string(model::to_string(outcome.reason)))},
      {"detail", outcome.detail},
      {"evidence", stack.client.evidence},
      {"fix", stack.fix ? json(*stack.fix) : json(nullptr)},
      {"base_profile", stack.base ? json(*stack.base) : json(nullptr)},
      {"synthetic", stack.client.profile.synthetic}};
}

}  // namespace

std::string machine_reach_summary_line(const MachineReach& reach) {
  auto plural = [](int n) { return std::to_string(n) + (n == 1 ? " stack" : " stacks"); };
  return "machine reach " + reach.policy_id + ": " + plural(reach.reach) + " reach, " + std::to_string(reach.fail) +
         (reach.fail == 1 ? " does not" : " do not") + ", " + std::to_string(reach.unknown) + " unknown";
}

json machine_reach_json(const MachineReach& reach) {
  json stacks = json::array();
  for (const auto& stack : reach.stacks) stacks.push_back(stack_json(stack));
  return {{"schema_version", kMachineReachSchemaVersion},
          {"policy", {{"id", reach.policy_id}, {"name", reach.policy_name}, {"origin", reach.policy_origin}}},
          {"server", reach.server},
          {"platform", std::string(model::to_string(reach.platform))},
          {"stacks", stacks},
          {"summary",
           {{"stacks", static_cast<int>(reach.stacks.size())},
            {"reach", reach.reach},
            {"fail", reach.fail},
            {"unknown", reach.unknown},
            {"all_reach", reach.fail == 0 && reach.unknown == 0 && !reach.stacks.empty()},
            {"line", machine_reach_summary_line(reach)}}}};
}

}  // namespace tlsready::assess
