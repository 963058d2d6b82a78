// Collects the server's first flight from raw bytes: records are reassembled into handshake
// messages (which may span records or share one) until the flight is complete or an alert
// arrives. This is what a probe needs to judge one ClientHello. No I/O: feed what arrived.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "codec/record.h"
#include "codec/server_messages.h"

namespace tlsready::codec {

class ServerFlightReader {
 public:
  enum class Need {
    server_hello,  // done after ServerHello/HelloRetryRequest (or alert)
    full_flight,   // TLS <= 1.2: continue through ServerHelloDone (Certificate, SKE, status)
  };
  enum class State {
    need_more,   // feed more bytes
    complete,    // got what was asked for (or the server moved to encrypted records: TLS 1.3, or a
                 // ChangeCipherSpec after a TLS <= 1.2 ServerHello, i.e. a resumed session)
    alert,       // the server answered with an alert (see alert()); a warning alert other than
                 // close_notify before ServerHello is only recorded in alert() and reading goes on
    not_tls,     // the bytes are not TLS (see error())
    sslv2,       // an SSLv2 SERVER-HELLO (see sslv2())
    malformed,   // TLS, but a malformed message, or a flight over 256 KiB (see error())
  };

  explicit ServerFlightReader(Need need) : need_(need) {}

  State feed(std::span<const uint8_t> bytes);
  State state() const { return state_; }
  const std::string& error() const { return error_; }

  const std::optional<ServerHello>& server_hello() const { return server_hello_; }
  const std::optional<Alert>& alert() const { return alert_; }
  const std::vector<std::vector<uint8_t>>& certificates() const { return certificates_; }
  // Raw ServerKeyExchange body: parse it once the cipher suite's key exchange is known.
  const std::optional<std::vector<uint8_t>>& server_key_exchange() const { return server_key_exchange_; }
  const std::optional<std::vector<uint8_t>>& ocsp_response() const { return ocsp_response_; }
  const std::optional<SslV2ServerHello>& sslv2() const { return sslv2_; }
  bool server_hello_done() const { return server_hello_done_; }
  size_t bytes_received() const { return bytes_received_; }

 private:
  Need need_;
  State state_ = State::need_more;
  std::string error_;
  RecordReader records_;
  std::vector<uint8_t> handshake_buffer_;  // handshake bytes not yet forming a whole message
  std::optional<ServerHello> server_hello_;
  std::optional<Alert> alert_;
  std::vector<std::vector<uint8_t>> certificates_;
  std::optional<std::vector<uint8_t>> server_key_exchange_;
  std::optional<std::vector<uint8_t>> ocsp_response_;
  std::optional<SslV2ServerHello> sslv2_;
  bool server_hello_done_ = false;
  size_t bytes_received_ = 0;
};

}  // namespace tlsready::codec
