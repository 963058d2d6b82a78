#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "codec/byte_writer.h"
#include "codec/client_hello.h"
#include "codec/client_hello_parser.h"
#include "codec/constants.h"
#include "codec/record.h"
#include "hellos/hello_captures.h"

using namespace tlsready;
using codec::ClientHelloInfo;
using codec::ClientHelloStatus;

namespace {

ClientHelloStatus parse(const std::vector<uint8_t>& bytes, ClientHelloInfo& hello, std::string& why) {
  std::size_t consumed = 0;
  return codec::parse_client_hello_stream(bytes, hello, consumed, why);
}

ClientHelloInfo parse_ok(const std::vector<uint8_t>& bytes) {
  ClientHelloInfo hello;
  std::string why;
  std::size_t consumed = 0;
  const ClientHelloStatus status = codec::parse_client_hello_stream(bytes, hello, consumed, why);
  INFO(why);
  REQUIRE(status == ClientHelloStatus::complete);
  CHECK(consumed == bytes.size());
  return hello;
}

// The handshake message of a single-record hello, re-framed into records of at most `size` bytes.
std::vector<uint8_t> reframe(const std::vector<uint8_t>& records, std::size_t size) {
  const std::vector<uint8_t> message(records.begin() + 5, records.end());
  std::vector<uint8_t> out;
  for (std::size_t at = 0; at < message.size(); at += size) {
    const std::size_t n = std::min(size, message.size() - at);
    const auto record =
        codec::encode_record(codec::ContentType::handshake, 0x0301, std::span<const uint8_t>(message).subspan(at, n));
    out.insert(out.end(), record.begin(), record.end());
  }
  return out;
}

codec::ClientHelloSpec grease_spec() {
  codec::ClientHelloSpec spec;
  spec.cipher_suites = {0x3A3A, 0x1301, 0xC02F, 0x00FF};
  spec.server_name = "www.example.com";
  spec.supported_versions = {0x7A7A, 0x0304, 0x0303};
  spec.supported_groups = {0x2A2A, 0x001D, 0x0017};
  spec.key_shares = {{0x001D, {}}};
  spec.signature_algorithms = {0x0403, 0x0804};
  spec.alpn = {"h2", "http/1.1"};
  return spec;
}

}  // namespace

TEST_CASE("parses_openssl_tls13_client_hello_capture", "[codec][hello_parser]") {
  const ClientHelloInfo hello = parse_ok(test::captured_hello("openssl_tls1_3"));
  CHECK_FALSE(hello.sslv2_format);
  CHECK(hello.record_version == 0x0301);
  CHECK(hello.legacy_version == 0x0303);
  CHECK(hello.supported_versions == std::vector<uint16_t>{0x0304});
  CHECK(hello.max_version() == 0x0304);
  CHECK(hello.cipher_suites == std::vector<uint16_t>{0x1302, 0x1303, 0x1301, 0x00FF});
  CHECK(hello.renegotiation_scsv);
  CHECK_FALSE(hello.fallback_scsv);
  CHECK(hello.server_name == std::optional<std::string>("client.test"));
  CHECK(hello.extensions == std::vector<uint16_t>{0, 11, 10, 35, 22, 23, 13, 43, 45, 51});
  CHECK(hello.supported_groups.front() == 0x001D);
  CHECK(hello.ec_point_formats == std::vector<uint8_t>{0, 1, 2});
  CHECK_FALSE(hello.signature_algorithms.empty());
  CHECK(hello.key_share_groups == std::vector<uint16_t>{0x001D});
  CHECK_FALSE(hello.pre_shared_key);
  CHECK_FALSE(hello.grease);
  CHECK(hello.alpn.empty());
  CHECK(hello.hello_bytes == 245);
  CHECK(hello.message_bytes == 240);
  CHECK(hello.offered_versions() == std::vector<uint16_t>{0x0304});
}

TEST_CASE("parses_legacy_and_fallback_hellos_with_versions_and_scsvs", "[codec][hello_parser]") {
  const ClientHelloInfo tls10 = parse_ok(test::captured_hello("openssl_tls1_0"));
  CHECK(tls10.legacy_version == 0x0301);
  CHECK(tls10.supported_versions.empty());
  CHECK(tls10.max_version() == 0x0301);
  CHECK(tls10.offered_versions() == std::vector<uint16_t>{0x0300, 0x0301});
  CHECK_FALSE(tls10.fallback_retry());

  const ClientHelloInfo retry = parse_ok(test::captured_hello("openssl_tls1_1_fallback"));
  CHECK(retry.max_version() == 0x0302);
  CHECK(retry.fallback_scsv);
  CHECK(retry.fallback_retry());
  CHECK(retry.cipher_suites.back() == 0x5600);
  CHECK_FALSE(retry.server_name);  // an IP target: no SNI

  const ClientHelloInfo gnutls12 = parse_ok(test::captured_hello("gnutls_tls1_2"));
  CHECK(gnutls12.record_version == 0x0303);
  CHECK(gnutls12.alpn == std::vector<std::string>{"http/1.1"});
  CHECK(gnutls12.max_version() == 0x0303);
}

