#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "logs/iis_w3c_reader.h"
#include "logs/schannel_log_values.h"
#include "logs/tls_use_event_json.h"

using namespace tlsready;

namespace {

const std::string kSample = std::string(TLSREADY_SOURCE_DIR) + "/tests/data/logs/iis/W3SVC1/u_ex261130_x.log";

std::vector<logs::TlsUseEvent> read_all(std::istream& input, const std::string& name,
                                        logs::LogReadStats* stats = nullptr) {
  logs::IisW3cReader reader(input, name);
  std::vector<logs::TlsUseEvent> events;
  logs::TlsUseEvent event;
  while (reader.next(event)) events.push_back(event);
  if (stats) *stats = reader.stats();
  return events;
}

std::vector<logs::TlsUseEvent> read_text(const std::string& text, logs::LogReadStats* stats = nullptr) {
  std::istringstream input(text);
  return read_all(input, "C:/inetpub/logs/LogFiles/W3SVC2/u_ex261130_x.log", stats);
}

const std::string kHeader =
    "#Fields: date time c-ip cs-username cs(User-Agent) crypt-protocol crypt-cipher crypt-hash crypt-keyexchange\n";

}  // namespace

TEST_CASE("schannel_values_map_iis_hex_and_exchange_constants", "[logs]") {
  using logs::SchannelValueKind;
  REQUIRE(logs::schannel_value_from_hex(SchannelValueKind::protocol, "40"));
  CHECK(logs::schannel_value_from_hex(SchannelValueKind::protocol, "40")->version == model::ProtocolVersion::tls1_0);
  CHECK(logs::schannel_value_from_hex(SchannelValueKind::protocol, "40")->role == "server");
  CHECK(logs::schannel_value_from_hex(SchannelValueKind::protocol, "0x800")->version == model::ProtocolVersion::tls1_2);
  CHECK(logs::schannel_value_from_hex(SchannelValueKind::protocol, "00000100")->version ==
        model::ProtocolVersion::tls1_1);
  CHECK(logs::schannel_value_from_hex(SchannelValueKind::cipher, "660e")->algorithm == "AES-128");
  CHECK(logs::schannel_value_from_hex(SchannelValueKind::cipher, "6603")->algorithm == "3DES");
  CHECK(logs::schannel_value_from_hex(SchannelValueKind::key_exchange, "AE06")->algorithm == "ECDHE");
  CHECK(logs::schannel_value_from_hex(SchannelValueKind::protocol, "6610") == nullptr);  // a cipher, not a protocol
  CHECK(logs::schannel_value_from_hex(SchannelValueKind::protocol, "-") == nullptr);
  CHECK(logs::schannel_value_from_hex(SchannelValueKind::protocol, "") == nullptr);
  CHECK(logs::schannel_value_from_hex(SchannelValueKind::protocol, "123456789") == nullptr);
  CHECK(logs::schannel_value_from_hex(SchannelValueKind::protocol, "4g") == nullptr);
  REQUIRE(logs::schannel_value_from_constant("SP_PROT_TLS1_2_SERVER"));
  CHECK(logs::schannel_value_from_constant("SP_PROT_TLS1_2_SERVER")->version == model::ProtocolVersion::tls1_2);
  CHECK(logs::schannel_value_from_constant("SP_PROT-TLS1_1_CLIENT")->version == model::ProtocolVersion::tls1_1);
  CHECK(logs::schannel_value_from_constant("SP_PROT_TLS1_SERVER")->version == model::ProtocolVersion::tls1_0);
  CHECK(logs::schannel_value_from_constant("calg_aes_256")->algorithm == "AES-256");
  CHECK(logs::schannel_value_from_constant("CALG_ECDH_EPHEM")->algorithm == "ECDHE");
  CHECK(logs::schannel_value_from_constant("SP_PROT_TLS9_SERVER") == nullptr);
}

TEST_CASE("iis_reader_reads_the_sample_log_with_a_header_change_mid_file", "[logs]") {
  std::ifstream file(kSample, std::ios::binary);
  REQUIRE(file);
  logs::LogReadStats stats;
  const auto events = read_all(file, kSample, &stats);
  REQUIRE(events.size() == 6);

  const auto& ie8 = events[0];
  CHECK(ie8.time == "2026-11-30T08:00:01Z");
  CHECK(ie8.client_address == "198.51.100.23");
  CHECK(ie8.user_agent == "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)");
  CHECK(ie8.user.empty());
  CHECK(ie8.protocol == model::ProtocolVersion::tls1_0);
  CHECK(ie8.protocol_raw == "40");
  CHECK(ie8.cipher == "AES-256");
  CHECK(ie8.hash == "SHA1");
  CHECK(ie8.key_exchange == "ECDHE");
  CHECK(ie8.server == "192.0.2.10");  // no s-computername in the first header: the server's address
  CHECK(ie8.server_port == 443);
  CHECK(ie8.site == "W3SVC1");  // no s-sitename: the folder the file is in
  CHECK(ie8.resource == "/owa/");
  CHECK(ie8.source_format == "iis");
  CHECK(ie8.source_line == 5);
  CHECK(logs::uses_legacy_protocol(ie8));

  CHECK(events[1].protocol == model::ProtocolVersion::tls1_1);
  CHECK(events[1].user == "CONTOSO\\svc-scanner");
  CHECK(events[1].key_exchange == "RSA");
  CHECK(events[2].protocol == model::ProtocolVersion::tls1_2);
  CHECK(events[2].hash.empty());  // 0: an AEAD suite, no separate MAC
  CHECK_FALSE(logs::uses_legacy_protocol(events[2]));
  CHECK(events[3].cipher == "3DES");

  // After the second #Fields header: site and computer name are logged.
  const auto& phone = events[4];
  CHECK(phone.protocol == model::ProtocolVersion::tls1_3);
  CHECK(phone.site == "W3SVC1");
  CHECK(phone.server == "WEB01");
  CHECK(phone.user == "bob");
  CHECK(phone.source_line == 14);

  const auto& odd = events[5];
  CHECK_FALSE(odd.protocol.has_value());  // 8000 is no SP_PROT_* value
  CHECK(odd.protocol_raw == "8000");

  CHECK(stats.events == 6);
  CHECK(stats.plain == 1);
  CHECK(stats.unknown_values == 1);
  CHECK(stats.directives == 8);
  CHECK(stats.malformed == 2);
  CHECK(stats.malformed_lines == std::vector<std::size_t>{15, 17});
  CHECK(stats.unterminated_last_line);
  CHECK(stats.lines == 17);
}

