#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "net/connection.h"
#include "net/fake_server.h"

using namespace std::chrono_literals;
using tlsready::FailureKind;
using tlsready::net::Connection;
using tlsready::test::FakeServer;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::span<const uint8_t> bytes_of(const std::string& text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

// Reads until the peer closes (or `limit` bytes); fails the test on any failure.
std::string receive_all(Connection& connection, size_t limit = 1 << 20) {
  std::string out;
  uint8_t buffer[1024];
  while (out.size() < limit) {
    size_t received = 0;
    const auto failure = connection.receive_some(buffer, 2s, received);
    REQUIRE_FALSE(failure);
    if (received == 0) break;
    out.append(reinterpret_cast<const char*>(buffer), received);
  }
  return out;
}

}  // namespace

TEST_CASE("connect_to_a_closed_port_is_refused", "[net][connection]") {
  const uint16_t port = tlsready::test::closed_port();
  Connection connection;
  const auto failure = Connection::open(tlsready::test::loopback(AF_INET, port), 2s, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::connection_refused);
  CHECK(failure->message == "connect to 127.0.0.1:" + std::to_string(port) + ": connection refused");
  CHECK_FALSE(connection.is_open());
}

TEST_CASE("connect_to_a_closed_ipv6_port_is_refused", "[net][connection][ipv6]") {
  if (!tlsready::test::ipv6_loopback_available()) {
    WARN("::1 is not available: IPv6 test skipped");
    return;
  }
  const uint16_t port = tlsready::test::closed_port(AF_INET6);
  Connection connection;
  const auto failure = Connection::open(tlsready::test::loopback(AF_INET6, port), 2s, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::connection_refused);
  CHECK(contains(failure->message, "[::1]:" + std::to_string(port)));
}

TEST_CASE("connection_exchanges_bytes_over_ipv4", "[net][connection]") {
  FakeServer server;
  server.expect("ping").send("pong").close().start();
  Connection connection;
  REQUIRE_FALSE(Connection::open(server.address(), 2s, connection));
  CHECK(connection.is_open());
  CHECK(connection.peer() == "127.0.0.1:" + std::to_string(server.port()));
  REQUIRE_FALSE(connection.send_all(bytes_of("ping"), 2s));
  CHECK(receive_all(connection) == "pong");
  CHECK(server.finish().empty());
}

TEST_CASE("connection_exchanges_bytes_over_ipv6", "[net][connection][ipv6]") {
  if (!tlsready::test::ipv6_loopback_available()) {
    WARN("::1 is not available: IPv6 test skipped");
    return;
  }
  FakeServer server(AF_INET6);
  server.expect("ping").send("pong").close().start();
  Connection connection;
  REQUIRE_FALSE(Connection::open(server.address(), 2s, connection));
  CHECK(connection.peer() == "[::1]:" + std::to_string(server.port()));
  REQUIRE_FALSE(connection.send_all(bytes_of("ping"), 2s));
  CHECK(receive_all(connection) == "pong");
  CHECK(server.finish().empty());
}

TEST_CASE("receive_times_out_when_the_server_stays_silent", "[net][connection]") {
  FakeServer server;
  server.start();  // accepts, never writes
  Connection connection;
  REQUIRE_FALSE(Connection::open(server.address(), 2s, connection));
  uint8_t buffer[16];
  size_t received = 99;
  const auto start = std::chrono::steady_clock::now();
  const auto failure = connection.receive_some(buffer, 200ms, received);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::timeout);
  CHECK(contains(failure->message, "200 ms"));
  CHECK(received == 0);
  CHECK(elapsed >= 190ms);
  CHECK(elapsed < 2s);
  connection.close();
  CHECK(server.finish().empty());
}

TEST_CASE("receive_reports_a_reset_when_the_server_aborts", "[net][connection]") {
  FakeServer server;
  // Reset only after the client's first byte: a reset racing the handshake could fail open().
  server.expect("x").reset().start();
  Connection connection;
  REQUIRE_FALSE(Connection::open(server.address(), 2s, connection));
  REQUIRE_FALSE(connection.send_all(bytes_of("x"), 2s));
  server.finish();  // the RST has been sent
  uint8_t buffer[16];
  size_t received = 0;
  const auto failure = connection.receive_some(buffer, 2s, received);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::connection_reset);
  CHECK(contains(failure->message, connection.peer()));
}

