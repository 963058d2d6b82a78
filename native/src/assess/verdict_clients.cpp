#include "assess/verdict_clients.h"

#include <stdexcept>
#include <string>

#include "model/verdict_json.h"

namespace tlsready::assess {
namespace {

nlohmann::ordered_json ordered(const nlohmann::json& value) {
  return nlohmann::ordered_json::parse(value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

[[noreturn]] void reject(const std::string& message) {
  throw std::invalid_argument("client impact document: " + message);
}

// The fields every client outcome has (client-impact.schema.json $defs/client_outcome); the rest is
// the impact document's own business and copied as it is.
void check_outcome(const nlohmann::json& outcome, std::size_t index) {
  const std::string at = "outcomes[" + std::to_string(index) + "]";
  if (!outcome.is_object()) reject(at + ": not a JSON object");
  for (const char* key : {"client_id", "client_name", "status"}) {
    if (!outcome.contains(key)) reject(at + ": missing '" + key + "'");
    if (!outcome[key].is_string()) reject(at + "." + key + ": must be text");
  }
  const std::string status = outcome["status"].get<std::string>();
  if (status != "connects" && status != "fails" && status != "unknown")
    reject(at + ".status: unknown value '" + status + "' (connects, fails, unknown)");
}

}  // namespace

nlohmann::ordered_json verdict_with_clients_json(const model::Verdict& verdict, const nlohmann::json& client_impact) {
  if (!client_impact.is_object()) reject("not a JSON object");
  if (client_impact.value("document", "") != "client_impact")
    reject("document: is not \"client_impact\" (a tlsr_client_impact / client_impact() document)");
  if (!client_impact.contains("outcomes") || !client_impact["outcomes"].is_array())
    reject("'outcomes' must be an array");
  const nlohmann::json& outcomes = client_impact["outcomes"];
  for (std::size_t i = 0; i < outcomes.size(); ++i) check_outcome(outcomes[i], i);

  // The verdict's fields in the order its own document has them (nlohmann::json's, by key), then
  // "clients" last.
  const nlohmann::json plain = verdict;
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  for (const auto& [key, value] : plain.items()) out[key] = ordered(value);
  out["clients"] = ordered(outcomes);
  return out;
}

}  // namespace tlsready::assess
