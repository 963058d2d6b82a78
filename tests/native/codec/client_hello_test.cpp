#include <catch2/catch.hpp>

#include <algorithm>
#include <random>

#include "codec/client_hello.h"
#include "codec/constants.h"
#include "codec_test_support.h"

using namespace tlsready::codec;
using tlsready::codec::test::hex;
using tlsready::codec::test::parse_client_hello_message;
using tlsready::codec::test::parse_client_hello_records;
using tlsready::codec::test::ParsedClientHello;

namespace {

// RFC 8448 §3 (Simple 1-RTT Handshake), "client sends handshake record ... ClientHello (196 octets)".
const char* const kRfc8448ClientHello =
    "01 00 00 c0 03 03 cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d ff a2 1a 8d 99 12 ec 18 a2 ef 62 83"
    "02 4d ec e7 00 00 06 13 01 13 03 13 02 01 00 00 91 00 00 00 0b 00 09 00 00 06 73 65 72 76 65 72 ff 01"
    "00 01 00 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01 01 02 01 03 01 04 00 23 00 00 00 33 00"
    "26 00 24 00 1d 00 20 99 38 1d e5 60 e4 bd 43 d2 3d 8e 43 5a 7d ba fe b3 c0 6e 51 c1 3c ae 4d 54 13 69"
    "1e 52 9a af 2c 00 2b 00 03 02 03 04 00 0d 00 20 00 1e 04 03 05 03 06 03 02 03 08 04 08 05 08 06 04 01"
    "05 01 06 01 02 01 04 02 05 02 06 02 02 02 00 2d 00 02 01 01 00 1c 00 02 40 01";

ClientHelloSpec tls12_spec() {
  ClientHelloSpec spec;
  spec.client_version = wire_version::tls1_2;
  for (size_t i = 0; i < spec.random.size(); ++i) spec.random[i] = static_cast<uint8_t>(0xa0 + i);
  spec.cipher_suites = {0xc02f, 0xc030, 0x009e, 0x002f};
  spec.server_name = "example.com";
  spec.supported_groups = {0x001d, 0x0017};
  spec.signature_algorithms = {0x0804, 0x0403};
  return spec;
}

ParsedClientHello parse(const std::vector<uint8_t>& record_bytes, uint16_t* record_version = nullptr) {
  auto parsed = parse_client_hello_records(record_bytes, record_version);
  REQUIRE(parsed.has_value());
  return *parsed;
}

}  // namespace

TEST_CASE("rfc8448_client_hello_extension_bodies_are_reproduced", "[codec][client_hello]") {
  const auto rfc = hex(kRfc8448ClientHello);
  const auto expected = parse_client_hello_message(rfc);
  REQUIRE(expected.has_value());

  ClientHelloSpec spec;
  spec.client_version = 0x0303;
  std::copy(expected->random.begin(), expected->random.end(), spec.random.begin());
  spec.cipher_suites = {0x1301, 0x1303, 0x1302};
  spec.server_name = "server";
  spec.supported_groups = {0x001d, 0x0017, 0x0018, 0x0019, 0x0100, 0x0101, 0x0102, 0x0103, 0x0104};
  spec.supported_versions = {0x0304};
  spec.key_shares = {{0x001d, hex("99 38 1d e5 60 e4 bd 43 d2 3d 8e 43 5a 7d ba fe b3 c0 6e 51 c1 3c ae 4d "
                                  "54 13 69 1e 52 9a af 2c")}};
  spec.signature_algorithms = {0x0403, 0x0503, 0x0603, 0x0203, 0x0804, 0x0805, 0x0806,
                               0x0401, 0x0501, 0x0601, 0x0201, 0x0402, 0x0502, 0x0602, 0x0202};
  spec.ec_point_formats = false;
  spec.status_request = false;
  spec.extended_master_secret = false;

  const auto built = parse_client_hello_message(build_client_hello_message(spec));
  REQUIRE(built.has_value());
  CHECK(built->client_version == expected->client_version);
  CHECK(built->random == expected->random);
  CHECK(built->session_id == expected->session_id);
  CHECK(built->cipher_suites == expected->cipher_suites);
  CHECK(built->compression_methods == expected->compression_methods);
  // Every extension both send must have the same body byte for byte (the RFC client also sends
  // record_size_limit, which we do not, and orders extensions differently).
  for (uint16_t type : {extension_type::server_name, extension_type::renegotiation_info,
                        extension_type::supported_groups, extension_type::session_ticket, extension_type::key_share,
                        extension_type::supported_versions, extension_type::signature_algorithms,
                        extension_type::psk_key_exchange_modes}) {
    INFO("extension type " << type);
    REQUIRE(expected->extension(type) != nullptr);
    REQUIRE(built->extension(type) != nullptr);
    CHECK(*built->extension(type) == *expected->extension(type));
  }
  CHECK(built->extension(0x001c) == nullptr);
}

