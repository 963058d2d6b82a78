#include "assess/client_impact_json.h"

#include "common/hex.h"
#include "model/protocol_version.h"
#include "registry/cipher_suite_registry.h"
#include "registry/group_registry.h"

namespace tlsready::assess {
namespace {

using nlohmann::json;

json codes(const std::vector<uint16_t>& list) {
  json out = json::array();
  for (uint16_t code : list) out.push_back(hex::code16(code));
  return out;
}

template <typename T>
json optional_json(const std::optional<T>& value) {
  return value ? json(*value) : json(nullptr);
}

json named_suite(uint16_t code) {
  return {{"code", hex::code16(code)}, {"name", registry::cipher_suite_name_or_hex(code)}};
}

json named_group(uint16_t code) {
  const auto* group = registry::find_group(code);
  return {{"code", hex::code16(code)}, {"name", group ? group->name : hex::code16(code)}};
}

struct Counts {
  int connects = 0, fails = 0, unknown = 0;
};

Counts count(const std::vector<model::ClientOutcome>& outcomes) {
  Counts counts;
  for (const auto& outcome : outcomes) {
    if (outcome.status == model::ClientOutcomeStatus::connects)
      ++counts.connects;
    else if (outcome.status == model::ClientOutcomeStatus::fails)
      ++counts.fails;
    else
      ++counts.unknown;
  }
  return counts;
}

json outcomes_json(const std::vector<model::ClientOutcome>& outcomes) {
  json out = json::array();
  for (const auto& outcome : outcomes) out.push_back(client_outcome_json(outcome));
  return out;
}

}  // namespace

json client_outcome_json(const model::ClientOutcome& outcome) {
  json out = {
      {"client_id", outcome.client_id},
      {"client_name", outcome.client_name},
      {"status", std::string(model::to_string(outcome.status))},
      {"version", outcome.version ? json(std::string(model::display_name(*outcome.version))) : json(nullptr)},
      {"version_code", outcome.version ? json(model::code_text(*outcome.version)) : json(nullptr)},
      {"cipher_suite", outcome.cipher_suite ? named_suite(*outcome.cipher_suite) : json(nullptr)},
      {"group", outcome.group ? named_group(*outcome.group) : json(nullptr)},
      {"reason", outcome.reason == model::ClientFailure::none ? json(nullptr)
                                                              : json(std::string(model::to_string(outcome.reason)))},
      {"detail", outcome.detail},
      {"method", outcome.method}};
  if (!outcome.source.empty()) out["source"] = outcome.source;
  return out;
}

json client_profile_json(const model::ClientProfile& p) {
  return {{"id", p.id},
          {"name", p.name},
          {"category", p.category},
          {"synthetic", p.synthetic},
          {"source", p.source},
          {"cannot_use_tls12", p.cannot_use_tls12},
          {"min_version", std::string(model::display_name(p.min_version))},
          {"max_version", std::string(model::display_name(p.max_version))},
          {"hello_format", p.hello_format == model::HelloFormat::tls ? "tls" : "sslv2_compatible"},
          {"cipher_suites", codes(p.cipher_suites)},
          {"extensions", codes(p.extensions)},
          {"groups", codes(p.groups)},
          {"signature_algorithms", codes(p.signature_algorithms)},
          {"alpn", p.alpn},
          {"sends_sni", p.sends_sni},
          {"min_dh_bits", optional_json(p.min_dh_bits)},
          {"max_dh_bits", optional_json(p.max_dh_bits)},
          {"min_rsa_bits", optional_json(p.min_rsa_bits)},
          {"max_rsa_bits", optional_json(p.max_rsa_bits)},
          {"min_ecdsa_bits", optional_json(p.min_ecdsa_bits)},
          {"supports_sha2_certificates", p.supports_sha2_certificates},
          {"accepts_sha1_certificates", p.accepts_sha1_certificates},
          {"requires_forward_secrecy", p.requires_forward_secrecy},
          {"requires_aead", p.requires_aead},
          {"hello_bytes", optional_json(p.hello_bytes)}};
}

json client_impact_json(const ClientImpact& impact) {
  const Counts now = count(impact.outcomes);
  const bool has_what_if = !impact.what_if.empty();
  json summary = {{"clients", impact.outcomes.size()},
                  {"connects", now.connects},
                  {"fails", now.fails},
                  {"unknown", now.unknown},
                  {"breaks", has_what_if ? json(impact.breaks.size()) : json(nullptr)}};
  return {{"schema_version", kClientImpactSchemaVersion},
          {"document", "client_impact"},
          {"endpoint", impact.endpoint},
          {"server", impact.server},
          {"scan_error", optional_json(impact.scan_error)},
          {"what_if", impact.what_if},
          {"summary", summary},
          {"outcomes", outcomes_json(impact.outcomes)},
          {"what_if_outcomes", has_what_if ? outcomes_json(impact.what_if_outcomes) : json(nullptr)},
          {"breaks", impact.breaks}};
}

json client_impact_summary_json(const std::vector<ClientImpact>& impacts) {
  json endpoints = json::array();
  // Clients in the order of the first endpoint's outcomes (every impact lists the same profiles).
  std::vector<std::pair<std::string, std::string>> clients;
  if (!impacts.empty()) {
    for (const auto& outcome : impacts.front().outcomes) clients.emplace_back(outcome.client_id, outcome.client_name);
  }
  std::vector<json> fails_at(clients.size(), json::array()), breaks_at(clients.size(), json::array()),
      unknown_at(clients.size(), json::array());
  std::vector<std::string> what_if;
  for (const auto& impact : impacts) {
    if (what_if.empty()) what_if = impact.what_if;
    json connects = json::array(), fails = json::array(), unknown = json::array();
    for (std::size_t i = 0; i < impact.outcomes.size(); ++i) {
      const auto& outcome = impact.outcomes[i];
      if (outcome.status == model::ClientOutcomeStatus::connects)
        connects.push_back(outcome.client_id);
      else if (outcome.status == model::ClientOutcomeStatus::fails)
        fails.push_back(outcome.client_id);
      else
        unknown.push_back(outcome.client_id);
      if (i < clients.size()) {
        if (outcome.status == model::ClientOutcomeStatus::fails) fails_at[i].push_back(impact.endpoint);
        if (outcome.status == model::ClientOutcomeStatus::unknown) unknown_at[i].push_back(impact.endpoint);
      }
    }
    for (const auto& id : impact.breaks) {
      for (std::size_t i = 0; i < clients.size(); ++i) {
        if (clients[i].first == id) breaks_at[i].push_back(impact.endpoint);
      }
    }
    endpoints.push_back({{"endpoint", impact.endpoint},
                         {"scan_error", optional_json(impact.scan_error)},
                         {"connects", connects},
                         {"fails", fails},
                         {"unknown", unknown},
                         {"breaks", impact.breaks}});
  }
  json client_list = json::array();
  for (std::size_t i = 0; i < clients.size(); ++i) {
    client_list.push_back({{"client_id", clients[i].first},
                           {"client_name", clients[i].second},
                           {"fails_at", fails_at[i]},
                           {"breaks_at", breaks_at[i]},
                           {"unknown_at", unknown_at[i]}});
  }
  return {{"schema_version", kClientImpactSchemaVersion},
          {"document", "client_impact_summary"},
          {"what_if", what_if},
          {"endpoints", endpoints},
          {"clients", client_list}};
}

json client_profiles_json(const std::vector<model::ClientProfile>& profiles) {
  json list = json::array();
  for (const auto& profile : profiles) list.push_back(client_profile_json(profile));
  return {{"schema_version", kClientImpactSchemaVersion}, {"document", "client_profiles"}, {"profiles", list}};
}

}  // namespace tlsready::assess
