#pragma once
// Canonical text form of a 16-bit code point: "0x" and four uppercase hex digits (common/hex.h).

#include <cstdint>
#include <string>

#include "common/hex.h"

namespace tlsready::registry {

inline std::string format_hex16(uint16_t value) { return hex::code16(value); }  // 0x0a0a -> "0x0A0A"

}  // namespace tlsready::registry
