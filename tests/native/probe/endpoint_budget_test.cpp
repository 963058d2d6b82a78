// Time bounds of one endpoint's scan against servers that pace their bytes: the step timeout is
// one deadline (bytes do not extend it), the endpoint budget bounds the whole scan, a broken
// flight after a ServerHello is classified with what was found kept, versions are probed
// concurrently within the per-endpoint connection limit, and a cancel still stops it at once.
// Timings are bounds (budget + 10%, cancel < 200 ms + slack), never performance claims.
#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <thread>

#include "codec/constants.h"
#include "net/address.h"
#include "probe/endpoint_scanner.h"
#include "probe/hello_attempt.h"
#include "probe/paced_tls_server.h"
#include "probe/probe_context.h"

namespace {

using namespace std::chrono_literals;
using tlsready::FailureKind;
using tlsready::test::PacedTlsServer;
using Clock = std::chrono::steady_clock;

double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

tlsready::probe::ScanOptions fast(std::chrono::milliseconds timeout, std::chrono::milliseconds budget) {
  tlsready::probe::ScanOptions options;
  options.timeout = timeout;
  options.endpoint_timeout = budget;
  options.use_system_trust_store = false;
  return options;
}

// A record header announcing 16 KiB, then one byte per `gap` for as long as the client listens.
PacedTlsServer::Answer drip(std::chrono::milliseconds gap) {
  return [gap](int fd, const tlsready::test::OfferedHello&, const std::atomic<bool>& stop) {
    std::string bytes = std::string{0x16, 0x03, 0x03, 0x40, 0x00} + std::string(16384, '\0');
    PacedTlsServer::send_paced(fd, bytes, gap, stop);
    return std::string();
  };
}

const tlsready::model::ProtocolResult* protocol_of(const tlsready::model::EndpointResult& result, uint16_t version) {
  for (const auto& protocol : result.protocols)
    if (protocol.version == version) return &protocol;
  return nullptr;
}

}  // namespace

TEST_CASE("the answer to one hello has one deadline that trickling bytes do not extend", "[probe][budget]") {
  PacedTlsServer server(drip(100ms));
  std::vector<tlsready::net::ResolvedAddress> addresses;
  REQUIRE_FALSE(tlsready::net::resolve("127.0.0.1", server.port(), addresses));
  auto options = fast(500ms, 0ms);
  tlsready::probe::ProbeContext context(addresses.front(), "", tlsready::net::StartTls::none, options, nullptr);
  const auto start = Clock::now();
  auto attempt = tlsready::probe::send_hello(context, std::vector<uint8_t>{0x16, 0x03, 0x01, 0x00, 0x01, 0x01},
                                             tlsready::codec::ServerFlightReader::Need::server_hello);
  const double took = ms_since(start);
  REQUIRE(attempt.failure);
  CHECK(attempt.failure->kind == FailureKind::timeout);
  CHECK(took < 500 * 1.1 + 100);  // before: every byte restarted the 500 ms, ~27 minutes in all
}

TEST_CASE("a byte-per-100-ms tarpit is classified within the step timeout", "[probe][budget]") {
  PacedTlsServer server(drip(100ms));
  const auto start = Clock::now();
  auto result = tlsready::probe::scan_endpoint(
      {"127.0.0.1", server.port(), std::nullopt, tlsready::model::StartTls::none}, fast(400ms, 3000ms));
  REQUIRE(result.error);
  CHECK(result.error->kind == FailureKind::timeout);
  CHECK(ms_since(start) < 400 * 1.1 + 100);
}

TEST_CASE("the endpoint budget bounds a scan whose every step is within its timeout", "[probe][budget]") {
  // Every hello answered with a ServerHello paced over ~250 ms (a timeout of 1 s never fires):
  // an enumeration of every TLS 1.2 suite would take minutes.
  PacedTlsServer server([](int fd, const tlsready::test::OfferedHello& hello, const std::atomic<bool>& stop) {
    if (!hello.valid) return std::string();
    if (hello.client_version != 0x0303) return tlsready::test::alert_record(70);
    const std::string flight = tlsready::test::tls_record(
        22, tlsready::test::tls12_server_hello(hello.first_suite) + tlsready::test::handshake_message(14, ""));
    PacedTlsServer::send_paced(fd, flight, std::chrono::milliseconds(250 / flight.size() + 1), stop);
    return std::string();
  });
  const auto start = Clock::now();
  auto result = tlsready::probe::scan_endpoint(
      {"127.0.0.1", server.port(), std::nullopt, tlsready::model::StartTls::none}, fast(1000ms, 1500ms));
  const double took = ms_since(start);
  REQUIRE(result.error);
  CHECK(result.error->kind == FailureKind::endpoint_timeout);
  CHECK(took <= 1500 * 1.1);
  // What was found before the budget ran out is kept.
  const auto* tls12 = protocol_of(result, tlsready::codec::wire_version::tls1_2);
  REQUIRE(tls12 != nullptr);
  CHECK(tls12->accepted);
  CHECK_FALSE(tls12->cipher_suites.empty());
}

