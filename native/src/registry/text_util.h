#pragma once
// Small ASCII string helpers shared by the registry parsers and lookups (internal).

#include <string>
#include <string_view>
#include <vector>

namespace tlsready::registry::detail {

bool iequals(std::string_view a, std::string_view b);    // ASCII case-insensitive equality
std::string to_lower_ascii(std::string_view text);        // lower-cases A-Z only
std::vector<std::string_view> split(std::string_view text, char separator);  // "" -> {}

}  // namespace tlsready::registry::detail
