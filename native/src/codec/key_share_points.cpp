// probe_key_share: public values for key_share offers (RFC 8446 §4.2.8). Each is the group's
// generator, i.e. the public key of private key 1: a valid point/element the server accepts.
// A probe never finishes the key exchange, so no secret is needed.
//
// Sources of the constants:
//  - x25519 / x448 (RFC 8446 §4.2.8.2: the raw u-coordinate, little-endian): RFC 7748 §4.1 and
//    §4.2 give the base points u = 9 (curve25519, 32 bytes) and u = 5 (curve448, 56 bytes).
//  - secp256r1 / secp384r1 / secp521r1 (RFC 8446 §4.2.8.2 UncompressedPointRepresentation
//    0x04 || X || Y, coordinates left-padded to the field size): generator G from SEC 2 v2
//    §2.4.2, §2.5.1, §2.6.1 (= FIPS 186-4 D.1.2.3-D.1.2.5, curves P-256, P-384, P-521).
//  - ffdhe2048..8192 (RFC 8446 §4.2.8.1: Y left-padded with zeros to the size of p): RFC 7919
//    App. A fixes the generator g = 2 for every group; p is 2048..8192 bits, so Y = 2 is sent as
//    256..1024 bytes 00 .. 00 02.
#include <cstddef>
#include <string_view>

#include "codec/client_hello.h"
#include "common/hex.h"

namespace tlsready::codec {

namespace {

// SEC 2 v2 §2.4.2 (P-256) G, uncompressed.
constexpr std::string_view kSecp256r1G =
    "04"
    "6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296"
    "4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5";

// SEC 2 v2 §2.5.1 (P-384) G, uncompressed.
constexpr std::string_view kSecp384r1G =
    "04"
    "AA87CA22BE8B05378EB1C71EF320AD746E1D3B628BA79B9859F741E082542A385502F25DBF55296C3A545E3872760AB7"
    "3617DE4A96262C6F5D9E98BF9292DC29F8F41DBD289A147CE9DA3113B5F0B8C00A60B1CE1D7E819D7A431D7C90EA0E5F";

// SEC 2 v2 §2.6.1 (P-521) G, uncompressed; each coordinate is 66 bytes.
constexpr std::string_view kSecp521r1G =
    "04"
    "00C6858E06B70404E9CD9E3ECB662395B4429C648139053FB521F828AF606B4D3DBAA14B5E77EFE75928FE1DC127A2FFA8DE3348B3C1856A429BF97E7E31C2E5BD66"
    "011839296A789A3BC0045C8A5FB42C7D1BD998F54449579B446817AFBD17273E662C97EE72995EF42640C550B9013FAD0761353C7086A272C24088BE94769FD16650";

// The tables above are well-formed hex (the key share tests check every point).
constexpr uint8_t hex_value(char c) { return static_cast<uint8_t>(hex::digit_value(c)); }

std::vector<uint8_t> from_hex(std::string_view hex) {
  std::vector<uint8_t> out;
  out.reserve(hex.size() / 2);
  for (size_t i = 0; i + 1 < hex.size(); i += 2) {
    out.push_back(static_cast<uint8_t>((hex_value(hex[i]) << 4) | hex_value(hex[i + 1])));
  }
  return out;
}

// Montgomery u-coordinate `u` as `length` little-endian bytes (RFC 7748 §5).
std::vector<uint8_t> montgomery_u(uint8_t u, size_t length) {
  std::vector<uint8_t> out(length, 0);
  out[0] = u;
  return out;
}

// Finite-field public value g = 2, big-endian, left-padded to the prime's length.
std::vector<uint8_t> ffdhe_generator(size_t prime_bits) {
  std::vector<uint8_t> out(prime_bits / 8, 0);
  out.back() = 2;
  return out;
}

}  // namespace

std::vector<uint8_t> probe_key_share(uint16_t group) {
  switch (group) {
    case 0x0017: return from_hex(kSecp256r1G);     // secp256r1
    case 0x0018: return from_hex(kSecp384r1G);     // secp384r1
    case 0x0019: return from_hex(kSecp521r1G);     // secp521r1
    case 0x001d: return montgomery_u(9, 32);       // x25519
    case 0x001e: return montgomery_u(5, 56);       // x448
    case 0x0100: return ffdhe_generator(2048);     // ffdhe2048
    case 0x0101: return ffdhe_generator(3072);     // ffdhe3072
    case 0x0102: return ffdhe_generator(4096);     // ffdhe4096
    case 0x0103: return ffdhe_generator(6144);     // ffdhe6144
    case 0x0104: return ffdhe_generator(8192);     // ffdhe8192
    default: return {};
  }
}

}  // namespace tlsready::codec
