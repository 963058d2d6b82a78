#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "codec/byte_reader.h"
#include "codec/byte_writer.h"
#include "codec_test_support.h"

using namespace tlsready::codec;
using tlsready::codec::test::hex;

TEST_CASE("byte_reader_reads_big_endian_integers", "[codec][byte_reader]") {
  const auto bytes = hex("01 02 03 04 05 06 07 08 09 0a");
  ByteReader r(bytes);
  uint8_t a = 0;
  uint16_t b = 0;
  uint32_t c = 0;
  uint32_t d = 0;
  REQUIRE(r.read_u8(a));
  REQUIRE(r.read_u16(b));
  REQUIRE(r.read_u24(c));
  REQUIRE(r.read_u32(d));
  CHECK(a == 0x01);
  CHECK(b == 0x0203);
  CHECK(c == 0x040506);
  CHECK(d == 0x0708090a);
  CHECK(r.empty());
}

TEST_CASE("byte_reader_failed_read_leaves_reader_untouched", "[codec][byte_reader]") {
  const auto bytes = hex("aa bb cc");
  ByteReader r(bytes);
  uint32_t v = 0x12345678;
  std::span<const uint8_t> out;
  CHECK_FALSE(r.read_u32(v));
  CHECK(v == 0x12345678);
  CHECK_FALSE(r.read_bytes(4, out));
  CHECK_FALSE(r.skip(4));
  CHECK(r.remaining() == 3);
  uint16_t w = 0;
  REQUIRE(r.read_u16(w));
  CHECK(w == 0xaabb);
  CHECK_FALSE(r.read_u16(w));
  CHECK(r.remaining() == 1);
}

TEST_CASE("byte_reader_vector_prefix_exceeding_input_fails_untouched", "[codec][byte_reader]") {
  const auto bytes = hex("00 05 01 02 03");  // announces 5, holds 3
  ByteReader r(bytes);
  ByteReader sub;
  CHECK_FALSE(r.read_vector16(sub));
  CHECK(r.remaining() == 5);
  ByteReader r8(bytes);
  REQUIRE(r8.read_vector8(sub));  // 0x00: empty vector8
  CHECK(sub.empty());
  CHECK(r8.remaining() == 4);
}

TEST_CASE("byte_reader_vectors_hand_out_exact_sub_readers", "[codec][byte_reader]") {
  const auto bytes = hex("02 aa bb | 00 01 cc | 00 00 02 dd ee | ff");
  ByteReader r(bytes);
  ByteReader v8, v16, v24;
  REQUIRE(r.read_vector8(v8));
  REQUIRE(r.read_vector16(v16));
  REQUIRE(r.read_vector24(v24));
  CHECK(v8.remaining() == 2);
  CHECK(v16.remaining() == 1);
  CHECK(v24.remaining() == 2);
  CHECK(v24.rest()[1] == 0xee);
  CHECK(r.remaining() == 1);
}

TEST_CASE("byte_writer_patches_nested_vector_lengths", "[codec][byte_writer]") {
  ByteWriter w;
  const size_t outer = w.open_vector(2);
  w.u8(0x01);
  const size_t inner = w.open_vector(1);
  w.text("abc");
  w.close_vector(inner);
  const size_t deep = w.open_vector(3);
  w.u16(0xbeef);
  w.close_vector(deep);
  w.close_vector(outer);
  CHECK(w.data() == hex("00 0a 01 03 61 62 63 00 00 02 be ef"));
}

TEST_CASE("byte_writer_writes_big_endian_integers", "[codec][byte_writer]") {
  ByteWriter w;
  w.u8(1);
  w.u16(0x0203);
  w.u24(0x040506);
  w.u32(0x0708090a);
  CHECK(w.take() == hex("01 02 03 04 05 06 07 08 09 0a"));
}

TEST_CASE("byte_writer_throws_on_programmer_errors", "[codec][byte_writer]") {
  ByteWriter w;
  CHECK_THROWS_AS(w.open_vector(0), std::invalid_argument);
  CHECK_THROWS_AS(w.open_vector(4), std::invalid_argument);
  CHECK_THROWS_AS(w.u24(0x1000000), std::length_error);
  const size_t v = w.open_vector(1);
  w.bytes(std::vector<uint8_t>(256, 0));
  CHECK_THROWS_AS(w.close_vector(v), std::length_error);

  ByteWriter order;
  const size_t a = order.open_vector(1);
  order.open_vector(1);
  CHECK_THROWS_AS(order.close_vector(a), std::logic_error);
}
