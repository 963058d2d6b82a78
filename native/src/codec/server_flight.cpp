// Reassembles the server's first flight (RFC 5246 §7.3 / RFC 8446 §2) from raw bytes:
// records -> handshake messages (RFC 8446 §5.1: a message may span records, a record may hold
// several messages) -> parsed messages, until the flight is complete, an alert arrives, or the
// input is not TLS. The total is bounded so a hostile server cannot make us buffer forever.
#include "codec/server_flight.h"

#include <utility>

#include "codec/constants.h"

namespace tlsready::codec {

namespace {

// Largest first flight accepted (all record bytes, headers included). Real flights with long
// chains and stapled OCSP stay well below 64 KiB.
constexpr size_t kMaxFlightBytes = 256 * 1024;
constexpr size_t kHandshakeHeader = 4;

std::string content_type_name(ContentType type) {
  switch (type) {
    case ContentType::change_cipher_spec: return "change_cipher_spec";
    case ContentType::alert: return "alert";
    case ContentType::handshake: return "handshake";
    case ContentType::application_data: return "application_data";
  }
  return "unknown";
}

bool is_tls13(const ServerHello& sh) {
  if (!sh.selected_version) return false;
  const uint16_t v = *sh.selected_version;
  return v >= wire_version::tls1_3 || (v >> 8) == 0x7f;  // 0x7fxx: TLS 1.3 drafts
}

}  // namespace

ServerFlightReader::State ServerFlightReader::feed(std::span<const uint8_t> bytes) {
  bytes_received_ += bytes.size();
  if (state_ != State::need_more) return state_;
  records_.feed(bytes);

  auto finish = [this](State state, std::string message = {}) {
    state_ = state;
    error_ = std::move(message);
    return state_;
  };
  const auto consumed = [this] { return bytes_received_ - records_.buffered(); };

  Record record;
  std::string why;
  while (true) {
    const size_t consumed_before = consumed();
    const RecordReader::Status status = records_.next(record, why);
    if (status == RecordReader::Status::need_more) break;
    if (status == RecordReader::Status::not_tls) {
      if (consumed_before != 0) return finish(State::malformed, "after valid TLS records, " + why);
      return finish(State::not_tls, why);
    }
    if (status == RecordReader::Status::sslv2_server_hello) {
      const auto data = records_.buffered_bytes();
      if (consumed_before != 0) {
        return finish(State::malformed, "SSLv2 record after TLS records");
      }
      const size_t length = (static_cast<size_t>(data[0] & 0x7f) << 8) | data[1];
      SslV2ServerHello hello;
      if (!parse_sslv2_server_hello(data.first(2 + length), hello, why)) return finish(State::malformed, why);
      sslv2_ = std::move(hello);
      return finish(State::sslv2);
    }

    // A whole record was consumed.
    if (consumed() > kMaxFlightBytes) {
      return finish(State::malformed, "server flight exceeds " + std::to_string(kMaxFlightBytes) +
                                          " bytes without completing");
    }
    const bool fragment_pending = !handshake_buffer_.empty();
    switch (record.type) {
      case ContentType::alert: {
        Alert alert;
        if (!parse_alert(record.fragment, alert, why)) return finish(State::malformed, why);
        alert_ = alert;
        // A warning before ServerHello (e.g. unrecognized_name, RFC 6066 §3) does not end the
        // handshake; close_notify, fatal alerts, and any alert later do.
        const bool warning = alert.level == static_cast<uint8_t>(AlertLevel::warning);
        if (warning && alert.description != 0 && !server_hello_) continue;
        return finish(State::alert);
      }
      case ContentType::change_cipher_spec:
        if (fragment_pending) {
          return finish(State::malformed, "change_cipher_spec interleaved with a fragmented handshake message");
        }
        // Before ServerHello: ignored (RFC 8446 App. D.4 middlebox compatibility). After a
        // TLS <= 1.2 ServerHello: an abbreviated (resumed) handshake; what follows is encrypted.
        if (server_hello_) return finish(State::complete);
        continue;
      case ContentType::application_data:
        return finish(State::malformed, server_hello_ ? "application_data before ServerHelloDone"
                                                      : "application_data before ServerHello");
      case ContentType::handshake:
        break;
      default:
        return finish(State::malformed, "unexpected record type " + content_type_name(record.type));
    }

    handshake_buffer_.insert(handshake_buffer_.end(), record.fragment.begin(), record.fragment.end());
    size_t offset = 0;
    while (handshake_buffer_.size() - offset >= kHandshakeHeader) {
      const uint8_t* header = handshake_buffer_.data() + offset;
      const uint8_t type = header[0];
      const size_t length = (static_cast<size_t>(header[1]) << 16) | (static_cast<size_t>(header[2]) << 8) | header[3];
      if (length + kHandshakeHeader > kMaxFlightBytes) {
        return finish(State::malformed, "handshake message type " + std::to_string(type) + " of " +
                                            std::to_string(length) + " bytes exceeds the flight limit of " +
                                            std::to_string(kMaxFlightBytes) + " bytes");
      }
      if (handshake_buffer_.size() - offset - kHandshakeHeader < length) break;
      const std::span<const uint8_t> body(header + kHandshakeHeader, length);
      offset += kHandshakeHeader + length;

      if (!server_hello_) {
        if (type != handshake_type::server_hello) {
          return finish(State::malformed, "expected ServerHello, got handshake message type " + std::to_string(type));
        }
        ServerHello hello;
        if (!parse_server_hello(body, hello, why)) return finish(State::malformed, why);
        server_hello_ = std::move(hello);
        if (need_ == Need::server_hello || server_hello_->is_hello_retry_request || is_tls13(*server_hello_)) {
          return finish(State::complete);
        }
        continue;
      }
      switch (type) {
        case handshake_type::certificate: {
          if (!certificates_.empty()) return finish(State::malformed, "second Certificate message");
          if (!parse_certificate_list(body, certificates_, why)) return finish(State::malformed, why);
          break;
        }
        case handshake_type::server_key_exchange:
          if (server_key_exchange_) return finish(State::malformed, "second ServerKeyExchange message");
          server_key_exchange_.emplace(body.begin(), body.end());
          break;
        case handshake_type::certificate_status: {
          if (ocsp_response_) return finish(State::malformed, "second CertificateStatus message");
          std::vector<uint8_t> ocsp;
          if (!parse_certificate_status(body, ocsp, why)) return finish(State::malformed, why);
          ocsp_response_ = std::move(ocsp);
          break;
        }
        case handshake_type::certificate_request:
        case handshake_type::new_session_ticket:
        case 0:  // hello_request
          break;
        case handshake_type::server_hello_done:
          if (!body.empty()) return finish(State::malformed, "ServerHelloDone is not empty");
          server_hello_done_ = true;
          return finish(State::complete);
        default:
          return finish(State::malformed, "unexpected handshake message type " + std::to_string(type) +
                                              " after ServerHello");
      }
    }
    handshake_buffer_.erase(handshake_buffer_.begin(), handshake_buffer_.begin() + static_cast<std::ptrdiff_t>(offset));
  }

  if (bytes_received_ > kMaxFlightBytes) {
    return finish(State::malformed, "server flight exceeds " + std::to_string(kMaxFlightBytes) +
                                        " bytes without completing");
  }
  return state_;
}

}  // namespace tlsready::codec
