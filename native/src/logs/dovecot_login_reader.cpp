#include "logs/dovecot_login_reader.h"

#include <vector>

#include "common/text.h"
#include "logs/openssl_cipher_names.h"

namespace tlsready::logs {
namespace {

struct LoginLine {
  std::string_view service;   // "imap"
  std::string_view elements;  // "user=<alice>, method=PLAIN, rip=..., TLS, session=<...>"
};

std::string_view strip_level(std::string_view message) {
  for (std::string_view level : {"Info: ", "Warning: ", "Error: ", "Debug: "})
    if (text::istarts_with(message, level)) return message.substr(level.size());
  return message;
}

// The login process and its message's elements, from the program ("imap-login", Dovecot's own log
// file; "dovecot" with "imap-login: " in the message, syslog).
std::optional<LoginLine> login_line(const SyslogLine& syslog) {
  std::string_view program = syslog.program;
  std::string_view message = syslog.message;
  if (text::istarts_with(program, "dovecot")) {
    const std::size_t colon = message.find(": ");
    if (colon == std::string_view::npos) return std::nullopt;
    program = message.substr(0, colon);
    message = message.substr(colon + 2);
  }
  if (!text::iends_with(program, "-login") || program.size() <= 6) return std::nullopt;
  message = strip_level(message);
  // "Login: elements", "Disconnected (auth failed, ...): elements", "Aborted login (...): elements"
  const std::size_t colon = message.find(": ");
  if (colon == std::string_view::npos) return std::nullopt;
  return LoginLine{program.substr(0, program.size() - 6), message.substr(colon + 2)};
}

// "user=<a, b>" may hold ", ": elements split at ", " outside <...>.
std::vector<std::string_view> split_elements(std::string_view elements) {
  std::vector<std::string_view> parts;
  std::size_t begin = 0;
  int depth = 0;
  for (std::size_t i = 0; i < elements.size(); ++i) {
    if (elements[i] == '<') ++depth;
    if (elements[i] == '>' && depth > 0) --depth;
    if (depth == 0 && elements[i] == ',' && i + 1 < elements.size() && elements[i + 1] == ' ') {
      parts.push_back(elements.substr(begin, i - begin));
      begin = i + 2;
    }
  }
  parts.push_back(elements.substr(begin));
  return parts;
}

std::string_view bracketed(std::string_view value) {
  if (value.size() >= 2 && value.front() == '<' && value.back() == '>') return value.substr(1, value.size() - 2);
  return value;
}

}  // namespace

DovecotLoginReader::DovecotLoginReader(std::istream& input, const std::string& source_file)
    : DovecotLoginReader(input, source_file, syslog_year_rule_for(source_file)) {}

DovecotLoginReader::DovecotLoginReader(std::istream& input, std::string source_file, SyslogYearRule year_rule)
    : lines_(input), source_file_(std::move(source_file)), year_rule_(year_rule) {}

bool DovecotLoginReader::event_from(const Line& line, TlsUseEvent& event) {
  const auto syslog = parse_syslog_line(line.text, year_rule_);
  if (!syslog) {
    stats_.note_malformed(line.number);
    return false;
  }
  const auto login = login_line(*syslog);
  if (!login) return false;  // another process's line
  std::string_view user, rip, lip, rport, lport, security;
  bool tls = false;
  bool failed_handshake = false;
  for (std::string_view element : split_elements(login->elements)) {
    element = text::trim_view(element);
    if (text::istarts_with(element, "user="))
      user = bracketed(element.substr(5));
    else if (text::istarts_with(element, "rip="))
      rip = element.substr(4);
    else if (text::istarts_with(element, "lip="))
      lip = element.substr(4);
    else if (text::istarts_with(element, "rport="))
      rport = element.substr(6);
    else if (text::istarts_with(element, "lport="))
      lport = element.substr(6);
    else if (element == "TLS")
      tls = true;
    else if (text::istarts_with(element, "TLS handshaking"))
      failed_handshake = true;
    else if (parse_with_cipher(element))
      security = element;
  }
  if (rip.empty() || failed_handshake) return false;  // not a login line, or no TLS use
  if (!tls && security.empty()) {
    ++stats_.plain;
    return false;
  }
  event = TlsUseEvent{};
  if (const auto summary = parse_with_cipher(security)) {
    fill_tls_facts(event, summary->protocol, summary->cipher, stats_);
  } else {
    event.protocol_raw = "TLS";  // Dovecot's default elements say TLS, not which version
    ++stats_.unknown_values;
  }
  event.time = syslog->time;
  event.user = std::string(user);
  event.client_address = std::string(rip);
  event.client_port = parse_port(rport);
  event.server = syslog->host.empty() ? std::string(lip) : std::string(syslog->host);
  event.server_port = parse_port(lport);
  event.resource = std::string(login->service);
  event.source_format = "dovecot";
  event.source_file = source_file_;
  event.source_line = line.number;
  return true;
}

bool DovecotLoginReader::next(TlsUseEvent& event) {
  Line line;
  while (lines_.next(line)) {
    ++stats_.lines;
    if (line.cut) ++stats_.cut_lines;
    if (line.unterminated) stats_.unterminated_last_line = true;
    if (text::trim_view(line.text).empty()) continue;
    if (line.cut) {
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

bool looks_like_dovecot_login_line(std::string_view line) {
  const auto syslog = parse_syslog_line(line, SyslogYearRule{2000, 12, 31});
  return syslog && (text::istarts_with(syslog->program, "dovecot") || text::iends_with(syslog->program, "-login"));
}

}  // namespace tlsready::logs
