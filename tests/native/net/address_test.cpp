#include <catch2/catch.hpp>

// sockaddr_in, ntohs: net/address.h brings the platform's socket headers (POSIX or Winsock).

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

TEST_CASE("parse_host_port_rejects_an_unbracketed_ipv6_literal_ending_in_a_port", "[net][address]") {
  // "::1:443" is both an address and ::1 port 443: the message shows both bracketed forms.
  struct Row {
    std::string input;
    std::string suggestion;
  };
  const std::vector<Row> rows{
      {"::1:443", "[::1]:443"},
      {"2001:db8::1:8443", "[2001:db8::1]:8443"},
      {"::1:2", "[::1]:2"},
  };
  for (const auto& row : rows) {
    INFO(row.input);
    HostPort parsed;
    const auto failure = tlsready::net::parse_host_port(row.input, 443, parsed);
    REQUIRE(failure);
    CHECK(failure->kind == FailureKind::invalid_target);
    CHECK(contains(failure->message, "ambiguous"));
    CHECK(contains(failure->message, row.suggestion));
    CHECK(contains(failure->message, "[" + row.input + "]"));
  }
  // Not ambiguous: the part before the last colon is not an address of its own.
  for (const std::string input : {"::1", "fe80::1", "1:2:3:4:5:6:7:8", "2001:db8::"}) {
    INFO(input);
    HostPort parsed;
    REQUIRE_FALSE(tlsready::net::parse_host_port(input, 443, parsed));
    CHECK(parsed.host == input);
    CHECK(parsed.port == 443);
  }
}

TEST_CASE("parse_host_port_rejects_inet_aton_ipv4_forms_showing_the_dotted_quad", "[net][address]") {
  struct Row {
    std::string input;
    std::string dotted;
  };
  const std::vector<Row> rows{
      {"127.1", "127.0.0.1"},      {"127.1:443", "127.0.0.1"},   {"2130706433", "127.0.0.1"},
      {"0177.0.0.1", "127.0.0.1"}, {"0x7f.0.0.1", "127.0.0.1"},  {"0x7f000001:8443", "127.0.0.1"},
      {"127.0.1", "127.0.0.1"},    {"127.000.000.001", "127.0.0.1"},
  };
  for (const auto& row : rows) {
    INFO(row.input);
    HostPort parsed;
    const auto failure = tlsready::net::parse_host_port(row.input, 443, parsed);
    REQUIRE(failure);
    CHECK(failure->kind == FailureKind::invalid_target);
    CHECK(contains(failure->message, "dotted-quad"));
    CHECK(contains(failure->message, "write " + row.dotted));
    CHECK(contains(failure->message, "\"" + row.input + "\""));
  }
  for (const std::string input : {"256.1.1.1", "1.2.3.4.5", "08.0.0.1", "example.123"}) {
    INFO(input);
    HostPort parsed;
    const auto failure = tlsready::net::parse_host_port(input, 443, parsed);
    REQUIRE(failure);
    CHECK(contains(failure->message, "neither a host name nor an IPv4 address"));
  }
}

TEST_CASE("parse_host_port_rejects_names_that_cannot_be_host_names", "[net][address]") {
  struct Row {
    std::string input;
    std::string reason;
  };
  const std::string long_label(64, 'a');
  const std::vector<Row> rows{
      {"-1", "starts or ends with '-'"},
      {"-host.example.test:443", "starts or ends with '-'"},
      {"host-.example.test", "starts or ends with '-'"},
      {"a..b:443", "empty label"},
      {".example.test", "empty label"},
      {long_label + ".test:443", "longer than 63"},
      {"local\xe2\x80\x8bhost:443", "non-ASCII"},  // U+200B ZERO WIDTH SPACE
      {"b\xc3\xbc" "cher.example", "IDNA"},
      {"tab\there:443", "control"},
      {"host/path", "'/'"},
      {"user@host:443", "'@'"},
      {"host%25:443", "'%'"},
  };
  for (const auto& row : rows) {
    INFO(row.input);
    HostPort parsed;
    const auto failure = tlsready::net::parse_host_port(row.input, 443, parsed);
    REQUIRE(failure);
    CHECK(failure->kind == FailureKind::invalid_target);
    CHECK(contains(failure->message, row.reason));
  }
  // Messages escape what they quote: no raw control or non-ASCII byte reaches a terminal.
  HostPort parsed;
  const auto failure = tlsready::net::parse_host_port("local\xe2\x80\x8bhost", 443, parsed);
  REQUIRE(failure);
  CHECK(contains(failure->message, "local\\xe2\\x80\\x8bhost"));
  // Real names stay accepted: digits, '-', '_', a trailing root dot, 63-byte labels.
  const std::vector<std::string> names{"localhost.",   "my_host.example.test", "xn--bcher-kva.example",
                                       "1host.test",   "a-b.c-d.test",         std::string(63, 'x') + ".test"};
  for (const auto& input : names) {
    INFO(input);
    REQUIRE_FALSE(tlsready::net::parse_host_port(input, 443, parsed));
  }
}

