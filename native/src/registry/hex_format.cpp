#include "registry/hex_format.h"

namespace tlsready::registry {

std::string format_hex16(uint16_t value) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  std::string text = "0x0000";
  for (std::size_t i = 0; i < 4; ++i) {
    text[5 - i] = kDigits[(value >> (4 * i)) & 0xFu];
  }
  return text;
}

}  // namespace tlsready::registry
