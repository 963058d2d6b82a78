#include "registry/protocol_version.h"

#include "registry/hex_format.h"
#include "registry/text_util.h"

namespace tlsready::registry {

std::string_view version_name(ProtocolVersion version) {
  switch (version) {
    case ProtocolVersion::ssl3: return "SSLv3";
    case ProtocolVersion::tls1_0: return "TLSv1.0";
    case ProtocolVersion::tls1_1: return "TLSv1.1";
    case ProtocolVersion::tls1_2: return "TLSv1.2";
    case ProtocolVersion::tls1_3: return "TLSv1.3";
  }
  return "unknown";
}

std::optional<ProtocolVersion> parse_version_name(std::string_view name) {
  for (ProtocolVersion version : kProtocolVersions) {
    if (detail::iequals(name, version_name(version))) return version;
  }
  return std::nullopt;
}

std::optional<ProtocolVersion> version_from_wire(uint16_t wire) {
  for (ProtocolVersion version : kProtocolVersions) {
    if (static_cast<uint16_t>(version) == wire) return version;
  }
  return std::nullopt;
}

std::string version_name_or_hex(uint16_t wire) {
  // SSL 2.0 is no ProtocolVersion of the TLS record layer, but scanners report it by name.
  if (wire == 0x0002) return "SSLv2";
  if (auto version = version_from_wire(wire)) return std::string(version_name(*version));
  return format_hex16(wire);
}

}  // namespace tlsready::registry
