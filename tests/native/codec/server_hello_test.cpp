#include <catch2/catch.hpp>

#include "codec/constants.h"
#include "codec/server_messages.h"
#include "codec_test_support.h"

using namespace tlsready::codec;
using namespace tlsready::codec::test;

namespace {

// RFC 8448 §3: "ServerHello (90 octets)" (handshake header included).
const char* const kRfc8448ServerHello =
    "02 00 00 56 03 03 a6 af 06 a4 12 18 60 dc 5e 6e 60 24 9c d3 4c 95 93 0c 8a c5 cb 14 34 da c1 55 77 2e"
    "d3 e2 69 28 00 13 01 00 00 2e 00 33 00 24 00 1d 00 20 c9 82 88 76 11 20 95 fe 66 76 2b db f7 c6 72 e1"
    "56 d6 cc 25 3b 83 3d f1 dd 69 b1 b0 4e 75 1f 0f 00 2b 00 02 03 04";

// RFC 8448 §5 (HelloRetryRequest): "HelloRetryRequest (176 octets)", selecting secp256r1 with a cookie.
const char* const kRfc8448HelloRetryRequest =
    "02 00 00 ac 03 03 cf 21 ad 74 e5 9a 61 11 be 1d 8c 02 1e 65 b8 91 c2 a2 11 16 7a bb 8c 5e 07 9e"
    "09 e2 c8 a8 33 9c 00 13 01 00 00 84 00 33 00 02 00 17 00 2c 00 74 00 72 71 dc d0 4b b8 8b c3 18"
    "91 19 39 8a 00 00 00 00 ee fa fc 76 c1 46 b8 23 b0 96 f8 aa ca d3 65 dd 00 30 95 3f 4e df 62 56"
    "36 e5 f2 1b b2 e2 3f cc 65 4b 1b 5b 40 31 8d 10 d1 37 ab cb b8 75 74 e3 6e 8a 1f 02 5f 7d fa 5d"
    "6e 50 78 1b 5e da 4a a1 5b 0c 8b e7 78 25 7d 16 aa 30 30 e9 e7 84 1d d9 e4 c0 34 22 67 e8 ca 0c"
    "af 57 1f b2 b7 cf f0 f9 34 b0 00 2b 00 02 03 04";

// Strips the 4-byte handshake header.
std::vector<uint8_t> body_of(const std::vector<uint8_t>& message) { return {message.begin() + 4, message.end()}; }

std::vector<uint8_t> tls12_server_hello_body() {
  return server_hello_body(0x0303, filled_random(0x11), 0xc02f,
                           {{0xff01, hex("00")},
                            {0x000b, hex("03 00 01 02")},
                            {0x0023, {}},
                            {0x0010, hex("00 09 08 68 74 74 70 2f 31 2e 31")},
                            {0x0017, {}},
                            {0x0016, {}},
                            {0x0005, {}}},
                           true, std::vector<uint8_t>(32, 0x42));
}

}  // namespace

TEST_CASE("parses_rfc8448_tls13_server_hello", "[codec][server_hello]") {
  const auto body = body_of(hex(kRfc8448ServerHello));
  ServerHello sh;
  std::string why;
  REQUIRE(parse_server_hello(body, sh, why));
  CHECK(sh.legacy_version == 0x0303);
  CHECK(sh.random[0] == 0xa6);
  CHECK(sh.random[31] == 0x28);
  CHECK(sh.session_id.empty());
  CHECK(sh.cipher_suite == 0x1301);
  CHECK(sh.compression_method == 0);
  CHECK_FALSE(sh.is_hello_retry_request);
  CHECK(sh.extension_types == std::vector<uint16_t>{51, 43});
  CHECK(sh.selected_version == 0x0304);
  CHECK(sh.negotiated_version() == 0x0304);
  CHECK(sh.key_share_group == 0x001d);
  CHECK(sh.downgrade == DowngradeSentinel::none);
}

TEST_CASE("detects_rfc8448_hello_retry_request", "[codec][server_hello]") {
  const auto body = body_of(hex(kRfc8448HelloRetryRequest));
  ServerHello sh;
  std::string why;
  REQUIRE(parse_server_hello(body, sh, why));
  CHECK(sh.is_hello_retry_request);
  CHECK(sh.key_share_group == 0x0017);  // selected_group: secp256r1
  CHECK(sh.selected_version == 0x0304);
  CHECK(sh.extension_types == std::vector<uint16_t>{51, 44, 43});  // key_share, cookie, supported_versions
  CHECK(sh.downgrade == DowngradeSentinel::none);
}

