#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <string>

#include "logs/log_line_pattern.h"
#include "logs/openssl_cipher_names.h"
#include "logs/text_log_parts.h"
#include "logs/tls_use_event_json.h"
#include "logs/tls_use_reader.h"

using namespace tlsready;

TEST_CASE("text_log_times_become_utc", "[logs]") {
  CHECK(logs::utc_from_common_log_time("30/Nov/2026:09:15:02 +0100") == "2026-11-30T08:15:02Z");
  CHECK(logs::utc_from_common_log_time("01/Dec/2026:00:30:00 +0200") == "2026-11-30T22:30:00Z");
  CHECK(logs::utc_from_common_log_time("30/Nov/2026:08:15:02.123") == "2026-11-30T08:15:02Z");  // HAProxy: no zone
  CHECK(logs::utc_from_common_log_time("30/Nov/2026:08:15:02 -0530") == "2026-11-30T13:45:02Z");
  CHECK(logs::utc_from_common_log_time("31/Nov/2026:08:15:02 +0000").empty());  // no such day
  CHECK(logs::utc_from_common_log_time("30/Foo/2026:08:15:02 +0000").empty());
  CHECK(logs::utc_from_common_log_time("30/Nov/2026:25:15:02 +0000").empty());
  CHECK(logs::utc_from_common_log_time("30/Nov/2026:08:15:02 +01").empty());
  CHECK(logs::utc_from_common_log_time("").empty());
  CHECK(logs::utc_from_iso_time("2026-11-30T09:15:02+01:00") == "2026-11-30T08:15:02Z");
  CHECK(logs::utc_from_iso_time("2026-11-30T08:15:02.123456Z") == "2026-11-30T08:15:02Z");
  CHECK(logs::utc_from_iso_time("2026-11-30T09:15:02+0100") == "2026-11-30T08:15:02Z");
  CHECK(logs::utc_from_iso_time("2026-11-30T08:15:02") == "2026-11-30T08:15:02Z");
  CHECK(logs::utc_from_iso_time("2026-13-30T08:15:02Z").empty());
  CHECK(logs::utc_from_iso_time("2026-11-30T08:15:02+1:00").empty());
}

TEST_CASE("syslog_year_comes_from_the_last_write_and_rolls_back_past_it", "[logs]") {
  const logs::SyslogYearRule january{2027, 1, 2};
  CHECK(logs::utc_from_syslog_time("Dec 31 23:59:59", january) == "2026-12-31T23:59:59Z");
  CHECK(logs::utc_from_syslog_time("Jan  2 00:00:01", january) == "2027-01-02T00:00:01Z");
  CHECK(logs::utc_from_syslog_time("Jan  3 00:00:01", january) == "2026-01-03T00:00:01Z");  // after the last write
  CHECK(logs::utc_from_syslog_time("Feb 29 00:00:00", logs::SyslogYearRule{2028, 3, 1}) == "2028-02-29T00:00:00Z");
  CHECK(logs::utc_from_syslog_time("Feb 29 00:00:00", logs::SyslogYearRule{2027, 3, 1}).empty());
  CHECK(logs::utc_from_syslog_time("Foo 29 00:00:00", january).empty());
  // A file that is not there (a stream): the rule of now, whatever year that is.
  CHECK(logs::syslog_year_rule_for("/nonexistent/mail.log").year >= 2024);
}

TEST_CASE("syslog_lines_split_into_time_host_program_and_message", "[logs]") {
  const logs::SyslogYearRule rule{2026, 12, 3};
  auto line = logs::parse_syslog_line("Nov 30 08:15:02 mx1 postfix/smtpd[1234]: connect from x", rule);
  REQUIRE(line);
  CHECK(line->time == "2026-11-30T08:15:02Z");
  CHECK(line->host == "mx1");
  CHECK(line->program == "postfix/smtpd");
  CHECK(line->message == "connect from x");
  line = logs::parse_syslog_line("2026-11-30T09:15:02.5+01:00 mx1 dovecot: imap-login: Login: x", rule);
  REQUIRE(line);
  CHECK(line->time == "2026-11-30T08:15:02Z");
  CHECK(line->program == "dovecot");
  CHECK(line->message == "imap-login: Login: x");
  line = logs::parse_syslog_line("<134>Nov  3 08:15:06 haproxy[2201]: 198.51.100.77:1 x", rule);
  REQUIRE(line);
  CHECK(line->time == "2026-11-03T08:15:06Z");
  CHECK(line->host.empty());
  CHECK(line->program == "haproxy");
  line = logs::parse_syslog_line("<22>1 2026-11-30T08:15:02Z mx1 postfix/smtpd 1234 - - hello there", rule);
  REQUIRE(line);
  CHECK(line->host == "mx1");
  CHECK(line->program == "postfix/smtpd");
  CHECK(line->message == "hello there");
  CHECK_FALSE(logs::parse_syslog_line("198.51.100.7:50211 [30/Nov/2026:08:15:02.123] fe x", rule));
  CHECK_FALSE(logs::parse_syslog_line("Nov 30 08:15:02 mx1", rule));
  CHECK_FALSE(logs::parse_syslog_line("<99999>Nov 30 08:15:02 mx1 a: b", rule));
  CHECK_FALSE(logs::parse_syslog_line("", rule));
}