TEST_CASE("parse_host_port_says_which_form_to_write_for_a_url", "[net][address]") {
  struct Row {
    std::string input;
    std::string form;
  };
  const std::vector<Row> rows{
      {"https://localhost:8443/", "\"localhost:8443\""},
      {"https://localhost/", "\"localhost:443\""},
      {"https://[::1]:8443/path?x", "\"[::1]:8443\""},
      {"ldaps://user@localhost:636", "\"localhost:636\""},
  };
  for (const auto& row : rows) {
    INFO(row.input);
    HostPort parsed;
    const auto failure = tlsready::net::parse_host_port(row.input, 443, parsed);
    REQUIRE(failure);
    CHECK(contains(failure->message, "is a URL; give host:port"));
    CHECK(contains(failure->message, row.form));
    CHECK_FALSE(contains(failure->message, "IPv6"));
  }
}

TEST_CASE("check_server_name_takes_host_names_only", "[net][address]") {
  CHECK_FALSE(tlsready::net::check_server_name("localhost"));
  CHECK_FALSE(tlsready::net::check_server_name("www.example.test"));
  struct Row {
    std::string name;
    std::string reason;
  };
  const std::vector<Row> rows{
      {"127.0.0.1", "RFC 6066"},
      {"::1", "RFC 6066"},
      {"[::1]", "RFC 6066"},
      {"127.1", "dotted-quad"},
      {std::string(256, 'a'), "longer than"},
      {std::string(63, 'a') + "." + std::string(63, 'b') + "." + std::string(63, 'c') + "." + std::string(63, 'd') +
           ".test",
       "longer than 253"},
      {"local\nhost", "control"},
      {"local host", "space"},
      {"localhost.", "ends with a dot"},
      {"host:443", "not a host name"},
  };
  for (const auto& row : rows) {
    INFO(row.name);
    const auto failure = tlsready::net::check_server_name(row.name);
    REQUIRE(failure);
    CHECK(failure->kind == FailureKind::invalid_target);
    CHECK(contains(failure->message, "server name (SNI)"));
    CHECK(contains(failure->message, row.reason));
  }
}

TEST_CASE("default_server_name_is_the_host_name_and_never_an_ip_literal", "[net][address]") {
  CHECK(tlsready::net::default_server_name("localhost") == "localhost");
  CHECK(tlsready::net::default_server_name("localhost.") == "localhost");
  CHECK(tlsready::net::default_server_name("127.0.0.1").empty());
  CHECK(tlsready::net::default_server_name("::1").empty());
  CHECK(tlsready::net::default_server_name("[::1]").empty());
  // Forms inet_aton reads as addresses are never sent as a name (RFC 6066 §3).
  CHECK(tlsready::net::default_server_name("127.1").empty());
  CHECK(tlsready::net::default_server_name("2130706433").empty());
  CHECK(tlsready::net::default_server_name("0177.0.0.1").empty());
}

TEST_CASE("resolve_rejects_inet_aton_forms_and_non_names_before_dns", "[net][address]") {
  for (const std::string host : {"127.1", "2130706433", "0177.0.0.1", "-1", "a..b", "local\xe2\x80\x8bhost"}) {
    INFO(host);
    std::vector<ResolvedAddress> out;
    const auto failure = tlsready::net::resolve(host, 443, out);
    REQUIRE(failure);
    CHECK(failure->kind == FailureKind::invalid_target);
    CHECK(out.empty());
  }
}
