// Test certificates made with the OpenSSL API: a root CA (RSA-2048), an intermediate (EC P-256)
// and leaves for every case the x509 room judges. Built once per test run, at pinned dates.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <openssl/evp.h>
#include <openssl/ocsp.h>
#include <openssl/pem.h>
#include <openssl/rsa.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

#include "x509/openssl_ptr.h"

namespace tlsready::x509::testing {

using Der = std::vector<uint8_t>;

// Pinned dates (UTC).
constexpr std::time_t k2020 = 1577836800;  // 2020-01-01T00:00:00Z
constexpr std::time_t k2021 = 1609459200;  // 2021-01-01T00:00:00Z
constexpr std::time_t k2025 = 1735689600;  // 2025-01-01T00:00:00Z
constexpr std::time_t k2026 = 1767225600;  // 2026-01-01T00:00:00Z: "now" in the tests
constexpr std::time_t k2027 = 1798761600;  // 2027-01-01T00:00:00Z
constexpr std::time_t k2030 = 1893456000;  // 2030-01-01T00:00:00Z
constexpr std::time_t k2031 = 1924992000;  // 2031-01-01T00:00:00Z
constexpr std::time_t kNow = k2026;
constexpr std::time_t kDay = 86400;

inline void require(bool condition, const char* what) {
  if (!condition) throw std::runtime_error(std::string("test PKI: ") + what);
}

inline EvpPkeyPtr make_rsa_key(unsigned int bits) {
  EvpPkeyPtr key(EVP_RSA_gen(bits));
  require(key != nullptr, "RSA key generation");
  return key;
}

inline EvpPkeyPtr make_ec_key() {
  EvpPkeyPtr key(EVP_EC_gen("P-256"));
  require(key != nullptr, "EC key generation");
  return key;
}

struct CertSpec {
  std::string common_name{};
  std::string organization = "tlsready lab";
  uint64_t serial = 1;
  std::time_t not_before = k2025;
  std::time_t not_after = k2027;
  std::string subject_alt_names{};  // OpenSSL config syntax: "DNS:localhost,IP:127.0.0.1"
  bool ca = false;
  const EVP_MD* digest = EVP_sha256();
};

inline void add_extension(X509* cert, X509V3_CTX* context, int nid, const std::string& value) {
  X509_EXTENSION* extension = X509V3_EXT_conf_nid(nullptr, context, nid, value.c_str());
  require(extension != nullptr, "extension");
  const int added = X509_add_ext(cert, extension, -1);
  X509_EXTENSION_free(extension);
  require(added == 1, "add extension");
}

// Issued by `issuer` (null: the issuer name is the subject's own) and signed with `signer`.
inline X509Ptr make_certificate(const CertSpec& spec, EVP_PKEY* subject_key, X509* issuer, EVP_PKEY* signer) {
  X509Ptr cert(X509_new());
  require(cert != nullptr, "X509_new");
  require(X509_set_version(cert.get(), X509_VERSION_3) == 1, "version");
  require(ASN1_INTEGER_set_uint64(X509_get_serialNumber(cert.get()), spec.serial) == 1, "serial");
  require(ASN1_TIME_set(X509_getm_notBefore(cert.get()), spec.not_before) != nullptr, "notBefore");
  require(ASN1_TIME_set(X509_getm_notAfter(cert.get()), spec.not_after) != nullptr, "notAfter");
  X509_NAME* name = X509_get_subject_name(cert.get());
  const auto add_entry = [&](const char* field, const std::string& value) {
    require(X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8, reinterpret_cast<const unsigned char*>(value.c_str()),
                                       -1, -1, 0) == 1,
            "name entry");
  };
  if (!spec.organization.empty()) add_entry("O", spec.organization);
  add_entry("CN", spec.common_name);
  require(X509_set_issuer_name(cert.get(), issuer != nullptr ? X509_get_subject_name(issuer) : name) == 1, "issuer");
  require(X509_set_pubkey(cert.get(), subject_key) == 1, "pubkey");