TEST_CASE("send_reports_a_reset_when_the_server_aborts", "[net][connection]") {
  FakeServer server;
  server.expect("x").reset().start();  // after the first byte, so open() cannot meet the reset
  Connection connection;
  REQUIRE_FALSE(Connection::open(server.address(), 2s, connection));
  REQUIRE_FALSE(connection.send_all(bytes_of("x"), 2s));
  server.finish();
  std::this_thread::sleep_for(50ms);  // let the RST arrive
  std::optional<tlsready::Failure> failure;
  for (int attempt = 0; attempt < 20 && !failure; ++attempt) {
    failure = connection.send_all(bytes_of("hello"), 2s);  // no SIGPIPE: MSG_NOSIGNAL
    if (!failure) std::this_thread::sleep_for(10ms);
  }
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::connection_reset);
}

TEST_CASE("receive_returns_zero_bytes_when_the_server_closes_cleanly", "[net][connection]") {
  FakeServer server;
  server.send("bye").close().start();
  Connection connection;
  REQUIRE_FALSE(Connection::open(server.address(), 2s, connection));
  CHECK(receive_all(connection) == "bye");
  uint8_t buffer[16];
  size_t received = 99;
  CHECK_FALSE(connection.receive_some(buffer, 1s, received));
  CHECK(received == 0);
  CHECK(server.finish().empty());
}

TEST_CASE("send_all_delivers_a_large_buffer_through_a_small_window", "[net][connection]") {
  std::string payload(2 * 1024 * 1024, '\0');
  for (size_t i = 0; i < payload.size(); ++i) payload[i] = static_cast<char>(i * 7 + i / 251);
  FakeServer server;
  server.receive_buffer(4096).expect(payload).close().start();
  Connection connection;
  REQUIRE_FALSE(Connection::open(server.address(), 2s, connection));
  const int small = 4096;
  ::setsockopt(connection.fd(), SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
  REQUIRE_FALSE(connection.send_all(bytes_of(payload), 5s));
  CHECK(receive_all(connection).empty());
  CHECK(server.finish().empty());
}

TEST_CASE("send_all_times_out_when_the_server_does_not_read", "[net][connection]") {
  FakeServer server;
  server.receive_buffer(4096).stall().start();
  Connection connection;
  REQUIRE_FALSE(Connection::open(server.address(), 2s, connection));
  const int small = 4096;
  ::setsockopt(connection.fd(), SOL_SOCKET, SO_SNDBUF, &small, sizeof small);
  const std::string payload(64 * 1024 * 1024, 'x');
  const auto start = std::chrono::steady_clock::now();
  const auto failure = connection.send_all(bytes_of(payload), 300ms);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::timeout);
  CHECK(contains(failure->message, "bytes sent"));
  CHECK(elapsed < 2s);
  connection.close();
  server.finish();
}

TEST_CASE("receive_line_joins_a_line_split_across_packets", "[net][connection]") {
  FakeServer server;
  server.send("220 hel").pause(50ms).send("lo\r").pause(50ms).send("\n250 next\nrest").close().start();
  Connection connection;
  REQUIRE_FALSE(Connection::open(server.address(), 2s, connection));
  std::string line;
  REQUIRE_FALSE(connection.receive_line(2s, line));
  CHECK(line == "220 hello");
  REQUIRE_FALSE(connection.receive_line(2s, line));
  CHECK(line == "250 next");
  // Bytes read past the line are handed out first by receive_some.
  CHECK(receive_all(connection) == "rest");
  CHECK(connection.buffered() == 0);
  CHECK(server.finish().empty());
}

TEST_CASE("receive_line_keeps_bytes_after_the_line_for_the_next_read", "[net][connection]") {
  FakeServer server;
  server.send("one\ntwo\r\nthree\n").close().start();
  Connection connection;
  REQUIRE_FALSE(Connection::open(server.address(), 2s, connection));
  std::string line;
  REQUIRE_FALSE(connection.receive_line(2s, line));
  CHECK(line == "one");
  std::this_thread::sleep_for(20ms);
  REQUIRE_FALSE(connection.receive_line(2s, line));
  CHECK(line == "two");
  REQUIRE_FALSE(connection.receive_line(2s, line));
  CHECK(line == "three");
  const auto failure = connection.receive_line(2s, line);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::connection_closed);
  server.finish();
}

TEST_CASE("receive_line_rejects_a_line_longer_than_the_limit", "[net][connection]") {
  FakeServer server;
  server.send(std::string(100, 'a') + "\r\n").start();
  Connection connection;
  REQUIRE_FALSE(Connection::open(server.address(), 2s, connection));
  std::string line;
  const auto failure = connection.receive_line(2s, line, 64);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::protocol_error);
  CHECK(contains(failure->message, "64"));
  connection.close();
  server.finish();
}

