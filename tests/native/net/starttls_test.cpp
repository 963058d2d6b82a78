#include <catch2/catch.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "net/connection.h"
#include "net/fake_server.h"
#include "net/starttls.h"
#include "net/starttls_dialogue.h"

using namespace std::chrono_literals;
using tlsready::Failure;
using tlsready::FailureKind;
using tlsready::net::Connection;
using tlsready::net::StartTls;
using tlsready::test::FakeServer;

namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// Connects to `server` and runs the dialogue; the connection stays open in `connection`.
std::optional<Failure> negotiate(FakeServer& server, StartTls protocol, Connection& connection,
                                 std::chrono::milliseconds timeout = 2s, const std::string& client_name = "tlsready.test") {
  server.start();
  if (auto failure = Connection::open(server.address(), 2s, connection)) return failure;
  return tlsready::net::negotiate_starttls(connection, protocol, client_name, timeout);
}

// BER element with a definite length (short or long form).
std::string tlv(uint8_t tag, const std::string& content) {
  std::string out(1, static_cast<char>(tag));
  const size_t n = content.size();
  if (n < 0x80) {
    out += static_cast<char>(n);
  } else if (n <= 0xff) {
    out += "\x81";
    out += static_cast<char>(n);
  } else {
    out += "\x82";
    out += static_cast<char>(n >> 8);
    out += static_cast<char>(n & 0xff);
  }
  return out + content;
}

std::string ldap_response(int message_id, int result_code, const std::string& diagnostic,
                          const std::string& extra_in_op = "", const std::string& after_op = "") {
  const std::string op = tlv(0x0a, std::string(1, static_cast<char>(result_code))) + tlv(0x04, "") +
                         tlv(0x04, diagnostic) + extra_in_op;
  return tlv(0x30, tlv(0x02, std::string(1, static_cast<char>(message_id))) + tlv(0x78, op) + after_op);
}

const std::string kStartTlsOid = "1.3.6.1.4.1.1466.20037";

std::string ldap_request() {
  const auto bytes = tlsready::net::detail::ldap_starttls_request();
  return std::string(bytes.begin(), bytes.end());
}

std::span<const uint8_t> bytes_of(const std::string& text) {
  return {reinterpret_cast<const uint8_t*>(text.data()), text.size()};
}

}  // namespace

// ---------------------------------------------------------------------------------------- names

TEST_CASE("starttls_names_round_trip_case_insensitively", "[net][starttls]") {
  for (auto protocol : {StartTls::none, StartTls::smtp, StartTls::imap, StartTls::pop3, StartTls::ftp, StartTls::ldap,
                        StartTls::postgres}) {
    const std::string name(tlsready::net::to_string(protocol));
    CHECK(tlsready::net::parse_starttls(name) == protocol);
  }
  CHECK(tlsready::net::parse_starttls("SMTP") == StartTls::smtp);
  CHECK(tlsready::net::parse_starttls("PostgreSQL") == StartTls::postgres);
  CHECK_FALSE(tlsready::net::parse_starttls("xmpp"));
  CHECK_FALSE(tlsready::net::parse_starttls(""));
}

TEST_CASE("starttls_for_port_maps_well_known_plaintext_ports", "[net][starttls]") {
  CHECK(tlsready::net::starttls_for_port(25) == StartTls::smtp);
  CHECK(tlsready::net::starttls_for_port(587) == StartTls::smtp);
  CHECK(tlsready::net::starttls_for_port(143) == StartTls::imap);
  CHECK(tlsready::net::starttls_for_port(110) == StartTls::pop3);
  CHECK(tlsready::net::starttls_for_port(21) == StartTls::ftp);
  CHECK(tlsready::net::starttls_for_port(389) == StartTls::ldap);
  CHECK(tlsready::net::starttls_for_port(5432) == StartTls::postgres);
  for (int port : {443, 465, 993, 995, 636, 8443}) {
    INFO(port);
    CHECK(tlsready::net::starttls_for_port(static_cast<uint16_t>(port)) == StartTls::none);
  }
}

