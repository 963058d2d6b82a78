// One certificate -> CertificateInfo: names, serial, SANs, validity, key, signature, fingerprint.
#include "net/platform_socket.h"  // inet_ntop/inet_pton (POSIX or Winsock)

#include <array>
#include <climits>
#include <string>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/objects.h>

#include "common/hex.h"

#include "x509/certificate_details.h"

namespace tlsready::x509 {

namespace {

std::string asn1_string_bytes(const ASN1_STRING* value) {
  if (value == nullptr) return {};
  const int length = ASN1_STRING_length(value);
  if (length <= 0) return {};
  return std::string(reinterpret_cast<const char*>(ASN1_STRING_get0_data(value)), static_cast<size_t>(length));
}

std::string object_text(const ASN1_OBJECT* object, bool numeric) {
  std::array<char, 128> buffer{};
  const int length = OBJ_obj2txt(buffer.data(), static_cast<int>(buffer.size()), object, numeric ? 1 : 0);
  if (length <= 0) return {};
  return std::string(buffer.data());
}

// RFC 2253 order and escaping, but UTF-8 kept as is (no \XX escapes of non-ASCII bytes).
std::string name_rfc2253(const X509_NAME* name) {
  if (name == nullptr) return {};
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio) return {};
  const unsigned long flags = XN_FLAG_RFC2253 & ~static_cast<unsigned long>(ASN1_STRFLGS_ESC_MSB);
  if (X509_NAME_print_ex(bio.get(), name, 0, flags) < 0) return {};
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  if (length <= 0 || data == nullptr) return {};
  return sanitize_utf8(std::string_view(data, static_cast<size_t>(length)));
}

std::string common_name(const X509_NAME* name) {
  const int index = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (index < 0) return {};
  const ASN1_STRING* data = X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, index));
  unsigned char* utf8 = nullptr;
  const int length = ASN1_STRING_to_UTF8(&utf8, data);
  if (length < 0) return sanitize_utf8(asn1_string_bytes(data));
  const OpensslBufferPtr<unsigned char> owned(utf8);
  return sanitize_utf8(std::string_view(reinterpret_cast<const char*>(utf8), static_cast<size_t>(length)));
}

std::string serial_hex(const X509* cert) {
  const BigNumPtr number(ASN1_INTEGER_to_BN(X509_get0_serialNumber(cert), nullptr));
  if (!number) return {};
  const OpensslBufferPtr<char> hex(BN_bn2hex(number.get()));
  return hex ? std::string(hex.get()) : std::string();
}

std::string ip_address_text(const ASN1_OCTET_STRING* address) {
  const std::string bytes = asn1_string_bytes(address);
  std::array<char, INET6_ADDRSTRLEN> buffer{};
  if (bytes.size() == 4 && inet_ntop(AF_INET, bytes.data(), buffer.data(), buffer.size()) != nullptr) {
    return buffer.data();
  }
  if (bytes.size() == 16 && inet_ntop(AF_INET6, bytes.data(), buffer.data(), buffer.size()) != nullptr) {
    return buffer.data();
  }
  return "<invalid length " + std::to_string(bytes.size()) + ">";
}

std::vector<std::string> subject_alt_names(const X509* cert) {
  std::vector<std::string> names;
  const GeneralNamesPtr general_names(
      static_cast<GENERAL_NAMES*>(X509_get_ext_d2i(cert, NID_subject_alt_name, nullptr, nullptr)));
  if (!general_names) return names;
  const int count = sk_GENERAL_NAME_num(general_names.get());
  for (int i = 0; i < count; ++i) {
    const GENERAL_NAME* name = sk_GENERAL_NAME_value(general_names.get(), i);
    switch (name->type) {
      case GEN_DNS: names.push_back("DNS:" + sanitize_utf8(asn1_string_bytes(name->d.dNSName))); break;
      case GEN_IPADD: names.push_back("IP:" + ip_address_text(name->d.iPAddress)); break;
      case GEN_EMAIL: names.push_back("email:" + sanitize_utf8(asn1_string_bytes(name->d.rfc822Name))); break;
      case GEN_URI:
        names.push_back("URI:" + sanitize_utf8(asn1_string_bytes(name->d.uniformResourceIdentifier)));
        break;
      case GEN_DIRNAME: names.push_back("DirName:" + name_rfc2253(name->d.directoryName)); break;
      case GEN_RID: names.push_back("RID:" + object_text(name->d.registeredID, true)); break;
      default: break;  // otherName, x400Address, ediPartyName: nothing an administrator matches against
    }
  }
  return names;
}

