#pragma once
// The named group registry (supported_groups / key_share values) from native/data/groups.csv.
// Parsed once on first use, thread-safely; a malformed table makes that first use throw
// RegistryDataError naming the line.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tlsready::registry {

struct NamedGroup {
  uint16_t code = 0;
  std::string name;          // IANA name: "secp256r1", "x25519", "X25519MLKEM768"
  std::string kind;          // "ec", "montgomery", "ffdhe", "gost", "pq", "hybrid_pq"
  int bits = 0;              // field/modulus size; ML-KEM dimension for pq/hybrid_pq; 0 = not fixed
  std::string openssl_name;  // SSL_CTX_set1_groups_list() name; empty if OpenSSL has none
  bool tls13 = false;        // usable in TLS 1.3
  bool deprecated = false;   // RFC 8422 section 5.1.1
  bool draft = false;        // pre-standard code point of an obsolete draft (X25519Kyber768Draft00)
};

// Every group, in ascending code order.
const std::vector<NamedGroup>& all_groups();

// nullptr if unknown (GREASE included).
const NamedGroup* find_group(uint16_t code);

// By IANA or OpenSSL name, ASCII case-insensitive; nullptr if unknown.
const NamedGroup* find_group_by_name(std::string_view name);

// The IANA name, or "0x1A1A"-style hex for unknown and GREASE values.
std::string group_name_or_hex(uint16_t code);

// Parses a table in the groups.csv format; throws RegistryDataError on a malformed row.
std::vector<NamedGroup> parse_groups_csv(std::string_view text, std::string_view source = "groups.csv");

}  // namespace tlsready::registry
