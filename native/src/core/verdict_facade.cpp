// tlsready's public verdict functions (native/include/tlsready/verdict.hpp) over the assess room.
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "assess/policy_file.h"
#include "assess/scan_document.h"
#include "assess/verdict.h"
#include "assess/verdict_clients.h"
#include "assess/verdict_summary.h"
#include "model/verdict_json.h"
#include "tlsready/clients.hpp"
#include "tlsready/simulation.hpp"
#include "tlsready/verdict.hpp"

namespace tlsready {
namespace {

std::string dumped(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string dumped(const nlohmann::ordered_json& value) {
  return value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

nlohmann::json parsed(const std::string& text, const std::string& what) {
  nlohmann::json document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded()) throw std::invalid_argument(what + ": not valid JSON");
  return document;
}

model::Verdict judged(const std::string& scan_document_json, const assess::Policy& policy, const std::string& what) {
  try {
    const model::EndpointResult result = assess::endpoint_result_from_document(parsed(scan_document_json, what));
    return assess::judge(result, policy);
  } catch (const std::invalid_argument& error) {
    const std::string message = error.what();
    if (message.rfind(what, 0) == 0) throw;
    throw std::invalid_argument(what + ": " + message);
  }
}

nlohmann::json source_json(const assess::PolicySource& source) {
  nlohmann::json j = {{"title", source.title}, {"url", source.url}};
  if (!source.section.empty()) j["section"] = source.section;
  if (!source.version.empty()) j["version"] = source.version;
  return j;
}

}  // namespace

std::string verdict_schema_version() { return model::kVerdictSchemaVersion; }

std::string verdict(const std::string& scan_document_json, const std::string& policy) {
  return dumped(nlohmann::json(judged(scan_document_json, assess::resolve_policy(policy), "scan document")));
}

std::string verdict(const std::string& scan_document_json, const std::string& policy, const VerdictClients& clients,
                    const std::atomic<bool>* cancel) {
  if (!clients.simulate && !clients.simulation_options_json.empty())
    throw std::invalid_argument("simulation options: given without simulate (a forecast makes no connection)");
  const model::Verdict judged_verdict = judged(scan_document_json, assess::resolve_policy(policy), "scan document");
  // The outcomes of the very document tlsready/clients.hpp (or simulation.hpp) gives for this scan,
  // so a verdict's clients and the endpoint's client impact never disagree.
  const std::string impact = clients.simulate
                                 ? client_simulation_document(scan_document_json, clients.simulation_options_json,
                                                              clients.what_if, clients.client_ids, cancel)
                                 : client_impact_document(scan_document_json, clients.what_if, clients.client_ids);
  return dumped(assess::verdict_with_clients_json(judged_verdict, parsed(impact, "client impact document")));
}

std::string verdict_with_clients(const std::string& verdict_json, const std::string& client_impact_json) {
  model::Verdict item;
  try {
    item = parsed(verdict_json, "verdict").get<model::Verdict>();
  } catch (const std::invalid_argument& error) {
    const std::string message = error.what();
    throw std::invalid_argument(message.rfind("verdict", 0) == 0 ? message : "verdict: " + message);
  }
  return dumped(assess::verdict_with_clients_json(item, parsed(client_impact_json, "client impact document")));
}

std::vector<std::string> verdicts(const std::vector<std::string>& scan_documents_json, const std::string& policy) {
  const assess::Policy resolved = assess::resolve_policy(policy);
  std::vector<std::string> out;
  out.reserve(scan_documents_json.size());
  for (size_t i = 0; i < scan_documents_json.size(); ++i)
    out.push_back(
        dumped(nlohmann::json(judged(scan_documents_json[i], resolved, "scan document " + std::to_string(i + 1)))));
  return out;
}

std::string verdict_summary(const std::string& verdicts_json) {
  const nlohmann::json documents = parsed(verdicts_json, "verdicts");
  if (!documents.is_array()) throw std::invalid_argument("verdicts: must be a JSON array of verdict documents");
  std::vector<model::Verdict> list;
  for (size_t i = 0; i < documents.size(); ++i) {
    try {
      list.push_back(documents[i].get<model::Verdict>());
    } catch (const std::invalid_argument& error) {
      throw std::invalid_argument("verdicts[" + std::to_string(i) + "]: " + error.what());
    }
  }
  return dumped(nlohmann::json(assess::summarize(list)));
}

std::string policy_list() {
  nlohmann::json list = nlohmann::json::array();
  for (const assess::Policy& policy : assess::builtin_policies()) {
    nlohmann::json sources = nlohmann::json::array();
    for (const auto& source : policy.sources) sources.push_back(source_json(source));
    nlohmann::json milestones = nlohmann::json::array();
    for (const auto& milestone : policy.milestones)
      milestones.push_back({{"date", milestone.date}, {"event", milestone.event}});
    list.push_back({{"id", policy.id},
                    {"name", policy.name},
                    {"description", policy.description},
                    {"sources", sources},
                    {"milestones", milestones}});
  }
  return dumped(list);
}

std::string policy_document(const std::string& policy) {
  const assess::Policy resolved = assess::resolve_policy(policy);  // validates, names the problem
  if (resolved.origin == "built-in") return std::string(assess::builtin_policy_document(resolved.id));
  if (resolved.origin == "policy document") return dumped(parsed(policy, "policy document"));
  std::ifstream file(resolved.origin, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return dumped(parsed(text.str(), resolved.origin));
}

}  // namespace tlsready
