#pragma once
// The signature scheme registry (signature_algorithms / signature_algorithms_cert values) from
// native/data/signature_schemes.csv. Parsed once on first use, thread-safely; a malformed table
// makes that first use throw RegistryDataError naming the line.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tlsready::registry {

struct SignatureScheme {
  uint16_t code = 0;
  std::string name;     // "rsa_pss_rsae_sha256", "ed25519", TLS 1.2 pairs like "dsa_sha256"
  bool legacy = false;  // not for TLS 1.3 handshake signatures (see the CSV header)
};

// Every scheme, in ascending code order.
const std::vector<SignatureScheme>& all_signature_schemes();

// nullptr if unknown (GREASE included).
const SignatureScheme* find_signature_scheme(uint16_t code);

// ASCII case-insensitive; nullptr if unknown.
const SignatureScheme* find_signature_scheme_by_name(std::string_view name);

// The name, or "0x0A0A"-style hex for unknown and GREASE values.
std::string signature_scheme_name_or_hex(uint16_t code);

// Parses a table in the signature_schemes.csv format; throws RegistryDataError on a malformed row.
std::vector<SignatureScheme> parse_signature_schemes_csv(std::string_view text,
                                                         std::string_view source = "signature_schemes.csv");

}  // namespace tlsready::registry
