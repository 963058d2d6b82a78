// How a server said no to one protocol version's hellos: who refused and how, with the alert when
// it was one (RFC 8446 §6, RFC 5246 §7.2). Filled by the probe (probe/hello_attempt.cpp).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tlsready::model {

// Numbers and names are frozen (the schema's refusal kind lists the names).
enum class RefusalKind : int {
  alert = 0,               // the peer answered with a TLS alert (see alert_*)
  connection_reset = 1,    // the peer (or a middlebox) reset the connection
  connection_closed = 2,   // the peer closed the connection without an alert
  timeout = 3,             // no complete answer within the step timeout (a silent drop)
  unparseable_answer = 4,  // bytes that are not TLS, or a malformed handshake message
  wrong_version = 5,       // a ServerHello for another version than the one asked for
  unoffered_suite = 6,     // a ServerHello choosing a cipher suite that was not offered
  no_common_cipher = 7,    // SSLv2: a SERVER-HELLO without a cipher kind in common
  other = 8,               // any other way the hello went unanswered (connect failed, cancelled, ...)
};

inline constexpr std::array<RefusalKind, 9> kAllRefusalKinds = {
    RefusalKind::alert,           RefusalKind::connection_reset,   RefusalKind::connection_closed,
    RefusalKind::timeout,         RefusalKind::unparseable_answer, RefusalKind::wrong_version,
    RefusalKind::unoffered_suite, RefusalKind::no_common_cipher,   RefusalKind::other};

// The snake_case name above; "unknown" for a number that is no enumerator.
std::string_view to_string(RefusalKind kind);

struct Refusal {
  RefusalKind kind = RefusalKind::other;
  std::optional<uint8_t> alert_level;     // alert: 1 warning, 2 fatal (RFC 8446 §6 AlertLevel)
  std::optional<uint8_t> alert_code;      // alert: the AlertDescription number, e.g. 40
  std::optional<std::string> alert_name;  // alert: its RFC name, e.g. "handshake_failure"
  std::string detail;                     // for people, e.g. "alert handshake_failure"
};

}  // namespace tlsready::model
