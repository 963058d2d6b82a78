#include <catch2/catch.hpp>

#include <algorithm>

#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/obj_mac.h>

#include "codec/client_hello.h"

using namespace tlsready::codec;

namespace {

// The group generator as OpenSSL encodes it (uncompressed), independent of the codec's table.
std::vector<uint8_t> openssl_generator(int nid) {
  EC_GROUP* group = EC_GROUP_new_by_curve_name(nid);
  REQUIRE(group != nullptr);
  const EC_POINT* g = EC_GROUP_get0_generator(group);
  std::vector<uint8_t> out(EC_POINT_point2oct(group, g, POINT_CONVERSION_UNCOMPRESSED, nullptr, 0, nullptr));
  EC_POINT_point2oct(group, g, POINT_CONVERSION_UNCOMPRESSED, out.data(), out.size(), nullptr);
  EC_GROUP_free(group);
  return out;
}

}  // namespace

TEST_CASE("probe_key_share_nist_curves_are_the_generator_points", "[codec][key_share]") {
  const auto p256 = probe_key_share(0x0017);
  const auto p384 = probe_key_share(0x0018);
  const auto p521 = probe_key_share(0x0019);
  CHECK(p256.size() == 65);
  CHECK(p384.size() == 97);
  CHECK(p521.size() == 133);
  CHECK(p256 == openssl_generator(NID_X9_62_prime256v1));
  CHECK(p384 == openssl_generator(NID_secp384r1));
  CHECK(p521 == openssl_generator(NID_secp521r1));
}

TEST_CASE("probe_key_share_montgomery_curves_are_base_points", "[codec][key_share]") {
  const auto x25519 = probe_key_share(0x001d);
  const auto x448 = probe_key_share(0x001e);
  REQUIRE(x25519.size() == 32);
  REQUIRE(x448.size() == 56);
  CHECK(x25519[0] == 9);  // RFC 7748 §4.1: u = 9, little-endian
  CHECK(std::all_of(x25519.begin() + 1, x25519.end(), [](uint8_t b) { return b == 0; }));
  CHECK(x448[0] == 5);  // RFC 7748 §4.2: u = 5
  CHECK(std::all_of(x448.begin() + 1, x448.end(), [](uint8_t b) { return b == 0; }));
}

TEST_CASE("probe_key_share_ffdhe_is_two_padded_to_prime_length", "[codec][key_share]") {
  const std::vector<std::pair<uint16_t, size_t>> groups = {
      {0x0100, 256}, {0x0101, 384}, {0x0102, 512}, {0x0103, 768}, {0x0104, 1024}};
  for (const auto& [group, bytes] : groups) {
    INFO("group " << group);
    const auto y = probe_key_share(group);
    REQUIRE(y.size() == bytes);
    CHECK(y.back() == 2);
    CHECK(std::all_of(y.begin(), y.end() - 1, [](uint8_t b) { return b == 0; }));
  }
}

TEST_CASE("probe_key_share_unknown_group_is_empty", "[codec][key_share]") {
  CHECK(probe_key_share(0x0000).empty());
  CHECK(probe_key_share(0x001a).empty());  // brainpoolP256r1 (TLS 1.2 only)
  CHECK(probe_key_share(0x6399).empty());  // hybrid post-quantum draft group
}
