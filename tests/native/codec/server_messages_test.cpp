#include <catch2/catch.hpp>

#include "codec/constants.h"
#include "codec/server_messages.h"
#include "codec_test_support.h"

using namespace tlsready::codec;
using namespace tlsready::codec::test;

TEST_CASE("parses_ecdhe_server_key_exchange_named_curve", "[codec][server_messages]") {
  // curve_type named_curve(3), x25519, 32-byte point, then a TLS 1.2 signature (ignored).
  auto body = hex("03 00 1d 20");
  body.insert(body.end(), 32, 0x09);
  const auto signature = hex("08 04 00 04 de ad be ef");
  body.insert(body.end(), signature.begin(), signature.end());
  ServerKeyExchange ske;
  std::string why;
  REQUIRE(parse_server_key_exchange(body, KeyExchangeKind::ecdhe, ske, why));
  CHECK(ske.kind == KeyExchangeKind::ecdhe);
  CHECK(ske.named_curve == 0x001d);
  CHECK(ske.dh_prime_bits == 0);
}

TEST_CASE("rejects_ecdhe_server_key_exchange_with_explicit_curve", "[codec][server_messages]") {
  ServerKeyExchange ske;
  std::string why;
  CHECK_FALSE(parse_server_key_exchange(hex("01 00 17 01 04"), KeyExchangeKind::ecdhe, ske, why));
  CHECK_THAT(why, Catch::Contains("named_curve"));
  CHECK_FALSE(parse_server_key_exchange(hex("03 00"), KeyExchangeKind::ecdhe, ske, why));
  CHECK_FALSE(parse_server_key_exchange(hex("03 00 17 00"), KeyExchangeKind::ecdhe, ske, why));  // empty point
  CHECK_FALSE(parse_server_key_exchange(hex("03 00 17 05 04"), KeyExchangeKind::ecdhe, ske, why));
}

TEST_CASE("measures_dhe_prime_ignoring_leading_zero_bytes", "[codec][server_messages]") {
  // dh_p = 00 00 | 80 followed by 127 bytes: 1024-bit prime sent with two leading zero bytes.
  ByteWriter w;
  const size_t p = w.open_vector(2);
  w.u16(0);
  w.u8(0x80);
  for (int i = 0; i < 127; ++i) w.u8(0xff);
  w.close_vector(p);
  w.u16(1);
  w.u8(2);  // dh_g = 2
  w.u16(1);
  w.u8(5);  // dh_Ys
  ServerKeyExchange ske;
  std::string why;
  REQUIRE(parse_server_key_exchange(w.data(), KeyExchangeKind::dhe, ske, why));
  CHECK(ske.kind == KeyExchangeKind::dhe);
  CHECK(ske.dh_prime_bits == 1024);
  CHECK(ske.dh_prime.size() == 130);

  // Top byte 0x01: 8 * 2 + 1 = 17 bits (a weak, odd-sized prime is measured exactly).
  REQUIRE(parse_server_key_exchange(hex("00 03 01 00 07 00 01 02 00 01 03"), KeyExchangeKind::dhe, ske, why));
  CHECK(ske.dh_prime_bits == 17);
}

TEST_CASE("rejects_malformed_dhe_server_key_exchange", "[codec][server_messages]") {
  ServerKeyExchange ske;
  std::string why;
  CHECK_FALSE(parse_server_key_exchange(hex("00 02 00 00 00 01 02 00 01 03"), KeyExchangeKind::dhe, ske, why));
  CHECK_THAT(why, Catch::Contains("zero"));
  CHECK_FALSE(parse_server_key_exchange(hex("00 01 ff 00 01 02"), KeyExchangeKind::dhe, ske, why));
  CHECK_THAT(why, Catch::Contains("dh_Ys"));
  CHECK_FALSE(parse_server_key_exchange(hex("00 04 ff"), KeyExchangeKind::dhe, ske, why));
  CHECK_FALSE(parse_server_key_exchange({}, KeyExchangeKind::dhe, ske, why));
}

TEST_CASE("parses_certificate_list_leaf_first", "[codec][server_messages]") {
  const auto body = certificate_body({hex("30 03 01 01 ff"), hex("30 00")});
  std::vector<std::vector<uint8_t>> certs;
  std::string why;
  REQUIRE(parse_certificate_list(body, certs, why));
  REQUIRE(certs.size() == 2);
  CHECK(certs[0] == hex("30 03 01 01 ff"));
  CHECK(certs[1] == hex("30 00"));
}

