#include "model/verdict_json.h"

#include <stdexcept>
#include <string>

#include "model/finding_json.h"

namespace tlsready::model {

namespace {
constexpr Readiness kAllReadiness[] = {Readiness::ready, Readiness::ready_with_warnings, Readiness::not_ready,
                                       Readiness::unknown};
}  // namespace

Readiness readiness_from_string(std::string_view text) {
  for (Readiness readiness : kAllReadiness)
    if (to_string(readiness) == text) return readiness;
  throw std::invalid_argument("verdict: readiness: unknown value '" + std::string(text) +
                              "' (ready, ready_with_warnings, not_ready, unknown)");
}

void to_json(nlohmann::json& j, const Verdict& value) {
  j = {{"schema_version", kVerdictSchemaVersion},
       {"document", "verdict"},
       {"policy", value.policy},
       {"policy_name", value.policy_name},
       {"subject", value.subject},
       {"readiness", to_string(value.readiness)},
       {"findings", value.findings},
       {"inconclusive", value.inconclusive}};
}

void from_json(const nlohmann::json& j, Verdict& value) {
  try {
    if (!j.is_object()) throw std::invalid_argument("not a JSON object");
    if (j.at("document").get<std::string>() != "verdict") throw std::invalid_argument("document: is not \"verdict\"");
    value.policy = j.at("policy").get<std::string>();
    value.policy_name = j.at("policy_name").get<std::string>();
    value.subject = j.at("subject").get<std::string>();
    value.readiness = readiness_from_string(j.at("readiness").get<std::string>());
    value.findings = j.at("findings").get<std::vector<Finding>>();
    value.inconclusive = j.at("inconclusive").get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception& error) {
    throw std::invalid_argument(std::string("verdict: ") + error.what());
  }
}

void to_json(nlohmann::json& j, const VerdictSummary& value) {
  nlohmann::json top = nlohmann::json::array();
  for (const SummaryFinding& finding : value.top_findings) {
    top.push_back({{"id", finding.id},
                   {"title", finding.title},
                   {"severity", to_string(finding.severity)},
                   {"endpoints", finding.endpoints},
                   {"subjects", finding.subjects}});
  }
  j = {{"schema_version", kVerdictSchemaVersion},
       {"document", "verdict_summary"},
       {"policies", value.policies},
       {"endpoints", value.endpoints},
       {"readiness",
        {{"ready", value.ready},
         {"ready_with_warnings", value.ready_with_warnings},
         {"not_ready", value.not_ready},
         {"unknown", value.unknown}}},
       {"top_findings", top}};
}

}  // namespace tlsready::model
