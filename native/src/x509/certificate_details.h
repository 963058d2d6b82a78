// OpenSSL-typed helpers shared by the x509 room's sources (not part of the room's interface).
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "x509/certificate_info.h"
#include "x509/openssl_ptr.h"

namespace tlsready::x509 {

// Parses exactly one DER certificate; null when the bytes are not one complete certificate.
X509Ptr parse_der_certificate(const std::vector<uint8_t>& der);

// Everything CertificateInfo holds, read from a parsed certificate.
CertificateInfo describe_certificate(X509* cert);

// "YYYY-MM-DDTHH:MM:SSZ"; empty when the time does not convert.
std::string asn1_time_to_iso8601(const ASN1_TIME* time);
std::string time_to_iso8601(std::time_t time);

// Seconds since the epoch (UTC); nullopt when the time does not convert.
std::optional<std::time_t> asn1_time_to_time_t(const ASN1_TIME* time);

// Valid UTF-8 out: invalid bytes and control characters become "\xNN" (certificates are
// attacker-controlled; the JSON layer needs valid UTF-8).
std::string sanitize_utf8(std::string_view bytes);

// The reasons in the thread's OpenSSL error queue as one line ("; "-separated), and clears it.
std::string take_openssl_errors();

}  // namespace tlsready::x509
