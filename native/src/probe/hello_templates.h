// ClientHellos the probes send: one shape per protocol version, shaped like a real client of
// that era so version-intolerant servers answer as they would answer real clients.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "codec/client_hello.h"

namespace tlsready::probe {

// The suites offered to find what `version` accepts. TLS 1.3: the TLS 1.3 suites of the
// registry. SSLv3 .. TLS 1.2: every TLS <= 1.2 suite of the registry whatever versions the
// registry names for it (servers take SHA-256 suites in TLS 1.1 and ECDHE in SSLv3: the server
// decides), plus every private-use code point 0xFF00-0xFFFF (RFC 8447 §8: reserved for
// private use, which some stacks fill with suites of their own). SCSVs excluded; code order.
std::vector<uint16_t> offerable_suites(uint16_t version);

// How much a hello carries besides its suites. Some servers and middleboxes refuse a hello
// for its shape, not for its content: `full` is what the probes send first (every extension a
// modern client sends, RFC 7685 padding); `plain` drops the optional extensions and the
// padding; `small` also trims the group, signature-algorithm and key-share lists so that a
// hello with a few dozen suites stays under 256 bytes.
enum class HelloShape { full, plain, small };

// The extensions `full` sends and `plain` drops, in the order they are tried alone when
// looking for the one a server refuses (codec::extension_type codes).
std::vector<uint16_t> optional_extensions(uint16_t version);
// Groups offered in supported_groups for TLS <= 1.2 (ECDHE curves) and TLS 1.3.
std::vector<uint16_t> default_tls12_groups();
std::vector<uint16_t> default_tls13_groups();

// A hello for `version` offering `suites` (and, for ECDHE, `groups`; empty: defaults).
// TLS 1.3 hellos carry supported_versions [1.3] and key shares for x25519 and secp256r1 when offered.
// TLS <= 1.2 hellos with default groups list the RFC 7919 FFDHE groups after the ECDHE curves,
// for servers that negotiate DHE only with a client that lists one (RFC 7919 §4).
codec::ClientHelloSpec hello_for_version(uint16_t version, std::vector<uint16_t> suites, const std::string& sni,
                                         std::vector<uint16_t> groups = {}, HelloShape shape = HelloShape::full);

// `spec` with the optional extension `extension` (one of optional_extensions()) turned on or off.
void set_optional_extension(codec::ClientHelloSpec& spec, uint16_t extension, bool on);

}  // namespace tlsready::probe
