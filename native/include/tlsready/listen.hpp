// The public C++ face of the capture listener (`tlsready listen`): a TCP server on a local
// address that reads each client's ClientHello, streams one TLS-use event per hello
// (native/schema/tls-use-event.schema.json, source.format "listen", source.file
// "listen:ADDRESS:PORT", source.line the connection number), refuses the handshake with a fatal
// handshake_failure alert (SSL 2.0 hellos: the SSL 2.0 NO-CIPHER-ERROR) and closes; at the end it
// returns the legacy-clients summary (native/schema/legacy-clients.schema.json) of what it saw.
// A hello with TLS_FALLBACK_SCSV is a modern client's retry: its event says fallback_retry and
// legacy_protocol false, and the summary does not count it as legacy use.
//
// Errors: std::invalid_argument naming the option: a bind address that is not a numeric IPv4/IPv6
// address, a port outside 0..65535, an unknown starttls, a negative duration or timeout, and a
// socket that cannot listen there (port in use, address not on this machine). Clients that send
// garbage, nothing, or trickle bytes are dropped at their deadline and counted, never thrown.
// Thread-safety: any thread; calls share no state. The callbacks run on the calling thread.
#pragma once

#include <atomic>
#include <cstddef>
#include <functional>
#include <string>

namespace tlsready {

struct ListenOptions {
  std::string bind = "127.0.0.1";          // numeric IPv4 or IPv6 (no brackets)
  int port = 0;                            // 0: an ephemeral port, reported to on_listening
  std::string starttls;                    // "", "smtp", "imap" or "pop3": the server side of that prelude first
  std::size_t count = 0;                   // stop after this many hellos (0: no limit)
  double duration_seconds = 0;             // stop after this long (0: no limit)
  double connection_timeout_seconds = 10;  // each connection's time to send its hello
  std::size_t max_connections = 256;       // open at once; the rest wait in the backlog
  // Called once, when the socket listens: the address and the bound port.
  std::function<void(const std::string& address, int port)> on_listening;
  // Each TLS-use event (JSON text); return false to stop.
  std::function<bool(const std::string& event_json)> on_event;
  // Asked about every 100 ms; false stops (Ctrl-C in a front).
  std::function<bool()> keep_going;
  const std::atomic<bool>* cancel = nullptr;  // set from any thread: stop within about 100 ms
};

struct ListenResult {
  std::string summary_json;  // the legacy-clients document
  // {"connections", "hellos", "fallback_retries", "timed_out", "not_tls", "malformed",
  //  "closed_early", "prelude_failed", "dropped", "source", "stopped_by"} ("count", "duration",
  //  "stopped": a callback, keep_going or cancel).
  std::string counts_json;
};

ListenResult listen(const ListenOptions& options);

}  // namespace tlsready
