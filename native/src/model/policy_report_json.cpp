#include "model/policy_report_json.h"

#include "model/finding_json.h"

namespace tlsready::model {

SeverityCounts count_by_severity(const std::vector<Finding>& findings) {
  SeverityCounts counts;
  for (const Finding& finding : findings) ++counts.by_severity[static_cast<std::size_t>(finding.severity)];
  return counts;
}

void to_json(nlohmann::json& j, const SeverityCounts& value) {
  j = nlohmann::json::object();
  for (Severity severity : kAllSeverities) j[std::string(to_string(severity))] = value.count(severity);
}

void to_json(nlohmann::json& j, const PolicySource& value) {
  j = {{"type", to_string(value.type)}};
  if (value.type == PolicySource::Type::registry_export) j["paths"] = value.paths;
  if (value.root) j["root"] = *value.root;
}

void to_json(nlohmann::json& j, const PolicyReport& value) {
  auto section = [](const std::optional<nlohmann::json>& part) { return part ? *part : nlohmann::json(nullptr); };
  j = {{"schema_version", kPolicySchemaVersion},
       {"platform", to_string(value.platform)},
       {"source", value.source},
       {"windows", section(value.windows)},
       {"linux", section(value.linux_section)},
       {"summary", value.summary()},
       {"findings", value.findings}};
}

}  // namespace tlsready::model
