// The local-policy report: one audit of one machine's TLS policy (a Windows registry or a
// Linux/Unix root), with its findings. Its one JSON form is model/policy_report_json.h (schema
// native/schema/local-policy.schema.json). The platform sections (what SCHANNEL, .NET, OpenSSL,
// GnuTLS, ... were found to allow) are typed in their policy rooms; the report carries them in
// their JSON form so the model depends on no policy room.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/finding.h"

namespace tlsready::model {

inline constexpr std::string_view kPolicySchemaVersion = "2.0";

enum class PolicyPlatform { windows, linux_unix };

// "windows", "linux": the report's `platform`.
constexpr std::string_view to_string(PolicyPlatform platform) {
  return platform == PolicyPlatform::windows ? "windows" : "linux";
}

// What was audited.
struct PolicySource {
  enum class Type { registry_export, live_registry, root };
  Type type = Type::root;
  std::vector<std::string> paths;   // registry_export: the files, layered in this order
  std::optional<std::string> root;  // root: the directory audited ("/" or a mounted image)
};

// "registry_export", "live_registry", "root".
constexpr std::string_view to_string(PolicySource::Type type) {
  switch (type) {
    case PolicySource::Type::registry_export: return "registry_export";
    case PolicySource::Type::live_registry: return "live_registry";
    case PolicySource::Type::root: return "root";
  }
  return "root";
}

// Findings per severity.
struct SeverityCounts {
  std::array<int, 5> by_severity{};  // indexed by the frozen Severity value

  int count(Severity severity) const { return by_severity[static_cast<std::size_t>(severity)]; }
};

SeverityCounts count_by_severity(const std::vector<Finding>& findings);

struct PolicyReport {
  PolicyPlatform platform = PolicyPlatform::linux_unix;
  PolicySource source;
  std::optional<nlohmann::json> windows;        // platform windows: the Windows section (policy/windows_audit_json.h)
  std::optional<nlohmann::json> linux_section;  // platform linux: the Linux section (policy/linux_audit_json.h)
  std::vector<Finding> findings;                // most severe first, then by id

  SeverityCounts summary() const { return count_by_severity(findings); }
};

}  // namespace tlsready::model
