// The Windows half of the policy API (policy_audit.h), shared by the registry-export audit and
// the live-registry audit: one parse of the user's OS-version option and one assembly of the
// typed report, whichever way the registry was read.
#pragma once

#include <optional>
#include <string>

#include "model/policy_report.h"
#include "policy/windows/os_version.h"
#include "winreg/registry_model.h"

namespace tlsready::policy {

// The OS version the user gave ("" = read it from the registry); std::invalid_argument naming the
// version and the accepted forms when it is not one.
std::optional<windows::WindowsVersion> os_version_option(const std::string& os_version);

// The audit of `registry` as a report from `source`; std::invalid_argument saying which key to add
// or which option to pass when the OS version is neither given nor in the registry.
model::PolicyReport windows_report(const winreg::Registry& registry, const std::optional<windows::WindowsVersion>& os,
                                   model::PolicySource source);

}  // namespace tlsready::policy
