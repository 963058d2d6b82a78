// Builds ClientHello records for every version from SSLv3 to TLS 1.3 with the extensions
// real clients send (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2, RFC 6101 §5.6.1.2). Bytes out, no I/O.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace tlsready::codec {

struct KeyShareOffer {
  uint16_t group = 0;
  std::vector<uint8_t> public_key;  // as it goes on the wire (RFC 8446 §4.2.8.2)
};

struct ClientHelloSpec {
  uint16_t record_version = 0x0301;  // outer record version; 0x0301 is what browsers use
  uint16_t client_version = 0x0303;  // legacy_version in TLS 1.3 terms
  std::array<uint8_t, 32> random{};
  std::vector<uint8_t> session_id;   // 0 or 32 bytes; TLS 1.3 middlebox compat uses 32
  std::vector<uint16_t> cipher_suites;

  // false: no extensions block at all (a bare SSLv3 hello, RFC 6101).
  bool send_extensions = true;
  std::string server_name;                // SNI host_name (RFC 6066 §3); empty or an IP literal: omitted
  std::vector<uint16_t> supported_versions;  // TLS 1.3 supported_versions; empty: omitted
  std::vector<uint16_t> supported_groups;    // empty: omitted
  // Sent only when supported_versions is non-empty (an empty list asks for an HRR). An offer
  // with an empty public_key gets probe_key_share(group); one still empty is left out.
  std::vector<KeyShareOffer> key_shares;
  std::vector<uint16_t> signature_algorithms;  // empty: omitted (must be empty for SSLv3..TLS1.1)
  std::vector<std::string> alpn;             // empty: omitted
  bool ec_point_formats = true;        // uncompressed only (RFC 8422 §5.1.2)
  bool renegotiation_info = true;      // empty renegotiation_info extension (RFC 5746)
  bool extended_master_secret = true;  // RFC 7627
  bool status_request = true;          // OCSP stapling request (RFC 6066 §8)
  bool session_ticket = true;          // empty SessionTicket (RFC 5077)
  bool encrypt_then_mac = false;       // RFC 7366
  bool signed_certificate_timestamp = false;
  bool psk_key_exchange_modes = true;  // psk_dhe_ke, sent with supported_versions
  // RFC 7685: pad hellos whose length falls in 256..511 bytes to 512, working around
  // servers (F5 and others) that hang on those sizes.
  bool padding_workaround = true;
  // RFC 7685: pad the handshake message (type and length included) to at least this many bytes
  // with a padding extension, as a client whose other extensions are bigger than ours would send
  // it (the client simulation gives a profile's hello its real size). 0: no. Applied before the
  // 256..511 workaround; only with send_extensions.
  size_t pad_to_message_bytes = 0;
};

// The full record (5-byte header + handshake message) ready to send.
std::vector<uint8_t> build_client_hello(const ClientHelloSpec& spec);
// Only the handshake message (type + length + body), e.g. for tests against RFC vectors.
std::vector<uint8_t> build_client_hello_message(const ClientHelloSpec& spec);

// Well-formed public keys for key_share offers. They are the group generators (private key 1):
// valid points the server accepts, since a probe never completes the key exchange.
// Supported: x25519, x448, secp256r1, secp384r1, secp521r1, ffdhe2048..8192. Returns an empty
// vector for other groups.
std::vector<uint8_t> probe_key_share(uint16_t group);

// SSLv2 CLIENT-HELLO (draft-hickman-netscape-ssl-00 §B) offering the SSLv2 cipher kinds.
std::vector<uint8_t> build_sslv2_client_hello(const std::array<uint8_t, 16>& challenge);

}  // namespace tlsready::codec
