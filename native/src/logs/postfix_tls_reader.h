// Postfix's TLS summaries in syslog or journal text (mail.log, `journalctl -u postfix`): one
// TlsUseEvent per line such as
//   Nov 30 08:15:02 mx1 postfix/smtpd[1234]: Anonymous TLS connection established from
//       unknown[198.51.100.7]: TLSv1 with cipher ECDHE-RSA-AES256-SHA (256/256 bits)
//   Nov 30 08:16:40 mx1 postfix/smtp[2345]: Verified TLS connection established to
//       mx.example.net[203.0.113.5]:25: TLSv1.2 with cipher ECDHE-RSA-AES256-GCM-SHA384 (256/256 bits)
// (the trust word is Anonymous, Untrusted, Trusted or Verified; Postfix 3.4+ adds "key-exchange ...").
// smtpd and tlsproxy lines ("from": a client connected to this server) make the peer the client;
// smtp and lmtp lines ("to": this server delivered out) make this server (the syslog host) the
// client and the peer the server, as Exchange Send logs do. resource is smtp-receive / smtp-send /
// lmtp-send, site the Postfix service ("postfix/submission/smtpd").
// Year: syslog stamps have none. The year is that of the file's last write, and a line dated after
// that month/day is from the year before (SyslogYearRule; `journalctl -o short-iso` and RFC 3339
// stamps carry their year and zone). Syslog's local time is taken as UTC: the line says no zone.
// Lines of other programs and other Postfix messages are counted as lines only; a line that is not
// syslog at all, or a TLS summary that cannot be read, is malformed. Streaming; not thread-safe.
#pragma once

#include <istream>
#include <string>

#include "logs/line_source.h"
#include "logs/log_read_stats.h"
#include "logs/text_log_parts.h"
#include "logs/tls_use_event.h"

namespace tlsready::logs {

class PostfixTlsReader {
 public:
  // The year rule from `source_file`'s last-write time (now when it is not a file).
  PostfixTlsReader(std::istream& input, const std::string& source_file);
  PostfixTlsReader(std::istream& input, std::string source_file, SyslogYearRule year_rule);

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

// Whether `line` is a Postfix syslog line (for format recognition).
bool looks_like_postfix_line(std::string_view line);

}  // namespace tlsready::logs
