#include "logs/tls_use_event_json.h"

#include "common/hex.h"
#include "common/text.h"

namespace tlsready::logs {
namespace {

using nlohmann::json;

}  // namespace

std::string valid_utf8(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto [code_point, length] = text::decode_utf8(text, pos);
    (void)code_point;
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++pos;
    } else {
      out.append(text, pos, length);
      pos += length;
    }
  }
  return out;
}

namespace {

json text_or_null(const std::string& text) { return text.empty() ? json(nullptr) : json(valid_utf8(text)); }

json port_or_null(const std::optional<uint16_t>& port) { return port ? json(*port) : json(nullptr); }

json client_hello_json(const ClientHelloFacts& hello) {
  json offered = json::array();
  for (model::ProtocolVersion version : hello.offered_versions)
    offered.push_back(std::string(model::display_name(version)));
  json suites = json::array();
  for (uint16_t suite : hello.suites) suites.push_back(hex::code16(suite));
  const auto codes = [](const std::vector<uint16_t>& values) {
    json list = json::array();
    for (uint16_t value : values) list.push_back(hex::code16(value));
    return list;
  };
  json alpn = json::array();
  for (const std::string& name : hello.alpn) alpn.push_back(valid_utf8(name));
  return {
      {"ja3", hello.ja3},
      {"ja3_hash", hello.ja3_hash},
      {"ja4", hello.ja4},
      {"sni", text_or_null(hello.sni)},
      {"max_version", hello.max_version ? json(std::string(model::display_name(*hello.max_version))) : json(nullptr)},
      {"max_version_raw", hello.max_version_raw},
      {"offered_versions", offered},
      {"suites", suites},
      {"fallback_scsv", hello.fallback_scsv},
      {"fallback_retry", hello.fallback_retry},
      {"sslv2_format", hello.sslv2_format},
      {"matched_profile", text_or_null(hello.matched_profile)},
      {"match_score", hello.match_score ? json(*hello.match_score) : json(nullptr)},
      {"match_exact", hello.match_exact},
      {"can_do_tls12", hello.can_do_tls12 ? json(*hello.can_do_tls12) : json(nullptr)},
      {"can_do_tls12_basis", text_or_null(hello.can_do_tls12_basis)},
      {"chosen_suite", hello.chosen_suite ? json(hex::code16(*hello.chosen_suite)) : json(nullptr)},
      {"legacy_version_raw", text_or_null(hello.legacy_version_raw)},
      {"extensions", codes(hello.extensions)},
      {"supported_groups", codes(hello.supported_groups)},
      {"signature_algorithms", codes(hello.signature_algorithms)},
      {"alpn", alpn},
      {"renegotiation_scsv", hello.renegotiation_scsv}};
}

}  // namespace

json to_json_document(const TlsUseEvent& event) {
  json document = json::object();
  document["schema_version"] = kTlsUseEventSchemaVersion;
  document["time"] = text_or_null(event.time);
  document["client_address"] = text_or_null(event.client_address);
  document["client_port"] = port_or_null(event.client_port);
  document["user"] = text_or_null(event.user);
  document["user_agent"] = text_or_null(event.user_agent);
  document["client_name"] = text_or_null(event.client_name);
  document["server"] = text_or_null(event.server);
  document["server_port"] = port_or_null(event.server_port);
  document["site"] = text_or_null(event.site);
  document["resource"] = text_or_null(event.resource);
  document["protocol"] = event.protocol ? json(std::string(model::display_name(*event.protocol))) : json(nullptr);
  document["protocol_raw"] = text_or_null(event.protocol_raw);
  document["legacy_protocol"] = uses_legacy_protocol(event);
  document["cipher"] = text_or_null(event.cipher);
  document["hash"] = text_or_null(event.hash);
  document["key_exchange"] = text_or_null(event.key_exchange);
  document["suite"] = text_or_null(event.suite);
  document["offered_tls12_suites"] = event.offered_tls12_suites ? json(*event.offered_tls12_suites) : json(nullptr);
  document["client_hello"] = event.client_hello ? client_hello_json(*event.client_hello) : json(nullptr);
  document["source"] = {
      {"format", event.source_format}, {"file", valid_utf8(event.source_file)}, {"line", event.source_line}};
  return document;
}

}  // namespace tlsready::logs