std::string key_type_name(EVP_PKEY* key) {
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_RSA: return "RSA";
    case EVP_PKEY_RSA_PSS: return "RSA-PSS";
    case EVP_PKEY_EC: return "EC";
    case EVP_PKEY_DSA: return "DSA";
    case EVP_PKEY_ED25519: return "Ed25519";
    case EVP_PKEY_ED448: return "Ed448";
    case EVP_PKEY_DH:
    case EVP_PKEY_DHX: return "DH";
    default: {
      const char* name = EVP_PKEY_get0_type_name(key);
      return name != nullptr ? std::string(name) : std::string("unknown");
    }
  }
}

void describe_key(X509* cert, CertificateInfo& info) {
  EVP_PKEY* key = X509_get0_pubkey(cert);  // borrowed, cached in the certificate
  if (key == nullptr) {
    ASN1_OBJECT* algorithm = nullptr;
    X509_PUBKEY* public_key = X509_get_X509_PUBKEY(cert);
    if (public_key != nullptr && X509_PUBKEY_get0_param(&algorithm, nullptr, nullptr, nullptr, public_key) == 1) {
      info.key_type = object_text(algorithm, false);
    }
    if (info.key_type.empty()) info.key_type = "unknown";
    return;
  }
  info.key_type = key_type_name(key);
  info.key_bits = EVP_PKEY_get_bits(key);
  if (EVP_PKEY_get_base_id(key) == EVP_PKEY_EC) {
    std::array<char, 80> group{};
    size_t length = 0;
    if (EVP_PKEY_get_utf8_string_param(key, OSSL_PKEY_PARAM_GROUP_NAME, group.data(), group.size(), &length) == 1 &&
        length > 0) {
      info.curve = std::string(group.data(), length);
    }
  }
}

std::string signature_algorithm(const X509* cert) {
  const int nid = X509_get_signature_nid(cert);
  if (nid != NID_undef) {
    const char* name = OBJ_nid2ln(nid);
    if (name != nullptr) return name;
  }
  const X509_ALGOR* algorithm = nullptr;
  X509_get0_signature(nullptr, &algorithm, cert);
  const ASN1_OBJECT* object = nullptr;
  X509_ALGOR_get0(&object, nullptr, nullptr, algorithm);
  return object != nullptr ? object_text(object, true) : std::string("unknown");
}

std::string sha256_fingerprint(const X509* cert) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (X509_digest(cert, EVP_sha256(), digest.data(), &length) != 1) return {};
  return hex::bytes(std::span<const uint8_t>(digest.data(), length), hex::Case::upper, ":");
}

bool basic_constraints_ca(const X509* cert) {
  const BasicConstraintsPtr constraints(
      static_cast<BASIC_CONSTRAINTS*>(X509_get_ext_d2i(cert, NID_basic_constraints, nullptr, nullptr)));
  return constraints && constraints->ca != 0;
}

}  // namespace

X509Ptr parse_der_certificate(const std::vector<uint8_t>& der) {
  if (der.empty() || der.size() > static_cast<size_t>(LONG_MAX)) return nullptr;
  const unsigned char* cursor = der.data();
  X509Ptr cert(d2i_X509(nullptr, &cursor, static_cast<long>(der.size())));
  ERR_clear_error();
  if (!cert || cursor != der.data() + der.size()) return nullptr;
  return cert;
}

CertificateInfo describe_certificate(X509* cert) {
  CertificateInfo info;
  const X509_NAME* subject = X509_get_subject_name(cert);
  const X509_NAME* issuer = X509_get_issuer_name(cert);
  info.subject = name_rfc2253(subject);
  info.subject_common_name = common_name(subject);
  info.issuer = name_rfc2253(issuer);
  info.serial_hex = serial_hex(cert);
  info.subject_alt_names = subject_alt_names(cert);
  info.not_before = asn1_time_to_iso8601(X509_get0_notBefore(cert));
  info.not_after = asn1_time_to_iso8601(X509_get0_notAfter(cert));
  describe_key(cert, info);
  info.signature_algorithm = signature_algorithm(cert);
  info.sha256_fingerprint = sha256_fingerprint(cert);
  info.is_ca = basic_constraints_ca(cert);
  info.self_issued = X509_NAME_cmp(subject, issuer) == 0;
  EVP_PKEY* key = X509_get0_pubkey(cert);
  info.self_signed = info.self_issued && key != nullptr && X509_verify(cert, key) == 1;
  ERR_clear_error();
  return info;
}

std::optional<CertificateInfo> parse_certificate(const std::vector<uint8_t>& der) {
  X509Ptr cert = parse_der_certificate(der);
  if (!cert) return std::nullopt;
  return describe_certificate(cert.get());
}

}  // namespace tlsready::x509
