// Small ASCII text helpers every parser room needs (config files, .reg files, CSV tables).
// Locale-independent on purpose: configuration keywords are ASCII.
#pragma once

#include <string>
#include <string_view>

namespace tlsready::text {

std::string trim(std::string_view text);            // without leading/trailing ASCII white space
std::string to_lower_ascii(std::string_view text);  // A-Z lowered, other bytes kept
std::string to_upper_ascii(std::string_view text);  // a-z raised, other bytes kept

}  // namespace tlsready::text