TEST_CASE("reassembles_a_client_hello_fragmented_across_records", "[codec][hello_parser]") {
  const std::vector<uint8_t> whole = test::captured_hello("gnutls_tls1_3");
  const ClientHelloInfo reference = parse_ok(whole);
  for (std::size_t size : {1u, 2u, 3u, 7u, 100u}) {
    const std::vector<uint8_t> split = reframe(whole, size);
    const ClientHelloInfo hello = parse_ok(split);
    CHECK(hello.cipher_suites == reference.cipher_suites);
    CHECK(hello.extensions == reference.extensions);
    CHECK(hello.key_share_groups == reference.key_share_groups);
    CHECK(hello.message_bytes == reference.message_bytes);
    CHECK(hello.hello_bytes == split.size());
    // Every proper prefix is only a start.
    for (std::size_t cut = 0; cut < split.size(); cut += 1 + split.size() / 40) {
      ClientHelloInfo partial;
      std::string why;
      CHECK(parse(std::vector<uint8_t>(split.begin(), split.begin() + static_cast<std::ptrdiff_t>(cut)), partial,
                  why) == ClientHelloStatus::need_more);
    }
  }
}

TEST_CASE("flags_grease_and_keeps_it_in_the_lists", "[codec][hello_parser]") {
  const ClientHelloInfo hello = parse_ok(codec::build_client_hello(grease_spec()));
  CHECK(hello.grease);
  CHECK(hello.cipher_suites.front() == 0x3A3A);
  CHECK(hello.max_version() == 0x0304);  // GREASE 0x7A7A is not a version
  CHECK(hello.offered_versions() == std::vector<uint16_t>{0x0303, 0x0304});
  CHECK(hello.alpn == std::vector<std::string>{"h2", "http/1.1"});
  CHECK(hello.server_name == std::optional<std::string>("www.example.com"));
}

TEST_CASE("rejects_truncated_and_garbled_client_hello_bodies", "[codec][hello_parser]") {
  const std::vector<uint8_t> record = codec::build_client_hello(grease_spec());
  const std::vector<uint8_t> body(record.begin() + 9, record.end());
  ClientHelloInfo hello;
  std::string why;
  REQUIRE(codec::parse_client_hello_body(body, hello, why));
  // The one shorter body that parses is the hello without its extensions block (RFC 5246 §7.4.1.2).
  const std::size_t without_extensions = 2 + 32 + 1 + 2 + 2 * hello.cipher_suites.size() + 2;
  for (std::size_t cut = 0; cut < body.size(); ++cut) {
    ClientHelloInfo out;
    out.legacy_version = 0x1234;
    why.clear();
    INFO("cut at " << cut);
    const bool parsed = codec::parse_client_hello_body(std::span<const uint8_t>(body).first(cut), out, why);
    if (cut == without_extensions) {
      CHECK(parsed);
      CHECK_FALSE(out.has_extensions_block);
      continue;
    }
    CHECK_FALSE(parsed);
    CHECK_FALSE(why.empty());
    CHECK(out.legacy_version == 0x1234);  // untouched
  }
  std::vector<uint8_t> trailing = body;
  trailing.push_back(0);
  CHECK_FALSE(codec::parse_client_hello_body(trailing, hello, why));
  CHECK(why.find("trailing") != std::string::npos);
}

TEST_CASE("rejects_duplicate_extensions_and_odd_lists", "[codec][hello_parser]") {
  codec::ByteWriter w;
  w.u16(0x0303);
  w.bytes(std::vector<uint8_t>(32, 0));
  w.u8(0);
  const std::size_t suites = w.open_vector(2);
  w.u16(0x002F);
  w.close_vector(suites);
  w.u8(1);
  w.u8(0);
  const std::size_t extensions = w.open_vector(2);
  for (int i = 0; i < 2; ++i) {
    w.u16(23);  // extended_master_secret, twice
    w.u16(0);
  }
  w.close_vector(extensions);
  ClientHelloInfo hello;
  std::string why;
  CHECK_FALSE(codec::parse_client_hello_body(w.data(), hello, why));
  CHECK(why == "ClientHello: duplicate extension 0x0017");

  std::vector<uint8_t> odd = {0x03, 0x03};
  odd.resize(34, 0);
  odd.insert(odd.end(), {0x00, 0x00, 0x03, 0x00, 0x2F, 0x00, 0x01, 0x00});
  CHECK_FALSE(codec::parse_client_hello_body(odd, hello, why));
  CHECK(why == "ClientHello: cipher_suites length 3 is odd");
}

