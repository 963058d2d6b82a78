#pragma once
// Small helpers shared by the Windows policy readers (internal): typed value reads that keep
// what was observed for the evidence text, hex formatting and ASCII case folding.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/hex.h"
#include "common/text.h"
#include "winreg/registry_model.h"

namespace tlsready::policy::windows::detail {

// ASCII case folding and trimming: common/text.h; hex: common/hex.h.
using text::iequals;
using text::istarts_with;
using text::to_lower_ascii;
using text::trim;
inline std::string hex32(uint32_t value) { return hex::code32(value); }  // "0x00000A00"
std::string type_name(winreg::ValueType type);  // "REG_DWORD"
using text::join;

// One REG_DWORD-style value as a policy reader sees it. Schannel, .NET and WinHTTP read these
// settings as DWORDs: a REG_DWORD (or 4-byte REG_BINARY/REG_NONE, which RegQueryValueEx hands
// over the same way) gives `value`; any other type is ignored and flagged with wrong_type.
struct DwordReading {
  std::string key;
  std::string name;
  bool present = false;             // a value of that name exists, whatever its type
  std::optional<uint32_t> value;    // usable number
  winreg::ValueType type = winreg::ValueType::none;
  bool wrong_type = false;          // present, not REG_DWORD (value may still be set for 4-byte data)

  std::string location() const;     // "<key>\<name>"
  std::string observed() const;     // "1 (REG_DWORD)", "0xFFFFFFFF (REG_DWORD)", "absent", ...
};

DwordReading read_dword(const winreg::Registry& registry, const std::string& key, const std::string& name);

// True when `key` or any key below it is in the registry.
bool key_or_subkey_exists(const winreg::Registry& registry, const std::string& key);

// A string list value: REG_MULTI_SZ entries, or a REG_SZ / REG_EXPAND_SZ split at commas.
// Entries are trimmed; empty entries dropped. nullopt when absent or of another type.
struct StringListReading {
  std::string key;
  std::string name;
  bool present = false;
  winreg::ValueType type = winreg::ValueType::none;
  std::vector<std::string> items;
  std::string location() const;
  std::string observed() const;  // "3 entries (REG_SZ): a, b, c" (long lists shortened)
};
StringListReading read_string_list(const winreg::Registry& registry, const std::string& key, const std::string& name);

}  // namespace tlsready::policy::windows::detail
