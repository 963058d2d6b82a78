// A log line format compiled once into literal text and fields (nginx log_format, Apache LogFormat,
// HAProxy log-format all compile to this), and the match of one line against it.
//
// Matching, left to right: a literal must be there; a field's value runs to the first place where
// the literal after it follows (so a quoted field, `"$request"`, may hold spaces and ends at the
// closing quote; a quote escaped with a backslash, as Apache writes it, does not end it); an address
// field followed by ':' runs to the last ':' before the next blank (IPv6 "2001:db8::7:51234"); the
// last field takes the rest of the line. A line whose literals are not where the format puts them
// does not match. No backtracking: a line is matched in one pass, whatever it holds.
// Plain values; thread-compatible (match() is const).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tlsready::logs {

// What a field tells the TLS-use event; `ignored` fields are matched and dropped.
enum class LogField {
  ignored,
  client_address,
  client_port,
  user,
  time_common,  // "30/Nov/2026:08:15:02 +0100" (nginx $time_local, Apache %t, HAProxy %t/%tr)
  time_iso,     // "2026-11-30T08:15:02+01:00" (nginx $time_iso8601)
  user_agent,
  host,       // the Host header (nginx $host, Apache %{Host}i)
  site_name,  // the virtual host's configured name (nginx $server_name, Apache %v, HAProxy %ft)
  sni,        // the name the client asked for in its ClientHello
  server,     // the logging machine's name or address
  server_port,
  request_line,    // "GET /path HTTP/1.1"
  resource,        // "/path" (with or without a query)
  protocol,        // "TLSv1.2"
  cipher,          // OpenSSL's suite name
  client_ciphers,  // the suites the client offered, ':'-separated (nginx $ssl_ciphers)
  count_,          // the number of kinds (not a field)
};

class LogLinePattern {
 public:
  // `name` is the field as the format spelled it, for messages ("$ssl_protocol", "%h").
  void add_literal(std::string_view text);
  // Throws std::invalid_argument when the field directly follows another field (no text between
  // them: where one ends cannot be told).
  void add_field(LogField field, std::string_view name);

  bool has(LogField field) const;
  bool empty() const { return pieces_.empty(); }

  // The values of one line, by field kind ("" for a kind the line's field left empty or that the
  // format lacks; the first non-empty field of a kind wins when the format has two). Views into `line`.
  using Values = std::array<std::string_view, static_cast<std::size_t>(LogField::count_)>;
  bool match(std::string_view line, Values& values) const;

 private:
  struct Piece {
    bool is_field = false;
    LogField field = LogField::ignored;
    std::string text;  // the literal, or the field's name
  };
  std::vector<Piece> pieces_;
};

}  // namespace tlsready::logs
