// Fuzzes ServerFlightReader with arbitrary server bytes. Input: byte 0 selects the Need and how
// the rest is cut into feeds; the rest is what the "server" sends. Besides memory safety
// (ASan/UBSan), it checks that the verdict does not depend on how the bytes were split into
// reads, and runs any ServerKeyExchange through both parameter parsers.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "codec/server_flight.h"
#include "codec/server_messages.h"
#include "fuzz_check.h"

#ifdef TLSREADY_FUZZ_REPLAY
#define TLSREADY_FUZZ_ENTRY tlsready_fuzz_server_flight
#else
#define TLSREADY_FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

using tlsready::codec::KeyExchangeKind;
using tlsready::codec::ServerFlightReader;
using tlsready::codec::ServerKeyExchange;

namespace {

void check_same(const ServerFlightReader& a, const ServerFlightReader& b) {
  TLSREADY_FUZZ_CHECK(a.state() == b.state());
  TLSREADY_FUZZ_CHECK(a.server_hello().has_value() == b.server_hello().has_value());
  if (a.server_hello() && b.server_hello()) {
    TLSREADY_FUZZ_CHECK(a.server_hello()->cipher_suite == b.server_hello()->cipher_suite);
    TLSREADY_FUZZ_CHECK(a.server_hello()->extension_types == b.server_hello()->extension_types);
    TLSREADY_FUZZ_CHECK(a.server_hello()->random == b.server_hello()->random);
  }
  TLSREADY_FUZZ_CHECK(a.alert().has_value() == b.alert().has_value());
  if (a.alert() && b.alert()) TLSREADY_FUZZ_CHECK(a.alert()->description == b.alert()->description);
  TLSREADY_FUZZ_CHECK(a.certificates() == b.certificates());
  TLSREADY_FUZZ_CHECK(a.server_key_exchange() == b.server_key_exchange());
  TLSREADY_FUZZ_CHECK(a.ocsp_response() == b.ocsp_response());
  TLSREADY_FUZZ_CHECK(a.sslv2().has_value() == b.sslv2().has_value());
  TLSREADY_FUZZ_CHECK(a.server_hello_done() == b.server_hello_done());
  TLSREADY_FUZZ_CHECK(a.bytes_received() == b.bytes_received());
}

void check_consistent(const ServerFlightReader& r) {
  using State = ServerFlightReader::State;
  switch (r.state()) {
    case State::not_tls:
    case State::malformed: TLSREADY_FUZZ_CHECK(!r.error().empty()); break;
    case State::alert: TLSREADY_FUZZ_CHECK(r.alert().has_value()); break;
    case State::sslv2: TLSREADY_FUZZ_CHECK(r.sslv2().has_value()); break;
    case State::complete: TLSREADY_FUZZ_CHECK(r.server_hello().has_value()); break;
    case State::need_more: break;
  }
  if (r.server_hello_done()) TLSREADY_FUZZ_CHECK(r.state() == State::complete);
}

}  // namespace

extern "C" int TLSREADY_FUZZ_ENTRY(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const uint8_t mode = data[0];
  const std::span<const uint8_t> bytes(data + 1, size - 1);
  const auto need = (mode & 1) ? ServerFlightReader::Need::full_flight : ServerFlightReader::Need::server_hello;

  ServerFlightReader whole(need);
  whole.feed(bytes);
  check_consistent(whole);

  // Same bytes in reads of 1..64 bytes (mode 0x80: byte by byte).
  ServerFlightReader pieces(need);
  const size_t chunk = (mode & 0x80) ? 1 : 1 + ((mode >> 1) & 0x3f);
  for (size_t at = 0; at < bytes.size(); at += chunk) {
    pieces.feed(bytes.subspan(at, chunk < bytes.size() - at ? chunk : bytes.size() - at));
  }
  check_consistent(pieces);
  check_same(whole, pieces);

  if (whole.server_key_exchange()) {
    ServerKeyExchange ske;
    std::string why;
    if (tlsready::codec::parse_server_key_exchange(*whole.server_key_exchange(), KeyExchangeKind::dhe, ske, why)) {
      TLSREADY_FUZZ_CHECK(ske.dh_prime_bits > 0);
      TLSREADY_FUZZ_CHECK(static_cast<size_t>(ske.dh_prime_bits) <= ske.dh_prime.size() * 8);
    }
    tlsready::codec::parse_server_key_exchange(*whole.server_key_exchange(), KeyExchangeKind::ecdhe, ske, why);
  }
  return 0;
}