TEST_CASE("starttls_none_does_nothing", "[net][starttls]") {
  Connection connection;  // not even open
  CHECK_FALSE(tlsready::net::negotiate_starttls(connection, StartTls::none, "", 1s));
}

TEST_CASE("starttls_on_a_closed_connection_fails_as_internal", "[net][starttls]") {
  Connection connection;
  const auto failure = tlsready::net::negotiate_starttls(connection, StartTls::smtp, "", 1s);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::internal);
}

// ----------------------------------------------------------------------------------------- SMTP

TEST_CASE("smtp_starttls_succeeds_after_multi_line_banner_and_ehlo", "[net][starttls][smtp]") {
  FakeServer server;
  server.send("220-mail.test ESMTP\r\n220 ready\r\n")
      .expect("EHLO tlsready.test\r\n")
      .send("250-mail.test greets you\r\n250-PIPELINING\r\n250-starttls\r\n250 SIZE 1000\r\n")
      .expect("STARTTLS\r\n")
      .send("220 2.0.0 Ready to start TLS\r\n")
      .expect("\x16\x03\x01");
  Connection connection;
  const auto failure = negotiate(server, StartTls::smtp, connection);
  REQUIRE_FALSE(failure);
  CHECK(connection.buffered() == 0);
  REQUIRE_FALSE(connection.send_all(bytes_of("\x16\x03\x01"), 1s));  // the ClientHello would go next
  CHECK(server.finish().empty());
}

TEST_CASE("smtp_starttls_uses_localhost_when_no_client_name_is_given", "[net][starttls][smtp]") {
  FakeServer server;
  server.send("220 mail.test\r\n").expect("EHLO localhost\r\n").send("250 STARTTLS\r\n");
  Connection connection;
  const auto failure = negotiate(server, StartTls::smtp, connection, 2s, "");
  // "250 STARTTLS" alone: the only line is the greeting line, which is not a keyword.
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(server.finish().empty());
}

TEST_CASE("smtp_starttls_fails_when_server_lacks_starttls", "[net][starttls][smtp]") {
  FakeServer server;
  server.send("220 mail.test ESMTP\r\n")
      .expect("EHLO tlsready.test\r\n")
      .send("250-mail.test\r\n250-STARTTLSX\r\n250 SIZE 1000\r\n");
  Connection connection;
  const auto failure = negotiate(server, StartTls::smtp, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "server does not offer STARTTLS"));
  CHECK(contains(failure->message, "250 SIZE 1000"));
  CHECK(server.finish().empty());
}

TEST_CASE("smtp_starttls_fails_when_server_refuses_the_command", "[net][starttls][smtp]") {
  FakeServer server;
  server.send("220 mail.test ESMTP\r\n")
      .expect("EHLO tlsready.test\r\n")
      .send("250-mail.test\r\n250 STARTTLS\r\n")
      .expect("STARTTLS\r\n")
      .send("454 4.7.0 TLS not available due to temporary reason\r\n");
  Connection connection;
  const auto failure = negotiate(server, StartTls::smtp, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "\"454 4.7.0 TLS not available due to temporary reason\""));
  CHECK(server.finish().empty());
}

TEST_CASE("smtp_starttls_fails_when_the_greeting_refuses_the_session", "[net][starttls][smtp]") {
  FakeServer server;
  server.send("554 5.7.1 go away\r\n");
  Connection connection;
  const auto failure = negotiate(server, StartTls::smtp, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "\"554 5.7.1 go away\""));
  server.finish();
}

TEST_CASE("smtp_starttls_fails_when_ehlo_is_refused", "[net][starttls][smtp]") {
  FakeServer server;
  server.send("220 old.test\r\n").expect("EHLO tlsready.test\r\n").send("502 5.5.2 command not recognized\r\n");
  Connection connection;
  const auto failure = negotiate(server, StartTls::smtp, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "EHLO"));
  CHECK(contains(failure->message, "502"));
  server.finish();
}