TEST_CASE("a ServerHello followed by an oversized fragmented Certificate is flight_limit_exceeded, TLS 1.2 kept",
          "[probe][budget]") {
  PacedTlsServer server([](int fd, const tlsready::test::OfferedHello& hello, const std::atomic<bool>&) {
    if (!hello.valid) return std::string();
    if (hello.client_version != 0x0303) return tlsready::test::alert_record(70);
    std::string certificate = tlsready::test::handshake_message(11, std::string(99996, '\0')).substr(0, 100000);
    std::string flight = tlsready::test::tls_record(22, tlsready::test::tls12_server_hello(hello.first_suite));
    for (char c : certificate) flight += tlsready::test::tls_record(22, std::string(1, c));
    PacedTlsServer::send_all(fd, flight);
    return std::string();
  });
  auto result = tlsready::probe::scan_endpoint(
      {"127.0.0.1", server.port(), std::nullopt, tlsready::model::StartTls::none}, fast(2000ms, 10000ms));
  REQUIRE(result.error);
  CHECK(result.error->kind == FailureKind::flight_limit_exceeded);
  CHECK_THAT(result.error->message, Catch::Contains("after its ServerHello"));
  const auto* tls12 = protocol_of(result, tlsready::codec::wire_version::tls1_2);
  REQUIRE(tls12 != nullptr);
  CHECK(tls12->accepted);  // before: every version refused, the protocols dropped
}

TEST_CASE("versions are probed concurrently within the per-endpoint connection limit", "[probe][budget]") {
  // Every hello refused with an alert after 150 ms: six versions, one after another, would
  // never have two connections open at once.
  auto slow_refusal = [](int, const tlsready::test::OfferedHello&, const std::atomic<bool>&) {
    std::this_thread::sleep_for(150ms);
    return tlsready::test::alert_record(40);
  };
  for (unsigned limit : {1u, 3u}) {
    DYNAMIC_SECTION("limit " << limit) {
      PacedTlsServer server(slow_refusal);
      auto options = fast(2000ms, 20000ms);
      options.connections_per_endpoint = limit;
      auto result = tlsready::probe::scan_endpoint(
          {"127.0.0.1", server.port(), std::nullopt, tlsready::model::StartTls::none}, options);
      REQUIRE(result.error);
      CHECK(result.error->kind == FailureKind::handshake_refused);
      CHECK(server.peak_connections() <= static_cast<int>(limit));
      if (limit > 1) CHECK(server.peak_connections() >= 2);
      CHECK(result.connections == server.connections());
      // Deterministic order whatever finished first: newest first, SSLv2 last.
      REQUIRE(result.protocols.size() == 6);
      CHECK(result.protocols.front().version == tlsready::codec::wire_version::tls1_3);
      CHECK(result.protocols.back().version == tlsready::codec::wire_version::ssl2);
    }
  }
}

TEST_CASE("a cancel stops a concurrent scan of a tarpit within 200 ms", "[probe][budget]") {
  // An answer after 1.2 s: the TLS 1.3 hello is answered, then five concurrent probes wait.
  PacedTlsServer server([](int, const tlsready::test::OfferedHello&, const std::atomic<bool>& stop) {
    for (int i = 0; i < 120 && !stop; ++i) std::this_thread::sleep_for(10ms);
    return tlsready::test::alert_record(40);
  });
  std::atomic<bool> cancel{false};
  Clock::time_point cancelled_at;
  std::thread canceller([&] {
    std::this_thread::sleep_for(1500ms);
    cancelled_at = Clock::now();
    cancel = true;
  });
  auto result = tlsready::probe::scan_endpoint(
      {"127.0.0.1", server.port(), std::nullopt, tlsready::model::StartTls::none}, fast(5000ms, 60000ms), &cancel);
  const auto ended_at = Clock::now();
  canceller.join();
  const double after_cancel = std::chrono::duration<double, std::milli>(ended_at - cancelled_at).count();
  REQUIRE(result.error);
  CHECK(result.error->kind == FailureKind::cancelled);
  CHECK(after_cancel < 200 + 100);
  CHECK_FALSE(result.protocols.empty());  // TLS 1.3's refusal, found before the cancel, is kept
}
