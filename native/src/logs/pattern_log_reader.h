// Web-server and proxy access logs whose line format the administrator chose (nginx log_format,
// Apache LogFormat, HAProxy log-format): one TlsUseEvent per request or connection whose protocol
// field has a value. Streaming (LineSource): memory stays flat on multi-GB files.
//
// What real files do, and what the reader does about it:
//  * '-' (or nothing) in the protocol field: a plain-HTTP request, counted as plain, no event.
//  * A line that does not fit the format (another log_format in the same file, a line cut off by a
//    crash, a HAProxy "Proxy started" notice) is malformed: counted, its number kept, never fatal.
//  * Protocol names are OpenSSL's ("TLSv1", "TLSv1.2"); an unknown one keeps its text in
//    protocol_raw with protocol null. Cipher names are OpenSSL's, mapped through the registry
//    (openssl_cipher_names.h) to the IANA suite and IIS's algorithm words; an unknown name is kept
//    as the event's cipher.
//  * The site is the Host header, else the SNI name, else the configured virtual host / frontend.
//    The server is the logged server name or address, else the syslog host.
//  * Bytes in another encoding stay as logged; the JSON form makes them valid UTF-8.
// Not thread-safe: one reader per file.
#pragma once

#include <istream>
#include <string>

#include "logs/line_source.h"
#include "logs/log_line_pattern.h"
#include "logs/log_read_stats.h"
#include "logs/text_log_parts.h"
#include "logs/tls_use_event.h"

namespace tlsready::logs {

class PatternLogReader {
 public:
  // `format_name` ("nginx", "apache", "haproxy") goes in each event's source; with
  // `syslog_prefix`, a syslog prefix is read off each line that has one (HAProxy).
  PatternLogReader(std::istream& input, std::string source_file, std::string format_name, LogLinePattern pattern,
                   bool syslog_prefix = false);

  bool next(TlsUseEvent& event);
  const LogReadStats& stats() const { return stats_; }
  std::size_t bytes_read() const { return lines_.bytes_read(); }

 private:
  bool event_from(const Line& line, TlsUseEvent& event);

  LineSource lines_;
  std::string source_file_;
  std::string format_name_;
  LogLinePattern pattern_;
  bool syslog_prefix_ = false;
  SyslogYearRule year_rule_;
  LogLinePattern::Values values_{};
  LogReadStats stats_;
};

}  // namespace tlsready::logs