TEST_CASE("bracket_peers_request_paths_and_escapes", "[logs]") {
  auto peer = logs::parse_bracket_peer("mx.example.net[203.0.113.5]:25");
  REQUIRE(peer);
  CHECK(peer->name == "mx.example.net");
  CHECK(peer->address == "203.0.113.5");
  CHECK(peer->port == 25);
  peer = logs::parse_bracket_peer("unknown[ipv6:2001:db8::25]");
  REQUIRE(peer);
  CHECK(peer->name.empty());
  CHECK(peer->address == "2001:db8::25");
  CHECK_FALSE(peer->port);
  CHECK_FALSE(logs::parse_bracket_peer("broken"));
  CHECK_FALSE(logs::parse_bracket_peer("x[192.0.2.4]:99999"));
  CHECK(logs::request_path("GET /owa/auth.owa?x=1 HTTP/1.1") == "/owa/auth.owa");
  CHECK(logs::request_path("/a/b?c") == "/a/b");
  CHECK(logs::request_path("-").empty());
  CHECK(logs::request_path("GARBAGE").empty());
  CHECK(logs::unescape_log_value(R"(Agent \"quoted\" \x22\\ \xZZ \)") == "Agent \"quoted\" \"\\ \\xZZ \\");
}

TEST_CASE("openssl_cipher_names_map_to_iana_suites_and_iis_words", "[logs]") {
  auto facts = logs::cipher_facts_from_openssl_name("ECDHE-RSA-AES256-SHA");
  REQUIRE(facts);
  CHECK(facts->suite == "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA");
  CHECK(facts->cipher == "AES-256");
  CHECK(facts->hash == "SHA1");
  CHECK(facts->key_exchange == "ECDHE");
  facts = logs::cipher_facts_from_openssl_name("ECDHE-RSA-AES128-GCM-SHA256");
  REQUIRE(facts);
  CHECK(facts->cipher == "AES-128");
  CHECK(facts->hash.empty());  // AEAD: IIS logs no MAC hash either
  facts = logs::cipher_facts_from_openssl_name("TLS_AES_256_GCM_SHA384");
  REQUIRE(facts);
  CHECK(facts->suite == "TLS_AES_256_GCM_SHA384");
  CHECK(facts->key_exchange.empty());
  facts = logs::cipher_facts_from_openssl_name("DES-CBC3-SHA");
  REQUIRE(facts);
  CHECK(facts->cipher == "3DES");
  CHECK(facts->key_exchange == "RSA");
  facts = logs::cipher_facts_from_openssl_name("EDH-RSA-DES-CBC3-SHA");  // OpenSSL 1.0.2's spelling
  REQUIRE(facts);
  CHECK(facts->suite == "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA");
  CHECK(logs::cipher_facts_from_openssl_name("RC4-SHA")->cipher == "RC4");
  CHECK(logs::cipher_facts_from_openssl_name("ECDHE-RSA-CHACHA20-POLY1305")->cipher == "CHACHA20-POLY1305");
  CHECK_FALSE(logs::cipher_facts_from_openssl_name("SOME-FUTURE-CIPHER"));
  CHECK_FALSE(logs::cipher_facts_from_openssl_name("-"));
  CHECK_FALSE(logs::cipher_facts_from_openssl_name(""));
  CHECK(logs::offers_tls12_only_suites("AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256") == true);
  CHECK(logs::offers_tls12_only_suites("AES128-SHA:DES-CBC3-SHA:0x00ff") == false);
  CHECK_FALSE(logs::offers_tls12_only_suites("-"));
}

TEST_CASE("line_patterns_match_quoted_fields_addresses_and_the_rest_of_the_line", "[logs]") {
  logs::LogLinePattern pattern;
  pattern.add_field(logs::LogField::client_address, "%ci");
  pattern.add_literal(":");
  pattern.add_field(logs::LogField::client_port, "%cp");
  pattern.add_literal(" \"");
  pattern.add_field(logs::LogField::request_line, "%r");
  pattern.add_literal("\" ");
  pattern.add_field(logs::LogField::protocol, "%sslv");
  CHECK_THROWS_AS(pattern.add_field(logs::LogField::cipher, "%sslc"), std::invalid_argument);
  logs::LogLinePattern::Values values{};
  REQUIRE(pattern.match("2001:db8::7:50212 \"GET /a \\\" b HTTP/1.1\" TLSv1", values));
  CHECK(values[static_cast<std::size_t>(logs::LogField::client_address)] == "2001:db8::7");
  CHECK(values[static_cast<std::size_t>(logs::LogField::client_port)] == "50212");
  CHECK(values[static_cast<std::size_t>(logs::LogField::request_line)] == "GET /a \\\" b HTTP/1.1");
  CHECK(values[static_cast<std::size_t>(logs::LogField::protocol)] == "TLSv1");
  REQUIRE(pattern.match("192.0.2.1:1 \"-\" -", values));
  CHECK(values[static_cast<std::size_t>(logs::LogField::request_line)].empty());
  CHECK(values[static_cast<std::size_t>(logs::LogField::protocol)].empty());
  CHECK_FALSE(pattern.match("192.0.2.1 \"GET\" TLSv1", values));  // no ':' port
  CHECK_FALSE(pattern.match("192.0.2.1:1 GET TLSv1", values));
}

