// The socket layer on POSIX systems: <sys/socket.h>, poll(2), fcntl(2), errno, close(2).
// See platform_socket.h.
#include <fcntl.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <system_error>

#include "net/platform_socket.h"

namespace tlsready::net::platform {

std::optional<Failure> ensure_started() { return std::nullopt; }

int last_error() { return errno; }

SocketError classify(int error) {
  switch (error) {
    case 0: return SocketError::none;
    case EAGAIN:
#if EWOULDBLOCK != EAGAIN
    case EWOULDBLOCK:
#endif
      return SocketError::would_block;
    case EINPROGRESS: return SocketError::in_progress;
    case EINTR: return SocketError::interrupted;
    case ECONNREFUSED: return SocketError::refused;
    case ENETUNREACH:
    case ENETDOWN: return SocketError::network_unreachable;
    case EHOSTUNREACH:
    case EHOSTDOWN: return SocketError::host_unreachable;
    case EAFNOSUPPORT: return SocketError::family_unsupported;
    case ETIMEDOUT: return SocketError::timed_out;
    case ECONNRESET:
    case EPIPE:
    case ECONNABORTED: return SocketError::reset;
    default: return SocketError::other;
  }
}

std::string error_text(int error) { return std::generic_category().message(error); }

std::string error_number_label() { return "errno"; }

int open_tcp_socket(int family) { return ::socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, IPPROTO_TCP); }

bool set_no_delay(int socket) {
  const int one = 1;
  return ::setsockopt(socket, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) == 0;
}

int start_connect(int socket, const sockaddr* address, socklen_t length) { return ::connect(socket, address, length); }

bool pending_error(int socket, int& error) {
  error = 0;
  socklen_t length = sizeof error;
  return ::getsockopt(socket, SOL_SOCKET, SO_ERROR, &error, &length) == 0;
}

// MSG_NOSIGNAL: a peer that closed makes send() fail with EPIPE instead of raising SIGPIPE,
// without touching the process's signal disposition.
long long send_some(int socket, const void* data, std::size_t length) {
  return ::send(socket, data, length, MSG_NOSIGNAL);
}

long long receive_some(int socket, void* data, std::size_t length) { return ::recv(socket, data, length, 0); }

int wait_ready(int socket, bool for_write, int timeout_ms) {
  pollfd entry{socket, static_cast<short>(for_write ? POLLOUT : POLLIN), 0};
  const int rc = ::poll(&entry, 1, timeout_ms);
  return rc > 0 ? 1 : rc;
}

void close_socket(int socket) {
  ::close(socket);  // Linux releases the descriptor even when close() reports EINTR: no retry
}

NonBlockingScope::NonBlockingScope(int socket) : socket_(socket), saved_flags_(::fcntl(socket, F_GETFL)) {
  valid_ = saved_flags_ != -1;
  if (!valid_) return;
  if ((saved_flags_ & O_NONBLOCK) != 0) {
    non_blocking_ = true;
    return;
  }
  changed_ = ::fcntl(socket_, F_SETFL, saved_flags_ | O_NONBLOCK) == 0;
  non_blocking_ = changed_;
}

NonBlockingScope::~NonBlockingScope() {
  if (changed_) ::fcntl(socket_, F_SETFL, saved_flags_);
}

bool read_inet_aton(const char* text, in_addr& out) { return ::inet_aton(text, &out) == 1; }

bool resolver_no_name(int rc) { return rc == EAI_NONAME || rc == EAI_ADDRFAMILY || rc == EAI_NODATA; }

bool resolver_out_of_memory(int rc) { return rc == EAI_MEMORY; }

std::string resolver_error_text(int rc, int saved_errno) {
  if (rc == EAI_SYSTEM) return error_text(saved_errno);
  return gai_strerror(rc);
}

}  // namespace tlsready::net::platform
