#pragma once
// GREASE values (RFC 8701 section 2): 0x0A0A, 0x1A1A, ..., 0xFAFA. They are reserved in the
// cipher suite, supported group, signature algorithm, extension and version spaces and never
// name a real entry.

#include <cstdint>

namespace tlsready::registry {

constexpr bool is_grease(uint16_t value) {
  return (value & 0x0F0Fu) == 0x0A0Au && (value >> 8) == (value & 0xFFu);
}

}  // namespace tlsready::registry
