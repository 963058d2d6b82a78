// STARTTLS names, dispatch, and the dialogue plumbing every protocol shares.
#include "net/starttls.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

#include "common/hex.h"
#include "net/starttls_dialogue.h"

namespace tlsready::net {

namespace {

struct ProtocolName {
  StartTls protocol;
  std::string_view name;
};

constexpr std::array<ProtocolName, 7> kNames{{
    {StartTls::none, "none"},
    {StartTls::smtp, "smtp"},
    {StartTls::imap, "imap"},
    {StartTls::pop3, "pop3"},
    {StartTls::ftp, "ftp"},
    {StartTls::ldap, "ldap"},
    {StartTls::postgres, "postgres"},
}};


}  // namespace

std::string_view to_string(StartTls protocol) {
  for (const auto& entry : kNames) {
    if (entry.protocol == protocol) return entry.name;
  }
  return "none";
}

std::optional<StartTls> parse_starttls(std::string_view name) {
  for (const auto& entry : kNames) {
    if (detail::equals_ignoring_case(name, entry.name)) return entry.protocol;
  }
  if (detail::equals_ignoring_case(name, "postgresql")) return StartTls::postgres;
  return std::nullopt;
}

StartTls starttls_for_port(uint16_t port) {
  switch (port) {
    case 25:
    case 587: return StartTls::smtp;
    case 143: return StartTls::imap;
    case 110: return StartTls::pop3;
    case 21: return StartTls::ftp;
    case 389: return StartTls::ldap;
    case 5432: return StartTls::postgres;
    default: return StartTls::none;
  }
}

std::optional<Failure> negotiate_starttls(Connection& connection, StartTls protocol, const std::string& client_name,
                                          std::chrono::milliseconds timeout) {
  if (protocol == StartTls::none) return std::nullopt;
  if (!connection.is_open()) {
    return Failure{FailureKind::internal, std::string(to_string(protocol)) + " STARTTLS: connection is not open"};
  }
  switch (protocol) {
    case StartTls::smtp: return detail::negotiate_smtp(connection, client_name, timeout);
    case StartTls::imap: return detail::negotiate_imap(connection, timeout);
    case StartTls::pop3: return detail::negotiate_pop3(connection, timeout);
    case StartTls::ftp: return detail::negotiate_ftp(connection, timeout);
    case StartTls::ldap: return detail::negotiate_ldap(connection, timeout);
    case StartTls::postgres: return detail::negotiate_postgres(connection, timeout);
    case StartTls::none: break;
  }
  return std::nullopt;
}

namespace detail {

std::string quote(std::string_view text) {
  constexpr size_t kMaxQuoted = 200;
  std::string out = "\"";
  for (char c : text.substr(0, kMaxQuoted)) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u >= 0x7f) {
      out += "\\x" + hex::digits(u, 2, hex::Case::lower);
    } else {
      out += c;
    }
  }
  if (text.size() > kMaxQuoted) out += "...";
  out += '"';
  return out;
}


Failure Dialogue::wrap(Failure failure, std::string_view step) const {
  // A line that does not fit is the server's fault in this dialogue, not a TLS protocol error.
  if (failure.kind == FailureKind::protocol_error) failure.kind = FailureKind::starttls_failed;
  failure.message = std::string(protocol_) + " " + std::string(step) + ": " + failure.message;
  return failure;
}

Failure Dialogue::refused(std::string_view step, std::string_view what, std::string_view line) const {
  return Failure{FailureKind::starttls_failed,
                 std::string(protocol_) + " " + std::string(step) + ": " + std::string(what) + ": " + quote(line)};
}

Failure Dialogue::refused(std::string_view step, std::string_view what) const {
  return Failure{FailureKind::starttls_failed, std::string(protocol_) + " " + std::string(step) + ": " + std::string(what)};
}

std::optional<Failure> Dialogue::send_line(std::string_view line, std::string_view step) {
  std::string text(line);
  text += "\r\n";
  return send_bytes({reinterpret_cast<const uint8_t*>(text.data()), text.size()}, step);
}

std::optional<Failure> Dialogue::send_bytes(std::span<const uint8_t> bytes, std::string_view step) {
  if (auto failure = connection_.send_all(bytes, timeout_)) return wrap(std::move(*failure), step);
  return std::nullopt;
}

std::optional<Failure> Dialogue::read_line(Clock::time_point deadline, std::string_view step, std::string& line) {
  const auto left = std::max(std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()),
                             std::chrono::milliseconds(0));
  if (auto failure = connection_.receive_line(left, line, kMaxLineLength)) return wrap(std::move(*failure), step);
  return std::nullopt;
}

std::optional<Failure> Dialogue::read_exact(Clock::time_point deadline, std::string_view step, std::span<uint8_t> out) {
  size_t done = 0;
  while (done < out.size()) {
    const auto left = std::max(std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now()),
                               std::chrono::milliseconds(0));
    size_t received = 0;
    if (auto failure = connection_.receive_some(out.subspan(done), left, received)) {
      return wrap(std::move(*failure), step);
    }
    if (received == 0) {
      return wrap(Failure{FailureKind::connection_closed, "connection closed by " + connection_.peer() + " after " +
                                                              std::to_string(done) + " of " +
                                                              std::to_string(out.size()) + " bytes"},
                  step);
    }
    done += received;
  }
  return std::nullopt;
}

std::optional<Failure> Dialogue::read_reply(std::string_view step, NumericReply& out) {
  out = NumericReply{};
  const auto deadline = new_deadline();
  std::string line;
  if (auto failure = read_line(deadline, step, line)) return failure;
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  if (line.size() < 3 || !is_digit(line[0]) || !is_digit(line[1]) || !is_digit(line[2]) ||
      (line.size() > 3 && line[3] != ' ' && line[3] != '-')) {
    return refused(step, "malformed reply", line);
  }
  out.code = (line[0] - '0') * 100 + (line[1] - '0') * 10 + (line[2] - '0');
  const std::string code = line.substr(0, 3);
  const bool multi_line = line.size() > 3 && line[3] == '-';
  out.lines.push_back(std::move(line));
  if (!multi_line) return std::nullopt;
  // Multi-line: runs until a line with the same code followed by a space (or nothing). SMTP
  // repeats "code-" on every line; FTP (RFC 959 §4.2) allows free text in between.
  for (;;) {
    if (out.lines.size() >= kMaxReplyLines) {
      return refused(step, "reply longer than " + std::to_string(kMaxReplyLines) + " lines", out.lines.front());
    }
    if (auto failure = read_line(deadline, step, line)) return failure;
    const bool last = line.compare(0, 3, code) == 0 && (line.size() == 3 || line[3] == ' ');
    out.lines.push_back(line);
    if (last) return std::nullopt;
  }
}

std::optional<Failure> Dialogue::finish() const {
  if (connection_.buffered() != 0) {
    return refused("upgrade", "server sent " + std::to_string(connection_.buffered()) +
                                  " unexpected bytes after its go-ahead (possible plaintext injection)");
  }
  return std::nullopt;
}

}  // namespace detail

}  // namespace tlsready::net
