// Internal to tlsready_net: the pieces the STARTTLS dialogues share (bounded line and reply
// reading, failure wording) and the per-protocol entry points. Tests include it to reach the
// LDAP BER parser directly.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/failure.h"
#include "common/text.h"
#include "net/connection.h"

namespace tlsready::net::detail {

constexpr size_t kMaxLineLength = 2048;  // SMTP allows 512 per reply line (RFC 5321 §4.5.3.1.5)
constexpr size_t kMaxReplyLines = 128;   // an EHLO reply has a dozen lines; this is generous

// "text" with control characters escaped and long text cut, for failure messages.
std::string quote(std::string_view text);
// ASCII case-insensitive comparisons: common/text.h.
inline bool starts_with_ignoring_case(std::string_view text, std::string_view prefix) {
  return text::istarts_with(text, prefix);
}
inline bool equals_ignoring_case(std::string_view a, std::string_view b) { return text::iequals(a, b); }

// A numeric reply (SMTP, FTP): "250-first", "250-second", "250 last".
struct NumericReply {
  int code = 0;
  std::vector<std::string> lines;  // as received, without the line ends
};

// One STARTTLS conversation: every reply has its own deadline of `timeout` (covering all its
// lines), every send too. Failures name the protocol and the step.
class Dialogue {
 public:
  using Clock = std::chrono::steady_clock;

  Dialogue(Connection& connection, std::string_view protocol, std::chrono::milliseconds timeout)
      : connection_(connection), protocol_(protocol), timeout_(timeout) {}

  Clock::time_point new_deadline() const { return Clock::now() + timeout_; }

  std::optional<Failure> send_line(std::string_view line, std::string_view step);
  std::optional<Failure> send_bytes(std::span<const uint8_t> bytes, std::string_view step);
  std::optional<Failure> read_line(Clock::time_point deadline, std::string_view step, std::string& line);
  std::optional<Failure> read_reply(std::string_view step, NumericReply& out);
  std::optional<Failure> read_exact(Clock::time_point deadline, std::string_view step, std::span<uint8_t> out);

  // starttls_failed: "<protocol> <step>: <what>: \"<line>\"".
  Failure refused(std::string_view step, std::string_view what, std::string_view line) const;
  Failure refused(std::string_view step, std::string_view what) const;
  // Success only when the server did not pipeline bytes after its go-ahead (those would be read
  // as plaintext "inside" the TLS session: the STARTTLS injection class, CVE-2011-0411).
  std::optional<Failure> finish() const;

 private:
  Failure wrap(Failure failure, std::string_view step) const;

  Connection& connection_;
  std::string_view protocol_;
  std::chrono::milliseconds timeout_;
};

std::optional<Failure> negotiate_smtp(Connection& connection, const std::string& client_name,
                                      std::chrono::milliseconds timeout);
std::optional<Failure> negotiate_imap(Connection& connection, std::chrono::milliseconds timeout);
std::optional<Failure> negotiate_pop3(Connection& connection, std::chrono::milliseconds timeout);
std::optional<Failure> negotiate_ftp(Connection& connection, std::chrono::milliseconds timeout);
std::optional<Failure> negotiate_ldap(Connection& connection, std::chrono::milliseconds timeout);
std::optional<Failure> negotiate_postgres(Connection& connection, std::chrono::milliseconds timeout);

// LDAP (RFC 4511): the StartTLS ExtendedRequest with messageID 1, and a parser for one complete
// LDAPMessage (tag, length, contents) carrying an ExtendedResponse.
constexpr size_t kMaxLdapMessage = 16 * 1024;
std::vector<uint8_t> ldap_starttls_request();
struct LdapExtendedResponse {
  int64_t message_id = 0;
  int64_t result_code = 0;
  std::string matched_dn;
  std::string diagnostic;
  std::string response_name;  // empty when absent
};
// Returns a description of what is wrong when `message` is not such a response.
std::optional<std::string> parse_ldap_extended_response(std::span<const uint8_t> message, LdapExtendedResponse& out);
std::string_view ldap_result_name(int64_t code);  // "success", "protocolError", ... or ""

}  // namespace tlsready::net::detail
