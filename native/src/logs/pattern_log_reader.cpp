#include "logs/pattern_log_reader.h"

#include "common/text.h"
#include "logs/openssl_cipher_names.h"

namespace tlsready::logs {
namespace {

std::string_view value(const LogLinePattern::Values& values, LogField field) {
  return values[static_cast<std::size_t>(field)];
}

}  // namespace

PatternLogReader::PatternLogReader(std::istream& input, std::string source_file, std::string format_name,
                                   LogLinePattern pattern, bool syslog_prefix)
    : lines_(input),
      source_file_(std::move(source_file)),
      format_name_(std::move(format_name)),
      pattern_(std::move(pattern)),
      syslog_prefix_(syslog_prefix),
      year_rule_(syslog_prefix ? syslog_year_rule_for(source_file_) : SyslogYearRule{}) {}

bool PatternLogReader::event_from(const Line& line, TlsUseEvent& event) {
  std::string_view text = line.text;
  std::string_view syslog_host;
  if (syslog_prefix_) {
    if (const auto syslog = parse_syslog_line(text, year_rule_)) {
      text = syslog->message;
      syslog_host = syslog->host;
    }
  }
  if (!pattern_.match(text, values_)) {
    stats_.note_malformed(line.number);
    return false;
  }
  const std::string_view protocol = text::trim_view(value(values_, LogField::protocol));
  if (protocol.empty()) {
    ++stats_.plain;
    return false;
  }
  event = TlsUseEvent{};
  fill_tls_facts(event, protocol, text::trim_view(value(values_, LogField::cipher)), stats_);
  event.offered_tls12_suites = offers_tls12_only_suites(value(values_, LogField::client_ciphers));
  if (const std::string_view time = value(values_, LogField::time_common); !time.empty())
    event.time = utc_from_common_log_time(time);
  if (const std::string_view time = value(values_, LogField::time_iso); event.time.empty() && !time.empty())
    event.time = utc_from_iso_time(time);
  event.client_address = std::string(value(values_, LogField::client_address));
  event.client_port = parse_port(value(values_, LogField::client_port));
  event.user = unescape_log_value(value(values_, LogField::user));
  event.user_agent = unescape_log_value(value(values_, LogField::user_agent));
  std::string_view site = value(values_, LogField::host);
  if (site.empty()) site = value(values_, LogField::sni);
  if (site.empty()) {
    site = value(values_, LogField::site_name);
    if (format_name_ == "haproxy" && !site.empty() && site.back() == '~') site.remove_suffix(1);  // an SSL frontend
  }
  event.site = unescape_log_value(site);
  event.server = std::string(value(values_, LogField::server));
  if (event.server.empty()) event.server = std::string(syslog_host);
  event.server_port = parse_port(value(values_, LogField::server_port));
  const std::string_view resource = value(values_, LogField::resource);
  event.resource = unescape_log_value(resource.empty() ? request_path(value(values_, LogField::request_line))
                                                       : request_path(resource));
  event.source_format = format_name_;
  event.source_file = source_file_;
  event.source_line = line.number;
  return true;
}

bool PatternLogReader::next(TlsUseEvent& event) {
  Line line;
  while (lines_.next(line)) {
    ++stats_.lines;
    if (line.cut) ++stats_.cut_lines;
    if (line.unterminated) stats_.unterminated_last_line = true;
    if (text::trim_view(line.text).empty()) continue;
    if (line.cut) {  // a cut line has lost fields: never guess which
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