TEST_CASE("rejects_hello_retry_request_with_key_share_entry", "[codec][server_hello]") {
  // A KeyShareEntry in an HRR (instead of the 2-byte selected_group) is malformed.
  auto random = std::array<uint8_t, 32>{};
  const auto hrr = body_of(hex(kRfc8448HelloRetryRequest));
  std::copy(hrr.begin() + 2, hrr.begin() + 34, random.begin());
  const auto body = server_hello_body(0x0303, random, 0x1301, {{51, hex("00 1d 00 01 09")}, {43, hex("03 04")}});
  ServerHello sh;
  std::string why;
  CHECK_FALSE(parse_server_hello(body, sh, why));
  CHECK_THAT(why, Catch::Contains("selected_group"));
}

TEST_CASE("rejects_server_hello_key_share_without_key_exchange", "[codec][server_hello]") {
  const auto body = server_hello_body(0x0303, filled_random(1), 0x1301, {{51, hex("00 1d")}, {43, hex("03 04")}});
  ServerHello sh;
  std::string why;
  CHECK_FALSE(parse_server_hello(body, sh, why));
  CHECK_THAT(why, Catch::Contains("key_share"));
}

TEST_CASE("rejects_truncated_server_hello_at_every_length", "[codec][server_hello]") {
  for (const auto& body : {body_of(hex(kRfc8448ServerHello)), body_of(hex(kRfc8448HelloRetryRequest)),
                           tls12_server_hello_body()}) {
    ServerHello full;
    std::string why;
    REQUIRE(parse_server_hello(body, full, why));
    for (size_t n = 0; n < body.size(); ++n) {
      ServerHello sh;
      sh.cipher_suite = 0xdead;
      why.clear();
      const std::vector<uint8_t> prefix(body.begin(), body.begin() + static_cast<std::ptrdiff_t>(n));
      // A ServerHello that ends right after compression_method is legal (no extensions block).
      if (n == 2 + 32 + 1 + full.session_id.size() + 2 + 1) {
        CHECK(parse_server_hello(prefix, sh, why));
        continue;
      }
      INFO("prefix length " << n);
      CHECK_FALSE(parse_server_hello(prefix, sh, why));
      CHECK_FALSE(why.empty());
      CHECK(sh.cipher_suite == 0xdead);  // out untouched on failure
    }
  }
}

TEST_CASE("rejects_trailing_bytes_after_server_hello_extensions", "[codec][server_hello]") {
  auto body = body_of(hex(kRfc8448ServerHello));
  body.push_back(0x00);
  ServerHello sh;
  std::string why;
  CHECK_FALSE(parse_server_hello(body, sh, why));
  CHECK_THAT(why, Catch::Contains("trailing"));
}

TEST_CASE("parses_tls12_server_hello_extensions", "[codec][server_hello]") {
  ServerHello sh;
  std::string why;
  REQUIRE(parse_server_hello(tls12_server_hello_body(), sh, why));
  CHECK(sh.session_id == std::vector<uint8_t>(32, 0x42));
  CHECK(sh.cipher_suite == 0xc02f);
  CHECK(sh.extension_types == std::vector<uint16_t>{0xff01, 11, 35, 16, 23, 22, 5});
  CHECK(sh.renegotiation_info);
  CHECK(sh.session_ticket);
  CHECK(sh.alpn == "http/1.1");
  CHECK(sh.extended_master_secret);
  CHECK(sh.encrypt_then_mac);
  CHECK(sh.status_request);
  CHECK_FALSE(sh.selected_version.has_value());
  CHECK(sh.negotiated_version() == 0x0303);
}

TEST_CASE("parses_sslv3_server_hello_without_extensions_block", "[codec][server_hello]") {
  const auto body = server_hello_body(0x0300, filled_random(7), 0x000a, {}, false);
  ServerHello sh;
  std::string why;
  REQUIRE(parse_server_hello(body, sh, why));
  CHECK(sh.legacy_version == 0x0300);
  CHECK(sh.extension_types.empty());
  CHECK_FALSE(sh.renegotiation_info);
  CHECK(sh.negotiated_version() == 0x0300);
}