  X509V3_CTX context;
  X509V3_set_ctx(&context, issuer != nullptr ? issuer : cert.get(), cert.get(), nullptr, nullptr, 0);
  if (spec.ca) {
    add_extension(cert.get(), &context, NID_basic_constraints, "critical,CA:TRUE");
    add_extension(cert.get(), &context, NID_key_usage, "critical,keyCertSign,cRLSign");
  } else {
    add_extension(cert.get(), &context, NID_basic_constraints, "critical,CA:FALSE");
    add_extension(cert.get(), &context, NID_key_usage, "critical,digitalSignature,keyEncipherment");
    add_extension(cert.get(), &context, NID_ext_key_usage, "serverAuth");
  }
  if (!spec.subject_alt_names.empty()) {
    add_extension(cert.get(), &context, NID_subject_alt_name, spec.subject_alt_names);
  }
  require(X509_sign(cert.get(), signer, spec.digest) > 0, "sign");
  return cert;
}

inline Der to_der(X509* cert) {
  const int length = i2d_X509(cert, nullptr);
  require(length > 0, "i2d_X509");
  Der der(static_cast<size_t>(length));
  unsigned char* cursor = der.data();
  i2d_X509(cert, &cursor);
  return der;
}

inline std::string to_pem(X509* cert) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  require(bio && PEM_write_bio_X509(bio.get(), cert) == 1, "PEM");
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(length));
}

struct Pki {
  EvpPkeyPtr root_key = make_rsa_key(2048);
  EvpPkeyPtr intermediate_key = make_ec_key();
  EvpPkeyPtr leaf_key = make_ec_key();
  EvpPkeyPtr weak_key = make_rsa_key(1024);
  X509Ptr root;
  X509Ptr intermediate;
  X509Ptr leaf;               // localhost & co, by the intermediate
  X509Ptr expired;            // 2020..2021
  X509Ptr not_yet_valid;      // 2030..2031
  X509Ptr expiring_soon;      // 10 days after kNow
  X509Ptr weak;               // RSA-1024, SHA-1, by the root
  X509Ptr self_signed;        // localhost, its own issuer
  X509Ptr wrong_name;         // wrong.example.invalid
  X509Ptr partial_wildcard;   // w*.example.test
  X509Ptr self_issued_only;   // subject == issuer, signed by the root key
  X509Ptr unicode;            // O=Café Ünïcode

  Pki() {
    root = make_certificate({.common_name = "tlsready Test Root CA", .serial = 1, .not_before = k2020,
                             .not_after = k2031, .ca = true},
                            root_key.get(), nullptr, root_key.get());
    intermediate = make_certificate({.common_name = "tlsready Test Intermediate CA", .serial = 2, .not_before = k2020,
                                     .not_after = k2031, .ca = true},
                                    intermediate_key.get(), root.get(), root_key.get());
    leaf = make_certificate(
        {.common_name = "localhost", .serial = 0x1234ABCD,
         .subject_alt_names = "DNS:localhost,DNS:*.example.test,IP:127.0.0.1,IP:::1,email:admin@example.test,"
                              "URI:https://localhost/"},
        leaf_key.get(), intermediate.get(), intermediate_key.get());
    expired = make_certificate({.common_name = "localhost", .serial = 3, .not_before = k2020, .not_after = k2021,
                                .subject_alt_names = "DNS:localhost"},
                               leaf_key.get(), intermediate.get(), intermediate_key.get());
    not_yet_valid = make_certificate({.common_name = "localhost", .serial = 4, .not_before = k2030, .not_after = k2031,
                                      .subject_alt_names = "DNS:localhost"},
                                     leaf_key.get(), intermediate.get(), intermediate_key.get());
    expiring_soon = make_certificate({.common_name = "localhost", .serial = 5, .not_before = k2025,
                                      .not_after = kNow + 10 * kDay + 3600, .subject_alt_names = "DNS:localhost"},
                                     leaf_key.get(), intermediate.get(), intermediate_key.get());
    weak = make_certificate({.common_name = "localhost", .serial = 6, .subject_alt_names = "DNS:localhost",
                             .digest = EVP_sha1()},
                            weak_key.get(), root.get(), root_key.get());
    self_signed = make_certificate({.common_name = "localhost", .serial = 7, .subject_alt_names = "DNS:localhost"},
                                   leaf_key.get(), nullptr, leaf_key.get());
    wrong_name = make_certificate({.common_name = "wrong.example.invalid", .serial = 8,
                                   .subject_alt_names = "DNS:wrong.example.invalid"},
                                  leaf_key.get(), intermediate.get(), intermediate_key.get());
    partial_wildcard = make_certificate({.common_name = "www.example.test", .serial = 9,
                                         .subject_alt_names = "DNS:w*.example.test"},
                                        leaf_key.get(), intermediate.get(), intermediate_key.get());
    self_issued_only = make_certificate({.common_name = "Self Issued", .serial = 10}, leaf_key.get(), nullptr,
                                        root_key.get());
    unicode = make_certificate({.common_name = "localhost", .organization = "Caf\xC3\xA9 \xC3\x9Cn\xC3\xAF" "code",
                                .serial = 11, .subject_alt_names = "DNS:localhost"},
                               leaf_key.get(), intermediate.get(), intermediate_key.get());
  }
};

