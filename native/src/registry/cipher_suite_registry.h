#pragma once
// The cipher suite registry: every IANA TLS cipher suite plus the non-IANA suites scanners meet,
// from native/data/cipher_suites.csv (see its header for sources and column meanings).
//
// The table is parsed once, on first use, thread-safely. A malformed table makes that first
// use throw RegistryDataError naming the line (the build's registry data check catches this
// earlier). The lookups below never throw otherwise.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "registry/protocol_version.h"

namespace tlsready::registry {

struct CipherSuite {
  uint16_t code = 0;
  std::string iana_name;                    // "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
  std::string openssl_name;                 // "ECDHE-RSA-AES128-GCM-SHA256"; empty if OpenSSL has none
  std::vector<ProtocolVersion> protocols;   // versions it may be negotiated in, oldest first
  std::string kx, auth, cipher;             // "ECDHE", "RSA", "AES_128_GCM"
  int cipher_bits = 0;                      // effective strength: 40 export, 56 DES, 112 3DES, 0 NULL
  std::string mac;                          // "SHA1", "SHA256", "AEAD", ...
  bool export_grade = false;
  bool null_cipher = false;
  bool anonymous = false;
  bool weak = false;
  bool scsv = false;
  bool non_iana = false;
  bool forward_secret = false;

  bool allowed_in(ProtocolVersion version) const;
};

// Every suite, in ascending code order.
const std::vector<CipherSuite>& all_cipher_suites();

// nullptr if the code is not in the registry (GREASE values never are).
const CipherSuite* find_cipher_suite(uint16_t code);

// By IANA or OpenSSL name, ASCII case-insensitive; nullptr if unknown.
const CipherSuite* find_cipher_suite_by_name(std::string_view name);

// Codes of the suites negotiable in `version`, SCSVs excluded, in registry (code) order.
// Empty for a value outside the enum.
std::vector<uint16_t> cipher_suites_for(ProtocolVersion version);

// The IANA name, or "0x0A0A"-style hex for unknown and GREASE values.
std::string cipher_suite_name_or_hex(uint16_t code);

// Parses a table in the cipher_suites.csv format. Throws RegistryDataError (with the line and
// data row) on any malformed or inconsistent row. `source` names the text in messages.
std::vector<CipherSuite> parse_cipher_suites_csv(std::string_view text,
                                                 std::string_view source = "cipher_suites.csv");

}  // namespace tlsready::registry
