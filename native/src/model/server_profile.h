// What a server accepts, as the forecast needs it: from a scan (assess/server_profile_from_scan.h)
// or from the server side of a policy (Microsoft 365 as a policy file describes it). Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/protocol_version.h"

namespace tlsready::model {

struct ServerVersionOffer {
  ProtocolVersion version = ProtocolVersion::tls1_2;
  std::vector<uint16_t> cipher_suites;  // accepted; in the server's order when server_order
  bool server_order = false;            // the server picks from its own order, not the client's
  std::vector<uint16_t> groups;         // accepted key-exchange groups; empty: unknown or none
  bool groups_known = false;            // false: the scan did not find them (the forecast says "unknown")
  std::optional<int> dh_bits;           // the DHE prime it uses (smallest seen)
  // Chooses DHE only for a client whose supported_groups lists an RFC 7919 FFDHE group (RFC 7919
  // §4); the others never get a DHE suite here (a scan fact: ProtocolResult::dhe_needs_ffdhe).
  bool dhe_needs_ffdhe = false;
  // Extensions whose presence makes the server (or a middlebox) drop a hello for this version
  // (extension intolerance found by the scan, e.g. status_request = 5 in TLS 1.3 hellos).
  std::vector<uint16_t> refused_extensions;
};

struct ServerProfile {
  std::string description;                          // "127.0.0.1:8443 (scan of 2026-12-01T10:00:00Z)", "policy m365"
  std::vector<ServerVersionOffer> versions;         // accepted versions only, oldest first
  std::optional<std::string> certificate_key_type;  // "RSA", "EC", ...
  std::optional<int> certificate_key_bits;
  std::optional<std::string> certificate_signature_hash;  // "sha1", "sha256", ... of the leaf's issuer signature
  bool chain_has_sha1_signature = false;                  // a served non-root certificate signed with SHA-1
  bool requires_sni = false;                              // refuses hellos without server_name
  // The name clients put in server_name (a scan's SNI; "": none, an IP literal); nullopt: not
  // known (a policy's server side), sized as "localhost". Hello sizes depend on it.
  std::optional<std::string> server_name;
  std::optional<int> max_hello_bytes;                     // drops larger hellos (intolerance)
  std::optional<int> max_cipher_suites;                   // drops hellos offering more suites

  // Added for the forecast: the smallest shape seen refused (between a limit and this, the scan
  // cannot tell). refused_hello_bytes: bytes, record included; refused_cipher_suites: suites.
  std::optional<int> refused_hello_bytes;
  std::optional<int> refused_cipher_suites;
};

}  // namespace tlsready::model