// Built on first use; read-only afterwards (safe to share between test threads).
inline const Pki& pki() {
  static const Pki instance;
  return instance;
}

// A file in the temp directory, removed when the object goes.
class TempFile {
 public:
  explicit TempFile(const std::string& content) {
    std::string pattern = (std::filesystem::temp_directory_path() / "tlsready-x509-XXXXXX").string();
    const int fd = ::mkstemp(pattern.data());
    require(fd >= 0, "mkstemp");
    ::close(fd);
    path_ = pattern;
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() { std::remove(path_.c_str()); }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A DER OCSP response from the issuer about `cert` with `status` (V_OCSP_CERTSTATUS_*).
inline Der make_ocsp_response(X509* cert, X509* issuer, EVP_PKEY* issuer_key, int status) {
  OpensslPtr<OCSP_BASICRESP, &OCSP_BASICRESP_free> basic(OCSP_BASICRESP_new());
  OpensslPtr<OCSP_CERTID, &OCSP_CERTID_free> id(OCSP_cert_to_id(nullptr, cert, issuer));
  Asn1TimePtr this_update(ASN1_TIME_set(nullptr, std::time(nullptr)));
  Asn1TimePtr revocation_time(ASN1_TIME_set(nullptr, k2025));
  require(basic && id && this_update && revocation_time, "OCSP allocation");
  const bool revoked = status == V_OCSP_CERTSTATUS_REVOKED;
  require(OCSP_basic_add1_status(basic.get(), id.get(), status, revoked ? OCSP_REVOKED_STATUS_KEYCOMPROMISE : 0,
                                 revoked ? revocation_time.get() : nullptr, this_update.get(), nullptr) != nullptr,
          "OCSP status");
  require(OCSP_basic_sign(basic.get(), issuer, issuer_key, EVP_sha256(), nullptr, 0) == 1, "OCSP sign");
  OcspResponsePtr response(OCSP_response_create(OCSP_RESPONSE_STATUS_SUCCESSFUL, basic.get()));
  require(response != nullptr, "OCSP response");
  const int length = i2d_OCSP_RESPONSE(response.get(), nullptr);
  Der der(static_cast<size_t>(length));
  unsigned char* cursor = der.data();
  i2d_OCSP_RESPONSE(response.get(), &cursor);
  return der;
}

inline Der make_ocsp_error_response(int response_status) {
  OcspResponsePtr response(OCSP_response_create(response_status, nullptr));
  require(response != nullptr, "OCSP error response");
  const int length = i2d_OCSP_RESPONSE(response.get(), nullptr);
  Der der(static_cast<size_t>(length));
  unsigned char* cursor = der.data();
  i2d_OCSP_RESPONSE(response.get(), &cursor);
  return der;
}

}  // namespace tlsready::x509::testing
