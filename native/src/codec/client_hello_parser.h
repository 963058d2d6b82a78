// Parses what a client sends first: a ClientHello in one or more TLS records (the handshake message
// may be fragmented across records, RFC 8446 §5.1), or an SSL 2.0-format CLIENT-HELLO (RFC 5246
// Appendix E.2, 3-byte cipher specs). Bytes in, values out, no I/O: the listener and the pcap reader
// hand it the first bytes of a connection. Only ByteReader reads the bytes; every length is checked;
// bad input is a status and a message naming the field, never an exception. Plain values.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace tlsready::codec {

// RFC 8701 §2: 0x0A0A, 0x1A1A, ..., 0xFAFA, reserved in every 2-byte code space.
constexpr bool is_grease_value(uint16_t value) {
  return (value & 0x0F0Fu) == 0x0A0Au && (value >> 8) == (value & 0xFFu);
}

struct ClientHelloInfo {
  bool sslv2_format = false;                 // RFC 5246 App. E.2 SSL 2.0 CLIENT-HELLO
  uint16_t record_version = 0;               // the first record's version; 0x0002 for the SSL 2.0 format
  uint16_t legacy_version = 0;               // ClientHello.legacy_version (client_version)
  std::vector<uint16_t> cipher_suites;       // 2-byte suites in the order offered, GREASE kept
  std::vector<uint32_t> sslv2_cipher_kinds;  // SSL 2.0 format: 3-byte specs that are not TLS suites
  bool renegotiation_scsv = false;           // 0x00FF TLS_EMPTY_RENEGOTIATION_INFO_SCSV (RFC 5746 §3.3)
  bool fallback_scsv = false;                // 0x5600 TLS_FALLBACK_SCSV (RFC 7507 §4)
  std::vector<uint8_t> compression_methods;
  bool has_extensions_block = false;
  std::vector<uint16_t> extensions;            // types in the order sent, GREASE kept
  std::optional<std::string> server_name;      // first host_name of server_name (RFC 6066 §3)
  std::vector<uint16_t> supported_versions;    // RFC 8446 §4.2.1, as offered, GREASE kept
  std::vector<uint16_t> supported_groups;      // RFC 8446 §4.2.7 / RFC 8422 §5.1.1
  std::vector<uint8_t> ec_point_formats;       // RFC 8422 §5.1.2
  std::vector<uint16_t> signature_algorithms;  // RFC 8446 §4.2.3
  std::vector<std::string> alpn;               // RFC 7301 §3.1, in order
  std::vector<uint16_t> key_share_groups;      // RFC 8446 §4.2.8 client_shares, in order
  bool pre_shared_key = false;                 // RFC 8446 §4.2.11 (a resumption)
  std::optional<std::size_t> padding_bytes;    // RFC 7685 padding extension's length
  bool grease = false;                         // a GREASE value in any list (RFC 8701)
  std::size_t message_bytes = 0;               // the handshake message, 4-byte header included
  std::size_t hello_bytes = 0;                 // on the wire: every record carrying it, headers included

  // The highest version this client can do: the largest non-GREASE supported_versions entry, else
  // legacy_version (RFC 8446 §4.2.1; for the SSL 2.0 format its version field).
  uint16_t max_version() const;
  // TLS_FALLBACK_SCSV present: a client retrying below its best version after a failed handshake
  // (RFC 7507 §1), not a client that cannot do better.
  bool fallback_retry() const { return fallback_scsv; }
  // The versions offered, oldest first, GREASE left out: supported_versions when sent, else every
  // version from SSL 3.0 (the SSL 2.0 format: SSL 2.0) up to legacy_version.
  std::vector<uint16_t> offered_versions() const;
};

// Parses a ClientHello handshake body (after the 4-byte handshake header). Rejects truncation,
// trailing bytes and repeated extensions; on failure `out` is untouched and `why` names the field.
bool parse_client_hello_body(std::span<const uint8_t> body, ClientHelloInfo& out, std::string& why);

// Parses an SSL 2.0 CLIENT-HELLO record (2-byte header with the high bit set, then the message).
bool parse_sslv2_client_hello(std::span<const uint8_t> record, ClientHelloInfo& out, std::string& why);

enum class ClientHelloStatus {
  complete,   // `out` holds the hello; `consumed` the bytes of the records that carried it
  need_more,  // the bytes so far are a valid start: feed more
  not_tls,    // not a TLS handshake record nor an SSL 2.0 CLIENT-HELLO (see why)
  malformed,  // a TLS record or SSL 2.0 header, but a broken hello (see why)
};

// The first ClientHello at the start of a client's byte stream: TLS handshake records (the message
// may span records; the first message must be a ClientHello of at most kMaxClientHelloBytes) or an
// SSL 2.0 CLIENT-HELLO. `consumed` is set on `complete`.
inline constexpr std::size_t kMaxClientHelloBytes = std::size_t{64} * 1024;
ClientHelloStatus parse_client_hello_stream(std::span<const uint8_t> bytes, ClientHelloInfo& out, std::size_t& consumed,
                                            std::string& why);

}  // namespace tlsready::codec
