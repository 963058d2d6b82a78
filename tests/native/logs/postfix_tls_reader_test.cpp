#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "logs/postfix_tls_reader.h"
#include "logs/tls_use_event_json.h"
#include "logs/tls_use_reader.h"

using namespace tlsready;

namespace {

const std::string kSample = std::string(TLSREADY_SOURCE_DIR) + "/tests/data/logs/postfix/mail.log";

}  // namespace

TEST_CASE("postfix_reader_reads_inbound_and_outbound_tls_summaries", "[logs]") {
  std::ifstream file(kSample, std::ios::binary);
  REQUIRE(file);
  logs::PostfixTlsReader reader(file, kSample, logs::SyslogYearRule{2026, 12, 3});
  std::vector<logs::TlsUseEvent> events;
  logs::TlsUseEvent event;
  while (reader.next(event)) events.push_back(event);
  REQUIRE(events.size() == 7);

  const auto& inbound = events[0];
  CHECK(inbound.time == "2026-11-30T08:15:02Z");
  CHECK(inbound.client_address == "198.51.100.7");
  CHECK(inbound.client_name.empty());  // "unknown": no reverse name
  CHECK(inbound.server == "mx1");
  CHECK(inbound.protocol == model::ProtocolVersion::tls1_0);
  CHECK(inbound.protocol_raw == "TLSv1");
  CHECK(inbound.suite == "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA");
  CHECK(inbound.cipher == "AES-256");
  CHECK(inbound.hash == "SHA1");
  CHECK(inbound.key_exchange == "ECDHE");
  CHECK(inbound.resource == "smtp-receive");
  CHECK(inbound.site == "postfix/smtpd");
  CHECK(inbound.source_format == "postfix");
  CHECK(inbound.source_line == 2);

  CHECK(events[1].client_name == "laptop.example.org");
  CHECK(events[1].site == "postfix/submission/smtpd");
  CHECK(events[1].protocol == model::ProtocolVersion::tls1_2);

  const auto& outbound = events[2];      // Postfix 3.4+ with key-exchange details after the bits
  CHECK(outbound.client_name == "mx1");  // this server connected out
  CHECK(outbound.client_address.empty());
  CHECK(outbound.server == "203.0.113.5");
  CHECK(outbound.server_port == 25);
  CHECK(outbound.resource == "smtp-send");
  CHECK(outbound.protocol == model::ProtocolVersion::tls1_3);
  CHECK(outbound.suite == "TLS_AES_256_GCM_SHA384");

  CHECK(events[3].server == "2001:db8::25");  // Postfix's [ipv6:...]
  CHECK(events[3].protocol == model::ProtocolVersion::tls1_1);

  CHECK(events[4].time == "2026-12-01T00:00:05Z");
  CHECK(events[4].resource == "lmtp-send");
  CHECK(events[5].time == "2026-11-30T23:01:00Z");  // an RFC 3339 stamp in +01:00
  CHECK(events[5].client_name == "relay.example.com");
  CHECK(events[6].protocol == model::ProtocolVersion::ssl3);
  CHECK(events[6].client_name == "h\xE9llo.example");
  CHECK(logs::to_json_document(events[6])["client_name"] == "h\xEF\xBF\xBDllo.example");

  const logs::LogReadStats& stats = reader.stats();
  CHECK(stats.lines == 12);
  CHECK(stats.malformed_lines == std::vector<std::size_t>{7, 8, 12});  // not syslog; no peer; cut off
  CHECK(stats.unterminated_last_line);
}

TEST_CASE("postfix_syslog_year_rolls_back_for_lines_after_the_last_write", "[logs]") {
  std::istringstream input(
      "Dec 31 23:59:00 mx1 postfix/smtpd[1]: Anonymous TLS connection established from a[192.0.2.1]: TLSv1 with "
      "cipher AES128-SHA (128/128 bits)\n"
      "Jan  1 00:01:00 mx1 postfix/smtpd[1]: Anonymous TLS connection established from a[192.0.2.1]: TLSv1.2 with "
      "cipher AES128-SHA (128/128 bits)\n");
  logs::PostfixTlsReader reader(input, "mail.log.1", logs::SyslogYearRule{2027, 1, 1});
  logs::TlsUseEvent event;
  REQUIRE(reader.next(event));
  CHECK(event.time == "2026-12-31T23:59:00Z");
  REQUIRE(reader.next(event));
  CHECK(event.time == "2027-01-01T00:01:00Z");
}

TEST_CASE("postfix_is_registered_and_recognised", "[logs]") {
  std::ifstream file(kSample, std::ios::binary);
  std::string head(4096, '\0');
  file.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(file.gcount()));
  CHECK(logs::recognise_log_format(head) == "postfix");
  std::istringstream input(head);
  const auto reader = logs::make_reader("postfix", input, kSample);
  REQUIRE(reader);
  logs::TlsUseEvent event;
  CHECK(reader->next(event));
}
