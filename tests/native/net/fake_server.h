// A scripted TCP server on 127.0.0.1 or ::1 for the net tests: it accepts one connection and
// runs its steps (send, expect, pause, close, reset) on its own thread. Problems are recorded,
// never asserted from the server thread (Catch2 assertions are not thread-safe); the test reads
// them with finish().
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "net/address.h"

namespace tlsready::test {

using namespace std::chrono_literals;

// Builds the loopback address of `family` with `port` (127.0.0.1 or ::1); port 0 is allowed
// here (for bind), unlike in net::resolve.
inline net::ResolvedAddress loopback(int family, uint16_t port) {
  net::ResolvedAddress address;
  address.family = family;
  if (family == AF_INET6) {
    sockaddr_in6 v6{};
    v6.sin6_family = AF_INET6;
    v6.sin6_port = htons(port);
    v6.sin6_addr = in6addr_loopback;
    std::memcpy(&address.storage, &v6, sizeof v6);
    address.length = sizeof v6;
    address.text = "::1";
  } else {
    sockaddr_in v4{};
    v4.sin_family = AF_INET;
    v4.sin_port = htons(port);
    v4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    std::memcpy(&address.storage, &v4, sizeof v4);
    address.length = sizeof v4;
    address.text = "127.0.0.1";
  }
  return address;
}

// A bound (not listening) socket on the loopback of `family`, port chosen by the kernel.
inline int bind_loopback(int family, uint16_t& port) {
  const int fd = ::socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  const net::ResolvedAddress address = loopback(family, 0);
  sockaddr_storage storage = address.storage;
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&storage), address.length) != 0) {
    ::close(fd);
    return -1;
  }
  socklen_t length = sizeof storage;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&storage), &length);
  port = family == AF_INET6 ? ntohs(reinterpret_cast<const sockaddr_in6*>(&storage)->sin6_port)
                            : ntohs(reinterpret_cast<const sockaddr_in*>(&storage)->sin_port);
  return fd;
}

// True when a socket can be bound to ::1 (some containers have no IPv6 at all).
inline bool ipv6_loopback_available() {
  uint16_t port = 0;
  const int fd = bind_loopback(AF_INET6, port);
  if (fd < 0) return false;
  ::close(fd);
  return true;
}

// A port on which nothing listens: bound, then closed.
inline uint16_t closed_port(int family = AF_INET) {
  uint16_t port = 0;
  const int fd = bind_loopback(family, port);
  if (fd < 0) throw std::runtime_error("cannot bind a loopback port");
  ::close(fd);
  return port;
}

class FakeServer {
 public:
  explicit FakeServer(int family = AF_INET) : family_(family) {
    listener_ = bind_loopback(family, port_);
    if (listener_ < 0 || ::listen(listener_, 4) != 0) throw std::runtime_error("cannot listen on loopback");
  }
  FakeServer(const FakeServer&) = delete;
  FakeServer& operator=(const FakeServer&) = delete;
  ~FakeServer() {
    abandon_ = true;
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    if (client_ >= 0) ::close(client_);
    if (listener_ >= 0) ::close(listener_);
  }

  uint16_t port() const { return port_; }
  net::ResolvedAddress address() const { return loopback(family_, port_); }

  // Set before start(): the accepted socket's receive buffer (to make a sender block quickly).
  FakeServer& receive_buffer(int bytes) {
    ::setsockopt(listener_, SOL_SOCKET, SO_RCVBUF, &bytes, sizeof bytes);
    return *this;
  }

  FakeServer& send(std::string bytes) {
    steps_.push_back([this, bytes](int fd) { return write_all(fd, bytes); });
    return *this;
  }
  // One byte at a time with a pause between: a slow banner.
  FakeServer& send_slowly(std::string bytes, std::chrono::milliseconds gap) {
    steps_.push_back([this, bytes, gap](int fd) {
      for (char c : bytes) {
        if (!write_all(fd, std::string(1, c))) return false;
        std::this_thread::sleep_for(gap);
      }
      return true;
    });
    return *this;
  }
  // Reads exactly bytes.size() bytes and records a problem when they differ.
  FakeServer& expect(std::string bytes) {
    steps_.push_back([this, bytes](int fd) {
      std::string got;
      if (!read_exactly(fd, bytes.size(), got)) {
        problem("expected " + printable(bytes) + ", got only " + printable(got));
        return false;
      }
      if (got != bytes) problem("expected " + printable(bytes) + ", got " + printable(got));
      return got == bytes;
    });
    return *this;
  }
  FakeServer& pause(std::chrono::milliseconds duration) {
    steps_.push_back([duration](int) {
      std::this_thread::sleep_for(duration);
      return true;
    });
    return *this;
  }
  // Neither reads nor writes until finish(): the peer's sends fill the buffers and block.
  FakeServer& stall() {
    steps_.push_back([this](int) {
      while (!stop_) std::this_thread::sleep_for(10ms);
      return true;
    });
    return *this;
  }
  // Orderly close (FIN).
  FakeServer& close() {
    steps_.push_back([this](int) {
      ::close(client_);
      client_ = -1;
      return false;
    });
    return *this;
  }
  // Abortive close: SO_LINGER {1, 0} makes close() send a RST.
  FakeServer& reset() {
    steps_.push_back([this](int fd) {
      linger option{1, 0};
      ::setsockopt(fd, SOL_SOCKET, SO_LINGER, &option, sizeof option);
      ::close(client_);
      client_ = -1;
      return false;
    });
    return *this;
  }

