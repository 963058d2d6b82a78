// The hello a client profile sends (probe/client_simulation_hello.h), per HelloFormat.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "assess/client_forecast.h"
#include "assess/client_profiles.h"
#include "probe/client_simulation_hello.h"

namespace {

using tlsready::model::ClientProfile;
using tlsready::model::HelloFormat;
using tlsready::model::ProtocolVersion;

struct ParsedHello {
  uint16_t record_version = 0;
  uint16_t client_version = 0;
  std::vector<uint8_t> session_id;
  std::vector<uint16_t> suites;
  std::vector<uint16_t> extension_order;
  std::map<uint16_t, std::vector<uint8_t>> extensions;
  bool has_extension_block = false;
};

uint16_t u16(const std::vector<uint8_t>& b, size_t at) { return static_cast<uint16_t>(b.at(at) << 8 | b.at(at + 1)); }

// A test-side reader of one-record ClientHellos (RFC 5246 §7.4.1.2), independent of the codec.
ParsedHello parse(const std::vector<uint8_t>& record) {
  ParsedHello out;
  REQUIRE(record.size() > 9);
  REQUIRE(record[0] == 0x16);
  out.record_version = u16(record, 1);
  REQUIRE(u16(record, 3) == record.size() - 5);
  REQUIRE(record[5] == 0x01);
  size_t at = 9;
  out.client_version = u16(record, at);
  at += 2 + 32;
  const size_t sid = record.at(at++);
  out.session_id.assign(record.begin() + static_cast<long>(at), record.begin() + static_cast<long>(at + sid));
  at += sid;
  const size_t suites = u16(record, at);
  at += 2;
  for (size_t i = 0; i < suites; i += 2) out.suites.push_back(u16(record, at + i));
  at += suites;
  at += 1 + record.at(at);  // compression methods
  if (at == record.size()) return out;
  out.has_extension_block = true;
  const size_t end = at + 2 + u16(record, at);
  REQUIRE(end == record.size());
  at += 2;
  while (at < end) {
    const uint16_t type = u16(record, at);
    const size_t length = u16(record, at + 2);
    out.extension_order.push_back(type);
    out.extensions[type] = {record.begin() + static_cast<long>(at + 4),
                            record.begin() + static_cast<long>(at + 4 + length)};
    at += 4 + length;
  }
  return out;
}

std::array<uint8_t, 32> fixed_random() {
  std::array<uint8_t, 32> random{};
  for (size_t i = 0; i < random.size(); ++i) random[i] = static_cast<uint8_t>(i + 1);
  return random;
}

ClientProfile tls13_browser() {
  ClientProfile client;
  client.id = "test-browser";
  client.min_version = ProtocolVersion::tls1_2;
  client.max_version = ProtocolVersion::tls1_3;
  client.cipher_suites = {0x1301, 0x1302, 0xC02B, 0xC02F};
  client.extensions = {0x0000, 0x0017, 0xff01, 0x000a, 0x000b, 0x0023, 0x0010, 0x0005, 0x000d, 0x0033, 0x002d, 0x002b};
  client.groups = {0x001d, 0x0017};
  client.signature_algorithms = {0x0403, 0x0804};
  client.alpn = {"h2", "http/1.1"};
  return client;
}

}  // namespace

TEST_CASE("simulation hello: a TLS 1.3 profile offers its suites, groups, key share and supported_versions",
          "[probe][client_simulation]") {
  const ParsedHello hello =
      parse(tlsready::probe::build_simulation_hello(tls13_browser(), "localhost", fixed_random()));
  CHECK(hello.record_version == 0x0301);
  CHECK(hello.client_version == 0x0303);
  CHECK(hello.session_id.size() == 32);  // RFC 8446 §D.4 middlebox compatibility
  CHECK(hello.suites == std::vector<uint16_t>{0x1301, 0x1302, 0xC02B, 0xC02F});
  CHECK(hello.extensions.at(0x002b) == std::vector<uint8_t>{0x04, 0x03, 0x04, 0x03, 0x03});  // 1.3, 1.2
  CHECK(hello.extensions.at(0x000a) == std::vector<uint8_t>{0x00, 0x04, 0x00, 0x1d, 0x00, 0x17});
  CHECK(hello.extensions.at(0x000d) == std::vector<uint8_t>{0x00, 0x04, 0x04, 0x03, 0x08, 0x04});
  const auto& share = hello.extensions.at(0x0033);
  REQUIRE(share.size() > 6);
  CHECK(u16(share, 2) == 0x001d);  // one share: the first group (x25519)
  CHECK(u16(share, 0) == share.size() - 2);
  const auto& sni = hello.extensions.at(0x0000);
  CHECK(std::string(sni.begin() + 5, sni.end()) == "localhost");
  CHECK(hello.extensions.count(0x0010) == 1);  // ALPN
  CHECK(hello.extensions.count(0x0005) == 1);
  CHECK(hello.extensions.count(0x0016) == 0);  // encrypt_then_mac: not in the profile
  CHECK(hello.extensions.count(0x0015) == 0);  // padding: not in the profile
}

