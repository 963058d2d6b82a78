// Non-blocking TCP with a poll() deadline on every step, over the platform layer
// (platform_socket.h: POSIX sockets or Winsock). No global state; SIGPIPE is avoided per call
// (MSG_NOSIGNAL) instead of touching the process signal disposition.
#include "net/connection.h"

#include <algorithm>
#include <cstring>
#include <utility>

#include "net/platform_socket.h"

namespace tlsready::net {

namespace {

using Clock = std::chrono::steady_clock;
using platform::SocketError;

std::string errno_text(int error) { return platform::error_text(error); }

Clock::time_point deadline_after(std::chrono::milliseconds timeout) {
  return Clock::now() + std::max(timeout, std::chrono::milliseconds(0));
}

// Milliseconds left until `deadline`, rounded up so poll() never spins on a sub-millisecond rest.
int remaining_ms(Clock::time_point deadline) {
  const auto left = deadline - Clock::now();
  if (left <= Clock::duration::zero()) return 0;
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
  return static_cast<int>(std::min<long long>(ms, 24LL * 3600 * 1000));
}

// Waits until fd is writable (for_write) or readable, until `deadline`. Returns 1 when ready, 0 on
// timeout, -1 with platform::last_error(). EINTR is retried with the time that is left.
int wait_for(int fd, bool for_write, Clock::time_point deadline) {
  for (;;) {
    const int rc = platform::wait_ready(fd, for_write, remaining_ms(deadline));
    if (rc > 0) return 1;
    if (rc == 0) return 0;
    if (platform::classify(platform::last_error()) != SocketError::interrupted) return -1;
  }
}

std::string peer_text(const ResolvedAddress& address) {
  uint16_t port = 0;
  if (address.family == AF_INET6 && static_cast<size_t>(address.length) >= sizeof(sockaddr_in6)) {
    sockaddr_in6 v6{};
    std::memcpy(&v6, &address.storage, sizeof v6);
    port = ntohs(v6.sin6_port);
    return "[" + address.text + "]:" + std::to_string(port);
  }
  if (address.family == AF_INET && static_cast<size_t>(address.length) >= sizeof(sockaddr_in)) {
    sockaddr_in v4{};
    std::memcpy(&v4, &address.storage, sizeof v4);
    port = ntohs(v4.sin_port);
  }
  return address.text + ":" + std::to_string(port);
}

Failure connect_failure(const std::string& peer, int error) {
  const std::string prefix = "connect to " + peer + ": ";
  switch (platform::classify(error)) {
    case SocketError::refused: return {FailureKind::connection_refused, prefix + "connection refused"};
    case SocketError::network_unreachable: return {FailureKind::network_unreachable, prefix + "network unreachable"};
    case SocketError::host_unreachable: return {FailureKind::network_unreachable, prefix + "host unreachable"};
    case SocketError::family_unsupported:  // IPv6 disabled on this machine: the family cannot be reached
      return {FailureKind::network_unreachable, prefix + "address family not supported on this host"};
    case SocketError::timed_out: return {FailureKind::timeout, prefix + "timed out"};
    default:
      return {FailureKind::internal,
              prefix + errno_text(error) + " (" + platform::error_number_label() + " " + std::to_string(error) + ")"};
  }
}

bool is_reset(int error) { return platform::classify(error) == SocketError::reset; }

std::string ms_text(std::chrono::milliseconds timeout) { return std::to_string(timeout.count()) + " ms"; }

// The step's own deadline, or the connection's hard limit when that comes first.
Clock::time_point step_deadline(std::chrono::milliseconds timeout, Clock::time_point limit) {
  return std::min(deadline_after(timeout), limit);
}

// A timeout that the hard limit caused is the endpoint's budget running out, not this step's.
Failure cut_by_limit(Failure failure, Clock::time_point deadline, Clock::time_point limit) {
  if (failure.kind == FailureKind::timeout && deadline == limit) {
    failure.kind = FailureKind::endpoint_timeout;
    failure.message += " (the endpoint's time budget ran out)";
  }
  return failure;
}

// One recv() that waits up to `deadline`; the caller has already handed out buffered bytes.
std::optional<Failure> receive_raw(int fd, const std::string& peer, std::span<uint8_t> buffer,
                                   Clock::time_point deadline, std::chrono::milliseconds timeout, size_t& received) {
  received = 0;
  for (;;) {
    const long long n = platform::receive_some(fd, buffer.data(), buffer.size());
    if (n >= 0) {
      received = static_cast<size_t>(n);  // 0: the peer closed cleanly
      return std::nullopt;
    }
    const int error = platform::last_error();
    if (platform::classify(error) == SocketError::interrupted) continue;
    if (is_reset(error)) {
      return Failure{FailureKind::connection_reset, "receive from " + peer + ": connection reset by peer"};
    }
    if (platform::classify(error) != SocketError::would_block) {
      return Failure{FailureKind::internal, "receive from " + peer + ": " + errno_text(error)};
    }
    const int ready = wait_for(fd, false, deadline);
    if (ready == 0) {
      return Failure{FailureKind::timeout, "receive from " + peer + ": no data within " + ms_text(timeout)};
    }
    if (ready < 0) {
      return Failure{FailureKind::internal, "receive from " + peer + ": poll: " + errno_text(platform::last_error())};
    }
  }
}

}  // namespace

Connection::Connection(Connection&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)),
      peer_(std::move(other.peer_)),
      pending_(std::move(other.pending_)),
      limit_(other.limit_) {
  other.pending_.clear();
}

