// Classified failures of a probe step. Expected failures (a refused connection, a garbled
// ServerHello) are data, not exceptions: every room reports them with this type.
#pragma once

#include <string>
#include <string_view>

namespace tlsready {

enum class FailureKind {
  invalid_target,      // the host/port/options given cannot be used (empty host, port 0, ...)
  name_not_resolved,   // getaddrinfo found no address
  connection_refused,  // TCP RST to our SYN
  network_unreachable, // no route, host unreachable
  timeout,             // a step (connect, send, receive) did not finish within its timeout
  connection_reset,    // the peer reset an established connection
  connection_closed,   // the peer closed the connection cleanly before answering
  not_tls,             // the peer answered with bytes that are not TLS records (HTTP, garbage)
  handshake_refused,   // the peer answered with a TLS alert / refused every offer
  protocol_error,      // TLS records, but a malformed or inconsistent handshake message
  starttls_failed,     // the plaintext STARTTLS dialogue did not reach the TLS upgrade
  cancelled,           // the caller cancelled the scan
  endpoint_timeout,    // the endpoint's total time budget ran out; what was found so far is kept
  flight_limit_exceeded,  // after its ServerHello the server sent more than a flight may hold
  internal,            // a bug or resource failure on our side
};

std::string_view to_string(FailureKind kind);

struct Failure {
  FailureKind kind = FailureKind::internal;
  std::string message;  // names the problem and the input, e.g. "connect to 127.0.0.1:9 refused"
};

}  // namespace tlsready
