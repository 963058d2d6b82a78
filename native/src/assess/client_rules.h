// The client side of a handshake as rules: given what a server chose (version, suite, group, DH
// prime, certificate), would this client go on or abort, and why. One pure function shared by the
// forecast (assess/client_forecast.h: the choice is computed from a scan's facts) and the
// simulation (probe/client_simulation.h: the choice is read off the wire), so both give the same
// ClientFailure for the same facts. The rules are the documented limits of model::ClientProfile:
//   1. version within [min_version, max_version]         -> no_common_version
//   2. a suite the client offered (and, when it requires them, AEAD / forward secrecy)
//                                                          -> no_common_suite
//   3. a group it offered (when it sent supported_groups)  -> no_common_group
//   4. DHE prime within [min_dh_bits, max_dh_bits]         -> dh_too_small / dh_too_large
//   5. certificate key within the RSA / ECDSA limits       -> certificate_key_rejected
//   6. signature hash it can verify and accepts            -> certificate_signature_unsupported
// checked in this order (the order a client meets them in: ServerHello, ServerKeyExchange, then
// the Certificate is verified); the first that fails is the answer.
// Thread-safe: nothing here keeps state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/client_outcome.h"
#include "model/client_profile.h"
#include "model/protocol_version.h"

namespace tlsready::assess {

// What the server chose and showed, as far as it is known (nullopt/empty: not known, and the rule
// that needs it is not applied).
struct ServerChoice {
  model::ProtocolVersion version = model::ProtocolVersion::tls1_2;
  uint16_t cipher_suite = 0;
  std::optional<uint16_t> group;                    // ECDHE curve (TLS <= 1.2 ServerKeyExchange) or TLS 1.3 key share
  std::optional<int> dh_bits;                       // DHE prime size (ServerKeyExchange dh_p)
  std::optional<std::string> certificate_key_type;  // "RSA", "EC", ... (leaf)
  std::optional<int> certificate_key_bits;
  std::optional<std::string> certificate_signature_hash;  // "sha1", "sha256", ... (leaf)
  bool chain_has_sha1_signature = false;                  // a served non-root certificate signed with SHA-1 (or MD5)
};

struct ClientJudgement {
  model::ClientFailure reason = model::ClientFailure::none;
  std::string detail;  // for people: why the client gives up; empty when it goes on
  bool accepted() const { return reason == model::ClientFailure::none; }
};

// The client's verdict on the server's choice (rules 1-6 above).
ClientJudgement judge_server_choice(const model::ClientProfile& client, const ServerChoice& choice);

// Rule 2 alone: would the client take this suite (offered, AEAD / forward secrecy if required).
bool client_accepts_suite(const model::ClientProfile& client, uint16_t suite);

// The versions the client offers by default, oldest first: min_version..max_version (SSLv2 only
// when min_version is SSLv2).
std::vector<model::ProtocolVersion> offered_versions(const model::ClientProfile& client);

// Before the server chooses anything: a server that requires SNI and a client that sends none
// (RFC 6066 §3; the server answers unrecognized_name or handshake_failure).
ClientJudgement judge_sni(const model::ClientProfile& client, bool server_requires_sni);

// The hash of a signature algorithm as OpenSSL names it, lower case: "sha256WithRSAEncryption" ->
// "sha256", "ecdsa-with-SHA384" -> "sha384", "md5WithRSAEncryption" -> "md5" (also "sha224",
// "sha512", "sha3-256".., "md4", "md2"); "intrinsic" for Ed25519/Ed448; nullopt when not recognised
// (RSASSA-PSS names no hash).
std::optional<std::string> signature_hash_of(std::string_view signature_algorithm);

// How the simulation reads a refusal: the server's alert (RFC 8446 §6, RFC 5246 §7.2) before any
// ServerHello. unrecognized_name to a client that sent no SNI -> sni_required; protocol_version ->
// no_common_version; handshake_failure / insufficient_security -> no_common_suite (OpenSSL, GnuTLS
// and SCHANNEL send it for "nothing in common", the group included); decode_error /
// record_overflow -> hello_rejected (a stack that refuses the hello's shape); anything else ->
// server_alert.
model::ClientFailure failure_for_alert(uint8_t alert_description, bool client_sent_sni);

}  // namespace tlsready::assess
