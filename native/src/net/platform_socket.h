// The operating system's socket API behind one small interface, so the network room (and the
// OpenSSL handshake that borrows its sockets) is one code base for POSIX and Windows:
// platform_socket_posix.cpp (<sys/socket.h>, poll, fcntl, errno, close) and
// platform_socket_windows.cpp (Winsock 2: WSAStartup once, WSAPoll, ioctlsocket(FIONBIO),
// WSAGetLastError, closesocket).
//
// A socket is passed around as an `int` on both systems, as OpenSSL does with its own socket BIO
// (BIO_set_fd takes an int; Windows SOCKET values are kernel handle values, small multiples of 4
// that fit). kNoSocket (-1) means none. Error numbers are the system's own (errno or
// WSAGetLastError()); classify() puts them into the few classes the rooms act on, so a refused
// connect is FailureKind::connection_refused on both.
#pragma once

#if defined(_WIN32)
#ifndef NOMINMAX
#define NOMINMAX  // windows.h's min/max macros would break std::min and std::max
#endif
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN  // no wincrypt.h here: its X509_NAME macro clashes with OpenSSL
#endif
#include <winsock2.h>
#include <ws2tcpip.h>
#else
#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#endif

#include <cstddef>
#include <optional>
#include <string>

#include "common/failure.h"

namespace tlsready::net::platform {

constexpr int kNoSocket = -1;

// What an error number means to the rooms. Everything else is `other` (reported with its text).
enum class SocketError {
  none,
  would_block,          // EAGAIN / EWOULDBLOCK / WSAEWOULDBLOCK: try again when ready
  in_progress,          // a non-blocking connect goes on (EINPROGRESS, EINTR on connect; WSAEWOULDBLOCK)
  interrupted,          // EINTR / WSAEINTR: retry
  refused,              // ECONNREFUSED / WSAECONNREFUSED
  network_unreachable,  // ENETUNREACH, ENETDOWN
  host_unreachable,     // EHOSTUNREACH, EHOSTDOWN
  family_unsupported,   // EAFNOSUPPORT: IPv6 disabled on this machine
  timed_out,            // ETIMEDOUT
  reset,                // ECONNRESET, EPIPE, ECONNABORTED (and WSAESHUTDOWN)
  other,
};

// Winsock must be started before any socket or getaddrinfo call; this does it once per process
// (thread-safe) and never stops it (the process ends it). POSIX: nothing to do. Failure: internal.
std::optional<Failure> ensure_started();

// The calling thread's last socket error number (errno / WSAGetLastError()).
int last_error();
SocketError classify(int error);
// The system's text for an error number, e.g. "Connection refused".
std::string error_text(int error);
// What messages call the number: "errno" on POSIX, "Winsock error" on Windows.
std::string error_number_label();

// A non-blocking (and, on POSIX, close-on-exec) TCP socket of `family`; kNoSocket on failure,
// with last_error() telling why.
int open_tcp_socket(int family);
bool set_no_delay(int socket);
// Starts a connect; 0 when connected at once, else -1 with last_error() (in_progress: wait for
// writability, then pending_error()).
int start_connect(int socket, const sockaddr* address, socklen_t length);
// SO_ERROR of a socket whose connect finished; false when it cannot be read.
bool pending_error(int socket, int& error);
// One send / recv. Never raises SIGPIPE. Returns the byte count (recv: 0 when the peer closed),
// or -1 with last_error().
long long send_some(int socket, const void* data, std::size_t length);
long long receive_some(int socket, void* data, std::size_t length);
// Waits until the socket is readable (for_write false) or writable, an error or hang-up also
// count as ready. 1: ready, 0: timeout, -1: error with last_error() (interrupted: retry).
int wait_ready(int socket, bool for_write, int timeout_ms);
void close_socket(int socket);

// Puts a borrowed socket into non-blocking mode for a while. POSIX restores the old flags at the
// end; Winsock cannot tell a socket's mode, so there it stays non-blocking (every socket the
// rooms open is non-blocking anyway).
class NonBlockingScope {
 public:
  explicit NonBlockingScope(int socket);
  ~NonBlockingScope();
  NonBlockingScope(const NonBlockingScope&) = delete;
  NonBlockingScope& operator=(const NonBlockingScope&) = delete;

  bool valid() const { return valid_; }  // the socket exists
  bool non_blocking() const { return non_blocking_; }

 private:
  int socket_;
  int saved_flags_ = -1;  // POSIX only
  bool valid_ = false;
  bool non_blocking_ = false;
  bool changed_ = false;
};

// inet_aton's reading of IPv4 text (1-4 parts, decimal, 0-octal or 0x-hex: "127.1",
// "2130706433", "0177.0.0.1"), which Winsock lacks: the address check explains such forms.
bool read_inet_aton(const char* text, in_addr& out);

// getaddrinfo's result codes: "no such name" (EAI_NONAME, and where they exist EAI_NODATA and
// EAI_ADDRFAMILY), "out of memory", and the text for a code (EAI_SYSTEM: the saved errno's text).
bool resolver_no_name(int rc);
bool resolver_out_of_memory(int rc);
std::string resolver_error_text(int rc, int saved_errno);

}  // namespace tlsready::net::platform
