// CertificateInfo read from DER: every field, on certificates generated in the test.
#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include <openssl/evp.h>

#include "x509/certificate_info.h"
#include "x509/test_pki.h"

namespace {

using namespace tlsready::x509;
using namespace tlsready::x509::testing;

// Independent of the implementation: SHA-256 over the DER bytes.
std::string expected_fingerprint(const Der& der) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  REQUIRE(EVP_Digest(der.data(), der.size(), digest.data(), &length, EVP_sha256(), nullptr) == 1);
  std::string text;
  for (unsigned int i = 0; i < length; ++i) {
    char byte[4];
    std::snprintf(byte, sizeof byte, "%02X", static_cast<unsigned>(digest[i]));
    if (i != 0) text += ':';
    text += byte;
  }
  return text;
}

CertificateInfo info_of(X509* cert) {
  const auto info = parse_certificate(to_der(cert));
  REQUIRE(info.has_value());
  return *info;
}

}  // namespace

TEST_CASE("a leaf certificate is described field by field", "[x509][certificate]") {
  const Der der = to_der(pki().leaf.get());
  const auto parsed = parse_certificate(der);
  REQUIRE(parsed.has_value());
  const CertificateInfo& info = *parsed;
  CHECK(info.subject == "CN=localhost,O=tlsready lab");
  CHECK(info.subject_common_name == "localhost");
  CHECK(info.issuer == "CN=tlsready Test Intermediate CA,O=tlsready lab");
  CHECK(info.serial_hex == "1234ABCD");
  CHECK(info.subject_alt_names == std::vector<std::string>{"DNS:localhost", "DNS:*.example.test", "IP:127.0.0.1",
                                                           "IP:::1", "email:admin@example.test",
                                                           "URI:https://localhost/"});
  CHECK(info.not_before == "2025-01-01T00:00:00Z");
  CHECK(info.not_after == "2027-01-01T00:00:00Z");
  CHECK(info.key_type == "EC");
  CHECK(info.key_bits == 256);
  CHECK(info.curve == "prime256v1");
  CHECK(info.signature_algorithm == "ecdsa-with-SHA256");
  CHECK(info.sha256_fingerprint == expected_fingerprint(der));
  CHECK(info.sha256_fingerprint.size() == 32 * 3 - 1);
  CHECK_FALSE(info.is_ca);
  CHECK_FALSE(info.self_issued);
  CHECK_FALSE(info.self_signed);
}

TEST_CASE("a root CA is a self-signed RSA CA certificate", "[x509][certificate]") {
  const CertificateInfo info = info_of(pki().root.get());
  CHECK(info.subject == "CN=tlsready Test Root CA,O=tlsready lab");
  CHECK(info.issuer == info.subject);
  CHECK(info.serial_hex == "01");
  CHECK(info.subject_alt_names.empty());
  CHECK(info.not_before == "2020-01-01T00:00:00Z");
  CHECK(info.not_after == "2031-01-01T00:00:00Z");
  CHECK(info.key_type == "RSA");
  CHECK(info.key_bits == 2048);
  CHECK_FALSE(info.curve);
  CHECK(info.signature_algorithm == "sha256WithRSAEncryption");
  CHECK(info.is_ca);
  CHECK(info.self_issued);
  CHECK(info.self_signed);
}

TEST_CASE("an intermediate is a CA but neither self-issued nor self-signed", "[x509][certificate]") {
  const CertificateInfo info = info_of(pki().intermediate.get());
  CHECK(info.is_ca);
  CHECK(info.key_type == "EC");
  CHECK(info.signature_algorithm == "sha256WithRSAEncryption");
  CHECK_FALSE(info.self_issued);
  CHECK_FALSE(info.self_signed);
}

TEST_CASE("a weak leaf shows its 1024-bit RSA key and SHA-1 signature", "[x509][certificate]") {
  const CertificateInfo info = info_of(pki().weak.get());
  CHECK(info.key_type == "RSA");
  CHECK(info.key_bits == 1024);
  CHECK(info.signature_algorithm == "sha1WithRSAEncryption");
}

TEST_CASE("self-issued is told apart from self-signed", "[x509][certificate]") {
  SECTION("self-signed leaf") {
    const CertificateInfo info = info_of(pki().self_signed.get());
    CHECK(info.self_issued);
    CHECK(info.self_signed);
    CHECK_FALSE(info.is_ca);
  }
  SECTION("same subject and issuer, signed by another key") {
    const CertificateInfo info = info_of(pki().self_issued_only.get());
    CHECK(info.subject == "CN=Self Issued,O=tlsready lab");
    CHECK(info.self_issued);
    CHECK_FALSE(info.self_signed);
  }
}

TEST_CASE("non-ASCII names stay readable UTF-8", "[x509][certificate]") {
  const CertificateInfo info = info_of(pki().unicode.get());
  CHECK(info.subject ==
        "CN=localhost,O=Caf\xC3\xA9 \xC3\x9Cn\xC3\xAF"
        "code");
}

TEST_CASE("Ed25519 keys are named", "[x509][certificate]") {
  EvpPkeyPtr key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  REQUIRE(key != nullptr);
  // Ed25519 signs without a separate digest.
  const X509Ptr cert =
      make_certificate({.common_name = "ed", .subject_alt_names = "DNS:ed.example.test", .digest = nullptr}, key.get(),
                       nullptr, key.get());
  const CertificateInfo info = info_of(cert.get());
  CHECK(info.key_type == "Ed25519");
  CHECK(info.key_bits == 256);
  CHECK(info.signature_algorithm == "ED25519");
  CHECK(info.self_signed);
}

TEST_CASE("bytes that are not one DER certificate do not parse", "[x509][certificate][malformed]") {
  CHECK_FALSE(parse_certificate({}).has_value());
  CHECK_FALSE(parse_certificate({0x30, 0x03, 0x02, 0x01, 0x01}).has_value());
  const std::string text = "-----BEGIN CERTIFICATE-----";
  CHECK_FALSE(parse_certificate(Der(text.begin(), text.end())).has_value());
  Der truncated = to_der(pki().leaf.get());
  truncated.resize(truncated.size() / 2);
  CHECK_FALSE(parse_certificate(truncated).has_value());
  Der trailing = to_der(pki().leaf.get());
  trailing.push_back(0x00);
  CHECK_FALSE(parse_certificate(trailing).has_value());
}
