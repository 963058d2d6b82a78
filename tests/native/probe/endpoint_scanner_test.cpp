// The engine against endpoints that cannot be scanned: every one gives a classified error and
// the time spent, never an exception. Loopback only.
#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <set>

#include "probe/batch_scanner.h"
#include "probe/endpoint_scanner.h"

namespace {

// A loopback port with nothing listening: bind, read the port, close.
uint16_t closed_port() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  socklen_t length = sizeof address;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  ::close(fd);
  return ntohs(address.sin_port);
}

tlsready::probe::ScanOptions quick() {
  tlsready::probe::ScanOptions options;
  options.timeout = std::chrono::milliseconds(500);
  return options;
}

}  // namespace

TEST_CASE("a refused endpoint is a connection_refused result with one connection", "[probe][errors]") {
  auto result = tlsready::probe::scan_endpoint({"127.0.0.1", closed_port(), std::nullopt, std::nullopt}, quick());
  REQUIRE(result.error);
  CHECK(result.error->kind == tlsready::FailureKind::connection_refused);
  CHECK(result.connections == 1);
  CHECK(result.protocols.empty());
}

TEST_CASE("an unresolvable name is name_not_resolved", "[probe][errors]") {
  auto result = tlsready::probe::scan_endpoint({"no-such-host.invalid", 443, std::nullopt, std::nullopt}, quick());
  REQUIRE(result.error);
  CHECK(result.error->kind == tlsready::FailureKind::name_not_resolved);
  CHECK(result.connections == 0);
  // The result names what would have been sent: the host as SNI, the STARTTLS the port implies.
  CHECK(result.target.sni == "no-such-host.invalid");
  CHECK(result.target.starttls == tlsready::model::StartTls::none);
  CHECK(result.checks.certificate.status == tlsready::model::CheckStatus::skipped);
  CHECK(result.checks.certificate.reason == tlsready::FailureKind::name_not_resolved);
}

TEST_CASE("the STARTTLS a port implies is resolved in the result; an IP literal sends no SNI", "[probe][errors]") {
  auto result = tlsready::probe::scan_endpoint({"127.0.0.1", 25, std::nullopt, std::nullopt}, quick());
  CHECK(result.target.starttls == tlsready::model::StartTls::smtp);
  CHECK_FALSE(result.target.sni);
}

TEST_CASE("scan_many delivers every endpoint once and rethrows a failing callback", "[probe][batch]") {
  std::vector<tlsready::model::TargetSpec> targets;
  targets.reserve(6);
  for (int i = 0; i < 6; ++i) targets.push_back({"127.0.0.1", closed_port(), std::nullopt, std::nullopt});
  std::set<size_t> seen;
  tlsready::probe::scan_many(targets, quick(), [&](size_t index, const auto&) { seen.insert(index); });
  CHECK(seen.size() == targets.size());

  std::atomic<bool> cancel{false};
  int calls = 0;
  CHECK_THROWS_WITH(tlsready::probe::scan_many(
                        targets, quick(),
                        [&](size_t, const auto&) {
                          ++calls;
                          throw std::runtime_error("callback broke");
                        },
                        &cancel),
                    "callback broke");
  CHECK(calls == 1);
  CHECK(cancel.load());
}