TEST_CASE("rejects_truncated_or_padded_certificate_list", "[codec][server_messages]") {
  const auto body = certificate_body({hex("30 03 01 01 ff"), hex("30 00")});
  std::vector<std::vector<uint8_t>> certs = {{1}};
  std::string why;
  for (size_t n = 0; n < body.size(); ++n) {
    INFO("prefix " << n);
    CHECK_FALSE(parse_certificate_list(std::span<const uint8_t>(body).first(n), certs, why));
  }
  CHECK(certs.size() == 1);
  auto padded = body;
  padded.push_back(0);
  CHECK_FALSE(parse_certificate_list(padded, certs, why));
  CHECK_FALSE(parse_certificate_list(hex("00 00 03 00 00 00"), certs, why));  // empty ASN.1Cert
}

TEST_CASE("parses_certificate_status_ocsp_response", "[codec][server_messages]") {
  std::vector<uint8_t> ocsp;
  std::string why;
  REQUIRE(parse_certificate_status(hex("01 00 00 04 30 02 0a 00"), ocsp, why));
  CHECK(ocsp == hex("30 02 0a 00"));
  CHECK_FALSE(parse_certificate_status(hex("02 00 00 01 30"), ocsp, why));
  CHECK_THAT(why, Catch::Contains("ocsp"));
  CHECK_FALSE(parse_certificate_status(hex("01 00 00 00"), ocsp, why));
  CHECK_FALSE(parse_certificate_status(hex("01 00 00 02 30"), ocsp, why));
  CHECK_FALSE(parse_certificate_status(hex("01 00 00 01 30 00"), ocsp, why));
}

TEST_CASE("parses_two_byte_alert_only", "[codec][server_messages]") {
  Alert alert;
  std::string why;
  REQUIRE(parse_alert(hex("02 28"), alert, why));
  CHECK(alert.level == 2);
  CHECK(alert.description == 40);
  CHECK_FALSE(parse_alert(hex("02"), alert, why));
  CHECK_FALSE(parse_alert(hex("02 28 00"), alert, why));
}

TEST_CASE("names_alert_descriptions_and_prints_unknown_in_hex", "[codec][constants]") {
  CHECK(alert_description_name(0) == "close_notify");
  CHECK(alert_description_name(40) == "handshake_failure");
  CHECK(alert_description_name(70) == "protocol_version");
  CHECK(alert_description_name(86) == "inappropriate_fallback");
  CHECK(alert_description_name(112) == "unrecognized_name");
  CHECK(alert_description_name(120) == "no_application_protocol");
  CHECK(alert_description_name(0x7b) == "unknown(0x7b)");
}

TEST_CASE("parses_sslv2_server_hello_with_certificate_and_cipher_specs", "[codec][server_messages]") {
  // header 80 1a (26 bytes): 04, hit 00, cert type 01 (X.509), version 00 02, cert len 4,
  // specs len 6, connection-id len 5, then data.
  const auto bytes = hex("80 1a 04 00 01 00 02 00 04 00 06 00 05 30 02 05 00 01 00 80 07 00 c0 aa bb cc dd ee");
  SslV2ServerHello hello;
  std::string why;
  REQUIRE(parse_sslv2_server_hello(bytes, hello, why));
  CHECK(hello.certificate_present);
  CHECK(hello.certificate_der == hex("30 02 05 00"));
  REQUIRE(hello.cipher_specs.size() == 2);
  CHECK(hello.cipher_specs[0] == std::array<uint8_t, 3>{0x01, 0x00, 0x80});
  CHECK(hello.cipher_specs[1] == std::array<uint8_t, 3>{0x07, 0x00, 0xc0});
  for (size_t n = 0; n < bytes.size(); ++n) {
    INFO("prefix " << n);
    CHECK_FALSE(parse_sslv2_server_hello(std::span<const uint8_t>(bytes).first(n), hello, why));
  }
}

TEST_CASE("rejects_sslv2_server_hello_with_bad_lengths", "[codec][server_messages]") {
  SslV2ServerHello hello;
  std::string why;
  // cipher specs length 4 is not a multiple of 3
  CHECK_FALSE(parse_sslv2_server_hello(hex("80 0f 04 00 01 00 02 00 00 00 04 00 00 01 00 80 07"), hello, why));
  CHECK_THAT(why, Catch::Contains("multiple of 3"));
  // header without the high bit
  CHECK_FALSE(parse_sslv2_server_hello(hex("00 0b 04 00 01 00 02 00 00 00 00 00 00"), hello, why));
  // message type 0 (ERROR)
  CHECK_FALSE(parse_sslv2_server_hello(hex("80 0b 00 00 01 00 02 00 00 00 00 00 00"), hello, why));
  // lengths disagree with the record: inner data longer than the record
  CHECK_FALSE(parse_sslv2_server_hello(hex("80 0b 04 00 01 00 02 00 01 00 00 00 00"), hello, why));
}
