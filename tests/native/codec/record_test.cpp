#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "codec/record.h"
#include "codec_test_support.h"

using namespace tlsready::codec;
using tlsready::codec::test::hex;

namespace {

std::vector<uint8_t> text_bytes(std::string_view s) { return {s.begin(), s.end()}; }

}  // namespace

TEST_CASE("encode_record_frames_type_version_and_length", "[codec][record]") {
  CHECK(encode_record(ContentType::alert, 0x0303, hex("02 28")) == hex("15 03 03 00 02 02 28"));
  CHECK(encode_record(ContentType::handshake, 0x0301, {}) == hex("16 03 01 00 00"));
  CHECK(encode_handshake(14, {}) == hex("0e 00 00 00"));
  CHECK(encode_handshake(2, hex("aa bb")) == hex("02 00 00 02 aa bb"));
}

TEST_CASE("record_reader_returns_records_fed_byte_by_byte", "[codec][record]") {
  const auto stream = tlsready::codec::test::concat(
      {hex("16 03 03 00 03 01 02 03"), hex("14 03 03 00 01 01"), hex("15 03 03 00 02 02 28")});
  RecordReader reader;
  std::vector<Record> records;
  std::string why;
  for (uint8_t byte : stream) {
    reader.feed(std::span<const uint8_t>(&byte, 1));
    Record r;
    while (true) {
      const auto status = reader.next(r, why);
      if (status != RecordReader::Status::record) {
        REQUIRE(status == RecordReader::Status::need_more);
        break;
      }
      records.push_back(r);
    }
  }
  REQUIRE(records.size() == 3);
  CHECK(records[0].type == ContentType::handshake);
  CHECK(records[0].version == 0x0303);
  CHECK(records[0].fragment == hex("01 02 03"));
  CHECK(records[1].type == ContentType::change_cipher_spec);
  CHECK(records[2].type == ContentType::alert);
  CHECK(records[2].fragment == hex("02 28"));
  CHECK(reader.buffered() == 0);
}

TEST_CASE("record_reader_returns_several_records_from_one_feed", "[codec][record]") {
  RecordReader reader;
  reader.feed(hex("16 03 01 00 01 aa 16 03 01 00 01 bb 17 03"));
  Record r;
  std::string why;
  REQUIRE(reader.next(r, why) == RecordReader::Status::record);
  CHECK(r.fragment == hex("aa"));
  REQUIRE(reader.next(r, why) == RecordReader::Status::record);
  CHECK(r.fragment == hex("bb"));
  CHECK(reader.next(r, why) == RecordReader::Status::need_more);
  CHECK(reader.buffered() == 2);
  CHECK(reader.buffered_bytes()[0] == 0x17);
}

TEST_CASE("record_reader_reports_http_answer_as_not_tls", "[codec][record]") {
  RecordReader reader;
  Record r;
  std::string why;
  // "HTTP/" is a prefix of nothing TLS, but the reader waits for all five bytes to say so.
  reader.feed(text_bytes("HTT"));
  CHECK(reader.next(r, why) == RecordReader::Status::need_more);
  reader.feed(text_bytes("P/1.1 400 Bad Request\r\nServer: x\r\n\r\n"));
  REQUIRE(reader.next(r, why) == RecordReader::Status::not_tls);
  CHECK_THAT(why, Catch::Contains("48 54 54 50 2f 31 2e 31"));
  CHECK_THAT(why, Catch::Contains("looks like HTTP"));
  CHECK_THAT(why, Catch::Contains("HTTP/1.1 400 Bad Request"));
  // Sticky: the bytes stay, the verdict stays.
  CHECK(reader.next(r, why) == RecordReader::Status::not_tls);
}

TEST_CASE("record_reader_reports_garbage_as_not_tls_quoting_bytes", "[codec][record]") {
  RecordReader reader;
  Record r;
  std::string why;
  reader.feed(text_bytes("SSH-2.0-OpenSSH_9.2\r\n"));
  REQUIRE(reader.next(r, why) == RecordReader::Status::not_tls);
  CHECK_THAT(why, Catch::Contains("53 53 48 2d"));
  CHECK_THAT(why, !Catch::Contains("HTTP"));

  RecordReader smtp;
  smtp.feed(text_bytes("220 mail.example.com ESMTP\r\n"));
  CHECK(smtp.next(r, why) == RecordReader::Status::not_tls);
}

TEST_CASE("record_reader_rejects_major_version_other_than_3", "[codec][record]") {
  RecordReader reader;
  Record r;
  std::string why;
  reader.feed(hex("16 04 01 00 05"));
  REQUIRE(reader.next(r, why) == RecordReader::Status::not_tls);
  CHECK_THAT(why, Catch::Contains("16 04 01 00 05"));
}

TEST_CASE("record_reader_rejects_record_longer_than_2_14_plus_2048", "[codec][record]") {
  Record r;
  std::string why;
  RecordReader too_long;
  too_long.feed(hex("17 03 03 48 01"));  // 18433
  REQUIRE(too_long.next(r, why) == RecordReader::Status::not_tls);
  CHECK_THAT(why, Catch::Contains("18433"));

  RecordReader max;
  max.feed(hex("17 03 03 48 00"));  // 18432: allowed, waits for the body
  CHECK(max.next(r, why) == RecordReader::Status::need_more);
}

TEST_CASE("record_reader_rejects_random_garbage_without_crashing", "[codec][record]") {
  std::mt19937 rng(12345);
  int not_tls = 0;
  for (int round = 0; round < 2000; ++round) {
    std::vector<uint8_t> junk(1 + rng() % 64);
    for (auto& b : junk) b = static_cast<uint8_t>(rng());
    RecordReader reader;
    reader.feed(junk);
    Record r;
    std::string why;
    for (int i = 0; i < 100; ++i) {
      const auto s = reader.next(r, why);
      if (s == RecordReader::Status::not_tls) {
        ++not_tls;
        CHECK_FALSE(why.empty());
      }
      if (s != RecordReader::Status::record) break;
    }
  }
  CHECK(not_tls > 1500);  // almost every random first byte is outside 20..23 / SSLv2 forms
}

TEST_CASE("record_reader_detects_sslv2_server_hello", "[codec][record]") {
  // 2-byte header 0x80 0x0e (14 bytes), MSG-SERVER-HELLO, 11 fixed bytes, one 3-byte cipher spec.
  const auto sslv2 = hex("80 0e 04 00 01 00 02 00 00 00 03 00 00 07 00 c0");
  RecordReader reader;
  Record r;
  std::string why;
  reader.feed(std::span<const uint8_t>(sslv2).first(2));
  CHECK(reader.next(r, why) == RecordReader::Status::need_more);
  reader.feed(std::span<const uint8_t>(sslv2).subspan(2, 5));
  CHECK(reader.next(r, why) == RecordReader::Status::need_more);  // waits for the whole record
  reader.feed(std::span<const uint8_t>(sslv2).subspan(7));
  REQUIRE(reader.next(r, why) == RecordReader::Status::sslv2_server_hello);
  CHECK(reader.buffered() == sslv2.size());  // left in place for parse_sslv2_server_hello
}

TEST_CASE("record_reader_reports_sslv2_error_message_as_not_tls", "[codec][record]") {
  RecordReader reader;
  Record r;
  std::string why;
  reader.feed(hex("80 03 00 00 01"));  // SSLv2 ERROR (type 0): NO-CIPHER-ERROR
  REQUIRE(reader.next(r, why) == RecordReader::Status::not_tls);
  CHECK_THAT(why, Catch::Contains("SSLv2"));
}
