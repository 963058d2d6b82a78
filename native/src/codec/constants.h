// Wire constants of TLS used by the codec and the probe engine.
// Sources: RFC 8446 §4 and §B.3, RFC 5246 §7.4, IANA TLS ExtensionType Values registry.
#pragma once

#include <cstdint>
#include <string>

namespace tlsready::codec {

namespace wire_version {
inline constexpr uint16_t ssl2 = 0x0002;
inline constexpr uint16_t ssl3 = 0x0300;
inline constexpr uint16_t tls1_0 = 0x0301;
inline constexpr uint16_t tls1_1 = 0x0302;
inline constexpr uint16_t tls1_2 = 0x0303;
inline constexpr uint16_t tls1_3 = 0x0304;
}  // namespace wire_version

enum class ContentType : uint8_t {
  change_cipher_spec = 20,
  alert = 21,
  handshake = 22,
  application_data = 23,
};

namespace handshake_type {
inline constexpr uint8_t client_hello = 1;
inline constexpr uint8_t server_hello = 2;
inline constexpr uint8_t new_session_ticket = 4;
inline constexpr uint8_t encrypted_extensions = 8;
inline constexpr uint8_t certificate = 11;
inline constexpr uint8_t server_key_exchange = 12;
inline constexpr uint8_t certificate_request = 13;
inline constexpr uint8_t server_hello_done = 14;
inline constexpr uint8_t certificate_status = 22;
}  // namespace handshake_type

namespace extension_type {
inline constexpr uint16_t server_name = 0;
inline constexpr uint16_t status_request = 5;
inline constexpr uint16_t supported_groups = 10;
inline constexpr uint16_t ec_point_formats = 11;
inline constexpr uint16_t signature_algorithms = 13;
inline constexpr uint16_t alpn = 16;
inline constexpr uint16_t signed_certificate_timestamp = 18;
inline constexpr uint16_t padding = 21;
inline constexpr uint16_t encrypt_then_mac = 22;
inline constexpr uint16_t extended_master_secret = 23;
inline constexpr uint16_t session_ticket = 35;
inline constexpr uint16_t supported_versions = 43;
inline constexpr uint16_t psk_key_exchange_modes = 45;
inline constexpr uint16_t key_share = 51;
inline constexpr uint16_t renegotiation_info = 0xff01;
}  // namespace extension_type

namespace cipher_suite_code {
inline constexpr uint16_t empty_renegotiation_info_scsv = 0x00ff;  // RFC 5746 §3.3
inline constexpr uint16_t fallback_scsv = 0x5600;                  // RFC 7507
}  // namespace cipher_suite_code

enum class AlertLevel : uint8_t { warning = 1, fatal = 2 };

// RFC 8446 §6 AlertDescription (plus the SSLv3/TLS 1.0 ones still seen in the field).
// Unknown values are kept and printed in hex.
std::string alert_description_name(uint8_t description);

}  // namespace tlsready::codec
