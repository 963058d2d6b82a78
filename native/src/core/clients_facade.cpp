// tlsready/clients.hpp over the assess room's forecast. The endpoint-scan document is read here,
// only the fields the forecast needs (versions, suites, server order, groups, DH size, leaf
// certificate, intolerances, SNI, error), each checked for its type; the strict reader of the whole
// document is model/scan_result_json's.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

#include "assess/client_impact.h"
#include "assess/client_impact_json.h"
#include "assess/client_profiles.h"
#include "assess/client_what_if.h"
#include "model/scan_result.h"
#include "registry/group_registry.h"
#include "tlsready/clients.hpp"

namespace tlsready {
namespace {

using nlohmann::json;

[[noreturn]] void reject(const std::string& where, const std::string& message) {
  throw std::invalid_argument("endpoint-scan document" + where + ": " + message);
}

uint16_t code_of(const json& value, const std::string& where) {
  if (!value.is_string()) reject(where, "expected a \"0xXXXX\" code");
  const std::string text = value.get<std::string>();
  if (text.size() != 6 || text.rfind("0x", 0) != 0) reject(where, R"(expected a "0xXXXX" code, got ")" + text + "\"");
  try {
    return static_cast<uint16_t>(std::stoul(text.substr(2), nullptr, 16));
  } catch (const std::exception&) {
    reject(where, R"(expected a "0xXXXX" code, got ")" + text + "\"");
  }
}

const json& member(const json& object, const char* key, const std::string& where) {
  if (!object.is_object() || !object.contains(key)) reject(where, std::string("missing '") + key + "'");
  return object[key];
}

std::optional<int> optional_int(const json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_number_integer()) return std::nullopt;
  return object[key].get<int>();
}

// A suite entry is {"code": ...} in the document; a bare code is accepted too.
uint16_t entry_code(const json& entry, const std::string& where) {
  return entry.is_object() ? code_of(member(entry, "code", where), where + ".code") : code_of(entry, where);
}

// A group is its IANA name in the document ("x25519"), or its hex code when the registry has none.
uint16_t group_code(const json& entry, const std::string& where) {
  if (entry.is_string() && entry.get<std::string>().rfind("0x", 0) != 0) {
    if (const auto* group = registry::find_group_by_name(entry.get<std::string>())) return group->code;
    reject(where, "unknown group \"" + entry.get<std::string>() + "\"");
  }
  return entry_code(entry, where);
}

struct ScanFacts {
  model::EndpointResult result;
  std::optional<std::string> error_kind;
  std::string error_message;
};

