#include <catch2/catch.hpp>

#include <netinet/in.h>

#include <string>
#include <vector>

#include "net/address.h"

using tlsready::FailureKind;
using tlsready::net::HostPort;
using tlsready::net::ResolvedAddress;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("parse_host_port_accepts_names_and_literals_with_and_without_ports", "[net][address]") {
  struct Row {
    std::string input;
    std::string host;
    uint16_t port;
  };
  const std::vector<Row> rows{
      {"127.0.0.1:8443", "127.0.0.1", 8443},
      {"[::1]:8443", "::1", 8443},
      {"localhost:443", "localhost", 443},
      {"localhost", "localhost", 443},
      {"::1", "::1", 443},
      {"[::1]", "::1", 443},
      {"127.0.0.1", "127.0.0.1", 443},
      {"example.test:1", "example.test", 1},
      {"example.test:65535", "example.test", 65535},
      {"[::1%lo]:25", "::1%lo", 25},
  };
  for (const auto& row : rows) {
    INFO(row.input);
    HostPort parsed;
    const auto failure = tlsready::net::parse_host_port(row.input, 443, parsed);
    REQUIRE_FALSE(failure);
    CHECK(parsed.host == row.host);
    CHECK(parsed.port == row.port);
  }
}

TEST_CASE("parse_host_port_rejects_malformed_targets_quoting_the_input", "[net][address]") {
  struct Row {
    std::string input;
    std::string reason;  // a word the message must contain
  };
  const std::vector<Row> rows{
      {"host:", "missing port"},
      {"host:99999", "out of range"},
      {"host:0", "out of range"},
      {"host:abc", "not a number"},
      {"host:-1", "not a number"},
      {"host:+80", "not a number"},
      {"[::1", "missing ']'"},
      {"[::1]x", "after ']'"},
      {"[::1]:", "missing port"},
      {"[example.test]:443", "not an IPv6"},
      {"[]:443", "not an IPv6"},
      {"a:b:c", "cannot parse"},
      {":443", "empty host"},
      {"", "empty"},
      {"bad host:443", "space"},
      {"host]:443", "unexpected ']'"},
  };
  for (const auto& row : rows) {
    INFO(row.input);
    HostPort parsed;
    const auto failure = tlsready::net::parse_host_port(row.input, 443, parsed);
    REQUIRE(failure);
    CHECK(failure->kind == FailureKind::invalid_target);
    CHECK(contains(failure->message, row.reason));
    CHECK(contains(failure->message, "\"" + row.input + "\""));
  }
}

TEST_CASE("parse_host_port_requires_a_port_when_there_is_no_default", "[net][address]") {
  HostPort parsed;
  const auto failure = tlsready::net::parse_host_port("localhost", 0, parsed);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::invalid_target);
  CHECK_FALSE(tlsready::net::parse_host_port("localhost:25", 0, parsed));
  CHECK(parsed.port == 25);
}

TEST_CASE("is_ip_literal_recognises_ipv4_and_ipv6_but_not_names", "[net][address]") {
  CHECK(tlsready::net::is_ip_literal("127.0.0.1"));
  CHECK(tlsready::net::is_ip_literal("::1"));
  CHECK(tlsready::net::is_ip_literal("[::1]"));
  CHECK(tlsready::net::is_ip_literal("::1%lo"));
  CHECK_FALSE(tlsready::net::is_ip_literal("localhost"));
  CHECK_FALSE(tlsready::net::is_ip_literal("example.test"));
  CHECK_FALSE(tlsready::net::is_ip_literal("[127.0.0.1]"));
  CHECK_FALSE(tlsready::net::is_ip_literal("127.0.0.1:443"));
  CHECK_FALSE(tlsready::net::is_ip_literal("::1]"));
  CHECK_FALSE(tlsready::net::is_ip_literal(""));
  CHECK_FALSE(tlsready::net::is_ip_literal("[::1"));
}

TEST_CASE("resolve_returns_an_ipv4_literal_without_dns", "[net][address]") {
  std::vector<ResolvedAddress> out;
  REQUIRE_FALSE(tlsready::net::resolve("127.0.0.1", 8443, out));
  REQUIRE(out.size() == 1);
  CHECK(out[0].family == AF_INET);
  CHECK(out[0].text == "127.0.0.1");
  CHECK(out[0].length == sizeof(sockaddr_in));
  CHECK(ntohs(reinterpret_cast<const sockaddr_in*>(&out[0].storage)->sin_port) == 8443);
}

TEST_CASE("resolve_returns_ipv6_literals_with_or_without_brackets_as_bare_text", "[net][address]") {
  for (const std::string input : {"::1", "[::1]"}) {
    INFO(input);
    std::vector<ResolvedAddress> out;
    REQUIRE_FALSE(tlsready::net::resolve(input, 443, out));
    REQUIRE(out.size() == 1);
    CHECK(out[0].family == AF_INET6);
    CHECK(out[0].text == "::1");
    CHECK(ntohs(reinterpret_cast<const sockaddr_in6*>(&out[0].storage)->sin6_port) == 443);
  }
}

TEST_CASE("resolve_finds_localhost_through_the_hosts_file", "[net][address]") {
  std::vector<ResolvedAddress> out;
  const auto failure = tlsready::net::resolve("localhost", 25, out);
  REQUIRE_FALSE(failure);
  REQUIRE_FALSE(out.empty());
  for (const auto& address : out) {
    INFO(address.text);
    CHECK((address.text == "127.0.0.1" || address.text == "::1"));
    CHECK((address.family == AF_INET || address.family == AF_INET6));
  }
}

TEST_CASE("resolve_reports_an_unknown_name_as_name_not_resolved", "[net][address]") {
  std::vector<ResolvedAddress> out;
  const auto failure = tlsready::net::resolve("no-such-host.invalid", 443, out);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::name_not_resolved);
  CHECK(contains(failure->message, "no-such-host.invalid"));
  CHECK(out.empty());
}

TEST_CASE("resolve_rejects_unusable_hosts_and_port_zero_as_invalid_target", "[net][address]") {
  const std::vector<std::pair<std::string, uint16_t>> rows{
      {"", 443},
      {std::string(254, 'a'), 443},
      {"bad host", 443},
      {"bad\nhost", 443},
      {std::string("nul\0host", 8), 443},
      {"[::1", 443},
      {"[localhost]", 443},
      {"localhost", 0},
  };
  for (const auto& [host, port] : rows) {
    INFO(host << " port " << port);
    std::vector<ResolvedAddress> out;
    const auto failure = tlsready::net::resolve(host, port, out);
    REQUIRE(failure);
    CHECK(failure->kind == FailureKind::invalid_target);
  }
}

TEST_CASE("resolve_accepts_a_name_of_exactly_253_characters", "[net][address]") {
  // Valid length (labels of at most 63), so it reaches the resolver; under .invalid it cannot exist.
  const std::string name = std::string(63, 'a') + "." + std::string(63, 'b') + "." + std::string(63, 'c') + "." +
                           std::string(53, 'd') + ".invalid";
  REQUIRE(name.size() == 253);
  std::vector<ResolvedAddress> out;
  const auto failure = tlsready::net::resolve(name, 443, out);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::name_not_resolved);
}