TEST_CASE("smtp_starttls_fails_on_a_malformed_greeting", "[net][starttls][smtp]") {
  FakeServer server;
  server.send("HTTP/1.1 400 Bad Request\r\n");
  Connection connection;
  const auto failure = negotiate(server, StartTls::smtp, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "malformed reply"));
  CHECK(contains(failure->message, "\"HTTP/1.1 400 Bad Request\""));
  server.finish();
}

TEST_CASE("smtp_starttls_fails_on_an_oversized_reply_line", "[net][starttls][smtp]") {
  FakeServer server;
  server.send("220 " + std::string(5000, 'a') + "\r\n");
  Connection connection;
  const auto failure = negotiate(server, StartTls::smtp, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "longer than"));
  connection.close();
  server.finish();
}

TEST_CASE("smtp_starttls_fails_on_an_endless_multi_line_reply", "[net][starttls][smtp]") {
  std::string banner;
  for (int i = 0; i < 500; ++i) banner += "220-more\r\n";
  FakeServer server;
  server.send(banner);
  Connection connection;
  const auto failure = negotiate(server, StartTls::smtp, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "lines"));
  connection.close();
  server.finish();
}

TEST_CASE("smtp_starttls_waits_for_a_slow_banner", "[net][starttls][smtp]") {
  FakeServer server;
  server.send_slowly("220-slow\r\n220 mail.test\r\n", 10ms)
      .expect("EHLO tlsready.test\r\n")
      .send("250-mail.test\r\n250 STARTTLS\r\n")
      .expect("STARTTLS\r\n")
      .send("220 go ahead\r\n");
  Connection connection;
  CHECK_FALSE(negotiate(server, StartTls::smtp, connection, 2s));
  CHECK(server.finish().empty());
}

TEST_CASE("smtp_starttls_times_out_on_a_silent_server", "[net][starttls][smtp]") {
  FakeServer server;  // accepts, never greets
  Connection connection;
  const auto start = std::chrono::steady_clock::now();
  const auto failure = negotiate(server, StartTls::smtp, connection, 200ms);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::timeout);
  CHECK(contains(failure->message, "SMTP greeting"));
  CHECK(std::chrono::steady_clock::now() - start < 2s);
  connection.close();
  server.finish();
}

TEST_CASE("smtp_starttls_times_out_on_a_banner_that_drips_too_slowly", "[net][starttls][smtp]") {
  FakeServer server;
  server.send_slowly("220-this banner takes far too long\r\n", 50ms);
  Connection connection;
  const auto failure = negotiate(server, StartTls::smtp, connection, 300ms);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::timeout);
  connection.close();
  server.finish();
}

TEST_CASE("smtp_starttls_reports_a_server_that_closes_after_the_banner", "[net][starttls][smtp]") {
  FakeServer server;
  server.send("220 mail.test\r\n").expect("EHLO tlsready.test\r\n").close();
  Connection connection;
  const auto failure = negotiate(server, StartTls::smtp, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::connection_closed);
  CHECK(contains(failure->message, "SMTP EHLO"));
  server.finish();
}

TEST_CASE("smtp_starttls_reports_a_server_that_resets_the_connection", "[net][starttls][smtp]") {
  FakeServer server;
  server.send("220 mail.test\r\n").expect("EHLO tlsready.test\r\n").reset();
  Connection connection;
  const auto failure = negotiate(server, StartTls::smtp, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::connection_reset);
  server.finish();
}

TEST_CASE("smtp_starttls_rejects_data_pipelined_after_the_go_ahead", "[net][starttls][smtp]") {
  FakeServer server;
  server.send("220 mail.test\r\n")
      .expect("EHLO tlsready.test\r\n")
      .send("250-mail.test\r\n250 STARTTLS\r\n")
      .expect("STARTTLS\r\n")
      .send("220 go ahead\r\n250 injected\r\n");
  Connection connection;
  const auto failure = negotiate(server, StartTls::smtp, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "unexpected bytes"));
  server.finish();
}

