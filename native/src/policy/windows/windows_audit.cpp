// The Windows audit: reads the state, runs the rule files (windows_rules.h) and orders their findings.
#include "policy/windows/windows_audit.h"

#include <algorithm>

#include "policy/windows/windows_rules.h"

namespace tlsready::policy::windows {

namespace {

void run_rules(const winreg::Registry& registry, WindowsAudit& audit) {
  std::vector<Finding> findings;
  rules::FindingSink sink(findings);
  const rules::RuleContext context{registry, audit, sink};
  rules::schannel_protocol_findings(context);
  rules::exchange_findings(context);
  rules::schannel_algorithm_findings(context);
  rules::cipher_suite_order_findings(context);
  rules::dotnet_findings(context);
  rules::winhttp_findings(context);
  rules::wininet_findings(context);
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return static_cast<int>(a.severity) > static_cast<int>(b.severity);
    return a.id < b.id;
  });
  audit.findings = std::move(findings);
}

}  // namespace

// The value each change will overwrite, for the undo file (remediation_undo_reg). A key missing
// from the registry counts as absent only when an ancestor is present: `reg export` writes a key
// with all its subkeys, so under an exported key every existing key appears. Without an exported
// ancestor the export simply does not cover it, and the state stays unknown.
void record_prior_values(const winreg::Registry& registry, std::vector<Finding>& findings) {
  for (Finding& finding : findings) {
    for (RegistryChange& change : finding.registry_changes) {
      PriorValue& before = change.before;
      if (registry.find_key(change.key) != nullptr) {
        const winreg::Value* value = registry.find_value(change.key, change.value_name);
        if (value == nullptr) {
          before.state = PriorValue::State::value_absent;
        } else {
          before.state = PriorValue::State::present;
          before.type_code = static_cast<uint32_t>(value->type);
          before.data = value->data;
        }
        continue;
      }
      before.state = PriorValue::State::unknown;
      std::string ancestor = winreg::Registry::normalize(change.key);
      for (size_t slash = ancestor.rfind('\\'); slash != std::string::npos; slash = ancestor.rfind('\\')) {
        ancestor.resize(slash);
        if (registry.find_key(ancestor) != nullptr) {
          before.state = PriorValue::State::key_absent;
          break;
        }
      }
    }
  }
}

const Finding* WindowsAudit::find(std::string_view id) const {
  for (const Finding& finding : findings) {
    if (finding.id == id) return &finding;
  }
  return nullptr;
}

WindowsAudit audit_windows(const winreg::Registry& registry, std::optional<WindowsVersion> os_override) {
  WindowsAudit audit;
  audit.os = os_override ? *os_override : windows_version_from_registry(registry);
  audit.exchange_installed = registry.find_key(std::string(kExchangeSetupKey)) != nullptr;
  audit.schannel = read_schannel_state(registry, audit.os);
  audit.dotnet = read_dotnet_state(registry, audit.schannel);
  audit.winhttp = read_winhttp_state(registry, audit.os, audit.schannel, audit.dotnet.wow64_present);
  audit.wininet = read_wininet_state(registry, audit.os, audit.schannel);
  run_rules(registry, audit);
  record_prior_values(registry, audit.findings);
  return audit;
}

}  // namespace tlsready::policy::windows
