// The server half of the socket layer on POSIX: bind(2), listen(2), accept4(2) (or accept + fcntl
// where it is missing), poll(2). See platform_listen.h.
#include <fcntl.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "net/platform_listen.h"
#include "net/platform_socket.h"

namespace tlsready::net::platform {

namespace {

std::string where(const std::string& address, uint16_t port) {
  const std::string host = address.find(':') != std::string::npos ? "[" + address + "]" : address;
  return host + ":" + std::to_string(port);
}

std::string numeric_text(const sockaddr_storage& storage, uint16_t& port) {
  char text[INET6_ADDRSTRLEN] = {};
  if (storage.ss_family == AF_INET6) {
    const auto& v6 = reinterpret_cast<const sockaddr_in6&>(storage);
    ::inet_ntop(AF_INET6, &v6.sin6_addr, text, sizeof text);
    port = ntohs(v6.sin6_port);
  } else {
    const auto& v4 = reinterpret_cast<const sockaddr_in&>(storage);
    ::inet_ntop(AF_INET, &v4.sin_addr, text, sizeof text);
    port = ntohs(v4.sin_port);
  }
  return text;
}

}  // namespace

std::optional<Failure> open_listener(const std::string& address, uint16_t port, int backlog, Listener& out) {
  sockaddr_storage storage{};
  socklen_t length = 0;
  int family = 0;
  if (auto& v4 = reinterpret_cast<sockaddr_in&>(storage); ::inet_pton(AF_INET, address.c_str(), &v4.sin_addr) == 1) {
    v4.sin_family = AF_INET;
    v4.sin_port = htons(port);
    family = AF_INET;
    length = sizeof(sockaddr_in);
  } else if (auto& v6 = reinterpret_cast<sockaddr_in6&>(storage);
             ::inet_pton(AF_INET6, address.c_str(), &v6.sin6_addr) == 1) {
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
  const int one = 1;
  // SO_REUSEADDR: a restarted listener binds while old connections sit in TIME_WAIT.
  ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (family == AF_INET6) ::setsockopt(socket, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
  if (::bind(socket, reinterpret_cast<const sockaddr*>(&storage), length) != 0 || ::listen(socket, backlog) != 0) {
    const int error = last_error();
    close_socket(socket);
    return Failure{FailureKind::connection_refused, "cannot listen on " + where(address, port) + ": " +
                                                        error_text(error) + " (" + error_number_label() + " " +
                                                        std::to_string(error) + ")"};
  }
  sockaddr_storage bound{};
  socklen_t bound_length = sizeof bound;
  uint16_t bound_port = port;
  if (::getsockname(socket, reinterpret_cast<sockaddr*>(&bound), &bound_length) == 0) numeric_text(bound, bound_port);
  out = Listener{socket, family, address, bound_port};
  return std::nullopt;
}

int accept_connection(int listener, std::string& peer_address, uint16_t& peer_port) {
  sockaddr_storage peer{};
  socklen_t length = sizeof peer;
  int socket = -1;
  do {
    socket = ::accept4(listener, reinterpret_cast<sockaddr*>(&peer), &length, SOCK_NONBLOCK | SOCK_CLOEXEC);
  } while (socket < 0 && errno == EINTR);
  if (socket < 0) return kNoSocket;
  peer_address = numeric_text(peer, peer_port);
  return socket;
}

int wait_any(std::vector<WaitEntry>& entries, int timeout_ms) {
  std::vector<pollfd> polled(entries.size());
  for (std::size_t i = 0; i < entries.size(); ++i) {
    short events = 0;
    if (entries[i].want_read) events |= POLLIN;
    if (entries[i].want_write) events |= POLLOUT;
    polled[i] = pollfd{entries[i].socket, events, 0};
  }
  const int rc = ::poll(polled.data(), static_cast<nfds_t>(polled.size()), timeout_ms);
  if (rc <= 0) return rc;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    entries[i].readable = (polled[i].revents & POLLIN) != 0;
    entries[i].writable = (polled[i].revents & POLLOUT) != 0;
    entries[i].failed = (polled[i].revents & (POLLERR | POLLHUP | POLLNVAL)) != 0;
  }
  return rc;
}

void shutdown_send(int socket) { ::shutdown(socket, SHUT_WR); }

}  // namespace tlsready::net::platform
