#include "logs/exchange_smtp_reader.h"

#include <algorithm>
#include <charconv>

#include "common/csv.h"
#include "common/text.h"
#include "logs/schannel_log_values.h"

namespace tlsready::logs {
namespace {

struct Endpoint {
  std::string address;
  std::optional<uint16_t> port;
};

// "192.0.2.10:25", "[2001:db8::1]:25", "2001:db8::1:25" is ambiguous and read as written.
Endpoint endpoint_of(std::string_view text) {
  Endpoint endpoint;
  std::string_view host = text;
  std::string_view port;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close != std::string_view::npos) {
      host = text.substr(1, close - 1);
      if (close + 1 < text.size() && text[close + 1] == ':') port = text.substr(close + 2);
    }
  } else if (const std::size_t colon = text.rfind(':');
             colon != std::string_view::npos && text.find(':') == colon) {  // one colon: IPv4 or a name
    host = text.substr(0, colon);
    port = text.substr(colon + 1);
  }
  endpoint.address = std::string(host);
  unsigned value = 0;
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (!port.empty() && error == std::errc() && end == port.data() + port.size() && value > 0 && value <= 65535)
    endpoint.port = static_cast<uint16_t>(value);
  return endpoint;
}

// "2026-11-30T08:00:01.123Z" -> "2026-11-30T08:00:01Z"; "" when it is not such a time.
std::string utc_seconds(std::string_view text) {
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || text[10] != 'T' || text[13] != ':' || text[16] != ':')
    return "";
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u, 11u, 12u, 14u, 15u, 17u, 18u})
    if (text[i] < '0' || text[i] > '9') return "";
  return std::string(text.substr(0, 19)) + "Z";
}

// The word after `phrase` in `text` (up to a blank or a comma), or "".
std::string_view word_after(std::string_view text, std::string_view phrase) {
  const std::size_t at = text.find(phrase);
  if (at == std::string_view::npos) return {};
  std::size_t begin = at + phrase.size();
  while (begin < text.size() && text[begin] == ' ') ++begin;
  std::size_t end = begin;
  while (end < text.size() && text[end] != ' ' && text[end] != ',') ++end;
  return text.substr(begin, end - begin);
}

std::string algorithm_of(std::string_view constant) {
  if (constant.empty()) return "";
  if (const SchannelValue* row = schannel_value_from_constant(constant)) return row->algorithm;
  return std::string(constant);  // an algorithm this table does not name yet: as written
}

std::string_view field(const std::vector<std::string>& fields, int index) {
  return index < 0 ? std::string_view{} : std::string_view(fields[static_cast<std::size_t>(index)]);
}

}  // namespace

ExchangeSmtpReader::ExchangeSmtpReader(std::istream& input, std::string source_file)
    : lines_(input), source_file_(std::move(source_file)) {}

void ExchangeSmtpReader::read_fields_directive(std::string_view directive) {
  columns_ = Columns{};
  for (std::string_view raw : text::split(text::trim_view(directive), ',')) {
    const std::string name = text::to_lower_ascii(text::trim_view(raw));
    const int index = static_cast<int>(columns_.count++);
    if (name == "date-time")
      columns_.date_time = index;
    else if (name == "connector-id")
      columns_.connector = index;
    else if (name == "session-id")
      columns_.session = index;
    else if (name == "local-endpoint")
      columns_.local = index;
    else if (name == "remote-endpoint")
      columns_.remote = index;
    else if (name == "event")
      columns_.event = index;
    else if (name == "data")
      columns_.data = index;
    else if (name == "context")
      columns_.context = index;
  }
  have_fields_ = columns_.session >= 0 && columns_.event >= 0;
}

void ExchangeSmtpReader::finish(const std::string& session_id) {
  const auto found = open_.find(session_id);
  if (found == open_.end()) return;
  Session& session = found->second;
  if (session.tls) {
    session.event.client_name = session.client_name;
    session.event.user = session.user;
    ready_.push_back(std::move(session.event));
    ++stats_.events;
  }
  open_.erase(found);
}

void ExchangeSmtpReader::finish_all() {
  std::vector<std::pair<std::size_t, std::string>> order;
  for (const auto& [id, session] : open_) order.emplace_back(session.first_line, id);
  std::sort(order.begin(), order.end());
  for (const auto& [line, id] : order) finish(id);
  open_order_.clear();
}