TEST_CASE("client_hello_puts_extensions_in_realistic_order", "[codec][client_hello]") {
  ClientHelloSpec spec = tls12_spec();
  spec.alpn = {"h2", "http/1.1"};
  spec.encrypt_then_mac = true;
  spec.supported_versions = {0x0304, 0x0303};
  spec.key_shares = {{0x001d, {}}};
  spec.padding_workaround = false;
  const auto ch = parse(build_client_hello(spec));
  CHECK(ch.extension_types() == std::vector<uint16_t>{0, 11, 10, 35, 5, 13, 16, 22, 23, 0xff01, 43, 45, 51});
}

TEST_CASE("client_hello_round_trips_header_fields_as_given", "[codec][client_hello]") {
  ClientHelloSpec spec = tls12_spec();
  spec.record_version = 0x0300;
  spec.client_version = 0x0302;
  spec.session_id.assign(32, 0x5a);
  spec.cipher_suites = {0x0005, 0x00ff, 0x5600};
  uint16_t record_version = 0;
  const auto bytes = build_client_hello(spec);
  const auto ch = parse(bytes, &record_version);
  CHECK(record_version == 0x0300);
  CHECK(bytes[0] == 0x16);
  CHECK(ch.client_version == 0x0302);
  CHECK(ch.random == spec.random);
  CHECK(ch.session_id == spec.session_id);
  CHECK(ch.cipher_suites == spec.cipher_suites);
  CHECK(ch.compression_methods == std::vector<uint8_t>{0});
  // Byte offsets inside the record: header(5) + handshake header(4) + version(2).
  CHECK(bytes[5] == 0x01);
  CHECK(bytes[9] == 0x03);
  CHECK(bytes[10] == 0x02);
  CHECK(bytes[11] == spec.random[0]);
  CHECK(bytes[43] == 32);  // session_id length
}

TEST_CASE("client_hello_encodes_extension_bodies_per_rfc", "[codec][client_hello]") {
  ClientHelloSpec spec = tls12_spec();
  spec.alpn = {"h2", "http/1.1"};
  spec.signed_certificate_timestamp = true;
  spec.encrypt_then_mac = true;
  spec.supported_versions = {0x0304};
  const auto ch = parse(build_client_hello(spec));
  // RFC 6066 §3: list(2) name_type(1) name(2+n).
  CHECK(*ch.extension(0) == hex("00 0e 00 00 0b 65 78 61 6d 70 6c 65 2e 63 6f 6d"));
  CHECK(*ch.extension(11) == hex("01 00"));                      // RFC 8422 §5.1.2 uncompressed
  CHECK(*ch.extension(10) == hex("00 04 00 1d 00 17"));          // supported_groups
  CHECK(ch.extension(35)->empty());                               // session_ticket
  CHECK(*ch.extension(5) == hex("01 00 00 00 00"));               // status_request ocsp
  CHECK(*ch.extension(13) == hex("00 04 08 04 04 03"));          // signature_algorithms
  CHECK(*ch.extension(16) == hex("00 0c 02 68 32 08 68 74 74 70 2f 31 2e 31"));  // ALPN
  CHECK(ch.extension(18)->empty());                               // SCT
  CHECK(ch.extension(22)->empty());                               // encrypt_then_mac
  CHECK(ch.extension(23)->empty());                               // extended_master_secret
  CHECK(*ch.extension(0xff01) == hex("00"));                      // RFC 5746 empty
  CHECK(*ch.extension(43) == hex("02 03 04"));                    // supported_versions
  CHECK(*ch.extension(45) == hex("01 01"));                       // psk_dhe_ke
  CHECK(*ch.extension(51) == hex("00 00"));                       // no shares offered: empty list
}

