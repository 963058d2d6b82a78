// Parsers for what a server sends before encryption starts: ServerHello, HelloRetryRequest,
// Alert, Certificate, ServerKeyExchange, CertificateStatus (RFC 8446 §4.1.3-4.1.4, RFC 5246
// §7.4.1.3-7.4.3, RFC 4492/8422 §5.4, RFC 6066 §8). Bytes in, values out, no I/O. Every
// parser rejects truncated input and trailing bytes and says what was wrong.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tlsready::codec {

// RFC 8446 §4.1.3: the last 8 bytes of ServerHello.random when a TLS 1.3 server negotiates lower.
enum class DowngradeSentinel { none, tls12, tls11_or_below };

struct ServerHello {
  uint16_t legacy_version = 0;
  std::array<uint8_t, 32> random{};
  std::vector<uint8_t> session_id;
  uint16_t cipher_suite = 0;
  uint8_t compression_method = 0;
  bool is_hello_retry_request = false;  // RFC 8446 §4.1.3 special random
  std::vector<uint16_t> extension_types;  // in the order the server sent them
  std::optional<uint16_t> selected_version;  // supported_versions extension
  std::optional<uint16_t> key_share_group;   // ServerHello: the group used; HRR: selected_group
  bool renegotiation_info = false;           // RFC 5746 secure renegotiation
  bool extended_master_secret = false;       // RFC 7627
  bool status_request = false;               // server will staple OCSP (TLS 1.2)
  bool session_ticket = false;
  bool encrypt_then_mac = false;
  std::optional<std::string> alpn;           // TLS 1.2: in ServerHello; TLS 1.3: encrypted
  DowngradeSentinel downgrade = DowngradeSentinel::none;

  uint16_t negotiated_version() const { return selected_version.value_or(legacy_version); }
};

struct Alert {
  uint8_t level = 0;
  uint8_t description = 0;
};

enum class KeyExchangeKind { ecdhe, dhe };

struct ServerKeyExchange {
  KeyExchangeKind kind = KeyExchangeKind::ecdhe;
  uint16_t named_curve = 0;  // ECDHE: the named group (RFC 8422 §5.4 ECParameters)
  int dh_prime_bits = 0;     // DHE: size of dh_p in bits, leading zero bytes ignored
  std::vector<uint8_t> dh_prime;  // DHE: dh_p as sent (for matching RFC 7919 groups)
};

struct SslV2ServerHello {
  bool certificate_present = false;
  std::vector<std::array<uint8_t, 3>> cipher_specs;
  std::vector<uint8_t> certificate_der;
};

// Each returns false and sets `why` on malformed input (naming the field), true on success.
bool parse_server_hello(std::span<const uint8_t> body, ServerHello& out, std::string& why);
bool parse_alert(std::span<const uint8_t> fragment, Alert& out, std::string& why);
// TLS <= 1.2 Certificate (RFC 5246 §7.4.2): list of DER certificates, leaf first.
bool parse_certificate_list(std::span<const uint8_t> body, std::vector<std::vector<uint8_t>>& out, std::string& why);
bool parse_server_key_exchange(std::span<const uint8_t> body, KeyExchangeKind kind, ServerKeyExchange& out, std::string& why);
// CertificateStatus (RFC 6066 §8): the DER OCSPResponse.
bool parse_certificate_status(std::span<const uint8_t> body, std::vector<uint8_t>& ocsp_der, std::string& why);
bool parse_sslv2_server_hello(std::span<const uint8_t> bytes, SslV2ServerHello& out, std::string& why);

}  // namespace tlsready::codec
