// assess::describe_suite: the registry's facts about one suite, as every document shows them.
#include <catch2/catch.hpp>

#include "assess/describe.h"

namespace model = tlsready::model;
using tlsready::assess::describe_suite;

TEST_CASE("a suite's version range comes from the registry", "[assess][describe]") {
  using V = model::ProtocolVersion;
  CHECK(describe_suite(0x1301).protocols == std::vector<V>{V::tls1_3});  // TLS_AES_128_GCM_SHA256
  CHECK(describe_suite(0xC02F).protocols == std::vector<V>{V::tls1_2});  // AEAD: TLS 1.2 only (RFC 5288 §4)
  CHECK(describe_suite(0x003C).protocols == std::vector<V>{V::tls1_2});  // SHA-256 MAC: TLS 1.2 only (RFC 5246 A.5)
  CHECK(describe_suite(0x000A).protocols == std::vector<V>{V::ssl3, V::tls1_0, V::tls1_1, V::tls1_2});
  CHECK(describe_suite(0xFF42).protocols.empty());  // unknown code: no range, no facts
}
