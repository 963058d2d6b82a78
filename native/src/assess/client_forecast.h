// The forecast: what happens when a client meets a server, decided from facts without connecting,
// by the rules a real client follows (RFC 5246 §7.4.1.2-7.4.1.3, RFC 8446 §4.1.1/§4.2.1/§4.2.7):
//  1. the hello's shape: a server (or a middlebox) that drops hellos with more suites or more bytes
//     than the client sends refuses it (hello_rejected);
//  2. server_name: a server that needs it refuses a client that sends none (sni_required);
//  3. version: the server picks the highest version it accepts up to the client's maximum; below
//     the client's minimum the client aborts (no_common_version);
//  4. suite: among the suites both accept in that version, the server picks by its own order when
//     it imposes one, by the client's otherwise; ECDHE/TLS 1.3 need a shared group (client order),
//     and an ECDHE suite without one is passed over (no_common_group when nothing else is left);
//  5. certificate: the key size within the client's limits (certificate_key_rejected), a signature
//     hash it can verify and accepts (certificate_signature_unsupported);
//  6. DHE: the prime within the client's limits (dh_too_small / dh_too_large).
// A fact the scan does not have (groups not probed, DH size missing) makes the outcome `unknown`.
// Pure functions; the simulation (probe room) fills the same ClientOutcome from the wire.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/client_outcome.h"
#include "model/client_profile.h"
#include "model/server_profile.h"

namespace tlsready::assess {

model::ClientOutcome forecast(const model::ClientProfile& client, const model::ServerProfile& server);

// forecast() for each profile, in order.
std::vector<model::ClientOutcome> forecast_all(const std::vector<model::ClientProfile>& clients,
                                               const model::ServerProfile& server);

// The size in bytes (record header included) of the ClientHello the profile sends, built as our
// codec builds it: the extensions' bodies from the profile's lists, server_name for `host`, a
// 32-byte session id and an X25519/P-256 key share for TLS 1.3 clients, and the RFC 7685 padding
// to 512 bytes that OpenSSL/Chrome-style clients (those listing extension 0x0015) add to hellos of
// 256-511 bytes. An estimate for extensions whose body the profile does not carry.
int estimated_hello_bytes(const model::ClientProfile& client, std::string_view host = "localhost");

// The size in bytes (record header included) of the hello the real client sends with server_name
// `host` ("": none sent): its captured size (ClientProfile::hello_bytes) plus the name, padded to
// 512 bytes (handshake message) when it lists the RFC 7685 padding extension and falls in 256-511;
// estimated_hello_bytes when no capture exists. The simulation pads its hello to this size, the
// forecast compares it with the server's hello-size limit.
int client_hello_bytes(const model::ClientProfile& client, std::string_view host);

}  // namespace tlsready::assess
