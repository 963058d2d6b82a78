#pragma once
// The registry's view of the one version vocabulary (model/protocol_version.h): cipher suites list
// record-layer versions only, SSL 3.0 to TLS 1.3, so SSL 2.0 is not among them.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/text.h"
#include "model/protocol_version.h"

namespace tlsready::registry {

using model::ProtocolVersion;

// The versions a cipher suite can list, oldest first.
inline constexpr std::array<ProtocolVersion, 5> kProtocolVersions = {
    ProtocolVersion::ssl3, ProtocolVersion::tls1_0, ProtocolVersion::tls1_1, ProtocolVersion::tls1_2,
    ProtocolVersion::tls1_3};

// "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3" (model::display_name).
constexpr std::string_view version_name(ProtocolVersion version) { return model::display_name(version); }

// Inverse of version_name over kProtocolVersions, ASCII case-insensitive ("tlsv1.2" works); the data
// tables use exactly these names, so other spellings are refused here.
inline std::optional<ProtocolVersion> parse_version_name(std::string_view name) {
  for (ProtocolVersion version : kProtocolVersions) {
    if (text::iequals(name, version_name(version))) return version;
  }
  return std::nullopt;
}

// The record-layer version with that wire value, or nullopt (SSL 2.0, DTLS, drafts, GREASE, garbage).
constexpr std::optional<ProtocolVersion> version_from_wire(uint16_t wire) {
  for (ProtocolVersion version : kProtocolVersions) {
    if (model::wire_code(version) == wire) return version;
  }
  return std::nullopt;
}

// The display name for every known wire value (SSL 2.0 included), "0x7F1C"-style hex otherwise.
inline std::string version_name_or_hex(uint16_t wire) { return model::display_name_or_code(wire); }

}  // namespace tlsready::registry
