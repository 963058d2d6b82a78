#include "policy/windows_report.h"

#include <stdexcept>
#include <utility>

#include "policy/windows/windows_audit.h"
#include "policy/windows_audit_json.h"

namespace tlsready::policy {

std::optional<windows::WindowsVersion> os_version_option(const std::string& os_version) {
  if (os_version.empty()) return std::nullopt;
  try {
    return windows::parse_windows_version(os_version);
  } catch (const windows::OsVersionError& error) {
    throw std::invalid_argument(error.what());  // names the version and lists the accepted forms
  }
}

model::PolicyReport windows_report(const winreg::Registry& registry, const std::optional<windows::WindowsVersion>& os,
                                   model::PolicySource source) {
  windows::WindowsAudit audit;
  try {
    audit = windows::audit_windows(registry, os);
  } catch (const windows::OsVersionError& error) {
    throw std::invalid_argument(error.what());  // says which key to add to the export or which option to pass
  }
  model::PolicyReport report;
  report.platform = model::PolicyPlatform::windows;
  report.source = std::move(source);
  report.windows = nlohmann::json(audit);
  report.findings = std::move(audit.findings);
  return report;
}

}  // namespace tlsready::policy