TEST_CASE("iis_reader_event_json_has_nulls_for_what_the_log_does_not_say", "[logs]") {
  const auto events = read_text(kHeader + "2026-11-30 10:00:00 198.51.100.1 - - 100 6610 8004 ae06\n");
  REQUIRE(events.size() == 1);
  const auto document = logs::to_json_document(events[0]);
  CHECK(document["schema_version"] == "1.1");  // 1.1: suite, offered_tls12_suites, client_hello
  CHECK(document["protocol"] == "TLSv1.1");
  CHECK(document["legacy_protocol"] == true);
  CHECK(document["user"].is_null());
  CHECK(document["user_agent"].is_null());
  CHECK(document["server_port"].is_null());
  CHECK(document["site"] == "W3SVC2");
  CHECK(document["source"]["line"] == 2);
  CHECK(document["source"]["format"] == "iis");
}

TEST_CASE("iis_reader_counts_requests_logged_without_the_crypt_fields", "[logs]") {
  logs::LogReadStats stats;
  const auto events =
      read_text("#Fields: date time c-ip cs(User-Agent)\n2026-11-30 10:00:00 198.51.100.1 curl\n", &stats);
  CHECK(events.empty());
  CHECK(stats.without_tls_fields == 1);
  CHECK(stats.malformed == 0);
}

TEST_CASE("iis_reader_treats_data_before_any_header_as_malformed", "[logs]") {
  logs::LogReadStats stats;
  const auto events = read_text("2026-11-30 10:00:00 198.51.100.1 curl\n" + kHeader, &stats);
  CHECK(events.empty());
  CHECK(stats.malformed == 1);
  CHECK(stats.malformed_lines == std::vector<std::size_t>{1});
}

TEST_CASE("iis_reader_keeps_invalid_utf8_readable_in_json", "[logs]") {
  const auto events = read_text(kHeader + "2026-11-30 10:00:00 198.51.100.1 - Caf\xE9/1.0 40 6610 8004 ae06\n");
  REQUIRE(events.size() == 1);
  CHECK(events[0].user_agent == "Caf\xE9/1.0");
  const auto document = logs::to_json_document(events[0]);
  CHECK(document["user_agent"] == "Caf\xEF\xBF\xBD/1.0");
  CHECK_NOTHROW(document.dump());
}

TEST_CASE("iis_reader_rejects_a_bad_date_as_unknown_time_not_as_garbage", "[logs]") {
  const auto events = read_text(kHeader + "30/11/2026 10:00 198.51.100.1 - - 40 6610 8004 ae06\n");
  REQUIRE(events.size() == 1);
  CHECK(events[0].time.empty());
}

TEST_CASE("line_source_cuts_long_lines_and_keeps_memory_bounded", "[logs]") {
  std::string text = std::string("\xEF\xBB\xBF") + "first\r\n" + std::string(300000, 'x') + "\nlast";
  std::istringstream input(text);
  logs::LineSource lines(input, 1000);
  logs::Line line;
  REQUIRE(lines.next(line));
  CHECK(line.text == "first");  // BOM and CR dropped
  CHECK_FALSE(line.cut);
  REQUIRE(lines.next(line));
  CHECK(line.text.size() == 1000);
  CHECK(line.cut);
  CHECK(line.number == 2);
  REQUIRE(lines.next(line));
  CHECK(line.text == "last");
  CHECK(line.unterminated);
  CHECK_FALSE(lines.next(line));
  CHECK(lines.bytes_read() == text.size());
}

TEST_CASE("line_source_reads_lines_across_block_boundaries", "[logs]") {
  std::string text;
  for (int i = 0; i < 50000; ++i) text += "line-" + std::to_string(i) + "\n";  // several 256 KiB blocks
  std::istringstream input(text);
  logs::LineSource lines(input);
  logs::Line line;
  int count = 0;
  while (lines.next(line)) {
    REQUIRE(line.text == "line-" + std::to_string(count));
    ++count;
  }
  CHECK(count == 50000);
}

TEST_CASE("line_source_of_an_empty_input_has_no_lines", "[logs]") {
  std::istringstream empty("");
  logs::LineSource lines(empty);
  logs::Line line;
  CHECK_FALSE(lines.next(line));
  std::istringstream bom_only("\xEF\xBB\xBF");
  logs::LineSource bom_lines(bom_only);
  CHECK_FALSE(bom_lines.next(line));
}
