// The first hello a client profile sends, built by our codec from the profile's fields (never
// copied bytes): a TLS record ClientHello, or the SSLv2-compatible CLIENT-HELLO of IE 6 on XP and
// Java 6 (RFC 5246 Appendix E.2). Bytes out, no I/O.
//
// What the hello carries, from model::ClientProfile:
// - versions: legacy_version = min(max_version, TLSv1.2); record version TLSv1.0 (SSLv3 for an
//   SSLv3-only client); supported_versions (max_version down to min_version, TLS 1.0 and up) when
//   max_version is TLSv1.3, with a key share for the first group the codec can build a key for;
// - cipher_suites in order; supported_groups and signature_algorithms when non-empty
//   (signature_algorithms only when the hello offers TLSv1.2 or later, RFC 5246 §7.4.1.4.1);
//   server_name when sends_sni and the target has a name; ALPN when non-empty;
// - from `extensions`, the extensions without data of their own: ec_point_formats (11),
//   status_request (5), session_ticket (35), encrypt_then_mac (22), extended_master_secret (23),
//   signed_certificate_timestamp (18), renegotiation_info (65281), psk_key_exchange_modes (45),
//   padding (21, the RFC 7685 512-byte workaround). The codec writes extensions in its own fixed
//   order, so the profile's order is not reproduced (what servers decide on does not depend on it).
// - size: padded (an RFC 7685 padding extension) to the real client's size,
//   assess::client_hello_bytes (the captured size plus the server name, or the estimate from the
//   profile's lists), so a server or middlebox that drops big hellos drops ours as the client's.
// The SSLv2-compatible form carries no extensions at all (no SNI, no groups): the suites as 3-byte
// CIPHER-SPECS 0x00XXYY, CLIENT-VERSION = min(max_version, TLSv1.2), a 32-byte challenge.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "codec/client_hello.h"
#include "model/client_profile.h"

namespace tlsready::probe {

// The codec spec of a TLS-format hello for `client` to `server_name` ("" or an IP literal: no
// SNI). `random` makes it deterministic for tests (a TLS 1.3 client's 32-byte legacy_session_id,
// RFC 8446 §D.4 middlebox compatibility, is derived from it).
codec::ClientHelloSpec simulation_hello_spec(const model::ClientProfile& client, const std::string& server_name,
                                             const std::array<uint8_t, 32>& random);

// The bytes to send: the record(s) of simulation_hello_spec, or the SSLv2-compatible CLIENT-HELLO
// for HelloFormat::sslv2_compatible.
std::vector<uint8_t> build_simulation_hello(const model::ClientProfile& client, const std::string& server_name,
                                            const std::array<uint8_t, 32>& random);

// RFC 5246 Appendix E.2: msg_type 1, version, cipher_spec_length, session_id_length (0),
// challenge_length, the suites as 0x00XXYY, the challenge; 2-byte record header (high bit set).
std::vector<uint8_t> build_sslv2_compatible_hello(uint16_t client_version, const std::vector<uint16_t>& cipher_suites,
                                                  const std::array<uint8_t, 32>& challenge);

// Did the hello built for `client` carry server_name? (false for the SSLv2 form and for targets
// without a name).
bool simulation_hello_sends_sni(const model::ClientProfile& client, const std::string& server_name);

}  // namespace tlsready::probe