TEST_CASE("client_hello_without_extensions_has_no_extensions_length", "[codec][client_hello]") {
  ClientHelloSpec spec;
  spec.record_version = 0x0300;
  spec.client_version = 0x0300;
  spec.cipher_suites = {0x000a, 0x002f};
  spec.send_extensions = false;
  spec.server_name = "example.com";
  spec.supported_groups = {0x0017};
  const auto bytes = build_client_hello(spec);
  const auto ch = parse(bytes);
  CHECK_FALSE(ch.has_extensions_block);
  // 2 version + 32 random + 1 sid + 2+4 suites + 2 compression = 43 body bytes.
  CHECK(bytes.size() == 5 + 4 + 43);
  CHECK(bytes[bytes.size() - 2] == 0x01);
  CHECK(bytes.back() == 0x00);
}

TEST_CASE("client_hello_omits_sni_for_ip_literals_and_empty_names", "[codec][client_hello]") {
  for (const char* name : {"127.0.0.1", "::1", "[::1]", "2001:db8::1", "::ffff:127.0.0.1", "127.1", "", "."}) {
    INFO(name);
    ClientHelloSpec spec = tls12_spec();
    spec.server_name = name;
    CHECK(parse(build_client_hello(spec)).extension(extension_type::server_name) == nullptr);
  }
  ClientHelloSpec spec = tls12_spec();
  spec.server_name = "www.example.com.";  // trailing dot is not sent (RFC 6066 §3)
  const auto parsed = parse(build_client_hello(spec));
  const auto* sni = parsed.extension(extension_type::server_name);
  REQUIRE(sni != nullptr);
  std::vector<uint8_t> expected = hex("00 12 00 00 0f");
  const std::string host = "www.example.com";
  expected.insert(expected.end(), host.begin(), host.end());
  CHECK(*sni == expected);
  spec.server_name = "1.example";
  CHECK(parse(build_client_hello(spec)).extension(extension_type::server_name) != nullptr);
}

TEST_CASE("client_hello_pads_256_to_511_byte_hellos_to_512", "[codec][client_hello]") {
  int padded = 0;
  for (size_t suites = 1; suites < 300; ++suites) {
    ClientHelloSpec spec = tls12_spec();
    spec.cipher_suites.assign(suites, 0x002f);
    spec.padding_workaround = false;
    const size_t unpadded = build_client_hello_message(spec).size();
    spec.padding_workaround = true;
    const auto message = build_client_hello_message(spec);
    const auto ch = parse_client_hello_message(message);
    REQUIRE(ch.has_value());
    INFO("unpadded length " << unpadded);
    const auto types = ch->extension_types();
    if (unpadded >= 256 && unpadded < 512) {
      ++padded;
      REQUIRE(types.back() == extension_type::padding);
      CHECK(std::count(types.begin(), types.end(), extension_type::padding) == 1);
      const auto& pad = ch->extensions.back().second;
      CHECK_FALSE(pad.empty());
      CHECK(std::all_of(pad.begin(), pad.end(), [](uint8_t b) { return b == 0; }));
      CHECK(message.size() >= 512);
      if (unpadded <= 507) CHECK(message.size() == 512);
    } else {
      CHECK(message.size() == unpadded);
      CHECK(std::find(types.begin(), types.end(), extension_type::padding) == types.end());
    }
  }
  CHECK(padded == 128);  // every length 256..511 is reached once (2-byte steps)
}

TEST_CASE("client_hello_padding_disabled_or_without_extensions_is_not_padded", "[codec][client_hello]") {
  ClientHelloSpec spec = tls12_spec();
  spec.cipher_suites.assign(120, 0x002f);  // lands in 256..511
  spec.padding_workaround = false;
  const auto message = build_client_hello_message(spec);
  REQUIRE(message.size() >= 256);
  REQUIRE(message.size() < 512);
  spec.send_extensions = false;
  spec.padding_workaround = true;
  const auto bare = build_client_hello_message(spec);
  CHECK_FALSE(parse_client_hello_message(bare)->has_extensions_block);
}

