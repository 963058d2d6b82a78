#pragma once
// SSL/TLS protocol versions as they appear on the wire (ProtocolVersion, RFC 8446 section 4.1.2).

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tlsready::registry {

enum class ProtocolVersion : uint16_t {
  ssl3 = 0x0300,
  tls1_0 = 0x0301,
  tls1_1 = 0x0302,
  tls1_2 = 0x0303,
  tls1_3 = 0x0304,
};

// Every version above, oldest first.
inline constexpr std::array<ProtocolVersion, 5> kProtocolVersions = {
    ProtocolVersion::ssl3, ProtocolVersion::tls1_0, ProtocolVersion::tls1_1, ProtocolVersion::tls1_2,
    ProtocolVersion::tls1_3};

// "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"; "unknown" for any other enum value.
std::string_view version_name(ProtocolVersion version);

// Inverse of version_name, ASCII case-insensitive ("tlsv1.2" works); nullopt for anything else.
std::optional<ProtocolVersion> parse_version_name(std::string_view name);

// The version with that wire value, or nullopt (DTLS, drafts, GREASE, garbage).
std::optional<ProtocolVersion> version_from_wire(uint16_t wire);

// version_name() for the five known wire values, "0x7F1C"-style hex for everything else.
std::string version_name_or_hex(uint16_t wire);

}  // namespace tlsready::registry