Connection& Connection::operator=(Connection&& other) noexcept {
  if (this != &other) {
    close();
    fd_ = std::exchange(other.fd_, -1);
    peer_ = std::move(other.peer_);
    pending_ = std::move(other.pending_);
    limit_ = other.limit_;
    other.pending_.clear();
  }
  return *this;
}

Connection::~Connection() { close(); }

void Connection::close() {
  if (fd_ >= 0) {
    platform::close_socket(fd_);
    fd_ = -1;
  }
  pending_.clear();
}

std::optional<Failure> Connection::open(const ResolvedAddress& address, std::chrono::milliseconds timeout,
                                        Connection& out) {
  out.close();
  const std::string peer = peer_text(address);
  if ((address.family != AF_INET && address.family != AF_INET6) || address.length == 0 ||
      static_cast<size_t>(address.length) > sizeof(sockaddr_storage)) {
    return Failure{FailureKind::internal, "connect to " + peer + ": not an IPv4 or IPv6 address"};
  }

  Connection connection;
  connection.peer_ = peer;
  if (auto failure = platform::ensure_started()) return failure;
  connection.fd_ = platform::open_tcp_socket(address.family);
  if (connection.fd_ < 0) return connect_failure(peer, platform::last_error());

  // Probes send small records and wait for the answer: Nagle would only add latency.
  if (!platform::set_no_delay(connection.fd_)) {
    const int error = platform::last_error();
    return Failure{FailureKind::internal, "connect to " + peer + ": TCP_NODELAY: " + errno_text(error)};
  }

  const auto deadline = deadline_after(timeout);
  const int rc =
      platform::start_connect(connection.fd_, reinterpret_cast<const sockaddr*>(&address.storage), address.length);
  if (rc != 0) {
    const int error = platform::last_error();
    // EINTR on a non-blocking connect: the attempt goes on asynchronously, like EINPROGRESS.
    const SocketError kind = platform::classify(error);
    if (kind != SocketError::in_progress && kind != SocketError::interrupted) return connect_failure(peer, error);
    const int ready = wait_for(connection.fd_, true, deadline);
    if (ready == 0) {
      return Failure{FailureKind::timeout, "connect to " + peer + ": timed out after " + ms_text(timeout)};
    }
    if (ready < 0) return connect_failure(peer, platform::last_error());
    int so_error = 0;
    if (!platform::pending_error(connection.fd_, so_error)) return connect_failure(peer, platform::last_error());
    if (so_error != 0) return connect_failure(peer, so_error);
  }
  out = std::move(connection);
  return std::nullopt;
}

