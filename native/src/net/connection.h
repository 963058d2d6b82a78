// One TCP connection on a non-blocking socket; every step has its own timeout, enforced with
// poll(). Thread-compatible: one Connection per thread. Closing is RAII.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/failure.h"
#include "net/address.h"

namespace tlsready::net {

class Connection {
 public:
  Connection() = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  Connection(Connection&& other) noexcept;
  Connection& operator=(Connection&& other) noexcept;
  ~Connection();

  // Connects within `timeout`. Classifies failures: connection_refused, network_unreachable,
  // timeout, internal (with errno text and the address in the message).
  static std::optional<Failure> open(const ResolvedAddress& address, std::chrono::milliseconds timeout,
                                     Connection& out);

  bool is_open() const { return fd_ >= 0; }
  int fd() const { return fd_; }  // still owned by this object (OpenSSL may borrow it)
  // "127.0.0.1:443" or "[::1]:443", for messages.
  const std::string& peer() const { return peer_; }
  // Bytes read past the last line by receive_line and not yet handed out. Anyone borrowing
  // fd() must check this is 0 (a STARTTLS server must not pipeline data after its reply).
  size_t buffered() const { return pending_.size(); }

  std::optional<Failure> send_all(std::span<const uint8_t> bytes, std::chrono::milliseconds timeout);
  // Waits up to `timeout` for data. Returns bytes read (> 0), or 0 when the peer closed cleanly.
  // Failures: timeout, connection_reset.
  std::optional<Failure> receive_some(std::span<uint8_t> buffer, std::chrono::milliseconds timeout,
                                      size_t& received);
  // Reads a CRLF- or LF-terminated line (for STARTTLS dialogues), at most max_length bytes.
  std::optional<Failure> receive_line(std::chrono::milliseconds timeout, std::string& line,
                                      size_t max_length = 4096);
  void close();

  // A hard end for every later send/receive on this connection, whatever timeout each is given
  // (an endpoint's total budget). A step cut short by it fails with kind endpoint_timeout.
  void limit_to(std::chrono::steady_clock::time_point deadline) { limit_ = deadline; }

 private:
  int fd_ = -1;
  std::string peer_;  // for messages
  std::vector<uint8_t> pending_;  // bytes read past a line by receive_line, returned first
  std::chrono::steady_clock::time_point limit_ = std::chrono::steady_clock::time_point::max();
};

}  // namespace tlsready::net
