#pragma once
// Strict parsers for the typed columns of the registry tables (internal). Each one throws
// RegistryDataError (via detail::fail) naming the table, line and column on bad input.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "registry/csv_table.h"
#include "registry/protocol_version.h"

namespace tlsready::registry::detail {

// "0x" followed by exactly four uppercase hex digits.
uint16_t code_field(const CsvTable& table, const CsvRow& row, std::size_t column, std::string_view name);

// Decimal digits only, value in [min, max].
int int_field(const CsvTable& table, const CsvRow& row, std::size_t column, std::string_view name, int min, int max);

// "yes" or "no".
bool yes_no_field(const CsvTable& table, const CsvRow& row, std::size_t column, std::string_view name);

// Non-empty (unless allow_empty) and made of [A-Za-z0-9_] plus the characters in `extra`.
std::string identifier_field(const CsvTable& table, const CsvRow& row, std::size_t column, std::string_view name,
                             std::string_view extra, bool allow_empty);

// Exactly one of `allowed`.
std::string enum_field(const CsvTable& table, const CsvRow& row, std::size_t column, std::string_view name,
                       const std::vector<std::string_view>& allowed);

// ';'-separated tokens from `allowed`, each at most once; "" is the empty set.
std::vector<std::string> flags_field(const CsvTable& table, const CsvRow& row, std::size_t column,
                                     std::string_view name, const std::vector<std::string_view>& allowed);

// '|'-separated canonical version names (SSLv3 ... TLSv1.3), oldest first, no repeats.
std::vector<ProtocolVersion> versions_field(const CsvTable& table, const CsvRow& row, std::size_t column,
                                            std::string_view name);

}  // namespace tlsready::registry::detail
