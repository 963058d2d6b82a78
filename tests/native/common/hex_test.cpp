// The shared hex formatter (common/hex.h).
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "common/hex.h"

namespace hex = tlsready::hex;

TEST_CASE("hex_code16_of_zero_and_ffff", "[common][hex]") {
  CHECK(hex::code16(0) == "0x0000");
  CHECK(hex::code16(0xFFFF) == "0xFFFF");
  CHECK(hex::code16(0x0a0a) == "0x0A0A");
}

TEST_CASE("hex_code8_and_code32", "[common][hex]") {
  CHECK(hex::code8(0) == "0x00");
  CHECK(hex::code8(0xff) == "0xff");
  CHECK(hex::code32(0) == "0x00000000");
  CHECK(hex::code32(0xA00) == "0x00000A00");
  CHECK(hex::code32(0xFFFFFFFFu) == "0xFFFFFFFF");
}

TEST_CASE("hex_code_lower_and_upper", "[common][hex]") {
  CHECK(hex::code(0xFFFF, 4, hex::Case::lower) == "0xffff");
  CHECK(hex::code(0, 4, hex::Case::lower) == "0x0000");
  CHECK(hex::code(0xC02F, 4, hex::Case::upper) == "0xC02F");
}

TEST_CASE("hex_digits_pads_and_truncates", "[common][hex]") {
  CHECK(hex::digits(0xA, 4, hex::Case::upper) == "000A");
  CHECK(hex::digits(0x12345, 4, hex::Case::lower) == "2345");  // higher digits dropped
  CHECK(hex::digits(0, 0, hex::Case::lower).empty());
  CHECK(hex::digits(0xFFFFFFFFFFFFFFFFull, 16, hex::Case::upper) == "FFFFFFFFFFFFFFFF");
  CHECK(hex::digits(1, 20, hex::Case::lower) == "0000000000000001");  // at most 16 digits
}

TEST_CASE("hex_bytes_with_and_without_separator", "[common][hex]") {
  const std::vector<uint8_t> data{0x00, 0xde, 0xAD, 0xff};
  CHECK(hex::bytes(data) == "00deadff");
  CHECK(hex::bytes(data, hex::Case::upper, ":") == "00:DE:AD:FF");
  CHECK(hex::bytes(data, hex::Case::lower, ",") == "00,de,ad,ff");
  CHECK(hex::bytes(std::vector<uint8_t>{}) == "");
  CHECK(hex::bytes(std::vector<uint8_t>{0x7}, hex::Case::lower, " ") == "07");
}

TEST_CASE("hex_digit_value_of_both_cases_and_others", "[common][hex]") {
  CHECK(hex::digit_value('0') == 0);
  CHECK(hex::digit_value('9') == 9);
  CHECK(hex::digit_value('a') == 10);
  CHECK(hex::digit_value('F') == 15);
  CHECK(hex::digit_value('g') == -1);
  CHECK(hex::digit_value('G') == -1);
  CHECK(hex::digit_value(' ') == -1);
  CHECK(hex::digit_value('\0') == -1);
  static_assert(hex::digit_value('f') == 15);
}
