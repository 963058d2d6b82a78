// The pieces text logs share (web-server access logs, syslog and journal lines of mail servers):
// their time stamps made ISO-8601 UTC, the syslog prefix split off, "host[address]:port" peers, the
// path of a request line and the escapes web servers write. Pure functions of their arguments;
// thread-safe. Every parser reads a string_view and never reads past it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tlsready::logs {

// Common Log Format time: "30/Nov/2026:08:15:02 +0100" (nginx $time_local, Apache %t without the
// brackets), also with a fraction ("30/Nov/2026:08:15:02.123", HAProxy %t/%tr) and without the zone
// (taken as UTC: HAProxy's accept date is local time and says no zone). "" when malformed.
std::string utc_from_common_log_time(std::string_view text);
// RFC 3339 / ISO 8601: "2026-11-30T08:15:02+01:00", "...02Z", "...02.123456+0100" (journalctl
// short-iso); no zone is taken as UTC. "" when malformed.
std::string utc_from_iso_time(std::string_view text);

// The year syslog's year-less "Nov 30 08:15:02" belongs to. A file is written before its last-write
// time, so a line's month/day after the file's last-write month/day means the year before (a file
// with December lines last written in January). `year`/`month`/`day` of that time (UTC).
struct SyslogYearRule {
  int year = 1970;
  int month = 1;
  int day = 1;
};
// The rule from a file's last-write time, or from now when `path` cannot be read (a stream).
SyslogYearRule syslog_year_rule_for(const std::string& path);
// "Nov 30 08:15:02" (a day of one digit is padded with a space) in the rule's year; "" when malformed.
std::string utc_from_syslog_time(std::string_view text, const SyslogYearRule& rule);

// A syslog or journal line split into its parts. Accepted prefixes:
//   "Nov 30 08:15:02 mx1 postfix/smtpd[1234]: text"          (RFC 3164, rsyslog's default)
//   "2026-11-30T08:15:02.123456+00:00 mx1 postfix/smtpd[1234]: text"  (RFC 3339 time stamps)
//   "<22>Nov 30 08:15:02 ..." (a PRI kept by a relay), "<22>1 2026-11-30T08:15:02Z mx1 postfix/smtpd 1234 - - text"
//   (RFC 5424) "Nov 30 08:15:02 imap-login: Info: text"                  (a program's own log file: no host)
struct SyslogLine {
  std::string time;          // ISO-8601 UTC, "" when the stamp is malformed
  std::string_view host;     // "" when the line names none
  std::string_view program;  // "postfix/smtpd", "dovecot", "imap-login" (without "[pid]")
  std::string_view message;  // the rest, after "program[pid]: "
};
std::optional<SyslogLine> parse_syslog_line(std::string_view line, const SyslogYearRule& rule);

// A peer as Postfix writes it: "mx.example.net[203.0.113.5]:25", "unknown[198.51.100.7]",
// "[2001:db8::5]:587". The name is "" for "unknown".
struct BracketPeer {
  std::string_view name;
  std::string_view address;
  std::optional<uint16_t> port;
};
std::optional<BracketPeer> parse_bracket_peer(std::string_view text);

// A decimal port 1-65535, or nullopt.
std::optional<uint16_t> parse_port(std::string_view text);
// The path of an HTTP request line ("GET /owa/auth.owa?x=1 HTTP/1.1" -> "/owa/auth.owa"), or of a
// URI ("/a/b?c" -> "/a/b"); "" when the line names none.
std::string_view request_path(std::string_view request_line);
// A value as web servers escape it: "\x22", "\"", "\\" decoded (nginx escape=default, Apache).
std::string unescape_log_value(std::string_view text);

// OpenSSL's connection summary as Postfix and Dovecot (%k) log it: "TLSv1 with cipher
// ECDHE-RSA-AES256-SHA (256/256 bits)", possibly followed by more ("key-exchange X25519 ...").
struct WithCipher {
  std::string_view protocol;  // "TLSv1"
  std::string_view cipher;    // "ECDHE-RSA-AES256-SHA"
};
std::optional<WithCipher> parse_with_cipher(std::string_view text);

}  // namespace tlsready::logs
