#include "policy/finding_json.h"

#include <stdexcept>
#include <string>

namespace tlsready::policy {

Severity severity_from_string(std::string_view text) {
  for (Severity s : {Severity::info, Severity::low, Severity::medium, Severity::high, Severity::critical})
    if (to_string(s) == text) return s;
  throw std::invalid_argument("unknown severity '" + std::string(text) + "' (info, low, medium, high, critical)");
}

void to_json(nlohmann::json& j, const Evidence& value) {
  j = {{"location", value.location}, {"observed", value.observed}};
}

void from_json(const nlohmann::json& j, Evidence& value) {
  value.location = j.at("location").get<std::string>();
  value.observed = j.at("observed").get<std::string>();
}

void to_json(nlohmann::json& j, const RegistryChange& value) {
  j = {{"key", value.key}, {"value_name", value.value_name}, {"type", value.type}, {"data", value.data}};
}

void from_json(const nlohmann::json& j, RegistryChange& value) {
  value.key = j.at("key").get<std::string>();
  value.value_name = j.at("value_name").get<std::string>();
  value.type = j.at("type").get<std::string>();
  value.data = j.at("data").get<std::string>();
}

void to_json(nlohmann::json& j, const Finding& value) {
  j = {{"id", value.id},
       {"severity", to_string(value.severity)},
       {"title", value.title},
       {"evidence", value.evidence},
       {"why", value.why},
       {"fix", value.fix},
       {"registry_changes", value.registry_changes},
       {"references", value.references}};
}

void from_json(const nlohmann::json& j, Finding& value) {
  value.id = j.at("id").get<std::string>();
  value.severity = severity_from_string(j.at("severity").get<std::string>());
  value.title = j.at("title").get<std::string>();
  value.evidence = j.at("evidence").get<std::vector<Evidence>>();
  value.why = j.at("why").get<std::string>();
  value.fix = j.at("fix").get<std::string>();
  value.registry_changes = j.value("registry_changes", std::vector<RegistryChange>{});
  value.references = j.value("references", std::vector<std::string>{});
}

}  // namespace tlsready::policy