TEST_CASE("client_hello_key_share_uses_probe_points_for_empty_keys", "[codec][client_hello]") {
  ClientHelloSpec spec = tls12_spec();
  spec.supported_versions = {0x0304};
  spec.key_shares = {{0x001d, {}}, {0x0017, {}}, {0x1234, {}}};  // 0x1234: unknown, skipped
  spec.padding_workaround = false;
  const auto ch = parse(build_client_hello(spec));
  const auto& ks = *ch.extension(extension_type::key_share);
  // list(2) | 001d 0020 <32> | 0017 0041 <65>
  REQUIRE(ks.size() == 2 + 4 + 32 + 4 + 65);
  CHECK(ks[0] == 0x00);
  CHECK(ks[1] == 4 + 32 + 4 + 65);
  CHECK(std::vector<uint8_t>(ks.begin() + 2, ks.begin() + 6) == hex("00 1d 00 20"));
  CHECK(ks[6] == 0x09);
  CHECK(std::vector<uint8_t>(ks.begin() + 38, ks.begin() + 43) == hex("00 17 00 41 04"));
}

TEST_CASE("client_hello_sends_tls13_extensions_only_with_supported_versions", "[codec][client_hello]") {
  ClientHelloSpec spec = tls12_spec();
  spec.key_shares = {{0x001d, {}}};
  const auto ch = parse(build_client_hello(spec));
  CHECK(ch.extension(extension_type::supported_versions) == nullptr);
  CHECK(ch.extension(extension_type::key_share) == nullptr);
  CHECK(ch.extension(extension_type::psk_key_exchange_modes) == nullptr);
}

TEST_CASE("client_hello_larger_than_2_14_is_split_across_records", "[codec][client_hello]") {
  ClientHelloSpec spec = tls12_spec();
  spec.cipher_suites.assign(10000, 0x002f);
  const auto bytes = build_client_hello(spec);
  const auto message = build_client_hello_message(spec);
  CHECK(bytes.size() == message.size() + 2 * 5);
  CHECK(bytes[3] == 0x40);  // first record: 16384 bytes
  CHECK(bytes[4] == 0x00);
  const auto ch = parse(bytes);
  CHECK(ch.cipher_suites.size() == 10000);
}

TEST_CASE("sslv2_client_hello_has_two_byte_header_and_cipher_kinds", "[codec][client_hello]") {
  std::array<uint8_t, 16> challenge{};
  for (size_t i = 0; i < challenge.size(); ++i) challenge[i] = static_cast<uint8_t>(i + 1);
  const auto bytes = build_sslv2_client_hello(challenge);
  // 9 fixed bytes + 7 cipher kinds * 3 + 16 challenge = 46 = 0x2e.
  REQUIRE(bytes.size() == 2 + 46);
  CHECK(std::vector<uint8_t>(bytes.begin(), bytes.begin() + 11) == hex("80 2e 01 00 02 00 15 00 00 00 10"));
  CHECK(std::vector<uint8_t>(bytes.begin() + 11, bytes.begin() + 14) == hex("01 00 80"));
  CHECK(std::vector<uint8_t>(bytes.begin() + 29, bytes.begin() + 32) == hex("07 00 c0"));
  CHECK(std::equal(challenge.begin(), challenge.end(), bytes.end() - 16));
}