TEST_CASE("smtp_starttls_rejects_a_client_name_that_would_inject_commands", "[net][starttls][smtp]") {
  FakeServer server;
  Connection connection;
  const auto failure = negotiate(server, StartTls::smtp, connection, 2s, "evil\r\nRCPT TO:<x>");
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::invalid_target);
  connection.close();
  CHECK(server.finish().empty());
  CHECK(server.received().empty());
}

// ----------------------------------------------------------------------------------------- IMAP

TEST_CASE("imap_starttls_succeeds_after_untagged_data", "[net][starttls][imap]") {
  FakeServer server;
  server.send("* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] ready\r\n")
      .expect("a1 STARTTLS\r\n")
      .send("* CAPABILITY IMAP4rev1 STARTTLS\r\na1 OK Begin TLS negotiation now\r\n");
  Connection connection;
  CHECK_FALSE(negotiate(server, StartTls::imap, connection));
  CHECK(server.finish().empty());
}

TEST_CASE("imap_starttls_fails_when_server_answers_no", "[net][starttls][imap]") {
  FakeServer server;
  server.send("* OK ready\r\n").expect("a1 STARTTLS\r\n").send("a1 NO STARTTLS is disabled\r\n");
  Connection connection;
  const auto failure = negotiate(server, StartTls::imap, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "\"a1 NO STARTTLS is disabled\""));
  CHECK(server.finish().empty());
}

TEST_CASE("imap_starttls_fails_when_server_answers_bad", "[net][starttls][imap]") {
  FakeServer server;
  server.send("* OK ready\r\n").expect("a1 STARTTLS\r\n").send("a1 BAD unknown command\r\n");
  Connection connection;
  const auto failure = negotiate(server, StartTls::imap, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "a1 BAD"));
  server.finish();
}

TEST_CASE("imap_starttls_fails_when_server_says_bye_instead_of_answering", "[net][starttls][imap]") {
  FakeServer server;
  server.send("* OK ready\r\n").expect("a1 STARTTLS\r\n").send("* BYE autologout\r\n").close();
  Connection connection;
  const auto failure = negotiate(server, StartTls::imap, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "\"* BYE autologout\""));
  server.finish();
}

TEST_CASE("imap_starttls_fails_on_a_preauth_greeting", "[net][starttls][imap]") {
  FakeServer server;
  server.send("* PREAUTH welcome back\r\n");
  Connection connection;
  const auto failure = negotiate(server, StartTls::imap, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "PREAUTH"));
  CHECK(server.finish().empty());
  CHECK(server.received().empty());  // no STARTTLS was sent
}

TEST_CASE("imap_starttls_fails_on_a_malformed_greeting", "[net][starttls][imap]") {
  FakeServer server;
  server.send("220 this is smtp\r\n");
  Connection connection;
  const auto failure = negotiate(server, StartTls::imap, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "\"220 this is smtp\""));
  server.finish();
}

TEST_CASE("imap_starttls_fails_on_an_oversized_line", "[net][starttls][imap]") {
  FakeServer server;
  server.send("* OK ready\r\n").expect("a1 STARTTLS\r\n").send("* " + std::string(9000, 'x') + "\r\n");
  Connection connection;
  const auto failure = negotiate(server, StartTls::imap, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "longer than"));
  connection.close();
  server.finish();
}

// ----------------------------------------------------------------------------------------- POP3

TEST_CASE("pop3_starttls_succeeds_with_stls", "[net][starttls][pop3]") {
  FakeServer server;
  server.send("+OK POP3 ready\r\n").expect("STLS\r\n").send("+OK Begin TLS negotiation\r\n");
  Connection connection;
  CHECK_FALSE(negotiate(server, StartTls::pop3, connection));
  CHECK(server.finish().empty());
}

TEST_CASE("pop3_starttls_fails_when_server_refuses_stls", "[net][starttls][pop3]") {
  FakeServer server;
  server.send("+OK POP3 ready\r\n").expect("STLS\r\n").send("-ERR command not supported\r\n");
  Connection connection;
  const auto failure = negotiate(server, StartTls::pop3, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "\"-ERR command not supported\""));
  CHECK(server.finish().empty());
}

