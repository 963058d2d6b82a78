// What an administrator needs to know about each certificate of a served chain, and whether
// the chain is acceptable for the name asked for. OpenSSL does the X.509 work.
// Thread-safe: functions keep no state between calls.
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

namespace tlsready::x509 {

struct CertificateInfo {
  std::string subject;          // RFC 2253 form, e.g. "CN=localhost,O=Lab"
  std::string subject_common_name;
  std::string issuer;
  std::string serial_hex;
  std::vector<std::string> subject_alt_names;  // "DNS:localhost", "IP:127.0.0.1", "email:..."
  std::string not_before;       // ISO 8601 UTC, "2026-11-23T20:00:00Z"
  std::string not_after;
  std::string key_type;         // "RSA", "EC", "DSA", "Ed25519", "Ed448"
  int key_bits = 0;
  std::string curve;            // EC keys: "prime256v1" ...
  std::string signature_algorithm;  // OpenSSL long name: "sha256WithRSAEncryption"
  std::string sha256_fingerprint;   // uppercase hex, colon-separated
  bool is_ca = false;
  bool self_issued = false;     // subject == issuer
  bool self_signed = false;     // self-issued and its own key verifies its signature
};

struct TrustOptions {
  bool use_system_store = true;
  std::string ca_file;  // extra PEM bundle; empty: none
};

struct ChainAnalysis {
  std::vector<CertificateInfo> certificates;  // as served, leaf first
  bool trusted = false;         // a path to a trust anchor verified (OpenSSL X509_verify_cert),
                                // judged without the validity period: see expired/not_yet_valid
  std::string verify_error;     // OpenSSL's message when not trusted
  bool hostname_matches = false;  // RFC 6125 via X509_check_host / X509_check_ip_asc
  bool expired = false;         // leaf notAfter < now
  bool not_yet_valid = false;   // leaf notBefore > now
  bool self_signed = false;     // leaf is self-signed
  bool chain_in_order = true;   // each certificate is issued by the next one
  int days_until_expiry = 0;    // negative when expired
  std::vector<std::string> problems;  // human-readable, one per finding
};

// Describes one DER certificate; nullopt when it does not parse (or has trailing bytes).
std::optional<CertificateInfo> parse_certificate(const std::vector<uint8_t>& der);

// Parses and verifies a chain given as DER certificates (leaf first). A certificate that does not
// parse yields a problem entry naming its position, never an exception.
ChainAnalysis analyze_chain(const std::vector<std::vector<uint8_t>>& der_chain, const std::string& hostname,
                            const TrustOptions& trust, std::time_t now);

}  // namespace tlsready::x509
