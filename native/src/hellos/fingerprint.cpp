// JA3 and JA4 over a parsed ClientHello. GREASE values (RFC 8701) are left out everywhere, as both
// specifications require.
#include "hellos/fingerprint.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "common/hex.h"

namespace tlsready::hellos {
namespace {

using codec::is_grease_value;

constexpr uint16_t kServerName = 0x0000;
constexpr uint16_t kAlpn = 0x0010;
constexpr std::size_t kHashDigits = 12;
constexpr std::size_t kMaxCount = 99;

std::vector<uint16_t> without_grease(const std::vector<uint16_t>& values) {
  std::vector<uint16_t> out;
  out.reserve(values.size());
  for (uint16_t value : values) {
    if (!is_grease_value(value)) out.push_back(value);
  }
  return out;
}

template <typename T>
std::string decimal_list(const std::vector<T>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i != 0) out += '-';
    out += std::to_string(values[i]);
  }
  return out;
}

std::string hex_list(const std::vector<uint16_t>& values) {
  std::string out;
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i != 0) out += ',';
    out += hex::digits(values[i], 4, hex::Case::lower);
  }
  return out;
}

std::string digest_hex(const EVP_MD* md, std::string_view text) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_Digest(text.data(), text.size(), digest.data(), &length, md, nullptr) != 1) return {};
  return hex::bytes(std::span<const uint8_t>(digest.data(), length));
}

// JA4 "TLS Version": supported_versions' highest non-GREASE value when the extension is present,
// else legacy_version; the record version is ignored.
std::string ja4_version(const codec::ClientHelloInfo& hello) {
  switch (hello.max_version()) {
    case 0x0304: return "13";
    case 0x0303: return "12";
    case 0x0302: return "11";
    case 0x0301: return "10";
    case 0x0300: return "s3";
    case 0x0200:
    case 0x0002: return "s2";  // 0x0002: the SSL 2.0 CLIENT-HELLO's own version code
    case 0x0100: return "s1";
    default: return "00";
  }
}

std::string two_digits(std::size_t count) {
  count = std::min(count, kMaxCount);
  return std::string(1, static_cast<char>('0' + count / 10)) + static_cast<char>('0' + count % 10);
}

bool ascii_alnum(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// JA4 "ALPN Extension Value": first and last characters of the first ALPN value; "00" without ALPN.
// When either is not ASCII alphanumeric, the first and last characters of the value's hex form.
std::string ja4_alpn(const codec::ClientHelloInfo& hello) {
  if (hello.alpn.empty() || hello.alpn.front().empty()) return "00";
  const std::string& value = hello.alpn.front();
  if (ascii_alnum(value.front()) && ascii_alnum(value.back())) return std::string{value.front(), value.back()};
  const std::string digits =
      hex::bytes(std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(value.data()), value.size()));
  return std::string{digits.front(), digits.back()};
}

struct Ja4Lists {
  std::string ciphers;               // sorted, comma-separated
  std::string extensions;            // sorted, SNI and ALPN removed
  std::string signature_algorithms;  // in order
};

Ja4Lists ja4_lists(const codec::ClientHelloInfo& hello) {
  std::vector<uint16_t> ciphers = without_grease(hello.cipher_suites);
  std::sort(ciphers.begin(), ciphers.end());
  std::vector<uint16_t> extensions;
  for (uint16_t type : without_grease(hello.extensions)) {
    if (type != kServerName && type != kAlpn) extensions.push_back(type);
  }
  std::sort(extensions.begin(), extensions.end());
  return {hex_list(ciphers), hex_list(extensions), hex_list(without_grease(hello.signature_algorithms))};
}

// "ext_sigalgs", or only the extensions when no signature algorithms were sent.
std::string extension_section(const Ja4Lists& lists) {
  if (lists.signature_algorithms.empty()) return lists.extensions;
  return lists.extensions + "_" + lists.signature_algorithms;
}

// JA4: a section with nothing to hash is twelve zeros.
std::string zero_hash() {
  std::string zeros(kHashDigits, '0');
  return zeros;
}

std::string truncated_hash(const std::string& text) {
  if (text.empty()) return zero_hash();
  return sha256_hex(text).substr(0, kHashDigits);
}

}  // namespace

std::string md5_hex(std::string_view text) { return digest_hex(EVP_md5(), text); }
std::string sha256_hex(std::string_view text) { return digest_hex(EVP_sha256(), text); }

std::string ja3_string(const codec::ClientHelloInfo& hello) {
  // JA3: SSLVersion = the ClientHello's client_version (legacy_version), decimal.
  return std::to_string(hello.legacy_version) + "," + decimal_list(without_grease(hello.cipher_suites)) + "," +
         decimal_list(without_grease(hello.extensions)) + "," + decimal_list(without_grease(hello.supported_groups)) +
         "," + decimal_list(hello.ec_point_formats);
}

std::string ja4_prefix(const codec::ClientHelloInfo& hello, Transport transport) {
  const bool sni = std::find(hello.extensions.begin(), hello.extensions.end(), kServerName) != hello.extensions.end();
  return std::string(1, static_cast<char>(transport)) + ja4_version(hello) + (sni ? "d" : "i") +
         two_digits(without_grease(hello.cipher_suites).size()) + two_digits(without_grease(hello.extensions).size()) +
         ja4_alpn(hello);
}

std::string ja4(const codec::ClientHelloInfo& hello, Transport transport) {
  const Ja4Lists lists = ja4_lists(hello);
  return ja4_prefix(hello, transport) + "_" + truncated_hash(lists.ciphers) + "_" +
         truncated_hash(extension_section(lists));
}

std::string ja4_raw(const codec::ClientHelloInfo& hello, Transport transport) {
  const Ja4Lists lists = ja4_lists(hello);
  return ja4_prefix(hello, transport) + "_" + lists.ciphers + "_" + extension_section(lists);
}

Fingerprints fingerprints(const codec::ClientHelloInfo& hello, Transport transport) {
  Fingerprints out;
  out.ja3 = ja3_string(hello);
  out.ja3_hash = md5_hex(out.ja3);
  out.ja4 = ja4(hello, transport);
  out.ja4_r = ja4_raw(hello, transport);
  return out;
}

}  // namespace tlsready::hellos