TEST_CASE("pop3_starttls_fails_on_a_malformed_greeting", "[net][starttls][pop3]") {
  FakeServer server;
  server.send("+OKAY\r\n");
  Connection connection;
  const auto failure = negotiate(server, StartTls::pop3, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "malformed greeting"));
  server.finish();
}

TEST_CASE("pop3_starttls_fails_on_an_oversized_greeting", "[net][starttls][pop3]") {
  FakeServer server;
  server.send("+OK " + std::string(3000, 'p'));
  Connection connection;
  const auto failure = negotiate(server, StartTls::pop3, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  connection.close();
  server.finish();
}

// ------------------------------------------------------------------------------------------ FTP

TEST_CASE("ftp_auth_tls_succeeds_after_a_multi_line_greeting_with_free_text", "[net][starttls][ftp]") {
  FakeServer server;
  server.send("220-Welcome\r\n  this line has no code\r\n220 FTP ready\r\n")
      .expect("AUTH TLS\r\n")
      .send("234 AUTH TLS successful\r\n");
  Connection connection;
  CHECK_FALSE(negotiate(server, StartTls::ftp, connection));
  CHECK(server.finish().empty());
}

TEST_CASE("ftp_auth_tls_waits_through_a_120_delay_reply", "[net][starttls][ftp]") {
  FakeServer server;
  server.send("120 ready in 1 minute\r\n")
      .pause(50ms)
      .send("220 ready\r\n")
      .expect("AUTH TLS\r\n")
      .send("234 go\r\n");
  Connection connection;
  CHECK_FALSE(negotiate(server, StartTls::ftp, connection));
  CHECK(server.finish().empty());
}

TEST_CASE("ftp_auth_tls_fails_when_server_refuses", "[net][starttls][ftp]") {
  FakeServer server;
  server.send("220 ready\r\n").expect("AUTH TLS\r\n").send("504 Security mechanism not understood\r\n");
  Connection connection;
  const auto failure = negotiate(server, StartTls::ftp, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "\"504 Security mechanism not understood\""));
  CHECK(server.finish().empty());
}

TEST_CASE("ftp_auth_tls_fails_on_a_malformed_reply", "[net][starttls][ftp]") {
  FakeServer server;
  server.send("22 ready\r\n");
  Connection connection;
  const auto failure = negotiate(server, StartTls::ftp, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "malformed"));
  server.finish();
}

// ----------------------------------------------------------------------------------------- LDAP

TEST_CASE("ldap_starttls_request_is_the_rfc4511_extended_request", "[net][starttls][ldap]") {
  const std::string expected = std::string("\x30\x1d\x02\x01\x01\x77\x18\x80\x16", 9) + kStartTlsOid;
  CHECK(ldap_request() == expected);
}

TEST_CASE("ldap_response_parser_reads_a_successful_extended_response", "[net][starttls][ldap]") {
  const std::string message = ldap_response(1, 0, "", tlv(0x8a, kStartTlsOid));
  tlsready::net::detail::LdapExtendedResponse response;
  const auto problem = tlsready::net::detail::parse_ldap_extended_response(bytes_of(message), response);
  REQUIRE_FALSE(problem);
  CHECK(response.message_id == 1);
  CHECK(response.result_code == 0);
  CHECK(response.response_name == kStartTlsOid);
}

TEST_CASE("ldap_response_parser_reads_code_diagnostic_referral_and_controls", "[net][starttls][ldap]") {
  const std::string referral = tlv(0xa3, tlv(0x04, "ldap://other.test/"));
  const std::string controls = tlv(0xa0, tlv(0x30, tlv(0x04, "1.2.3")));
  const std::string diagnostic(200, 'd');  // long-form length inside
  const std::string message = ldap_response(1, 53, diagnostic, referral, controls);
  tlsready::net::detail::LdapExtendedResponse response;
  REQUIRE_FALSE(tlsready::net::detail::parse_ldap_extended_response(bytes_of(message), response));
  CHECK(response.result_code == 53);
  CHECK(response.diagnostic == diagnostic);
  CHECK(response.response_name.empty());
}