TEST_CASE("parses_sslv3_server_hello_with_renegotiation_info", "[codec][server_hello]") {
  // An SSLv3 ServerHello as sent by a real server: ... cipher 00 39, compression 00, then the
  // 7 bytes 00 05 ff 01 00 01 00 (extensions block with an empty renegotiation_info, RFC 5746 §3.2).
  const auto message = hex(
      "02 00 00 4d 03 00 4f a1 c1 eb e3 fb 00 a9 c8 25 25 48 6f 89 27 ec bb 80 f3 8c 5d db f7 6c 94 56 d8 34 7a"
      "b5 9d 02 20 54 ab 20 ea 05 a6 38 6f ee 55 40 ae af e2 5d ae 2a 4d c1 c6 f4 09 a7 08 b1 c5 49 39 87 82 d3"
      "f7 00 39 00 00 05 ff 01 00 01 00");
  ServerHello sh;
  std::string why;
  REQUIRE(parse_server_hello(body_of(message), sh, why));
  CHECK(sh.legacy_version == 0x0300);
  CHECK(sh.cipher_suite == 0x0039);
  CHECK(sh.session_id.size() == 32);
  CHECK(sh.renegotiation_info);
}

TEST_CASE("detects_downgrade_sentinels", "[codec][server_hello]") {
  auto random = filled_random(0x33);
  const std::array<uint8_t, 8> tls12 = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44, 0x01};
  std::copy(tls12.begin(), tls12.end(), random.begin() + 24);
  ServerHello sh;
  std::string why;
  REQUIRE(parse_server_hello(server_hello_body(0x0303, random, 0xc02f, {}), sh, why));
  CHECK(sh.downgrade == DowngradeSentinel::tls12);

  random[31] = 0x00;
  REQUIRE(parse_server_hello(server_hello_body(0x0302, random, 0xc013, {}), sh, why));
  CHECK(sh.downgrade == DowngradeSentinel::tls11_or_below);

  random[31] = 0x02;
  REQUIRE(parse_server_hello(server_hello_body(0x0303, random, 0xc02f, {}), sh, why));
  CHECK(sh.downgrade == DowngradeSentinel::none);

  random[31] = 0x01;
  random[24] = 0x45;
  REQUIRE(parse_server_hello(server_hello_body(0x0303, random, 0xc02f, {}), sh, why));
  CHECK(sh.downgrade == DowngradeSentinel::none);
}

TEST_CASE("rejects_duplicate_server_hello_extensions", "[codec][server_hello]") {
  const auto body = server_hello_body(0x0303, filled_random(1), 0xc02f, {{23, {}}, {23, {}}});
  ServerHello sh;
  std::string why;
  CHECK_FALSE(parse_server_hello(body, sh, why));
  CHECK_THAT(why, Catch::Contains("duplicate"));
}

TEST_CASE("rejects_malformed_server_hello_extension_bodies", "[codec][server_hello]") {
  const std::vector<std::pair<TestExtension, const char*>> cases = {
      {{43, hex("03 04 03 03")}, "supported_versions"},
      {{43, hex("03")}, "supported_versions"},
      {{16, hex("00 0c 02 68 32 08 68 74 74 70 2f 31 2e 31")}, "more than one"},
      {{16, hex("00 01 00")}, "ALPN"},
      {{16, hex("00 00")}, "ALPN"},
      {{0xff01, hex("")}, "renegotiation_info"},
      {{0xff01, hex("05 00")}, "renegotiation_info"},
      {{23, hex("00")}, "must be empty"},
      {{22, hex("00")}, "must be empty"},
  };
  for (const auto& [ext, expected] : cases) {
    ServerHello sh;
    std::string why;
    INFO("extension " << ext.type << " expecting " << expected);
    CHECK_FALSE(parse_server_hello(server_hello_body(0x0303, filled_random(2), 0xc02f, {ext}), sh, why));
    CHECK_THAT(why, Catch::Contains(expected));
  }
}

TEST_CASE("keeps_unknown_server_hello_extension_types", "[codec][server_hello]") {
  const auto body = server_hello_body(0x0303, filled_random(3), 0xc02f, {{0xfe0d, hex("01 02")}, {0x0012, {}}});
  ServerHello sh;
  std::string why;
  REQUIRE(parse_server_hello(body, sh, why));
  CHECK(sh.extension_types == std::vector<uint16_t>{0xfe0d, 0x0012});
}

TEST_CASE("rejects_server_hello_session_id_longer_than_32", "[codec][server_hello]") {
  const auto body = server_hello_body(0x0303, filled_random(3), 0xc02f, {}, true, std::vector<uint8_t>(33, 1));
  ServerHello sh;
  std::string why;
  CHECK_FALSE(parse_server_hello(body, sh, why));
  CHECK_THAT(why, Catch::Contains("session_id"));
}