TEST_CASE("simulation hello: a client without SNI sends no server_name", "[probe][client_simulation]") {
  ClientProfile client = tls13_browser();
  client.sends_sni = false;
  const ParsedHello hello = parse(tlsready::probe::build_simulation_hello(client, "localhost", fixed_random()));
  CHECK(hello.extensions.count(0x0000) == 0);
  CHECK_FALSE(tlsready::probe::simulation_hello_sends_sni(client, "localhost"));
  CHECK(tlsready::probe::simulation_hello_sends_sni(tls13_browser(), "localhost"));
  CHECK_FALSE(tlsready::probe::simulation_hello_sends_sni(tls13_browser(), "127.0.0.1"));
}

TEST_CASE("simulation hello: a TLS 1.0 profile sends no TLS 1.2/1.3 extensions", "[probe][client_simulation]") {
  ClientProfile client;
  client.id = "test-tls10";
  client.min_version = ProtocolVersion::tls1_0;
  client.max_version = ProtocolVersion::tls1_0;
  client.cipher_suites = {0x002F, 0x0035, 0x000A};
  client.extensions = {0x0000, 0xff01};
  client.signature_algorithms = {0x0401};  // ignored: not a TLS 1.2 hello
  const ParsedHello hello = parse(tlsready::probe::build_simulation_hello(client, "localhost", fixed_random()));
  CHECK(hello.client_version == 0x0301);
  CHECK(hello.session_id.empty());
  CHECK(hello.extension_order == std::vector<uint16_t>{0x0000, 0xff01});
}

TEST_CASE("simulation hello: a profile without extensions sends a bare hello", "[probe][client_simulation]") {
  ClientProfile client;
  client.id = "test-bare";
  client.min_version = ProtocolVersion::ssl3;
  client.max_version = ProtocolVersion::ssl3;
  client.cipher_suites = {0x000A};
  client.sends_sni = false;
  const ParsedHello hello = parse(tlsready::probe::build_simulation_hello(client, "localhost", fixed_random()));
  CHECK(hello.record_version == 0x0300);
  CHECK(hello.client_version == 0x0300);
  CHECK_FALSE(hello.has_extension_block);
}

TEST_CASE("simulation hello: the SSLv2-compatible format of RFC 5246 Appendix E.2", "[probe][client_simulation]") {
  ClientProfile client;
  client.id = "test-java6";
  client.min_version = ProtocolVersion::ssl3;
  client.max_version = ProtocolVersion::tls1_0;
  client.hello_format = HelloFormat::sslv2_compatible;
  client.cipher_suites = {0x002F, 0x0005};
  const std::vector<uint8_t> bytes = tlsready::probe::build_simulation_hello(client, "localhost", fixed_random());
  const std::vector<uint8_t> expected_head = {0x80, 9 + 6 + 32,  // two-byte header: high bit, length
                                              0x01,              // msg_type client_hello
                                              0x03, 0x01,        // version TLS 1.0
                                              0x00, 0x06,        // cipher_spec_length
                                              0x00, 0x00,        // session_id_length
                                              0x00, 0x20,        // challenge_length 32
                                              0x00, 0x00,       0x2F, 0x00, 0x00, 0x05};  // V2CipherSpecs {0x00, suite}
  REQUIRE(bytes.size() == 2 + 9 + 6 + 32);
  CHECK(std::vector<uint8_t>(bytes.begin(), bytes.begin() + static_cast<long>(expected_head.size())) == expected_head);
  CHECK(bytes.back() == 32);  // the challenge is the random as given
  CHECK_FALSE(tlsready::probe::simulation_hello_sends_sni(client, "localhost"));
}

TEST_CASE("simulation hello: padded to the real client's captured size plus the server name",
          "[probe][client_simulation]") {
  ClientProfile client = tls13_browser();
  client.hello_bytes = 1700;  // e.g. a post-quantum key share the codec does not build
  const auto record = tlsready::probe::build_simulation_hello(client, "localhost", fixed_random());
  const ParsedHello hello = parse(record);
  CHECK(record.size() == 1700 + std::string("localhost").size());
  CHECK(hello.extensions.count(0x0015) == 1);
  // The forecast sizes it the same.
  CHECK(static_cast<int>(record.size()) == tlsready::assess::client_hello_bytes(client, "localhost"));
  // No name sent: the name's bytes are not there.
  const auto without = tlsready::probe::build_simulation_hello(client, "127.0.0.1", fixed_random());
  CHECK(without.size() == 1700);
  CHECK(tlsready::assess::client_hello_bytes(client, "") == 1700);
}

TEST_CASE("simulation hello: every built-in TLS-format profile is sent at the size the forecast uses",
          "[probe][client_simulation]") {
  for (const ClientProfile& client : tlsready::assess::client_profiles()) {
    if (client.hello_format != HelloFormat::tls) continue;
    INFO(client.id);
    const auto record = tlsready::probe::build_simulation_hello(client, "localhost", fixed_random());
    const int expected = tlsready::assess::client_hello_bytes(client, "localhost");
    // The padding extension's 4-byte header is the finest step: at most 4 bytes over (RFC 7685 §3
    // padding of one byte at least), never under, unless our hello is already bigger.
    CHECK(static_cast<int>(record.size()) >= expected);
    if (static_cast<int>(record.size()) > expected + 4) {
      const ParsedHello hello = parse(record);
      CHECK(hello.extensions.count(0x0015) == 0);  // not padded: bigger without padding
    }
  }
}