TEST_CASE("random_client_hello_specs_round_trip_through_independent_parser", "[codec][client_hello]") {
  std::mt19937 rng(2024);
  auto pick = [&](uint32_t n) { return static_cast<uint32_t>(rng() % n); };
  for (int round = 0; round < 500; ++round) {
    ClientHelloSpec spec;
    spec.record_version = static_cast<uint16_t>(0x0300 + pick(4));
    spec.client_version = static_cast<uint16_t>(0x0300 + pick(4));
    for (auto& b : spec.random) b = static_cast<uint8_t>(rng());
    // One draw per statement: argument evaluation order must not change the sequence.
    const size_t sid_length = pick(2) ? 32 : 0;
    spec.session_id.assign(sid_length, static_cast<uint8_t>(rng()));
    spec.cipher_suites.resize(1 + pick(200));
    for (auto& s : spec.cipher_suites) s = static_cast<uint16_t>(rng());
    spec.send_extensions = pick(8) != 0;
    const bool named = pick(2) != 0;
    const uint32_t number = pick(255);
    spec.server_name = named ? "host" + std::to_string(number) + ".example" : "192.0.2." + std::to_string(number);
    spec.supported_groups.resize(pick(10));
    for (auto& g : spec.supported_groups) g = static_cast<uint16_t>(rng());
    spec.signature_algorithms.resize(pick(20));
    for (auto& a : spec.signature_algorithms) a = static_cast<uint16_t>(rng());
    if (pick(2)) spec.alpn = {"h2", "http/1.1"};
    if (pick(2)) {
      spec.supported_versions = {0x0304, 0x0303};
      const uint16_t groups[] = {0x001d, 0x0017, 0x0018, 0x0019, 0x001e, 0x0100};
      for (uint32_t i = pick(3); i > 0; --i) {
        const uint16_t group = groups[pick(6)];
        spec.key_shares.push_back({group, {}});
      }
    }
    spec.ec_point_formats = pick(2);
    spec.renegotiation_info = pick(2);
    spec.extended_master_secret = pick(2);
    spec.status_request = pick(2);
    spec.session_ticket = pick(2);
    spec.encrypt_then_mac = pick(2);
    spec.signed_certificate_timestamp = pick(2);
    spec.padding_workaround = pick(4) != 0;

    uint16_t record_version = 0;
    const auto bytes = build_client_hello(spec);
    const auto ch = parse_client_hello_records(bytes, &record_version);
    REQUIRE(ch.has_value());
    CHECK(record_version == spec.record_version);
    CHECK(ch->client_version == spec.client_version);
    CHECK(ch->random == spec.random);
    CHECK(ch->session_id == spec.session_id);
    CHECK(ch->cipher_suites == spec.cipher_suites);
    CHECK(ch->has_extensions_block == spec.send_extensions);
    const auto types = ch->extension_types();
    auto sorted = types;
    std::sort(sorted.begin(), sorted.end());
    CHECK(std::adjacent_find(sorted.begin(), sorted.end()) == sorted.end());  // no duplicates
    if (spec.padding_workaround && spec.send_extensions) {
      CHECK((ch->message_length < 256 || ch->message_length >= 512));
    }
    const auto padding = std::find(types.begin(), types.end(), extension_type::padding);
    if (padding != types.end()) CHECK(padding + 1 == types.end());
    CHECK((ch->extension(extension_type::server_name) != nullptr) ==
          (spec.send_extensions && spec.server_name.rfind("host", 0) == 0));
  }
}

TEST_CASE("client_hello_pads_to_the_size_asked_then_applies_the_workaround", "[codec][client_hello]") {
  ClientHelloSpec spec = tls12_spec();
  spec.padding_workaround = false;
  const size_t unpadded = build_client_hello_message(spec).size();
  REQUIRE(unpadded < 200);
  // RFC 7685: one padding extension (zeros) brings the message to the size asked.
  spec.pad_to_message_bytes = 1700;
  const auto big = build_client_hello_message(spec);
  CHECK(big.size() == 1700);
  const auto ch = parse_client_hello_message(big);
  REQUIRE(ch.has_value());
  const auto types = ch->extension_types();
  CHECK(std::count(types.begin(), types.end(), extension_type::padding) == 1);
  CHECK(types.back() == extension_type::padding);
  // Smaller than the hello already is: nothing added.
  spec.pad_to_message_bytes = unpadded - 10;
  CHECK(build_client_hello_message(spec).size() == unpadded);
  // Padded into 256..511 with the workaround on: the workaround's 512 wins (one extension).
  spec.pad_to_message_bytes = 300;
  spec.padding_workaround = true;
  const auto both = build_client_hello_message(spec);
  CHECK(both.size() == 512);
  const auto types2 = parse_client_hello_message(both)->extension_types();
  CHECK(std::count(types2.begin(), types2.end(), extension_type::padding) == 1);
  // No extensions block: never padded.
  spec.send_extensions = false;
  CHECK_FALSE(parse_client_hello_message(build_client_hello_message(spec))->has_extensions_block);
}
