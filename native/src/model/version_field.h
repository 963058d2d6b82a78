// Versions as documents write them where a version is a field of its own: the display name with
// the wire code beside it ({"version": "TLSv1.0", "code": "0x0301"}), plus the DTLS versions a
// local policy can name (SCHANNEL has DTLS 1.0/1.2 keys) that model/protocol_version.h, a TLS
// vocabulary, does not list. DTLS wire codes: RFC 6347 section 4.1 (1.0 = 0xFEFF, 1.2 = 0xFEFD).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "common/hex.h"
#include "model/protocol_version.h"

namespace tlsready::model {

enum class DtlsVersion : uint16_t { dtls1_0 = 0xFEFF, dtls1_2 = 0xFEFD };

// "DTLSv1.0", "DTLSv1.2": spelled like the TLS display names.
constexpr std::string_view display_name(DtlsVersion version) {
  return version == DtlsVersion::dtls1_0 ? "DTLSv1.0" : "DTLSv1.2";
}

inline std::string code_text(DtlsVersion version) { return hex::code16(static_cast<uint16_t>(version)); }

// {"version": "TLSv1.2", "code": "0x0303"}
inline nlohmann::json version_field(ProtocolVersion version) {
  return {{"version", display_name(version)}, {"code", code_text(version)}};
}

inline nlohmann::json version_field(DtlsVersion version) {
  return {{"version", display_name(version)}, {"code", code_text(version)}};
}

}  // namespace tlsready::model
