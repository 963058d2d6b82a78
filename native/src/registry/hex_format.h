#pragma once
// Canonical text form of a 16-bit code point: "0x" and four uppercase hex digits.

#include <cstdint>
#include <string>

namespace tlsready::registry {

std::string format_hex16(uint16_t value);  // 0x0a0a -> "0x0A0A"

}  // namespace tlsready::registry
