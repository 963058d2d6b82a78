// The right-hand side of a .reg value line ("text", dword:, hex:, hex(N):, -) and quoted names.
// Internal to the winreg room.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "winreg/registry_model.h"

namespace tlsready::winreg {

// Parses the quoted string that starts at text[pos] == '"', undoing \\ and \" (any other
// backslash is kept as written); on success `pos` is just past the closing quote.
bool parse_quoted(std::string_view text, size_t& pos, std::string& out);

// True when the data is hex:/hex(N): — the only kind that may continue on the next line.
bool is_hex_data(std::string_view data);

struct ValueData {
  bool remove = false;  // "name"=-
  ValueType type = ValueType::none;
  std::vector<uint8_t> bytes;  // as stored: dword little-endian, strings UTF-16LE with terminator
};

struct ValueSyntax {
  bool regedit4 = false;  // REGEDIT4: hex(1), hex(2), hex(7) hold ANSI (windows-1252) text
};

// Parses `data` (everything after '=', continuation lines already joined). On error returns a
// message naming the problem and the value (`shown_name` is e.g. "\"Enabled\"" or "@").
std::optional<std::string> parse_value_data(std::string_view data, std::string_view shown_name, ValueSyntax syntax,
                                            ValueData& out);

}  // namespace tlsready::winreg
