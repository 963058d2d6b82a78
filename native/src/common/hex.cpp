#include "common/hex.h"

namespace tlsready::hex {
namespace {

constexpr char kLower[] = "0123456789abcdef";
constexpr char kUpper[] = "0123456789ABCDEF";

const char* alphabet(Case letter_case) { return letter_case == Case::upper ? kUpper : kLower; }

}  // namespace

std::string digits(uint64_t value, std::size_t count, Case letter_case) {
  if (count > 16) count = 16;
  const char* table = alphabet(letter_case);
  std::string text(count, '0');
  for (std::size_t i = 0; i < count; ++i) text[count - 1 - i] = table[(value >> (4 * i)) & 0xFu];
  return text;
}

std::string code(uint64_t value, std::size_t count, Case letter_case) { return "0x" + digits(value, count, letter_case); }

std::string bytes(std::span<const uint8_t> data, Case letter_case, std::string_view separator) {
  const char* table = alphabet(letter_case);
  std::string text;
  text.reserve(data.size() * (2 + separator.size()));
  for (std::size_t i = 0; i < data.size(); ++i) {
    if (i != 0) text += separator;
    text += table[data[i] >> 4];
    text += table[data[i] & 0x0F];
  }
  return text;
}

}  // namespace tlsready::hex