  // Runs the script on a thread. After the last step the connection is held open (reading and
  // discarding) until the client closes it or finish() is called.
  FakeServer& start() {
    thread_ = std::thread([this] { run(); });
    return *this;
  }

  // Waits for the script to end, stops holding the connection, joins, and returns the recorded problems (empty = script ok).
  std::vector<std::string> finish() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
    return problems_;
  }
  // Everything the server read, valid after finish().
  const std::string& received() const { return received_; }

 private:
  static constexpr auto kStepTimeout = 5s;

  void run() {
    const auto deadline = std::chrono::steady_clock::now() + kStepTimeout;
    // finish() does not cut this wait short: the client may be connected (in the backlog) but
    // not yet accepted. Only the destructor abandons it.
    while (!abandon_) {
      pollfd entry{listener_, POLLIN, 0};
      if (::poll(&entry, 1, 20) > 0) break;
      if (std::chrono::steady_clock::now() > deadline) {
        problem("no client connected");
        return;
      }
    }
    if (abandon_) return;
    client_ = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client_ < 0) {
      problem(std::string("accept: ") + std::strerror(errno));
      return;
    }
    for (auto& step : steps_) {
      if (!step(client_)) return;
    }
    hold();
  }

  // Reads and keeps whatever comes until EOF or stop_.
  void hold() {
    char buffer[4096];
    while (!stop_ && client_ >= 0) {
      pollfd entry{client_, POLLIN, 0};
      if (::poll(&entry, 1, 20) <= 0) continue;
      const ssize_t n = ::recv(client_, buffer, sizeof buffer, 0);
      if (n <= 0) return;
      received_.append(buffer, static_cast<size_t>(n));
    }
  }

  bool write_all(int fd, const std::string& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        problem(std::string("send: ") + std::strerror(errno));
        return false;
      }
      done += static_cast<size_t>(n);
    }
    return true;
  }

  bool read_exactly(int fd, size_t count, std::string& out) {
    const auto deadline = std::chrono::steady_clock::now() + kStepTimeout;
    char buffer[4096];
    while (out.size() < count) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      pollfd entry{fd, POLLIN, 0};
      if (::poll(&entry, 1, 20) <= 0) continue;
      const size_t wanted = std::min(sizeof buffer, count - out.size());
      const ssize_t n = ::recv(fd, buffer, wanted, 0);
      if (n <= 0) return false;
      out.append(buffer, static_cast<size_t>(n));
      received_.append(buffer, static_cast<size_t>(n));
    }
    return true;
  }

  static std::string printable(const std::string& bytes) {
    std::string out = "\"";
    for (char c : bytes) {
      if (c == '\r') {
        out += "\\r";
      } else if (c == '\n') {
        out += "\\n";
      } else if (static_cast<unsigned char>(c) < 0x20 || static_cast<unsigned char>(c) >= 0x7f) {
        char hex[8];
        std::snprintf(hex, sizeof hex, "\\x%02x", static_cast<unsigned char>(c));
        out += hex;
      } else {
        out += c;
      }
    }
    return out + "\"";
  }

  void problem(std::string text) { problems_.push_back(std::move(text)); }

  int family_;
  uint16_t port_ = 0;
  int listener_ = -1;
  int client_ = -1;
  std::atomic<bool> stop_{false};     // finish(): stop holding the connection
  std::atomic<bool> abandon_{false};  // destructor: stop waiting for a client too
  std::thread thread_;
  std::vector<std::function<bool(int)>> steps_;
  std::vector<std::string> problems_;
  std::string received_;
};

}  // namespace tlsready::test
