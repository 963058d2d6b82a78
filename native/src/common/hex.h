// Hexadecimal text for codes and bytes: the one formatter every room uses (registry code points,
// registry DWORD masks, diagnostic bytes, fingerprints, JSON data_hex). No dependencies.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

namespace tlsready::hex {

enum class Case { lower, upper };

// `value` as exactly `digits` hex digits (1..16; higher digits of a wider value are dropped),
// without a prefix: digits(0x0A, 4, Case::upper) == "000A".
std::string digits(uint64_t value, std::size_t digits, Case letter_case);

// "0x" and `digits` hex digits: code(0xC02F, 4, Case::upper) == "0xC02F".
std::string code(uint64_t value, std::size_t digits, Case letter_case);

// The canonical forms used across the tree.
inline std::string code8(uint8_t value) { return code(value, 2, Case::lower); }     // "0x0a" (diagnostics)
inline std::string code16(uint16_t value) { return code(value, 4, Case::upper); }   // "0x0A0A" (code points)
inline std::string code32(uint32_t value) { return code(value, 8, Case::upper); }   // "0x00000A00" (DWORDs)

// The value of one hex digit (0-9, a-f, A-F), -1 for any other character.
constexpr int digit_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Two digits per byte, `separator` between bytes: bytes({0xde, 0xad}) == "dead".
std::string bytes(std::span<const uint8_t> data, Case letter_case = Case::lower, std::string_view separator = {});

}  // namespace tlsready::hex
