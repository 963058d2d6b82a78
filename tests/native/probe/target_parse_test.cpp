// Target text and URLs (probe/target_parse.h): every spelling the fronts accept and every bad one,
// each rejected with a message that names the input.
#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "probe/scan_request.h"
#include "probe/target_parse.h"

using tlsready::model::StartTls;
using tlsready::probe::parse_target;

namespace {

struct Spelling {
  const char* text;
  const char* host;
  uint16_t port;
  std::optional<StartTls> starttls;
  bool url;
};

std::string message_of(const std::string& text) {
  try {
    parse_target(text);
  } catch (const std::invalid_argument& error) {
    return error.what();
  }
  return "(accepted)";
}

}  // namespace

TEST_CASE("parse_target_reads_every_scheme_with_its_starttls_and_default_port", "[probe][target_parse]") {
  const Spelling rows[] = {
      {"https://127.0.0.1", "127.0.0.1", 443, StartTls::none, true},
      {"https://localhost:8443/path?q=1#x", "localhost", 8443, StartTls::none, true},
      {"HTTPS://[::1]:8443/", "::1", 8443, StartTls::none, true},
      {"https://[::1]", "::1", 443, StartTls::none, true},
      {"https://localhost?x", "localhost", 443, StartTls::none, true},
      {"https://localhost#frag", "localhost", 443, StartTls::none, true},
      {"smtp://127.0.0.1", "127.0.0.1", 25, StartTls::smtp, true},
      {"submission://mail.example", "mail.example", 587, StartTls::smtp, true},
      {"smtps://127.0.0.1", "127.0.0.1", 465, StartTls::none, true},
      {"imap://127.0.0.1", "127.0.0.1", 143, StartTls::imap, true},
      {"imaps://127.0.0.1", "127.0.0.1", 993, StartTls::none, true},
      {"pop3://127.0.0.1", "127.0.0.1", 110, StartTls::pop3, true},
      {"pop3s://127.0.0.1", "127.0.0.1", 995, StartTls::none, true},
      {"ftp://127.0.0.1", "127.0.0.1", 21, StartTls::ftp, true},
      {"ftps://127.0.0.1", "127.0.0.1", 990, StartTls::none, true},
      {"ldap://dc1.corp.example", "dc1.corp.example", 389, StartTls::ldap, true},
      {"ldaps://127.0.0.1", "127.0.0.1", 636, StartTls::none, true},
      {"postgres://127.0.0.1", "127.0.0.1", 5432, StartTls::postgres, true},
      {"postgresql://127.0.0.1:6432/db", "127.0.0.1", 6432, StartTls::postgres, true},
      {"Smtp://127.0.0.1:2525", "127.0.0.1", 2525, StartTls::smtp, true},
      // Not URLs: the host[:port] forms, STARTTLS left to the port.
      {"localhost", "localhost", 443, std::nullopt, false},
      {"localhost:8443", "localhost", 8443, std::nullopt, false},
      {"127.0.0.1:25", "127.0.0.1", 25, std::nullopt, false},
      {"[::1]:8443", "::1", 8443, std::nullopt, false},
      {"::1", "::1", 443, std::nullopt, false},
  };
  for (const Spelling& row : rows) {
    INFO(row.text);
    const auto parsed = parse_target(row.text);
    CHECK(parsed.host == row.host);
    CHECK(parsed.port == row.port);
    CHECK(parsed.starttls == row.starttls);
    CHECK(parsed.from_url == row.url);
  }
}

