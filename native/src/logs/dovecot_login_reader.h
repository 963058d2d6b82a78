// Dovecot's login lines (imap-login, pop3-login, submission-login, managesieve-login) in syslog,
// journal or Dovecot's own log file: one TlsUseEvent per login-process line over TLS, such as
//   Nov 30 08:15:02 mail dovecot: imap-login: Login: user=<alice>, method=PLAIN, rip=198.51.100.7,
//       lip=192.0.2.10, mpid=4242, TLS, session=<b2l4dE1hMDAx>
// By default Dovecot logs only "TLS" (login_log_format_elements has %c, not %k): such an event has
// protocol null and protocol_raw "TLS" (a TLS use whose version the log does not say; counted in
// unknown_values, and as "unknown" by the summary). With %k in login_log_format_elements the line
// carries the version and suite ("TLSv1 with cipher DHE-RSA-AES256-SHA (256/256 bits)"), read like
// Postfix's. Failed logins ("Disconnected (auth failed, 1 attempts in 2 secs): user=<bob>, ..., TLS")
// are TLS uses too; "TLS handshaking: ..." (the handshake failed) is not. A login line without TLS
// (plaintext, or "secured" from a trusted network) is counted as plain.
// resource is the service ("imap"), user the login name, server the syslog host, else lip;
// rport=/lport= give the ports when logged. Syslog's year: as PostfixTlsReader (text_log_parts.h).
// Lines of other processes are counted as lines only; a line that is not syslog text is malformed.
// Streaming; not thread-safe.
#pragma once

#include <istream>
#include <string>

#include "logs/line_source.h"
#include "logs/log_read_stats.h"
#include "logs/text_log_parts.h"
#include "logs/tls_use_event.h"

namespace tlsready::logs {

class DovecotLoginReader {
 public:
  DovecotLoginReader(std::istream& input, const std::string& source_file);
  DovecotLoginReader(std::istream& input, std::string source_file, SyslogYearRule year_rule);

  bool next(TlsUseEvent& event);
  const LogReadStats& stats() const { return stats_; }
  std::size_t bytes_read() const { return lines_.bytes_read(); }

 private:
  bool event_from(const Line& line, TlsUseEvent& event);

  LineSource lines_;
  std::string source_file_;
  SyslogYearRule year_rule_;
  LogReadStats stats_;
};

// Whether `line` is a Dovecot login-process line (for format recognition).
bool looks_like_dovecot_login_line(std::string_view line);

}  // namespace tlsready::logs