void ExchangeSmtpReader::read_line(const Line& line) {
  std::vector<csv::Record> records;
  try {
    records = csv::read(line.text, csv::Options{false, true});
  } catch (const csv::CsvSyntaxError&) {
    stats_.note_malformed(line.number);
    return;
  }
  if (!have_fields_ || records.size() != 1 || records[0].fields.size() != columns_.count) {
    stats_.note_malformed(line.number);
    return;
  }
  const std::vector<std::string>& fields = records[0].fields;
  const std::string session_id(field(fields, columns_.session));
  const std::string_view kind = field(fields, columns_.event);
  const std::string_view data = field(fields, columns_.data);
  const std::string_view context = field(fields, columns_.context);

  auto found = open_.find(session_id);
  if (found == open_.end()) {
    if (kind == "-") return;  // the end of a session this file did not see begin
    if (open_.size() >= kMaxOpenSessions) {
      while (!open_order_.empty() && !open_.count(open_order_.front())) open_order_.pop_front();
      if (!open_order_.empty()) {
        finish(open_order_.front());
        open_order_.pop_front();
      }
    }
    found = open_.emplace(session_id, Session{}).first;
    found->second.first_line = line.number;
    open_order_.push_back(session_id);
  }
  Session& session = found->second;

  // The client's EHLO: received ('<') in a Receive log, sent ('>') by this server in a Send log.
  const bool client_speaks = send_log_ ? kind == ">" : kind == "<";
  if (client_speaks && (text::istarts_with(data, "EHLO ") || text::istarts_with(data, "HELO "))) {
    session.client_name = text::trim(data.substr(5));
  } else if (kind == "*" && text::iequals(text::trim_view(context), "authenticated") && !data.empty()) {
    session.user = std::string(data);
  } else if (kind == "*" && text::istarts_with(context, "TLS protocol ")) {
    const std::string_view constant = word_after(context, "TLS protocol");
    TlsUseEvent& event = session.event;
    event = TlsUseEvent{};
    event.protocol_raw = std::string(constant);
    const SchannelValue* protocol = schannel_value_from_constant(constant);
    if (protocol && protocol->kind == SchannelValueKind::protocol)
      event.protocol = protocol->version;
    else
      ++stats_.unknown_values;
    event.cipher = algorithm_of(word_after(context, "bulk encryption algorithm"));
    event.hash = algorithm_of(word_after(context, "MAC hash algorithm"));
    event.key_exchange = algorithm_of(word_after(context, "key exchange algorithm"));
    // Who connected to whom: a _CLIENT constant (Send logs) makes this server the client.
    const bool we_are_client = protocol ? protocol->role == "client" : send_log_;
    const Endpoint local = endpoint_of(field(fields, columns_.local));
    const Endpoint remote = endpoint_of(field(fields, columns_.remote));
    const Endpoint& client = we_are_client ? local : remote;
    const Endpoint& server = we_are_client ? remote : local;
    event.client_address = client.address;
    event.client_port = client.port;
    event.server = server.address;
    event.server_port = server.port;
    event.site = std::string(field(fields, columns_.connector));
    event.resource = we_are_client ? "smtp-send" : "smtp-receive";
    event.time = utc_seconds(field(fields, columns_.date_time));
    event.source_format = "exchange-smtp";
    event.source_file = source_file_;
    event.source_line = line.number;
    session.tls = true;
  } else if (kind == "-") {
    finish(session_id);
  }
}

bool ExchangeSmtpReader::next(TlsUseEvent& event) {
  Line line;
  while (ready_.empty() && !ended_) {
    if (!lines_.next(line)) {
      ended_ = true;
      finish_all();
      break;
    }
    ++stats_.lines;
    if (line.cut) ++stats_.cut_lines;
    if (line.unterminated) stats_.unterminated_last_line = true;
    if (line.text.empty()) continue;
    if (line.text.front() == '#') {
      ++stats_.directives;
      if (text::istarts_with(line.text, "#Fields:")) read_fields_directive(line.text.substr(8));
      if (text::istarts_with(line.text, "#Log-type:")) send_log_ = line.text.find("Send") != std::string_view::npos;
      continue;
    }
    if (line.cut) {
      stats_.note_malformed(line.number);
      continue;
    }
    read_line(line);
  }
  if (ready_.empty()) return false;
  event = std::move(ready_.front());
  ready_.pop_front();
  return true;
}

}  // namespace tlsready::logs
