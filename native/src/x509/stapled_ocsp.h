// Reads a stapled OCSP response (DER) for the served leaf certificate.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace tlsready::x509 {

struct StapledOcspStatus {
  std::string status;  // "good", "revoked", "unknown", "unparsable"
  std::string detail;  // why, when the status is not read from the leaf's single response
};

// `leaf_der` names the certificate whose single response counts (matched by serial number).
// The response's signature is not checked: this reports what the server staples.
StapledOcspStatus read_stapled_ocsp(const uint8_t* response, size_t length, const std::vector<uint8_t>& leaf_der);

}  // namespace tlsready::x509
