// The socket layer on Windows: Winsock 2 (ws2_32). See platform_socket.h.
// https://learn.microsoft.com/windows/win32/winsock/ : WSAStartup, WSAPoll, ioctlsocket(FIONBIO),
// WSAGetLastError, closesocket. Windows has no SIGPIPE, so send needs no MSG_NOSIGNAL.
#include <winsock2.h>
#include <ws2tcpip.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <string>

#include "net/platform_socket.h"

namespace tlsready::net::platform {

namespace {

SOCKET as_socket(int socket) { return static_cast<SOCKET>(static_cast<std::intptr_t>(socket)); }

int clamp_length(std::size_t length) {
  return static_cast<int>(std::min<std::size_t>(length, static_cast<std::size_t>(std::numeric_limits<int>::max())));
}

// One part of an inet_aton address: decimal, 0-octal or 0x-hex (4.4BSD inet_addr(3)).
bool read_part(const char*& cursor, unsigned long long& value) {
  int base = 10;
  if (cursor[0] == '0' && (cursor[1] == 'x' || cursor[1] == 'X')) {
    base = 16;
    cursor += 2;
  } else if (cursor[0] == '0') {
    base = 8;
  }
  value = 0;
  bool digits = base == 8;  // a lone "0" is a number
  for (;; ++cursor) {
    const char c = *cursor;
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    if (base == 16 && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    if (base == 16 && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    if (digit < 0 || digit >= base) break;
    value = value * static_cast<unsigned>(base) + static_cast<unsigned>(digit);
    if (value > 0xffffffffULL) return false;
    digits = true;
  }
  return digits;
}

}  // namespace

std::optional<Failure> ensure_started() {
  static const int started = [] {
    WSADATA data{};
    return WSAStartup(MAKEWORD(2, 2), &data);  // never WSACleanup: other threads may still use sockets
  }();
  if (started != 0) {
    return Failure{FailureKind::internal, "cannot start Winsock (WSAStartup): " + error_text(started) + " (" +
                                              error_number_label() + " " + std::to_string(started) + ")"};
  }
  return std::nullopt;
}

int last_error() { return WSAGetLastError(); }

SocketError classify(int error) {
  switch (error) {
    case 0: return SocketError::none;
    case WSAEWOULDBLOCK: return SocketError::would_block;
    case WSAEINPROGRESS:
    case WSAEALREADY: return SocketError::in_progress;
    case WSAEINTR: return SocketError::interrupted;
    case WSAECONNREFUSED: return SocketError::refused;
    case WSAENETUNREACH:
    case WSAENETDOWN: return SocketError::network_unreachable;
    case WSAEHOSTUNREACH:
    case WSAEHOSTDOWN: return SocketError::host_unreachable;
    case WSAEAFNOSUPPORT: return SocketError::family_unsupported;
    case WSAETIMEDOUT: return SocketError::timed_out;
    case WSAECONNRESET:
    case WSAECONNABORTED:
    case WSAESHUTDOWN:
    case WSAENETRESET: return SocketError::reset;
    default: return SocketError::other;
  }
}

std::string error_text(int error) {
  char* buffer = nullptr;
  const DWORD length =
      FormatMessageA(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                     nullptr, static_cast<DWORD>(error), 0, reinterpret_cast<char*>(&buffer), 0, nullptr);
  std::string text = length > 0 && buffer != nullptr ? std::string(buffer, length) : std::string();
  if (buffer != nullptr) LocalFree(buffer);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' || text.back() == '.')) {
    text.pop_back();
  }
  if (text.empty()) text = "Winsock error " + std::to_string(error);
  return text;
}

std::string error_number_label() { return "Winsock error"; }

int open_tcp_socket(int family) {
  if (ensure_started()) return kNoSocket;
  // WSA_FLAG_NO_HANDLE_INHERIT: the close-on-exec of Windows (child processes do not inherit it).
  const SOCKET created =
      WSASocketW(family, SOCK_STREAM, IPPROTO_TCP, nullptr, 0, WSA_FLAG_OVERLAPPED | WSA_FLAG_NO_HANDLE_INHERIT);
  if (created == INVALID_SOCKET) return kNoSocket;
  u_long on = 1;
  if (ioctlsocket(created, FIONBIO, &on) != 0) {
    const int error = WSAGetLastError();
    closesocket(created);
    WSASetLastError(error);
    return kNoSocket;
  }
  return static_cast<int>(static_cast<std::intptr_t>(created));
}

bool set_no_delay(int socket) {
  const BOOL one = TRUE;
  return setsockopt(as_socket(socket), IPPROTO_TCP, TCP_NODELAY, reinterpret_cast<const char*>(&one), sizeof one) == 0;
}

int start_connect(int socket, const sockaddr* address, socklen_t length) {
  if (connect(as_socket(socket), address, length) == 0) return 0;
  // A non-blocking connect that goes on is WSAEWOULDBLOCK on Windows, EINPROGRESS on POSIX.
  if (WSAGetLastError() == WSAEWOULDBLOCK) WSASetLastError(WSAEINPROGRESS);
  return -1;
}

bool pending_error(int socket, int& error) {
  error = 0;
  int length = sizeof error;
  return getsockopt(as_socket(socket), SOL_SOCKET, SO_ERROR, reinterpret_cast<char*>(&error), &length) == 0;
}

long long send_some(int socket, const void* data, std::size_t length) {
  const int sent = send(as_socket(socket), static_cast<const char*>(data), clamp_length(length), 0);
  return sent == SOCKET_ERROR ? -1 : sent;
}

long long receive_some(int socket, void* data, std::size_t length) {
  const int received = recv(as_socket(socket), static_cast<char*>(data), clamp_length(length), 0);
  return received == SOCKET_ERROR ? -1 : received;
}

int wait_ready(int socket, bool for_write, int timeout_ms) {
  // WSAPoll reports a refused non-blocking connect as POLLERR|POLLHUP, which counts as ready:
  // pending_error() then says why.
  WSAPOLLFD entry{};
  entry.fd = as_socket(socket);
  entry.events = for_write ? POLLWRNORM : POLLRDNORM;
  const int rc = WSAPoll(&entry, 1, timeout_ms);
  if (rc == SOCKET_ERROR) return -1;
  return rc > 0 ? 1 : 0;
}

void close_socket(int socket) { closesocket(as_socket(socket)); }

NonBlockingScope::NonBlockingScope(int socket) : socket_(socket) {
  u_long on = 1;
  valid_ = ioctlsocket(as_socket(socket_), FIONBIO, &on) == 0;
  non_blocking_ = valid_;
}

NonBlockingScope::~NonBlockingScope() = default;

bool read_inet_aton(const char* text, in_addr& out) {
  unsigned long long parts[4] = {};
  int count = 0;
  const char* cursor = text;
  for (;;) {
    if (count == 4 || !read_part(cursor, parts[count])) return false;
    ++count;
    if (*cursor == '\0') break;
    if (*cursor != '.') return false;
    ++cursor;
  }
  unsigned long long value = 0;
  // "a" (32 bits), "a.b" (8.24), "a.b.c" (8.8.16), "a.b.c.d" (8.8.8.8).
  const unsigned long long last_limit[] = {0xffffffffULL, 0xffffffULL, 0xffffULL, 0xffULL};
  for (int i = 0; i < count - 1; ++i) {
    if (parts[i] > 0xff) return false;
    value |= parts[i] << (24 - 8 * i);
  }
  if (parts[count - 1] > last_limit[count - 1]) return false;
  value |= parts[count - 1];
  out.s_addr = htonl(static_cast<u_long>(value));
  return true;
}

bool resolver_no_name(int rc) { return rc == EAI_NONAME || rc == WSANO_DATA || rc == EAI_NODATA; }

bool resolver_out_of_memory(int rc) { return rc == EAI_MEMORY; }

std::string resolver_error_text(int rc, int /*saved_errno*/) { return error_text(rc); }

}  // namespace tlsready::net::platform
