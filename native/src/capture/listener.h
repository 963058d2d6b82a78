// The capture listener (issue 15): a TCP server that reads each client's ClientHello, records it
// as a TLS-use event (logs/tls_use_event.h, source format "listen") and refuses the handshake with
// an alert, so that an administrator who points a name or a load-balancer pool at it during a
// migration window learns who still connects with what.
//
// One thread, one readiness loop (net/platform_listen.h wait_any) over non-blocking sockets: the
// listening socket while fewer than max_connections are open (the rest wait in the backlog), and
// each open connection with its own buffer (at most kMaxClientHelloBytes + the STARTTLS prelude's
// bytes) and deadline. Garbage, silent and slow (slowloris) clients are dropped at their deadline
// or first bad byte and counted; they never hold up the others.
//
// The answer (RFC 8446 §6, RFC 5246 §7.2): a fatal handshake_failure(40) alert record at the
// client's record version. An SSL 2.0-format hello gets the SSL 2.0 ERROR message with
// NO-CIPHER-ERROR (0x0001) (draft-hickman-netscape-ssl-00, "Error Messages"), which SSL 2.0
// clients understand. Then the connection is closed.
//
// Not thread-safe: one Listener per thread; stop() may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "capture/server_prelude.h"
#include "codec/client_hello_parser.h"
#include "common/failure.h"
#include "logs/legacy_client_summary.h"
#include "logs/tls_use_event.h"

namespace tlsready::capture {

struct ListenOptions {
  std::string bind = "127.0.0.1";  // numeric IPv4 or IPv6
  uint16_t port = 0;               // 0: an ephemeral port (reported through on_listening)
  std::optional<PreludeProtocol> starttls;
  std::size_t count = 0;                                // stop after this many hellos (0: no limit)
  std::chrono::milliseconds duration{0};                // stop after this long (0: no limit)
  std::chrono::milliseconds connection_timeout{10000};  // per connection, from accept to its hello
  std::size_t max_connections = 256;                    // open at once; the rest wait in the backlog
  int backlog = 1024;
  // Called once the socket listens, with the address and the bound port.
  std::function<void(const std::string& address, uint16_t port)> on_listening;
  // Each recorded hello; return false to stop.
  std::function<bool(const logs::TlsUseEvent& event)> on_event;
  // Asked about every 100 ms; false stops (Ctrl-C in a front).
  std::function<bool()> keep_going;
  const std::atomic<bool>* cancel = nullptr;  // set: stop
};

// What happened to the connections besides their hellos.
struct ListenCounts {
  std::size_t connections = 0;       // accepted
  std::size_t hellos = 0;            // recorded as events
  std::size_t fallback_retries = 0;  // of them, with TLS_FALLBACK_SCSV
  std::size_t timed_out = 0;         // no complete hello by the deadline (silent, slowloris)
  std::size_t not_tls = 0;           // bytes that are not a TLS handshake record nor SSL 2.0 hello
  std::size_t malformed = 0;         // a TLS record, but a broken or oversized hello
  std::size_t closed_early = 0;      // the client closed or reset before its hello
  std::size_t prelude_failed = 0;    // the STARTTLS dialogue ended without the upgrade
  std::size_t dropped() const { return timed_out + not_tls + malformed + closed_early + prelude_failed; }
};

struct ListenOutcome {
  std::optional<Failure> failure;  // the socket could not listen (nothing else was done)
  ListenCounts counts;
  logs::LegacyClientSummary summary;  // of the recorded events; source "listen:ADDRESS:PORT"
  std::string source;                 // "listen:127.0.0.1:8443"
  bool stopped_by_count = false;
  bool stopped_by_duration = false;
  bool cancelled = false;
};

// The answer to a hello: handshake_failure at `record_version`, or the SSL 2.0 error.
std::string refusal_bytes(const codec::ClientHelloInfo& hello);

// Listens until count, duration, on_event returning false, keep_going returning false or cancel.
ListenOutcome run_listener(const ListenOptions& options);

}  // namespace tlsready::capture
