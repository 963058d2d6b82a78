#include "logs/postfix_tls_reader.h"

#include "common/text.h"
#include "logs/openssl_cipher_names.h"

namespace tlsready::logs {
namespace {

constexpr std::string_view kEstablished = " TLS connection established ";

// "smtpd" of "postfix/submission/smtpd", "postfix-out/smtp".
std::string_view postfix_daemon(std::string_view program) {
  if (!text::istarts_with(program, "postfix")) return {};
  const std::size_t slash = program.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : program.substr(slash + 1);
}

}  // namespace

PostfixTlsReader::PostfixTlsReader(std::istream& input, const std::string& source_file)
    : PostfixTlsReader(input, source_file, syslog_year_rule_for(source_file)) {}

PostfixTlsReader::PostfixTlsReader(std::istream& input, std::string source_file, SyslogYearRule year_rule)
    : lines_(input), source_file_(std::move(source_file)), year_rule_(year_rule) {}

bool PostfixTlsReader::event_from(const Line& line, TlsUseEvent& event) {
  const auto syslog = parse_syslog_line(line.text, year_rule_);
  if (!syslog) {
    stats_.note_malformed(line.number);
    return false;
  }
  const std::string_view daemon = postfix_daemon(syslog->program);
  const std::size_t established = syslog->message.find(kEstablished);
  if (daemon.empty() || established == std::string_view::npos) return false;  // another message
  const std::string_view trust = syslog->message.substr(0, established);
  std::string_view rest = syslog->message.substr(established + kEstablished.size());
  const bool inbound = text::istarts_with(rest, "from ");
  const bool outbound = text::istarts_with(rest, "to ");
  // "PEER: summary": the peer ends at the first ": " after its ']'.
  const std::size_t close = rest.find(']');
  const std::size_t colon = close == std::string_view::npos ? close : rest.find(": ", close);
  if ((!inbound && !outbound) || trust.find(' ') != std::string_view::npos || colon == std::string_view::npos) {
    stats_.note_malformed(line.number);
    return false;
  }
  const std::string_view peer_text = rest.substr(inbound ? 5 : 3, colon - (inbound ? 5 : 3));
  const auto peer = parse_bracket_peer(peer_text);
  const auto summary = parse_with_cipher(rest.substr(colon + 2));
  if (!peer || !summary) {
    stats_.note_malformed(line.number);
    return false;
  }
  event = TlsUseEvent{};
  fill_tls_facts(event, summary->protocol, summary->cipher, stats_);
  event.time = syslog->time;
  if (inbound) {
    event.client_address = std::string(peer->address);
    event.client_port = peer->port;
    event.client_name = std::string(peer->name);
    event.server = std::string(syslog->host);
    event.resource = "smtp-receive";
  } else {
    event.client_name = std::string(syslog->host);
    event.server = std::string(peer->address);
    event.server_port = peer->port;
    event.resource = daemon == "lmtp" ? "lmtp-send" : "smtp-send";
  }
  event.site = std::string(syslog->program);
  event.source_format = "postfix";
  event.source_file = source_file_;
  event.source_line = line.number;
  return true;
}

bool PostfixTlsReader::next(TlsUseEvent& event) {
  Line line;
  while (lines_.next(line)) {
    ++stats_.lines;
    if (line.cut) ++stats_.cut_lines;
    if (line.unterminated) stats_.unterminated_last_line = true;
    if (text::trim_view(line.text).empty()) continue;
    if (line.cut) {  // a cut line may have lost the end of its cipher name: never guess
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

bool looks_like_postfix_line(std::string_view line) {
  const auto syslog = parse_syslog_line(line, SyslogYearRule{2000, 12, 31});
  return syslog && !postfix_daemon(syslog->program).empty();
}

}  // namespace tlsready::logs
