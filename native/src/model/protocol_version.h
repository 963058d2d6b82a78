// The one protocol-version vocabulary of every document (scan results, local-policy reports,
// verdicts): the wire code (ProtocolVersion, RFC 8446 section 4.1.2; SSL 2.0's 0x0002 from its own
// CLIENT-HELLO, draft-hickman-netscape-ssl-00) beside one display name. Documents write the display
// name ("TLSv1.0") and, where a version is a field of its own, the code beside it ("0x0301").
// Readers accept the other spellings admins and tools use ("TLSv1", "TLS 1.0", "tls1.0", "TLS1_0").
// Header-only so every room, the model included, can use it without a link dependency.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/hex.h"

namespace tlsready::model {

enum class ProtocolVersion : uint16_t {
  ssl2 = 0x0002,
  ssl3 = 0x0300,
  tls1_0 = 0x0301,
  tls1_1 = 0x0302,
  tls1_2 = 0x0303,
  tls1_3 = 0x0304,
};

// Every version, oldest first.
inline constexpr std::array<ProtocolVersion, 6> kAllProtocolVersions = {
    ProtocolVersion::ssl2,   ProtocolVersion::ssl3,   ProtocolVersion::tls1_0,
    ProtocolVersion::tls1_1, ProtocolVersion::tls1_2, ProtocolVersion::tls1_3};

constexpr uint16_t wire_code(ProtocolVersion version) { return static_cast<uint16_t>(version); }

// "SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3": the one spelling documents use.
constexpr std::string_view display_name(ProtocolVersion version) {
  switch (version) {
    case ProtocolVersion::ssl2: return "SSLv2";
    case ProtocolVersion::ssl3: return "SSLv3";
    case ProtocolVersion::tls1_0: return "TLSv1.0";
    case ProtocolVersion::tls1_1: return "TLSv1.1";
    case ProtocolVersion::tls1_2: return "TLSv1.2";
    case ProtocolVersion::tls1_3: return "TLSv1.3";
  }
  return "unknown";
}

// "0x0301": the code documents put beside the display name.
inline std::string code_text(ProtocolVersion version) { return hex::code16(wire_code(version)); }

// The version with that wire value, or nullopt (DTLS, drafts, GREASE, garbage).
constexpr std::optional<ProtocolVersion> version_from_wire(uint16_t wire) {
  for (ProtocolVersion version : kAllProtocolVersions) {
    if (wire_code(version) == wire) return version;
  }
  return std::nullopt;
}

namespace detail {
constexpr char fold_version_char(char c) {
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  if (c == '_') return '.';
  return c;
}
}  // namespace detail

// Any common spelling of a version, ASCII case-insensitive: the display name, OpenSSL's "TLSv1",
// SCHANNEL's "TLS 1.0", GnuTLS's and crypto-policies' "TLS1.0", NSS's "tls1.0", Java's "TLSv1",
// "TLS1_0", "SSL 3.0", "SSLv3". nullopt for anything else.
constexpr std::optional<ProtocolVersion> parse_any_version_name(std::string_view name) {
  // Normalise: lower case, '_' -> '.', drop ' ' and 'v' after the protocol word.
  char folded[16] = {};
  std::size_t length = 0;
  for (const char raw : name) {
    const char c = detail::fold_version_char(raw);
    if (c == ' ') continue;
    if (c == 'v' && length == 3) continue;  // "tlsv1.0" -> "tls1.0", "sslv3" -> "ssl3"
    if (length == sizeof folded) return std::nullopt;
    folded[length++] = c;
  }
  const std::string_view text(folded, length);
  struct Spelling {
    std::string_view text;
    ProtocolVersion version;
  };
  constexpr Spelling kSpellings[] = {
      {"ssl2", ProtocolVersion::ssl2},     {"ssl2.0", ProtocolVersion::ssl2},   {"ssl3", ProtocolVersion::ssl3},
      {"ssl3.0", ProtocolVersion::ssl3},   {"tls1", ProtocolVersion::tls1_0},   {"tls1.0", ProtocolVersion::tls1_0},
      {"tls1.1", ProtocolVersion::tls1_1}, {"tls1.2", ProtocolVersion::tls1_2}, {"tls1.3", ProtocolVersion::tls1_3},
  };
  for (const Spelling& spelling : kSpellings) {
    if (spelling.text == text) return spelling.version;
  }
  return std::nullopt;
}

// display_name() for the known wire values, "0x7F1C"-style hex for everything else.
inline std::string display_name_or_code(uint16_t wire) {
  if (auto version = version_from_wire(wire)) return std::string(display_name(*version));
  return hex::code16(wire);
}

}  // namespace tlsready::model
