// The Windows policy audit over the live registry (policy_audit.h: audit_live_registry).
#include <stdexcept>

#include "policy/finding_json.h"
#include "policy/policy_audit.h"
#include "policy/windows/os_version.h"
#include "policy/windows/windows_audit.h"
#include "policy/windows_audit_json.h"
#include "winreg/live_registry.h"

namespace tlsready::policy {

const std::vector<std::string>& live_registry_roots() {
  // Every key policy/windows/*_state.cpp and os_version.cpp read, both registry views where the
  // audit compares them (the 32-bit view is stored under WOW6432Node, as `reg export` shows it).
  static const std::vector<std::string> roots = {
      R"(HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL)",
      R"(HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\Cryptography\Configuration\Local\SSL)",
      R"(HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Cryptography\Configuration\SSL)",
      R"(HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\.NETFramework)",
      R"(HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\Microsoft\.NETFramework)",
      R"(HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings)",
      R"(HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Internet Settings)",
      R"(HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows\CurrentVersion\Internet Settings)",
      R"(HKEY_CURRENT_USER\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings)",
      R"(HKEY_CURRENT_USER\SOFTWARE\Policies\Microsoft\Windows\CurrentVersion\Internet Settings)",
      R"(HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\ExchangeServer\v15\Setup)",
      R"(HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion)",
  };
  return roots;
}

nlohmann::json audit_live_registry(const std::string& os_version) {
  std::optional<windows::WindowsVersion> os;
  if (!os_version.empty()) {
    try {
      os = windows::parse_windows_version(os_version);
    } catch (const windows::OsVersionError& error) {
      throw std::invalid_argument(error.what());
    }
  }
  winreg::Registry registry;
  if (auto error = winreg::read_live_registry(live_registry_roots(), registry)) {
    throw std::invalid_argument(error->message);
  }
  windows::WindowsAudit audit;
  try {
    audit = windows::audit_windows(registry, os);
  } catch (const windows::OsVersionError& error) {
    throw std::invalid_argument(error.what());
  }
  nlohmann::json summary = {{"critical", 0}, {"high", 0}, {"medium", 0}, {"low", 0}, {"info", 0}};
  for (const auto& finding : audit.findings) {
    auto& count = summary[std::string(to_string(finding.severity))];
    count = count.get<int>() + 1;
  }
  return {{"schema_version", kPolicySchemaVersion},
          {"platform", "windows"},
          {"source", {{"type", "live_registry"}}},
          {"windows", audit},
          {"linux", nullptr},
          {"summary", summary},
          {"findings", audit.findings}};
}

}  // namespace tlsready::policy
