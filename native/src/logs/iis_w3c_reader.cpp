#include "logs/iis_w3c_reader.h"

#include <charconv>

#include "common/text.h"
#include "logs/schannel_log_values.h"

namespace tlsready::logs {
namespace {

// "W3SVC3" from ".../W3SVC3/u_ex261130_x.log" (either slash); "" when the file is not in such a folder.
std::string site_from_folder(const std::string& path) {
  const std::size_t end = path.find_last_of("/\\");
  if (end == std::string::npos || end == 0) return "";
  const std::size_t begin = path.find_last_of("/\\", end - 1);
  const std::string folder =
      path.substr(begin == std::string::npos ? 0 : begin + 1, end - (begin == std::string::npos ? 0 : begin + 1));
  if (folder.size() <= 5 || !text::istarts_with(folder, "W3SVC")) return "";
  for (std::size_t i = 5; i < folder.size(); ++i)
    if (folder[i] < '0' || folder[i] > '9') return "";
  return text::to_upper_ascii(folder);
}

bool digits(std::string_view text, std::size_t from, std::size_t count) {
  if (from + count > text.size()) return false;
  for (std::size_t i = from; i < from + count; ++i)
    if (text[i] < '0' || text[i] > '9') return false;
  return true;
}

// W3C logs write UTC "YYYY-MM-DD" and "HH:MM:SS" (IIS: always UTC); "" when either is malformed.
std::string iso_time(std::string_view date, std::string_view time) {
  const bool date_ok = date.size() == 10 && digits(date, 0, 4) && date[4] == '-' && digits(date, 5, 2) &&
                       date[7] == '-' && digits(date, 8, 2);
  const bool time_ok = time.size() >= 8 && digits(time, 0, 2) && time[2] == ':' && digits(time, 3, 2) &&
                       time[5] == ':' && digits(time, 6, 2);
  if (!date_ok || !time_ok) return "";
  return std::string(date) + "T" + std::string(time.substr(0, 8)) + "Z";
}

std::optional<uint16_t> port_from(std::string_view text) {
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value == 0 || value > 65535) return std::nullopt;
  return static_cast<uint16_t>(value);
}

std::string_view value_at(const std::vector<std::string_view>& values, int index) {
  if (index < 0) return {};
  const std::string_view value = values[static_cast<std::size_t>(index)];
  return value == "-" ? std::string_view{} : value;
}

std::string plus_as_space(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c == '+') c = ' ';
  return out;
}

std::string algorithm_name(SchannelValueKind kind, std::string_view hex) {
  if (hex.empty()) return "";
  const SchannelValue* row = schannel_value_from_hex(kind, hex);
  if (row) return row->algorithm;
  // IIS logs 0 for the hash of AEAD suites (no separate MAC); other unknown numbers are kept as written.
  if (kind == SchannelValueKind::hash && hex.find_first_not_of('0') == std::string_view::npos) return "";
  return "0x" + text::to_upper_ascii(hex);
}

}  // namespace

IisW3cReader::IisW3cReader(std::istream& input, std::string source_file)
    : lines_(input), source_file_(std::move(source_file)), folder_site_(site_from_folder(source_file_)) {}

void IisW3cReader::read_fields_directive(std::string_view directive) {
  columns_ = Columns{};
  const std::vector<std::string_view> names = text::split(text::trim_view(directive), ' ');
  field_count_ = 0;
  for (std::string_view raw : names) {
    if (raw.empty()) continue;  // doubled spaces in a hand-edited header
    const std::string name = text::to_lower_ascii(raw);
    const int index = static_cast<int>(field_count_++);
    if (name == "date")
      columns_.date = index;
    else if (name == "time")
      columns_.time = index;
    else if (name == "s-sitename")
      columns_.site = index;
    else if (name == "s-computername")
      columns_.computer = index;
    else if (name == "s-ip")
      columns_.server_ip = index;
    else if (name == "s-port")
      columns_.server_port = index;
    else if (name == "cs-uri-stem")
      columns_.uri_stem = index;
    else if (name == "cs-username")
      columns_.user = index;
    else if (name == "c-ip")
      columns_.client_ip = index;
    else if (name == "c-port")
      columns_.client_port = index;
    else if (name == "cs(user-agent)")
      columns_.user_agent = index;
    else if (name == "crypt-protocol")
      columns_.protocol = index;
    else if (name == "crypt-cipher")
      columns_.cipher = index;
    else if (name == "crypt-hash")
      columns_.hash = index;
    else if (name == "crypt-keyexchange")
      columns_.key_exchange = index;
  }
  have_fields_ = true;
}

bool IisW3cReader::event_from(const Line& line, TlsUseEvent& event) {
  text::split_into(line.text, ' ', values_);
  if (!have_fields_ || values_.size() != field_count_) {
    stats_.note_malformed(line.number);
    return false;
  }
  if (columns_.protocol < 0) {
    ++stats_.without_tls_fields;
    return false;
  }
  const std::string_view protocol = value_at(values_, columns_.protocol);
  if (protocol.empty()) {
    ++stats_.plain;
    return false;
  }
  event = TlsUseEvent{};
  event.protocol_raw = std::string(protocol);
  if (const SchannelValue* row = schannel_value_from_hex(SchannelValueKind::protocol, protocol)) {
    event.protocol = row->version;
  } else {
    ++stats_.unknown_values;
  }
  event.cipher = algorithm_name(SchannelValueKind::cipher, value_at(values_, columns_.cipher));
  event.hash = algorithm_name(SchannelValueKind::hash, value_at(values_, columns_.hash));
  event.key_exchange = algorithm_name(SchannelValueKind::key_exchange, value_at(values_, columns_.key_exchange));
  event.time = iso_time(value_at(values_, columns_.date), value_at(values_, columns_.time));
  event.client_address = std::string(value_at(values_, columns_.client_ip));
  event.client_port = port_from(value_at(values_, columns_.client_port));
  event.user = std::string(value_at(values_, columns_.user));
  event.user_agent = plus_as_space(value_at(values_, columns_.user_agent));
  event.server = std::string(value_at(values_, columns_.computer));
  if (event.server.empty()) event.server = std::string(value_at(values_, columns_.server_ip));
  event.server_port = port_from(value_at(values_, columns_.server_port));
  event.site = std::string(value_at(values_, columns_.site));
  if (event.site.empty()) event.site = folder_site_;
  event.resource = std::string(value_at(values_, columns_.uri_stem));
  event.source_format = "iis";
  event.source_file = source_file_;
  event.source_line = line.number;
  return true;
}

bool IisW3cReader::next(TlsUseEvent& event) {
  Line line;
  while (lines_.next(line)) {
    ++stats_.lines;
    if (line.cut) ++stats_.cut_lines;
    if (line.unterminated) stats_.unterminated_last_line = true;
    if (line.text.empty()) continue;
    if (line.text.front() == '#') {
      ++stats_.directives;
      if (text::istarts_with(line.text, "#Fields:")) read_fields_directive(line.text.substr(8));
      continue;
    }
    if (line.cut) {  // a cut line has lost values: never guess which
      stats_.note_malformed(line.number);
      continue;
    }
    if (event_from(line, event)) {
      ++stats_.events;
      return true;
    }
  }
  return false;
}

}  // namespace tlsready::logs
