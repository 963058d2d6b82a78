// The server half of the socket layer on Windows (Winsock 2): bind, listen, accept with
// ioctlsocket(FIONBIO), WSAPoll, inet_pton/inet_ntop. See platform_listen.h.
#include <winsock2.h>
#include <ws2tcpip.h>

#include <cstdint>

#include "net/platform_listen.h"
#include "net/platform_socket.h"

namespace tlsready::net::platform {

namespace {

SOCKET as_socket(int socket) { return static_cast<SOCKET>(static_cast<std::intptr_t>(socket)); }

std::string where(const std::string& address, uint16_t port) {
  const std::string host = address.find(':') != std::string::npos ? "[" + address + "]" : address;
  return host + ":" + std::to_string(port);
}

std::string numeric_text(const sockaddr_storage& storage, uint16_t& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (storage.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(storage);
    inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    port = ntohs(v6.sin6_port);
  } else {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(storage);
    inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    port = ntohs(v4.sin_port);
  }
  return text;
}

}  // namespace

std::optional<Failure> open_listener(const std::string& address, uint16_t port, int backlog, Listener& out) {
  if (auto failure = ensure_started()) return failure;
  sockaddr_storage storage{};
  int length = 0;
  int family = 0;
  auto& v4 = reinterpret_cast<sockaddr_in&>(storage);
  auto& v6 = reinterpret_cast<sockaddr_in6&>(storage);
  if (inet_pton(AF_INET, address.c_str(), &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    v4.sin_port = htons(port);
    family = AF_INET;
    length = sizeof(sockaddr_in);
  } else if (inet_pton(AF_INET6, address.c_str(), &v6.sin6_addr) == 1) {
    v6.sin6_family = AF_INET6;
    v6.sin6_port = htons(port);
    family = AF_INET6;
    length = sizeof(sockaddr_in6);
  } else {
    return Failure{FailureKind::invalid_target,
                   "listen address \"" + address + "\" is not a numeric IPv4 or IPv6 address"};
  }
  const int socket = open_tcp_socket(family);
  if (socket == kNoSocket) {
    const int error = last_error();
    return Failure{FailureKind::internal,
                   "cannot open a socket for " + where(address, port) + ": " + error_text(error)};
  }
  // SO_EXCLUSIVEADDRUSE: no other process may bind the same port beside us (Windows' SO_REUSEADDR
  // would allow that).
  const BOOL on = TRUE;
  setsockopt(as_socket(socket), SOL_SOCKET, SO_EXCLUSIVEADDRUSE, reinterpret_cast<const char*>(&on), sizeof on);
  if (bind(as_socket(socket), reinterpret_cast<const sockaddr*>(&storage), length) != 0 ||
      listen(as_socket(socket), backlog) != 0) {
    const int error = last_error();
    close_socket(socket);
    return Failure{FailureKind::connection_refused, "cannot listen on " + where(address, port) + ": " +
                                                        error_text(error) + " (" + error_number_label() + " " +
                                                        std::to_string(error) + ")"};
  }
  sockaddr_storage bound{};
  int bound_length = sizeof bound;
  uint16_t bound_port = port;
  if (getsockname(as_socket(socket), reinterpret_cast<sockaddr*>(&bound), &bound_length) == 0)
    numeric_text(bound, bound_port);
  out = Listener{socket, family, address, bound_port};
  return std::nullopt;
}

int accept_connection(int listener, std::string& peer_address, uint16_t& peer_port) {
  sockaddr_storage peer{};
  int length = sizeof peer;
  const SOCKET accepted = accept(as_socket(listener), reinterpret_cast<sockaddr*>(&peer), &length);
  if (accepted == INVALID_SOCKET) return kNoSocket;
  u_long on = 1;
  if (ioctlsocket(accepted, FIONBIO, &on) != 0) {
    closesocket(accepted);
    return kNoSocket;
  }
  peer_address = numeric_text(peer, peer_port);
  return static_cast<int>(static_cast<std::intptr_t>(accepted));
}

int wait_any(std::vector<WaitEntry>& entries, int timeout_ms) {
  std::vector<WSAPOLLFD> polled(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    polled[i].fd = as_socket(entries[i].socket);
    polled[i].events =
        static_cast<SHORT>((entries[i].want_read ? POLLRDNORM : 0) | (entries[i].want_write ? POLLWRNORM : 0));
  }
  const int rc = WSAPoll(polled.data(), static_cast<ULONG>(polled.size()), timeout_ms);
  if (rc == SOCKET_ERROR) return -1;
  for (std::size_t i = 0; rc > 0 && i < entries.size(); ++i) {
    entries[i].readable = (polled[i].revents & POLLRDNORM) != 0;
    entries[i].writable = (polled[i].revents & POLLWRNORM) != 0;
    entries[i].failed = (polled[i].revents & (POLLERR | POLLHUP | POLLNVAL)) != 0;
  }
  return rc;
}

void shutdown_send(int socket) { shutdown(as_socket(socket), SD_SEND); }

}  // namespace tlsready::net::platform
