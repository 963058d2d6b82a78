#include "logs/tls_use_event_json.h"

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
  document["source"] = {
      {"format", event.source_format}, {"file", valid_utf8(event.source_file)}, {"line", event.source_line}};
  return document;
}

}  // namespace tlsready::logs