TEST_CASE("ldap_response_parser_rejects_malformed_messages", "[net][starttls][ldap]") {
  const std::string good = ldap_response(1, 0, "");
  const std::vector<std::pair<std::string, std::string>> rows{
      {"empty", ""},
      {"truncated", good.substr(0, good.size() - 1)},
      {"trailing bytes", good + std::string(1, '\0')},
      {"not a sequence", "\x31" + good.substr(1)},
      {"bind response instead", tlv(0x30, tlv(0x02, "\x01") + tlv(0x61, tlv(0x0a, std::string(1, '\0'))))},
      {"missing diagnostic",
       tlv(0x30, tlv(0x02, "\x01") + tlv(0x78, tlv(0x0a, std::string(1, '\0')) + tlv(0x04, "")))},
      {"indefinite length", std::string("\x30\x80\x02\x01\x01\x00\x00", 7)},
      {"length of 5 octets", std::string("\x30\x85\x00\x00\x00\x00\x05", 7)},
      {"inner length past the end", std::string("\x30\x05\x02\x09\x01\x01\x01", 7)},
      {"empty messageID", tlv(0x30, tlv(0x02, "") + tlv(0x78, ""))},
      {"multi-byte tag", tlv(0x30, std::string("\x1f\x01\x00", 3))},
  };
  for (const auto& [name, message] : rows) {
    INFO(name);
    tlsready::net::detail::LdapExtendedResponse response;
    CHECK(tlsready::net::detail::parse_ldap_extended_response(bytes_of(message), response));
  }
}

TEST_CASE("ldap_starttls_succeeds_on_result_code_zero", "[net][starttls][ldap]") {
  FakeServer server;
  server.expect(ldap_request()).send(ldap_response(1, 0, "", tlv(0x8a, kStartTlsOid)));
  Connection connection;
  CHECK_FALSE(negotiate(server, StartTls::ldap, connection));
  CHECK(server.finish().empty());
}

TEST_CASE("ldap_starttls_reads_a_response_that_arrives_in_pieces", "[net][starttls][ldap]") {
  const std::string response = ldap_response(1, 0, std::string(300, 'z'));
  FakeServer server;
  server.expect(ldap_request()).send(response.substr(0, 1)).pause(30ms).send(response.substr(1, 3)).pause(30ms).send(
      response.substr(4));
  Connection connection;
  CHECK_FALSE(negotiate(server, StartTls::ldap, connection));
  CHECK(server.finish().empty());
}

TEST_CASE("ldap_starttls_fails_with_the_result_code_when_refused", "[net][starttls][ldap]") {
  FakeServer server;
  server.expect(ldap_request()).send(ldap_response(1, 2, "unsupported extended operation"));
  Connection connection;
  const auto failure = negotiate(server, StartTls::ldap, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "resultCode 2 (protocolError)"));
  CHECK(contains(failure->message, "\"unsupported extended operation\""));
  CHECK(server.finish().empty());
}

TEST_CASE("ldap_starttls_fails_on_a_notice_of_disconnection", "[net][starttls][ldap]") {
  FakeServer server;
  server.expect(ldap_request())
      .send(ldap_response(0, 52, "shutting down", tlv(0x8a, "1.3.6.1.4.1.1466.20036")))
      .close();
  Connection connection;
  const auto failure = negotiate(server, StartTls::ldap, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "notice of disconnection"));
  CHECK(contains(failure->message, "52 (unavailable)"));
  server.finish();
}

TEST_CASE("ldap_starttls_fails_on_a_reply_that_is_not_ldap", "[net][starttls][ldap]") {
  FakeServer server;
  server.expect(ldap_request()).send("HTTP/1.0 400 Bad Request\r\n\r\n");
  Connection connection;
  const auto failure = negotiate(server, StartTls::ldap, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "not an LDAP message"));
  connection.close();
  server.finish();
}

