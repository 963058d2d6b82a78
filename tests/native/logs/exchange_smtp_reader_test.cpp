#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "logs/exchange_smtp_reader.h"
#include "logs/tls_use_reader.h"

using namespace tlsready;

namespace {

const std::string kData = std::string(TLSREADY_SOURCE_DIR) + "/tests/data/logs/exchange/";

std::vector<logs::TlsUseEvent> read_file(const std::string& name, logs::LogReadStats* stats = nullptr) {
  std::ifstream file(kData + name, std::ios::binary);
  REQUIRE(file);
  logs::ExchangeSmtpReader reader(file, name);
  std::vector<logs::TlsUseEvent> events;
  logs::TlsUseEvent event;
  while (reader.next(event)) events.push_back(event);
  if (stats) *stats = reader.stats();
  return events;
}

}  // namespace

TEST_CASE("exchange_reader_joins_each_tls_session_with_its_ehlo_and_user", "[logs]") {
  logs::LogReadStats stats;
  const auto events = read_file("RECV2026113008-1.LOG", &stats);
  REQUIRE(events.size() == 3);

  const auto& printer = events[0];  // closed first
  CHECK(printer.protocol == model::ProtocolVersion::tls1_0);
  CHECK(printer.protocol_raw == "SP_PROT_TLS1_0_SERVER");
  CHECK(printer.client_address == "198.51.100.50");
  CHECK(printer.client_port == 50123);
  CHECK(printer.client_name == "printer01.contoso.example");
  CHECK(printer.server == "192.0.2.10");
  CHECK(printer.server_port == 25);
  CHECK(printer.site == "EX01\\Default Frontend EX01");
  CHECK(printer.cipher == "AES-256");
  CHECK(printer.hash == "SHA1");
  CHECK(printer.key_exchange == "ECDHE");
  CHECK(printer.time == "2026-11-30T08:00:01Z");
  CHECK(printer.source_line == 14);
  CHECK(printer.source_format == "exchange-smtp");
  CHECK(printer.resource == "smtp-receive");

  const auto& laptop = events[1];  // IPv6, the hyphenated spelling, authenticated
  CHECK(laptop.protocol == model::ProtocolVersion::tls1_1);
  CHECK(laptop.client_address == "2001:db8::77");
  CHECK(laptop.client_port == 51000);
  CHECK(laptop.server_port == 587);
  CHECK(laptop.user == "CONTOSO\\carol");
  CHECK(laptop.client_name == "LAPTOP-7");
  CHECK(laptop.key_exchange == "RSA");

  const auto& relay = events[2];  // never closed: emitted at the end of the file
  CHECK(relay.protocol == model::ProtocolVersion::tls1_2);
  CHECK(relay.client_name == "relay.partner.example");
  CHECK(relay.hash == "SHA384");

  CHECK(stats.events == 3);
  CHECK(stats.malformed == 1);
  CHECK(stats.malformed_lines == std::vector<std::size_t>{27});
  CHECK(stats.directives == 5);
}

TEST_CASE("exchange_send_log_makes_this_server_the_client", "[logs]") {
  const auto events = read_file("SEND2026113008-1.LOG");
  REQUIRE(events.size() == 1);
  CHECK(events[0].protocol == model::ProtocolVersion::tls1_0);
  CHECK(events[0].client_address == "192.0.2.10");
  CHECK(events[0].server == "203.0.113.40");
  CHECK(events[0].server_port == 25);
  CHECK(events[0].client_name == "EX01.contoso.example");
  CHECK(events[0].cipher == "3DES");
  CHECK(events[0].resource == "smtp-send");
}

TEST_CASE("exchange_reader_caps_open_sessions", "[logs]") {
  std::string text =
      "#Fields: date-time,connector-id,session-id,sequence-number,local-endpoint,remote-endpoint,event,data,context\n";
  const std::size_t sessions = logs::ExchangeSmtpReader::kMaxOpenSessions + 10;
  for (std::size_t i = 0; i < sessions; ++i) {
    text += "2026-11-30T08:00:01.000Z,c,S" + std::to_string(i) +
            ",0,192.0.2.10:25,198.51.100.1:1000,*,,\"TLS protocol SP_PROT_TLS1_0_SERVER negotiation succeeded\"\n";
  }
  std::istringstream input(text);
  logs::ExchangeSmtpReader reader(input, "many.log");
  logs::TlsUseEvent event;
  std::size_t count = 0;
  while (reader.next(event)) ++count;
  CHECK(count == sessions);  // the oldest emitted early, the rest at the end: none lost, none twice
}

TEST_CASE("log_formats_are_recognised_from_the_first_lines", "[logs]") {
  CHECK(logs::recognise_log_format("#Software: Microsoft Internet Information Services 10.0\r\n") == "iis");
  CHECK(logs::recognise_log_format("#Fields: date time crypt-protocol\n") == "iis");
  CHECK(logs::recognise_log_format("#Software: Microsoft Exchange Server\r\n#Version: 15.0.0.0\r\n#Log-type: SMTP "
                                   "Receive Protocol Log\r\n") == "exchange-smtp");
  CHECK(logs::recognise_log_format("\xEF\xBB\xBF#Fields: date-time,connector-id,session-id,sequence-number,"
                                   "local-endpoint,remote-endpoint,event,data,context\n") == "exchange-smtp");
  CHECK_FALSE(logs::recognise_log_format("{\"schema_version\": \"2.0\"}\n").has_value());
  CHECK_FALSE(logs::recognise_log_format("").has_value());
  std::istringstream input("");
  CHECK(logs::make_reader("squid", input, "x") == nullptr);
  CHECK(logs::make_reader("exchange-smtp", input, "x") != nullptr);
}
