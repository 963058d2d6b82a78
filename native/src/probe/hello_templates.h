// ClientHellos the probes send: one shape per protocol version, shaped like a real client of
// that era so version-intolerant servers answer as they would answer real clients.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "codec/client_hello.h"

namespace tlsready::probe {

// Every TLS <= 1.2 suite of the registry negotiable in `version` (SCSVs excluded).
std::vector<uint16_t> offerable_suites(uint16_t version);
// Groups offered in supported_groups for TLS <= 1.2 (ECDHE curves) and TLS 1.3.
std::vector<uint16_t> default_tls12_groups();
std::vector<uint16_t> default_tls13_groups();

// A hello for `version` offering `suites` (and, for ECDHE, `groups`; empty: defaults).
// TLS 1.3 hellos carry supported_versions [1.3] and key shares for x25519 and secp256r1 when offered.
codec::ClientHelloSpec hello_for_version(uint16_t version, std::vector<uint16_t> suites, const std::string& sni,
                                         std::vector<uint16_t> groups = {});

}  // namespace tlsready::probe