TEST_CASE("ldap_starttls_fails_on_a_malformed_response_body", "[net][starttls][ldap]") {
  FakeServer server;
  server.expect(ldap_request()).send(tlv(0x30, tlv(0x02, "\x01") + tlv(0x65, tlv(0x0a, std::string(1, '\0')))));
  Connection connection;
  const auto failure = negotiate(server, StartTls::ldap, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "malformed ExtendedResponse"));
  server.finish();
}

TEST_CASE("ldap_starttls_rejects_an_oversized_response_without_reading_it", "[net][starttls][ldap]") {
  FakeServer server;
  server.expect(ldap_request()).send(std::string("\x30\x84\x7f\xff\xff\xff", 6));
  Connection connection;
  const auto failure = negotiate(server, StartTls::ldap, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "exceeds the limit"));
  connection.close();
  server.finish();
}

TEST_CASE("ldap_starttls_rejects_an_indefinite_length", "[net][starttls][ldap]") {
  FakeServer server;
  server.expect(ldap_request()).send(std::string("\x30\x80", 2));
  Connection connection;
  const auto failure = negotiate(server, StartTls::ldap, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "indefinite"));
  connection.close();
  server.finish();
}

TEST_CASE("ldap_starttls_reports_a_server_that_closes_mid_response", "[net][starttls][ldap]") {
  FakeServer server;
  server.expect(ldap_request()).send(ldap_response(1, 0, "").substr(0, 6)).close();
  Connection connection;
  const auto failure = negotiate(server, StartTls::ldap, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::connection_closed);
  server.finish();
}

TEST_CASE("ldap_starttls_times_out_on_a_silent_server", "[net][starttls][ldap]") {
  FakeServer server;
  server.expect(ldap_request());
  Connection connection;
  const auto failure = negotiate(server, StartTls::ldap, connection, 200ms);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::timeout);
  connection.close();
  server.finish();
}

// ----------------------------------------------------------------------------------- PostgreSQL

TEST_CASE("postgres_sslrequest_succeeds_on_s", "[net][starttls][postgres]") {
  FakeServer server;
  server.expect(std::string("\x00\x00\x00\x08\x04\xd2\x16\x2f", 8)).send("S");
  Connection connection;
  CHECK_FALSE(negotiate(server, StartTls::postgres, connection));
  CHECK(server.finish().empty());
}

TEST_CASE("postgres_sslrequest_fails_when_server_refuses_ssl", "[net][starttls][postgres]") {
  FakeServer server;
  server.expect(std::string("\x00\x00\x00\x08\x04\xd2\x16\x2f", 8)).send("N");
  Connection connection;
  const auto failure = negotiate(server, StartTls::postgres, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "server refuses SSL"));
  CHECK(server.finish().empty());
}

TEST_CASE("postgres_sslrequest_fails_on_an_error_response", "[net][starttls][postgres]") {
  FakeServer server;
  server.expect(std::string("\x00\x00\x00\x08\x04\xd2\x16\x2f", 8)).send("E\x00\x00\x00\x10SFATAL");
  Connection connection;
  const auto failure = negotiate(server, StartTls::postgres, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "error"));
  server.finish();
}

TEST_CASE("postgres_sslrequest_fails_on_an_unexpected_byte", "[net][starttls][postgres]") {
  FakeServer server;
  server.expect(std::string("\x00\x00\x00\x08\x04\xd2\x16\x2f", 8)).send("\x15");
  Connection connection;
  const auto failure = negotiate(server, StartTls::postgres, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::starttls_failed);
  CHECK(contains(failure->message, "0x15"));
  server.finish();
}

TEST_CASE("postgres_sslrequest_reports_a_server_that_closes", "[net][starttls][postgres]") {
  FakeServer server;
  server.expect(std::string("\x00\x00\x00\x08\x04\xd2\x16\x2f", 8)).close();
  Connection connection;
  const auto failure = negotiate(server, StartTls::postgres, connection);
  REQUIRE(failure);
  CHECK(failure->kind == FailureKind::connection_closed);
  server.finish();
}