TEST_CASE("classifies_streams_that_are_not_client_hellos", "[codec][hello_parser]") {
  ClientHelloInfo hello;
  std::string why;
  const std::string http = "GET / HTTP/1.1\r\n";
  CHECK(parse(std::vector<uint8_t>(http.begin(), http.end()), hello, why) == ClientHelloStatus::not_tls);
  // A ServerHello where a ClientHello belongs.
  CHECK(parse({0x16, 0x03, 0x03, 0x00, 0x04, 0x02, 0x00, 0x00, 0x00}, hello, why) == ClientHelloStatus::not_tls);
  CHECK(why.find("type 2") != std::string::npos);
  // Zero-length handshake record (RFC 8446 §5.1).
  CHECK(parse({0x16, 0x03, 0x01, 0x00, 0x00}, hello, why) == ClientHelloStatus::malformed);
  // A record longer than 2^14.
  CHECK(parse({0x16, 0x03, 0x01, 0x40, 0x01}, hello, why) == ClientHelloStatus::not_tls);
  // Declared message above the limit.
  CHECK(parse({0x16, 0x03, 0x01, 0x00, 0x04, 0x01, 0x01, 0x00, 0x00}, hello, why) == ClientHelloStatus::malformed);
  // Handshake bytes after the hello in its record.
  std::vector<uint8_t> extra = test::captured_hello("openssl_tls1_2");
  extra.push_back(0x14);
  extra[4] = static_cast<uint8_t>(extra[4] + 1);
  CHECK(parse(extra, hello, why) == ClientHelloStatus::malformed);
  CHECK(why.find("after the message") != std::string::npos);
}

TEST_CASE("parses_sslv2_format_client_hellos", "[codec][hello_parser]") {
  // The codec's own SSL 2.0 CLIENT-HELLO: version 0x0002, SSL 2.0 cipher kinds only.
  const std::vector<uint8_t> v2 = codec::build_sslv2_client_hello({});
  const ClientHelloInfo pure = parse_ok(v2);
  CHECK(pure.sslv2_format);
  CHECK(pure.record_version == 0x0002);
  CHECK(pure.legacy_version == 0x0002);
  CHECK(pure.max_version() == 0x0002);
  CHECK(pure.cipher_suites.empty());
  CHECK_FALSE(pure.sslv2_cipher_kinds.empty());
  CHECK(pure.offered_versions() == std::vector<uint16_t>{0x0002});

  // A v2-compatible hello reaching for TLS 1.0 (RFC 5246 App. E.2), as IE 6 sends: TLS suites as
  // {0x00, hi, lo}, the renegotiation SCSV, one SSL 2.0 kind, no session id, a 16-byte challenge.
  const std::vector<uint8_t> compat = {0x80, 0x22, 0x01, 0x03, 0x01, 0x00, 0x09, 0x00, 0x00, 0x00, 0x10, 0x00,
                                       0x00, 0x2F, 0x01, 0x00, 0x80, 0x00, 0x00, 0xFF, 1,    2,    3,    4,
                                       5,    6,    7,    8,    9,    10,   11,   12,   13,   14,   15,   16};
  const ClientHelloInfo hello = parse_ok(compat);
  CHECK(hello.sslv2_format);
  CHECK(hello.legacy_version == 0x0301);
  CHECK(hello.max_version() == 0x0301);
  CHECK(hello.cipher_suites == std::vector<uint16_t>{0x002F, 0x00FF});
  CHECK(hello.sslv2_cipher_kinds == std::vector<uint32_t>{0x010080});
  CHECK(hello.renegotiation_scsv);
  CHECK(hello.extensions.empty());
  CHECK(hello.hello_bytes == compat.size());
  CHECK(hello.offered_versions() == std::vector<uint16_t>{0x0002, 0x0300, 0x0301});

  // Broken ones: a spec length that is no multiple of 3, a short challenge, a truncated record.
  std::string why;
  ClientHelloInfo scratch;
  std::vector<uint8_t> bad = compat;
  bad[6] = 0x08;
  CHECK(parse(bad, scratch, why) == ClientHelloStatus::malformed);
  CHECK(why.find("multiple of 3") != std::string::npos);
  bad = compat;
  bad[10] = 0x08;
  CHECK(parse(bad, scratch, why) == ClientHelloStatus::malformed);
  CHECK(why.find("challenge_length") != std::string::npos);
  bad = compat;
  bad.pop_back();
  CHECK(parse(bad, scratch, why) == ClientHelloStatus::need_more);
  // An SSLv2 SERVER-HELLO is no client hello.
  CHECK(parse({0x80, 0x10, 0x04}, scratch, why) == ClientHelloStatus::not_tls);
}
