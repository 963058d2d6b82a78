// Classified failures of a probe step. Expected failures (a refused connection, a garbled
// ServerHello) are data, not exceptions: every room reports them with this type.
#pragma once

#include <string>
#include <string_view>

namespace tlsready {

// The numbers are frozen: they cross the C ABI (tlsr_*) and are listed in
// native/data/ledgers/failure_kinds.csv, which tests/native/ledgers compares with this enum.
// Never renumber; append new kinds with the next number; a retired kind keeps its number
// (marked "retired" in the ledger) and is never reused.
enum class FailureKind : int {
  invalid_target = 0,          // the host/port/options given cannot be used (empty host, port 0, ...)
  name_not_resolved = 1,       // getaddrinfo found no address
  connection_refused = 2,      // TCP RST to our SYN
  network_unreachable = 3,     // no route, host unreachable
  timeout = 4,                 // a step (connect, send, receive) did not finish within its timeout
  connection_reset = 5,        // the peer reset an established connection
  connection_closed = 6,       // the peer closed the connection cleanly before answering
  not_tls = 7,                 // the peer answered with bytes that are not TLS records (HTTP, garbage)
  handshake_refused = 8,       // the peer answered with a TLS alert / refused every offer
  protocol_error = 9,          // TLS records, but a malformed or inconsistent handshake message
  starttls_failed = 10,        // the plaintext STARTTLS dialogue did not reach the TLS upgrade
  cancelled = 11,              // the caller cancelled the scan
  endpoint_timeout = 12,       // the endpoint's total time budget ran out; what was found so far is kept
  flight_limit_exceeded = 13,  // after its ServerHello the server sent more than a flight may hold
  internal = 14,               // a bug or resource failure on our side
};

std::string_view to_string(FailureKind kind);

struct Failure {
  FailureKind kind = FailureKind::internal;
  std::string message;  // names the problem and the input, e.g. "connect to 127.0.0.1:9 refused"
};

}  // namespace tlsready