TEST_CASE("parse_target_rejects_bad_urls_naming_the_input_and_the_problem", "[probe][target_parse]") {
  const struct {
    const char* text;
    const char* words;
  } rows[] = {
      {"gopher://127.0.0.1", "unknown scheme \"gopher\" (known: https, smtp, submission, smtps, imap, imaps, pop3,"},
      {"://127.0.0.1", "unknown scheme \"\""},
      {"https://", "no host after \"https://\""},
      {"https:///path", "no host after \"https://\""},
      {"https://:443", "no host after \"https://\""},
      {"https://[]:443", "no host after \"https://\""},
      {"https://user:pw@127.0.0.1", "a target carries no user name or password"},
      {"https://user@127.0.0.1", "a target carries no user name or password"},
      {"https://127.0.0.1:0", "port must be 1..65535, got \"0\""},
      {"https://127.0.0.1:65536", "port must be 1..65535, got \"65536\""},
      {"https://127.0.0.1:999999", "port must be 1..65535, got \"999999\""},
      {"https://127.0.0.1:x", "port must be 1..65535, got \"x\""},
      {"https://127.0.0.1:", "port must be 1..65535, got \"\""},
      {"https://127.0.0.1:-1", "port must be 1..65535, got \"-1\""},
      {"https://127.0.0.1:+443", "port must be 1..65535, got \"+443\""},
      {"https://::1:443", "write an IPv6 address in brackets, like \"https://[::1]:443\""},
      {"https://::1", "write an IPv6 address in brackets"},
      {"https://[::1", "'[' without ']' around the IPv6 address"},
      {"https://[::1]x", "unexpected \"x\" after the IPv6 address"},
      {"https://[localhost]:443", "\"localhost\" inside brackets is not an IPv6 address"},
      {"https://127.1", "write 127.0.0.1"},
      {"https://a..b", "empty label"},
      {"https://bad host/", "space"},
      {"smtp://local\xe2\x80\x8bhost", "non-ASCII"},
  };
  for (const auto& row : rows) {
    INFO(row.text);
    const std::string message = message_of(row.text);
    CHECK_THAT(message, Catch::Contains(row.words));
    // The whole input is named, quoted as the other target messages quote it (non-ASCII escaped).
    if (std::string(row.text).find('\xe2') == std::string::npos)
      CHECK_THAT(message, Catch::StartsWith("target \"" + std::string(row.text) + "\": "));
  }
}

TEST_CASE("parse_target_keeps_the_host_port_messages_for_text_that_is_no_url", "[probe][target_parse]") {
  CHECK_THAT(message_of(""), Catch::Contains("empty target"));
  CHECK_THAT(message_of("::1:443"), Catch::Contains("[::1]:443"));
  CHECK_THAT(message_of("127.0.0.1:0"), Catch::Contains("port out of range"));
  CHECK_THAT(message_of("[::1"), Catch::Contains("missing ']'"));
}

TEST_CASE("the_scheme_table_is_the_data_file_and_lookups_ignore_case", "[probe][target_parse]") {
  const auto& schemes = tlsready::probe::url_schemes();
  REQUIRE(schemes.size() == 14);
  CHECK(schemes.front().name == "https");
  REQUIRE(tlsready::probe::find_url_scheme("LDAPS") != nullptr);
  CHECK(tlsready::probe::find_url_scheme("LDAPS")->default_port == 636);
  CHECK(tlsready::probe::find_url_scheme("nntp") == nullptr);
}

TEST_CASE("scan_requests_take_urls_and_refuse_a_starttls_that_contradicts_one", "[probe][target_parse][request]") {
  using tlsready::probe::target_from_json;
  using tlsready::probe::target_from_text;
  const auto smtp = target_from_text("smtp://127.0.0.1:2525");
  CHECK(smtp.host == "127.0.0.1");
  CHECK(smtp.port == 2525);
  CHECK(smtp.starttls == StartTls::smtp);
  CHECK(target_from_text("https://localhost:8443/").starttls == StartTls::none);
  CHECK(target_from_text("imap://127.0.0.1", "", "IMAP").starttls == StartTls::imap);
  CHECK(target_from_text("https://127.0.0.1", "", "none").starttls == StartTls::none);
  CHECK(target_from_text("https://127.0.0.1", "localhost").sni == "localhost");
  CHECK_THROWS_WITH(target_from_text("imap://127.0.0.1:1", "", "smtp"),
                    "target \"imap://127.0.0.1:1\" implies starttls \"imap\", but starttls \"smtp\" was given");
  CHECK_THROWS_WITH(target_from_text("https://127.0.0.1", "", "smtp"), Catch::Contains("implies starttls \"none\""));
  const auto object = target_from_json({{"target", "ldaps://[::1]"}, {"sni", "localhost"}});
  CHECK(object.host == "::1");
  CHECK(object.port == 636);
  CHECK(object.starttls == StartTls::none);
  CHECK_THROWS_WITH(target_from_json("nntp://127.0.0.1"), Catch::Contains("unknown scheme \"nntp\""));
  CHECK(tlsready::probe::host_port_text("::1", 443) == "[::1]:443");
  CHECK(tlsready::probe::host_port_text("localhost", 25) == "localhost:25");
}
