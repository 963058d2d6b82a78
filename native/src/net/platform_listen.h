// The server half of the socket layer (platform_socket.h is the client half): a listening TCP
// socket on a numeric address, non-blocking accept, and one readiness wait over many sockets, for
// the capture listener. POSIX: platform_listen_posix.cpp (bind, listen, accept4, poll);
// Windows: platform_listen_windows.cpp (Winsock 2: bind, listen, accept + FIONBIO, WSAPoll).
// Sockets are ints as in platform_socket.h. Thread-compatible; no state of its own.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/failure.h"

namespace tlsready::net::platform {

// A listening, non-blocking TCP socket bound to `address` (numeric IPv4 "127.0.0.1" or IPv6 "::1",
// no brackets) and `port` (0: the system picks a free one; local_port() tells which). Failures
// name the address: invalid_target for text that is not a numeric address, connection_refused
// for a bind the system refuses (port in use, address not on this machine), internal otherwise.
struct Listener {
  int socket = -1;
  int family = 0;
  std::string address;  // as given
  uint16_t port = 0;    // the bound port
};
std::optional<Failure> open_listener(const std::string& address, uint16_t port, int backlog, Listener& out);

// One accepted connection, non-blocking (close-on-exec on POSIX), with the peer's numeric address
// ("127.0.0.1", "::1") and port. Returns kNoSocket when none waits (or on an error: last_error()).
int accept_connection(int listener, std::string& peer_address, uint16_t& peer_port);

// One entry of wait_any: which socket, whether to wait for reading and/or writing; `readable`,
// `writable` and `failed` (error or hang-up) are set by wait_any.
struct WaitEntry {
  int socket = -1;
  bool want_read = false;
  bool want_write = false;
  bool readable = false;
  bool writable = false;
  bool failed = false;
};
// Waits at most `timeout_ms` until one of the sockets is ready. Returns how many are (0: timeout),
// or -1 with last_error() (interrupted: retry).
int wait_any(std::vector<WaitEntry>& entries, int timeout_ms);

// Closes the sending direction (the peer reads end-of-file after what was sent).
void shutdown_send(int socket);

}  // namespace tlsready::net::platform
