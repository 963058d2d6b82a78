// What an administrator needs to know about each certificate of a served chain, and whether
// the chain is acceptable for the name asked for, as the model's plain values (model/certificate.h).
// OpenSSL does the X.509 work.
// Thread-safe: functions keep no state between calls.
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "model/certificate.h"

namespace tlsready::x509 {

using model::CertificateInfo;
using model::CertificateProblem;
using model::CertificateProblemCode;
using model::ChainAnalysis;

struct TrustOptions {
  bool use_system_store = true;
  std::string ca_file;  // extra PEM bundle; empty: none
};

// Describes one DER certificate; nullopt when it does not parse (or has trailing bytes).
std::optional<CertificateInfo> parse_certificate(const std::vector<uint8_t>& der);

// Parses and verifies a chain given as DER certificates (leaf first). A certificate that does not
// parse yields a problem entry (unparsable_certificate) naming its position, never an exception.
ChainAnalysis analyze_chain(const std::vector<std::vector<uint8_t>>& der_chain, const std::string& hostname,
                            const TrustOptions& trust, std::time_t now);

}  // namespace tlsready::x509
