// The public C++ face of the registry lookups: cipher suites and named groups from the data tables
// compiled into the core (native/data/cipher_suites.csv, groups.csv), as JSON documents
// (native/schema/registry.schema.json). A cipher suite is the same object the endpoint-scan
// document shows for an accepted suite ($defs/cipher_suite there).
//
// Errors: none for a lookup that finds nothing (std::nullopt); a name that is not text the tables
// could hold is simply not found. Thread-safety: any thread, any time (the tables are read-only
// after their thread-safe first use).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tlsready {

// Every cipher suite, a JSON array in code order.
std::string cipher_suites_json();
// One suite by its code (0x0000-0xFFFF) or its IANA or OpenSSL name (ASCII case-insensitive).
std::optional<std::string> cipher_suite_json(std::uint16_t code);
std::optional<std::string> cipher_suite_json(std::string_view name);

// Every named group (supported_groups / key_share), a JSON array in code order.
std::string groups_json();
std::optional<std::string> group_json(std::uint16_t code);
std::optional<std::string> group_json(std::string_view name);

}  // namespace tlsready
