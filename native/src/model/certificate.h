// The facts about a served certificate chain, as plain values: what each certificate says, whether
// the chain is trusted and matches the name, and the problems found, each with a frozen code. The
// x509 room fills them (OpenSSL does the X.509 work); nothing here depends on OpenSSL.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tlsready::model {

struct CertificateInfo {
  std::string subject;  // RFC 2253 form, e.g. "CN=localhost,O=Lab"
  std::string subject_common_name;
  std::string issuer;
  std::string serial_hex;
  std::vector<std::string> subject_alt_names;  // "DNS:localhost", "IP:127.0.0.1", "email:..."
  std::string not_before;                      // ISO 8601 UTC, "2026-11-23T20:00:00Z"
  std::string not_after;
  std::string key_type;  // "RSA", "EC", "DSA", "Ed25519", "Ed448"
  int key_bits = 0;
  std::optional<std::string> curve;  // EC keys: "prime256v1" ...
  std::string signature_algorithm;   // OpenSSL long name: "sha256WithRSAEncryption"
  std::string sha256_fingerprint;    // uppercase hex, colon-separated
  bool is_ca = false;
  bool self_issued = false;  // subject == issuer
  bool self_signed = false;  // self-issued and its own key verifies its signature
};

// What is wrong with a served chain. The numbers and names are frozen: they are listed in
// native/data/ledgers/certificate_problems.csv (tests/native/ledgers compares it with this enum)
// and in the schema's certificate_problem_code. Append new codes; never renumber or reuse.
enum class CertificateProblemCode : int {
  no_certificate = 0,            // the server sent no certificate
  unparsable_certificate = 1,    // a served certificate is not DER X.509
  untrusted = 2,                 // no verified path to a trust anchor (X509_verify_cert)
  expired = 3,                   // leaf notAfter in the past
  expires_soon = 4,              // leaf notAfter within 30 days
  not_yet_valid = 5,             // leaf notBefore in the future
  validity_unreadable = 6,       // leaf notBefore/notAfter cannot be read
  hostname_mismatch = 7,         // RFC 6125: the name asked for is not in the leaf
  self_signed = 8,               // the leaf is self-signed
  weak_key = 9,                  // RSA/DSA/DH below 2048 bits, EC below 224 bits (NIST SP 800-52r2 §3.1)
  weak_signature_hash = 10,      // issued signature with SHA-1, MD5, MD4 or MD2
  chain_out_of_order = 11,       // a certificate is not issued by the next one (RFC 8446 §4.4.2)
  trust_store_unavailable = 12,  // the system trust store (or the store itself) could not be set up
  ca_file_unusable = 13,         // the extra CA file cannot be read or holds no certificate
};

inline constexpr std::array<CertificateProblemCode, 14> kAllCertificateProblemCodes = {
    CertificateProblemCode::no_certificate,
    CertificateProblemCode::unparsable_certificate,
    CertificateProblemCode::untrusted,
    CertificateProblemCode::expired,
    CertificateProblemCode::expires_soon,
    CertificateProblemCode::not_yet_valid,
    CertificateProblemCode::validity_unreadable,
    CertificateProblemCode::hostname_mismatch,
    CertificateProblemCode::self_signed,
    CertificateProblemCode::weak_key,
    CertificateProblemCode::weak_signature_hash,
    CertificateProblemCode::chain_out_of_order,
    CertificateProblemCode::trust_store_unavailable,
    CertificateProblemCode::ca_file_unusable};

// The snake_case name above; "unknown" for a number that is no enumerator.
std::string_view to_string(CertificateProblemCode code);

struct CertificateProblem {
  CertificateProblemCode code = CertificateProblemCode::untrusted;
  std::string message;  // for people: which certificate, what was found
};

struct ChainAnalysis {
  std::vector<CertificateInfo> certificates;  // as served, leaf first
  bool trusted = false;                       // a path to a trust anchor verified (OpenSSL X509_verify_cert),
                                              // judged without the validity period: see expired/not_yet_valid
  std::optional<std::string> verify_error;    // OpenSSL's message when not trusted
  bool hostname_matches = false;              // RFC 6125 via X509_check_host / X509_check_ip_asc
  bool expired = false;                       // leaf notAfter < now
  bool not_yet_valid = false;                 // leaf notBefore > now
  bool self_signed = false;                   // leaf is self-signed
  bool chain_in_order = true;                 // each certificate is issued by the next one
  int days_until_expiry = 0;                  // negative when expired
  std::vector<CertificateProblem> problems;

  bool has_problem(CertificateProblemCode code) const {
    for (const auto& problem : problems)
      if (problem.code == code) return true;
    return false;
  }
};

}  // namespace tlsready::model
