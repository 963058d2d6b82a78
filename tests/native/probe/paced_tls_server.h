// A loopback TCP server for the probe tests that takes any number of connections at once: each
// one reads the client's first TLS record, then runs `answer(fd, hello, stop)` on its own thread
// and sends the bytes it returns last. It counts connections being answered at the same time (to
// pin the per-endpoint connection limit): a connection stops counting before its last bytes go
// out, so a client that waits for them before connecting again is never counted twice. Nothing
// is asserted from its threads; the destructor stops and joins everything.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace tlsready::test {

// What a ClientHello record says: client_version and the first real suite (not an SCSV/GREASE).
struct OfferedHello {
  uint16_t client_version = 0;
  uint16_t first_suite = 0;
  bool valid = false;
};

inline OfferedHello read_offered_hello(const std::string& record) {
  OfferedHello out;
  auto byte = [&](size_t at) { return static_cast<uint8_t>(record[at]); };
  auto u16 = [&](size_t at) { return static_cast<uint16_t>(byte(at) << 8 | byte(at + 1)); };
  if (record.size() < 5 + 4 + 2 + 32 + 1 || byte(0) != 0x16 || byte(5) != 0x01) return out;
  size_t at = 9;
  out.client_version = u16(at);
  at += 2 + 32;
  at += 1 + byte(at);
  if (at + 2 > record.size()) return out;
  const size_t end = at + 2 + u16(at);
  for (at += 2; at + 2 <= std::min(end, record.size()); at += 2) {
    const uint16_t suite = u16(at);
    if (suite == 0x00FF || suite == 0x5600 || (suite & 0x0F0F) == 0x0A0A) continue;
    out.first_suite = suite;
    out.valid = true;
    return out;
  }
  return out;
}

inline std::string tls_record(uint8_t type, const std::string& payload) {
  std::string out{static_cast<char>(type), 0x03, 0x03, static_cast<char>(payload.size() >> 8),
                  static_cast<char>(payload.size() & 0xff)};
  return out + payload;
}

inline std::string handshake_message(uint8_t type, const std::string& body) {
  std::string out{static_cast<char>(type), static_cast<char>(body.size() >> 16),
                  static_cast<char>((body.size() >> 8) & 0xff), static_cast<char>(body.size() & 0xff)};
  return out + body;
}

// RFC 5246 §7.4.1.3: TLS 1.2, a fixed random, no session id, `suite`, null compression, no
// extensions block.
inline std::string tls12_server_hello(uint16_t suite) {
  std::string body{0x03, 0x03};
  for (int i = 1; i <= 32; ++i) body += static_cast<char>(i);
  body += '\0';
  body += static_cast<char>(suite >> 8);
  body += static_cast<char>(suite & 0xff);
  body += '\0';
  return handshake_message(2, body);
}

inline std::string alert_record(uint8_t description) { return tls_record(21, std::string{2, static_cast<char>(description)}); }

class PacedTlsServer {
 public:
  using Answer = std::function<std::string(int fd, const OfferedHello& hello, const std::atomic<bool>& stop)>;

  explicit PacedTlsServer(Answer answer) : answer_(std::move(answer)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (listener_ < 0 || ::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 64) != 0)
      throw std::runtime_error("cannot listen on loopback");
    socklen_t length = sizeof address;
    ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length);
    port_ = ntohs(address.sin_port);
    acceptor_ = std::thread([this] { accept_loop(); });
  }
  PacedTlsServer(const PacedTlsServer&) = delete;
  PacedTlsServer& operator=(const PacedTlsServer&) = delete;
  ~PacedTlsServer() {
    stop_ = true;
    acceptor_.join();
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto& thread : handlers_) thread.join();
    ::close(listener_);
  }

  uint16_t port() const { return port_; }
  int peak_connections() const { return peak_.load(); }
  int connections() const { return total_.load(); }

  // Sends `bytes` one at a time with `gap` between, until done or the server stops; false when the
  // client went away.
  static bool send_paced(int fd, const std::string& bytes, std::chrono::milliseconds gap,
                         const std::atomic<bool>& stop) {
    for (char c : bytes) {
      if (stop || ::send(fd, &c, 1, MSG_NOSIGNAL) != 1) return false;
      std::this_thread::sleep_for(gap);
    }
    return true;
  }
  static bool send_all(int fd, const std::string& bytes) {
    size_t done = 0;
    while (done < bytes.size()) {
      const ssize_t n = ::send(fd, bytes.data() + done, bytes.size() - done, MSG_NOSIGNAL);
      if (n <= 0) return false;
      done += static_cast<size_t>(n);
    }
    return true;
  }

 private:
  void accept_loop() {
    while (!stop_) {
      pollfd entry{listener_, POLLIN, 0};
      if (::poll(&entry, 1, 20) <= 0) continue;
      const int fd = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (fd < 0) continue;
      std::lock_guard<std::mutex> lock(mutex_);
      handlers_.emplace_back([this, fd] { handle(fd); });
    }
  }

  void handle(int fd) {
    const int now = ++active_;
    ++total_;
    int peak = peak_.load();
    while (now > peak && !peak_.compare_exchange_weak(peak, now)) {
    }
    std::string record;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(3);
    while (!stop_ && std::chrono::steady_clock::now() < deadline) {
      if (record.size() >= 5 &&
          record.size() >= 5 + (size_t{static_cast<uint8_t>(record[3])} << 8 | static_cast<uint8_t>(record[4])))
        break;
      pollfd entry{fd, POLLIN, 0};
      if (::poll(&entry, 1, 20) <= 0) continue;
      char buffer[4096];
      const ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      record.append(buffer, static_cast<size_t>(n));
    }
    const std::string last = answer_(fd, read_offered_hello(record), stop_);
    --active_;
    send_all(fd, last);
    ::close(fd);
  }

  Answer answer_;
  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> active_{0}, peak_{0}, total_{0};
  std::mutex mutex_;
  std::vector<std::thread> handlers_;
  std::thread acceptor_;
};

}  // namespace tlsready::test
