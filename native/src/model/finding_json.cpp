#include "model/finding_json.h"

#include <stdexcept>
#include <string>
#include <utility>

#include "common/hex.h"

namespace tlsready::model {

Severity severity_from_string(std::string_view text) {
  for (Severity s : kAllSeverities)
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

namespace {

constexpr std::pair<PriorValue::State, const char*> kPriorStates[] = {
    {PriorValue::State::unknown, "unknown"},
    {PriorValue::State::key_absent, "key_absent"},
    {PriorValue::State::value_absent, "value_absent"},
    {PriorValue::State::present, "present"},
};

std::string to_hex(const std::vector<uint8_t>& bytes) { return hex::bytes(bytes); }

std::vector<uint8_t> from_hex(const std::string& text) {
  auto nibble = [&](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw std::invalid_argument("before.data_hex: not a hex digit in '" + text.substr(0, 40) + "'");
  };
  if (text.size() % 2) throw std::invalid_argument("before.data_hex: odd number of hex digits");
  std::vector<uint8_t> out;
  for (size_t i = 0; i < text.size(); i += 2)
    out.push_back(static_cast<uint8_t>(nibble(text[i]) << 4 | nibble(text[i + 1])));
  return out;
}

}  // namespace

void to_json(nlohmann::json& j, const PriorValue& value) {
  const char* state = "unknown";
  for (const auto& [s, name] : kPriorStates)
    if (s == value.state) state = name;
  j = {{"state", state}};
  if (value.state == PriorValue::State::present) {
    j["type_code"] = value.type_code;
    j["data_hex"] = to_hex(value.data);
  }
}

void from_json(const nlohmann::json& j, PriorValue& value) {
  const std::string state = j.at("state").get<std::string>();
  bool known = false;
  for (const auto& [s, name] : kPriorStates) {
    if (state == name) value.state = s, known = true;
  }
  if (!known) throw std::invalid_argument("unknown before.state '" + state + "'");
  if (value.state == PriorValue::State::present) {
    value.type_code = j.at("type_code").get<uint32_t>();
    value.data = from_hex(j.at("data_hex").get<std::string>());
  }
}

void to_json(nlohmann::json& j, const RegistryChange& value) {
  j = {{"key", value.key},
       {"value_name", value.value_name},
       {"type", value.type},
       {"data", value.data},
       {"before", value.before}};
}

void from_json(const nlohmann::json& j, RegistryChange& value) {
  value.key = j.at("key").get<std::string>();
  value.value_name = j.at("value_name").get<std::string>();
  value.type = j.at("type").get<std::string>();
  value.data = j.at("data").get<std::string>();
  value.before = j.contains("before") ? j.at("before").get<PriorValue>() : PriorValue{};
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

}  // namespace tlsready::model