TEST_CASE("log_formats_are_registered_with_their_format_strings", "[logs]") {
  for (const char* name : {"iis", "exchange-smtp", "nginx", "apache", "haproxy", "postfix", "dovecot"})
    CHECK(std::find(logs::log_format_names().begin(), logs::log_format_names().end(), name) !=
          logs::log_format_names().end());
  CHECK(logs::check_log_format("apache"));
  CHECK(logs::check_log_format("postfix"));
  CHECK(logs::check_log_format("nginx:$remote_addr $ssl_protocol"));
  CHECK_FALSE(logs::check_log_format("squid"));
  CHECK_FALSE(logs::check_log_format("squid:x"));
  const auto message = [](const std::string& format) {
    try {
      (void)logs::check_log_format(format);
    } catch (const std::invalid_argument& error) {
      return std::string(error.what());
    }
    return std::string("no error");
  };
  CHECK(message("nginx").find("log format 'nginx': nginx logs in the format") == 0);
  CHECK(message("nginx:$remote_addr $ssl_cipher").find("no $ssl_protocol") != std::string::npos);
  CHECK(message("nginx:$remote_addr$ssl_protocol") ==
        "log format 'nginx:$remote_addr$ssl_protocol': $remote_addr and $ssl_protocol have no text between them: "
        "where one ends cannot be told");
  CHECK(message("nginx:@/nonexistent/nginx.conf:main").find("cannot be opened") != std::string::npos);
  CHECK(message("nginx:@" + std::string(TLSREADY_SOURCE_DIR) + "/tests/data/logs/nginx/nginx.conf:nope")
            .find("no log_format 'nope' in it") != std::string::npos);
  CHECK(message("haproxy").find("give it, haproxy:<log-format string>") != std::string::npos);
  CHECK(message("haproxy:%ci %[ssl_fc_sni").find("without its ']'") != std::string::npos);
  CHECK(message("apache:%h %{SSL_PROTOCOL}x %").find("names no directive") != std::string::npos);
  CHECK(message("apache:%h %u").find("no %{SSL_PROTOCOL}x") != std::string::npos);
  CHECK(message("postfix:x") == "log format 'postfix:x': the postfix format takes no ':' part");
  std::istringstream empty;
  CHECK(logs::make_reader("squid", empty, "x.log") == nullptr);
  CHECK_THROWS_AS(logs::make_reader("haproxy:%ci", empty, "x.log"), std::invalid_argument);
  REQUIRE(logs::make_reader("haproxy:%ci %sslv", empty, "x.log"));
}

TEST_CASE("text_logs_are_recognised_from_their_first_lines", "[logs]") {
  CHECK(logs::recognise_log_format("Nov 30 08:15:01 mx1 postfix/smtpd[1234]: connect from unknown[198.51.100.7]\n") ==
        "postfix");
  CHECK(logs::recognise_log_format("Nov 30 08:15:02 mail dovecot: imap-login: Login: user=<a>, rip=192.0.2.4, TLS\n") ==
        "dovecot");
  CHECK(logs::recognise_log_format("\n[30/Nov/2026:08:15:02 +0000] 198.51.100.23 TLSv1 ECDHE-RSA-AES256-SHA \"GET / "
                                   "HTTP/1.1\" 512\n") == "apache");
  CHECK_FALSE(logs::recognise_log_format("198.51.100.23 - - [30/Nov/2026:09:15:02 +0100] \"GET / HTTP/1.1\" 200 5\n"));
  CHECK_FALSE(logs::recognise_log_format("Nov 30 08:15:01 host kernel: hello\n"));
}

TEST_CASE("text_log_events_write_suite_and_offered_suites_in_schema_1_1", "[logs]") {
  logs::TlsUseEvent event;
  event.source_format = "nginx";
  event.source_file = "access.log";
  event.source_line = 1;
  nlohmann::json document = logs::to_json_document(event);
  CHECK(document["schema_version"] == "1.1");
  CHECK(document["suite"].is_null());
  CHECK(document["offered_tls12_suites"].is_null());
  event.suite = "TLS_RSA_WITH_AES_128_CBC_SHA";
  event.offered_tls12_suites = false;
  document = logs::to_json_document(event);
  CHECK(document["suite"] == "TLS_RSA_WITH_AES_128_CBC_SHA");
  CHECK(document["offered_tls12_suites"] == false);
}