TEST_CASE("receive_line_rejects_an_endless_line_without_waiting_for_its_end", "[net][connection]") {
  FakeServer server;
  server.send(std::string(10000, 'a')).start();  // no line end, connection held open
  Connection connection;
  REQUIRE_FALSE(Connection::open(server.address(), 2s, connection));
  std::string line;
  const auto start = std::chrono::steady_clock::now();
  const auto failure = connection.receive_line(5s, line, 4096);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::protocol_error);
  CHECK(std::chrono::steady_clock::now() - start < 2s);
  connection.close();
  server.finish();
}

TEST_CASE("receive_line_accepts_a_line_of_exactly_the_limit", "[net][connection]") {
  FakeServer server;
  server.send(std::string(64, 'a') + "\r\n" + std::string(64, 'b') + "\n").close().start();
  Connection connection;
  REQUIRE_FALSE(Connection::open(server.address(), 2s, connection));
  std::string line;
  REQUIRE_FALSE(connection.receive_line(2s, line, 64));
  CHECK(line == std::string(64, 'a'));
  REQUIRE_FALSE(connection.receive_line(2s, line, 64));
  CHECK(line == std::string(64, 'b'));
  server.finish();
}

TEST_CASE("receive_line_accepts_an_unbounded_limit", "[net][connection]") {
  FakeServer server;
  server.send("a line\r\n").close().start();
  Connection connection;
  REQUIRE_FALSE(Connection::open(server.address(), 2s, connection));
  std::string line;
  REQUIRE_FALSE(connection.receive_line(2s, line, SIZE_MAX));
  CHECK(line == "a line");
  server.finish();
}

TEST_CASE("receive_line_times_out_on_a_slow_partial_line", "[net][connection]") {
  FakeServer server;
  server.send_slowly("220 slow banner that never ends", 50ms).start();
  Connection connection;
  REQUIRE_FALSE(Connection::open(server.address(), 2s, connection));
  std::string line;
  const auto start = std::chrono::steady_clock::now();
  const auto failure = connection.receive_line(300ms, line);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::timeout);  // the timeout covers the whole line
  CHECK(elapsed < 1s);
  connection.close();
  server.finish();
}

TEST_CASE("receive_line_reports_a_close_in_the_middle_of_a_line", "[net][connection]") {
  FakeServer server;
  server.send("220 half").close().start();
  Connection connection;
  REQUIRE_FALSE(Connection::open(server.address(), 2s, connection));
  std::string line;
  const auto failure = connection.receive_line(2s, line);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::connection_closed);
  CHECK(contains(failure->message, "middle of a line"));
  server.finish();
}

TEST_CASE("moved_connection_owns_the_socket_and_the_source_is_closed", "[net][connection]") {
  FakeServer server;
  server.send("x").close().start();
  Connection first;
  REQUIRE_FALSE(Connection::open(server.address(), 2s, first));
  const int fd = first.fd();
  Connection second = std::move(first);
  CHECK_FALSE(first.is_open());  // NOLINT(bugprone-use-after-move): the moved-from state is the point
  CHECK(second.fd() == fd);
  Connection third;
  third = std::move(second);
  CHECK(third.fd() == fd);
  CHECK(receive_all(third) == "x");
  server.finish();
}

TEST_CASE("operations_on_a_closed_connection_fail_as_internal", "[net][connection]") {
  Connection connection;
  uint8_t buffer[4];
  size_t received = 0;
  std::string line;
  auto failure = connection.send_all(bytes_of("x"), 100ms);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::internal);
  failure = connection.receive_some(buffer, 100ms, received);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::internal);
  failure = connection.receive_line(100ms, line);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::internal);
}

TEST_CASE("a_hard_limit_ends_every_step_and_is_reported_as_endpoint_timeout", "[net][connection][budget]") {
  FakeServer server;
  server.send_slowly("220 a banner dribbled one byte per 50 ms, long enough to outlast the limit", 50ms).start();
  Connection connection;
  REQUIRE_FALSE(Connection::open(server.address(), 2s, connection));
  connection.limit_to(std::chrono::steady_clock::now() + 300ms);
  std::string line;
  const auto start = std::chrono::steady_clock::now();
  const auto failure = connection.receive_line(5s, line);  // the step's own 5 s is cut to the limit
  const auto elapsed = std::chrono::steady_clock::now() - start;
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::endpoint_timeout);
  CHECK(elapsed < 300ms * 11 / 10 + 100ms);
  uint8_t buffer[16];
  size_t received = 0;
  const auto after = connection.receive_some(buffer, 5s, received);  // past the limit: at once
  if (after) CHECK(after->kind == FailureKind::endpoint_timeout);
  CHECK(std::chrono::steady_clock::now() - start < 600ms);
  connection.close();
  server.finish();
}
