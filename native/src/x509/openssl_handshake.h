// A complete TLS handshake with OpenSSL over an already-connected socket (after any STARTTLS),
// to read what only a finished handshake shows: the chain as served in TLS 1.3, the stapled
// OCSP response, the ALPN choice, secure renegotiation and extended master secret support.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace tlsready::x509 {

struct HandshakeOptions {
  std::string server_name;           // SNI; empty or an IP literal: not sent
  std::vector<std::string> alpn = {"h2", "http/1.1"};
  bool request_ocsp = true;
  std::chrono::milliseconds timeout{5000};  // the whole handshake, however the server paces its bytes
  const std::atomic<bool>* cancel = nullptr; // when it becomes true the handshake stops within ~200 ms
  // Lowest OpenSSL security level so old servers still finish (we judge, not refuse).
  int security_level = 0;
};

struct HandshakeFacts {
  bool completed = false;
  std::string failure;              // OpenSSL's reason when not completed
  uint16_t protocol_version = 0;    // wire value, e.g. 0x0304
  uint16_t cipher_suite = 0;        // IANA code
  std::vector<std::vector<uint8_t>> chain_der;  // as served, leaf first
  std::string alpn_selected;        // empty: none
  bool ocsp_stapled = false;
  std::string ocsp_status;          // "good", "revoked", "unknown", "unparsable" when stapled
  std::string ocsp_detail;          // why, when the status does not come from the leaf's entry
  bool secure_renegotiation = false;
  bool extended_master_secret = false;
  std::string negotiated_group;     // e.g. "x25519" when OpenSSL reports it
};

// True when the handshake above would offer `suite` (IANA code): the linked OpenSSL knows it
// at security level 0. Lets the probe skip a handshake that cannot succeed (3DES/RC4-only
// servers against Debian's OpenSSL 3). Thread-safe; the table is built once.
bool openssl_offers_suite(uint16_t suite);

// Borrows `fd` (a connected socket, blocking or not); does not close it.
HandshakeFacts openssl_handshake(int fd, const HandshakeOptions& options);

}  // namespace tlsready::x509