ScanFacts read_scan(const std::string& text, std::size_t index) {
  const std::string at = index == 0 ? "" : " " + std::to_string(index);
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) reject(at, "not valid JSON");
  if (!doc.is_object()) reject(at, "not a JSON object");
  const json& version = member(doc, "schema_version", at);
  if (!version.is_string() || version.get<std::string>().rfind("2.", 0) != 0)
    reject(at, "schema_version " + version.dump() + " is not an endpoint-scan 2.x document");
  ScanFacts facts;
  model::EndpointResult& result = facts.result;
  const json& target = member(doc, "target", at);
  const json& host = member(target, "host", at + " target");
  const json& port = member(target, "port", at + " target");
  if (!host.is_string() || !port.is_number_integer()) reject(at + " target", "host must be text and port a number");
  result.target.host = host.get<std::string>();
  result.target.port = port.get<uint16_t>();
  if (target.contains("sni") && target["sni"].is_string()) result.target.sni = target["sni"].get<std::string>();
  if (doc.contains("started_at") && doc["started_at"].is_string()) result.started_at = doc["started_at"];
  // The scan's SNI fact (absent in documents written before it): a server that refuses hellos
  // without server_name fails the clients that send none.
  if (doc.contains("sni") && doc["sni"].is_object() && doc["sni"].contains("required") &&
      doc["sni"]["required"].is_boolean())
    result.sni.required = doc["sni"]["required"].get<bool>();
  if (doc.contains("error") && doc["error"].is_object()) {
    facts.error_kind = doc["error"].value("kind", "internal");
    facts.error_message = doc["error"].value("message", "");
  }
  const json& protocols = member(doc, "protocols", at);
  if (!protocols.is_array()) reject(at, "'protocols' must be an array");
  for (std::size_t i = 0; i < protocols.size(); ++i) {
    const json& p = protocols[i];
    const std::string where = at + " protocols[" + std::to_string(i) + "]";
    model::ProtocolResult protocol;
    protocol.version = code_of(member(p, "code", where), where + ".code");
    const json& accepted = member(p, "accepted", where);
    if (!accepted.is_boolean()) reject(where, "'accepted' must be true or false");
    protocol.accepted = accepted.get<bool>();
    if (p.contains("cipher_suites") && p["cipher_suites"].is_array()) {
      for (const json& suite : p["cipher_suites"])
        protocol.cipher_suites.push_back(entry_code(suite, where + ".cipher_suites"));
    }
    if (p.contains("server_preference") && p["server_preference"].is_boolean())
      protocol.server_preference = p["server_preference"].get<bool>();
    if (p.contains("preference_order") && p["preference_order"].is_array()) {
      for (const json& suite : p["preference_order"])
        protocol.preference_order.push_back(entry_code(suite, where + ".preference_order"));
    }
    if (p.contains("groups") && p["groups"].is_array()) {
      for (const json& group : p["groups"]) protocol.groups.push_back(group_code(group, where + ".groups"));
    }
    protocol.dh_bits = optional_int(p, "dh_bits");
    if (p.contains("dhe_needs_ffdhe") && p["dhe_needs_ffdhe"].is_boolean())
      protocol.dhe_needs_ffdhe = p["dhe_needs_ffdhe"].get<bool>();
    result.protocols.push_back(std::move(protocol));
  }
  if (doc.contains("checks") && doc["checks"].is_object() && doc["checks"].contains("groups") &&
      doc["checks"]["groups"].is_object() && doc["checks"]["groups"].value("status", "") == "completed")
    result.checks.groups = model::CheckOutcome::completed();
  if (doc.contains("certificate") && doc["certificate"].is_object() && doc["certificate"].contains("chain") &&
      doc["certificate"]["chain"].is_array()) {
    model::CertificateResult certificate;
    for (const json& c : doc["certificate"]["chain"]) {
      if (!c.is_object()) continue;
      model::CertificateInfo info;
      info.key_type = c.value("key_type", "");
      info.key_bits = c.value("key_bits", 0);
      info.signature_algorithm = c.value("signature_algorithm", "");
      info.self_signed = c.value("self_signed", false);
      certificate.analysis.certificates.push_back(std::move(info));
    }
    result.certificate = std::move(certificate);
  }
  // Intolerances are listed per endpoint; hang them on the first protocol (endpoint_intolerances
  // merges them back).
  if (doc.contains("intolerances") && doc["intolerances"].is_array() && !result.protocols.empty()) {
    for (const json& entry : doc["intolerances"]) {
      if (!entry.is_object()) continue;
      model::Intolerance intolerance;
      intolerance.kind = entry.value("kind", "");
      intolerance.limit = optional_int(entry, "limit");
      intolerance.refused_at = optional_int(entry, "refused_at");
      intolerance.versions = {result.protocols.front().version};
      result.protocols.front().intolerances.push_back(std::move(intolerance));
    }
  }
  return facts;
}

assess::ClientImpact impact_of(const std::string& text, std::size_t index,
                               const std::vector<model::ClientProfile>& clients, const assess::WhatIf& what_if) {
  const ScanFacts facts = read_scan(text, index);
  const bool any_accepted = std::any_of(facts.result.protocols.begin(), facts.result.protocols.end(),
                                        [](const model::ProtocolResult& p) { return p.accepted; });
  if (facts.error_kind && !any_accepted) {
    return assess::unscannable_impact(facts.result.target.host + ":" + std::to_string(facts.result.target.port),
                                      *facts.error_kind, facts.error_message, clients, what_if);
  }
  return assess::client_impact_of_scan(facts.result, clients, what_if);
}

std::string dumped(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

}  // namespace

std::string client_impact_schema_version() { return assess::kClientImpactSchemaVersion; }

std::string client_profiles_document() { return dumped(assess::client_profiles_json(assess::client_profiles())); }

std::string client_impact_document(const std::string& scan_document, const std::string& what_if,
                                   const std::vector<std::string>& client_ids) {
  const assess::WhatIf changes = assess::parse_what_if(what_if);
  return dumped(
      assess::client_impact_json(impact_of(scan_document, 0, assess::client_profiles_by_id(client_ids), changes)));
}

std::string client_impact_summary_document(const std::vector<std::string>& scan_documents, const std::string& what_if,
                                           const std::vector<std::string>& client_ids) {
  const assess::WhatIf changes = assess::parse_what_if(what_if);
  const auto clients = assess::client_profiles_by_id(client_ids);
  std::vector<assess::ClientImpact> impacts;
  for (std::size_t i = 0; i < scan_documents.size(); ++i)
    impacts.push_back(impact_of(scan_documents[i], i + 1, clients, changes));
  return dumped(assess::client_impact_summary_json(impacts));
}

}  // namespace tlsready
