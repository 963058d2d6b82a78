// How to split an enumeration offer into hellos that strict servers accept, and which refusals
// may be about the hello's size or shape rather than its content. Pure functions, no I/O.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "probe/hello_attempt.h"
#include "probe/hello_templates.h"

namespace tlsready::probe {

// Most suites in one hello once a server refused the whole offer: wolfSSL answers decode_error
// to more than 150 (WOLFSSL_MAX_SUITE_SZ, 300 bytes), so stay well under it.
inline constexpr size_t kChunkSuites = 128;
// Largest `small` hello (whole record): middleboxes drop hellos of 256 bytes and more (the F5
// problem RFC 7685 §1 describes), and the `small` shape exists for them.
inline constexpr size_t kSmallHelloBytes = 255;

// `suites` in order, cut into consecutive chunks of at most `max_per_chunk` of nearly equal size.
std::vector<std::vector<uint16_t>> split_into_chunks(const std::vector<uint16_t>& suites, size_t max_per_chunk);

// The most leading suites of `suites` that fit in a hello of `shape` of at most `max_bytes`
// (at least 1).
size_t suites_fitting(uint16_t version, const std::string& sni, HelloShape shape,
                      const std::vector<uint16_t>& suites, size_t max_bytes);

// How a refusal reads.
enum class Refusal {
  not_refused,    // a ServerHello
  of_the_offer,   // the server parsed the hello and has none of these suites (handshake_failure, ...)
  of_the_version, // the server does not speak this version (protocol_version alert, lower version)
  maybe_shape,    // decode_error and similar alerts, a close, a reset or silence: the hello's size
                  // or extensions may be what it refused
  final,          // nothing a different hello could change (not TLS, refused connection, cancel)
};
Refusal read_refusal(const HelloAttempt& attempt);

}  // namespace tlsready::probe