std::optional<Failure> Connection::send_all(std::span<const uint8_t> bytes, std::chrono::milliseconds timeout) {
  if (fd_ < 0) return Failure{FailureKind::internal, "send: connection is not open"};
  const auto deadline = step_deadline(timeout, limit_);
  size_t sent = 0;
  while (sent < bytes.size()) {
    const long long n = platform::send_some(fd_, bytes.data() + sent, bytes.size() - sent);
    if (n > 0) {
      sent += static_cast<size_t>(n);
      continue;
    }
    const int error = n < 0 ? platform::last_error() : 0;
    const SocketError kind = n < 0 ? platform::classify(error) : SocketError::would_block;
    if (kind == SocketError::interrupted) continue;
    if (kind == SocketError::reset) {
      return Failure{FailureKind::connection_reset, "send to " + peer_ + ": connection reset by peer"};
    }
    if (kind != SocketError::would_block) {
      return Failure{FailureKind::internal, "send to " + peer_ + ": " + errno_text(error)};
    }
    const int ready = wait_for(fd_, true, deadline);
    if (ready == 0) {
      return cut_by_limit(Failure{FailureKind::timeout, "send to " + peer_ + ": timed out after " + ms_text(timeout) +
                                                            " (" + std::to_string(sent) + " of " +
                                                            std::to_string(bytes.size()) + " bytes sent)"},
                          deadline, limit_);
    }
    if (ready < 0) {
      return Failure{FailureKind::internal, "send to " + peer_ + ": poll: " + errno_text(platform::last_error())};
    }
    // POLLERR/POLLHUP also wake us: the next send() reports the error.
  }
  return std::nullopt;
}

std::optional<Failure> Connection::receive_some(std::span<uint8_t> buffer, std::chrono::milliseconds timeout,
                                                size_t& received) {
  received = 0;
  if (fd_ < 0) return Failure{FailureKind::internal, "receive: connection is not open"};
  if (buffer.empty()) return Failure{FailureKind::internal, "receive from " + peer_ + ": empty buffer"};
  if (!pending_.empty()) {
    received = std::min(buffer.size(), pending_.size());
    std::copy_n(pending_.begin(), received, buffer.begin());
    pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(received));
    return std::nullopt;
  }
  const auto deadline = step_deadline(timeout, limit_);
  if (auto failure = receive_raw(fd_, peer_, buffer, deadline, timeout, received))
    return cut_by_limit(std::move(*failure), deadline, limit_);
  return std::nullopt;
}

std::optional<Failure> Connection::receive_line(std::chrono::milliseconds timeout, std::string& line,
                                                size_t max_length) {
  line.clear();
  if (fd_ < 0) return Failure{FailureKind::internal, "receive: connection is not open"};
  // The timeout covers the whole line: a server dripping one byte at a time cannot hold us
  // longer than that.
  const auto deadline = step_deadline(timeout, limit_);
  size_t scanned = 0;  // bytes of pending_ already known to hold no '\n'
  for (;;) {
    const auto begin = pending_.begin() + static_cast<std::ptrdiff_t>(scanned);
    const auto newline = std::find(begin, pending_.end(), uint8_t{'\n'});
    if (newline != pending_.end()) {
      size_t length = static_cast<size_t>(newline - pending_.begin());
      const size_t consumed = length + 1;
      if (length > 0 && pending_[length - 1] == '\r') --length;
      if (length > max_length) break;
      line.assign(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(length));
      pending_.erase(pending_.begin(), pending_.begin() + static_cast<std::ptrdiff_t>(consumed));
      return std::nullopt;
    }
    scanned = pending_.size();
    // max_length of content, plus a possible '\r' still waiting for its '\n' (written so that
    // max_length = SIZE_MAX cannot overflow).
    if (pending_.size() > max_length && pending_.size() - max_length > 1) break;

    uint8_t chunk[4096];
    size_t received = 0;
    if (auto failure = receive_raw(fd_, peer_, chunk, deadline, timeout, received)) {
      if (failure->kind == FailureKind::timeout) {
        failure->message = "receive from " + peer_ + ": no complete line within " + ms_text(timeout) + " (" +
                           std::to_string(pending_.size()) + " bytes received)";
      }
      return cut_by_limit(std::move(*failure), deadline, limit_);
    }
    if (received == 0) {
      return Failure{FailureKind::connection_closed,
                     "receive from " + peer_ + ": connection closed" +
                         (pending_.empty() ? std::string(" before a line was received")
                                           : " in the middle of a line (" + std::to_string(pending_.size()) +
                                                 " bytes without a line end)")};
    }
    pending_.insert(pending_.end(), chunk, chunk + received);
  }
  return Failure{FailureKind::protocol_error,
                 "receive from " + peer_ + ": line longer than " + std::to_string(max_length) + " bytes"};
}

}  // namespace tlsready::net
