// A Registry as JSON, so a machine's TLS settings can be captured once and audited elsewhere:
//   {"format": "tlsready-registry-snapshot", "version": 1,
//    "keys": [{"path": "HKEY_LOCAL_MACHINE\\...", "values": [
//        {"name": "Enabled", "type": "REG_DWORD", "data": 1}, ...]}]}
// "data" takes the type's natural form: a number for REG_DWORD / REG_DWORD_BIG_ENDIAN /
// REG_QWORD, text for REG_SZ / REG_EXPAND_SZ / REG_LINK, an array of strings for REG_MULTI_SZ,
// and hex bytes ("01,00,ff") for the other types. A value whose bytes that form cannot carry
// exactly (a string without its terminator, a 3-byte dword, ...) has "hex" instead of "data".
// A type Windows has no name for is written as its number. Keys are written in path order,
// every key (also one with no values), so to_snapshot then from_snapshot gives an equal Registry.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "winreg/reg_file.h"
#include "winreg/registry_model.h"

namespace tlsready::winreg {

inline constexpr std::string_view snapshot_format = "tlsready-registry-snapshot";
inline constexpr int snapshot_version = 1;

nlohmann::json to_snapshot(const Registry& registry);
// Adds the snapshot's keys and values to `into`, all or nothing. Never throws: a malformed
// snapshot gives an error (line 0) naming the key path and the field, e.g.
// keys[2] "HKEY_LOCAL_MACHINE\\...": values[0] "Enabled": "data" must be a number for REG_DWORD
std::optional<RegFileError> from_snapshot(const nlohmann::json& snapshot, Registry& into);

// "REG_DWORD" etc.; nullopt for a type number without a name.
std::optional<std::string_view> value_type_name(ValueType type);
std::optional<ValueType> value_type_from_name(std::string_view name);  // also *_LITTLE_ENDIAN

}  // namespace tlsready::winreg
