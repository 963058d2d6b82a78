#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "logs/legacy_client_summary.h"
#include "logs/schannel_event_reader.h"
#include "logs/tls_use_event_json.h"
#include "logs/tls_use_reader.h"

using namespace tlsready;

namespace {

const std::string kData = std::string(TLSREADY_SOURCE_DIR) + "/tests/data/logs/schannel/";

std::vector<logs::TlsUseEvent> read_stream(std::istream& input, const std::string& name,
                                           logs::LogReadStats* stats = nullptr) {
  logs::SchannelEventReader reader(input, name);
  std::vector<logs::TlsUseEvent> events;
  logs::TlsUseEvent event;
  while (reader.next(event)) events.push_back(event);
  if (stats) *stats = reader.stats();
  return events;
}

std::vector<logs::TlsUseEvent> read_file(const std::string& name, logs::LogReadStats* stats = nullptr) {
  std::ifstream file(kData + name, std::ios::binary);
  REQUIRE(file);
  return read_stream(file, name, stats);
}

std::vector<logs::TlsUseEvent> read_text(const std::string& text, logs::LogReadStats* stats = nullptr) {
  std::istringstream input(text);
  return read_stream(input, "events.xml", stats);
}

std::string slurp(const std::string& name) {
  std::ifstream file(kData + name, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

const std::string kNs = "http://schemas.microsoft.com/win/2004/08/events/event";

std::string schannel_event(int id, const std::string& time, const std::string& body,
                           const std::string& computer = "WEB02") {
  return "<Event xmlns='" + kNs + "'><System><Provider Name='Schannel'/><EventID>" + std::to_string(id) +
         "</EventID><TimeCreated SystemTime='" + time + "'/><Computer>" + computer +
         "</Computer></System><UserData><EventXML xmlns='LSA_NS'>" + body + "</EventXML></UserData></Event>";
}

}  // namespace

TEST_CASE("schannel_reader_reads_wevtutil_events_back_to_back", "[logs]") {
  if (!logs::schannel_events_available()) {
    std::istringstream input("<Event/>");
    CHECK_THROWS_WITH(logs::SchannelEventReader(input, "x.xml"), Catch::Contains("not available in this build"));
    return;
  }
  logs::LogReadStats stats;
  const auto events = read_file("wevtutil_system.xml", &stats);
  REQUIRE(events.size() == 5);

  const auto& handshake = events[0];  // 36880, server side, TLS 1.0 with ECDHE-RSA-AES256-SHA
  CHECK(handshake.resource == "handshake");
  CHECK(handshake.protocol == model::ProtocolVersion::tls1_0);
  CHECK(handshake.protocol_raw == "TLS 1.0");
  CHECK(handshake.cipher == "AES-256");
  CHECK(handshake.hash == "SHA1");
  CHECK(handshake.key_exchange == "ECDHE");
  CHECK(handshake.server == "WEB01.contoso.example");
  CHECK(handshake.client_address.empty());  // SCHANNEL does not say who
  CHECK(handshake.client_name.empty());
  CHECK(handshake.time == "2026-11-30T08:15:02Z");
  CHECK(handshake.source_format == "schannel-events");
  CHECK(handshake.source_file == "wevtutil_system.xml");
  CHECK(handshake.source_line == 1);
  CHECK(logs::uses_legacy_protocol(handshake));

  const auto& no_suite = events[1];  // 36874: the protocol only
  CHECK(no_suite.resource == "no common suite");
  CHECK(no_suite.protocol == model::ProtocolVersion::tls1_0);
  CHECK(no_suite.cipher.empty());
  CHECK(no_suite.time == "2026-11-30T08:16:10Z");

  const auto& alert = events[2];  // 36888 (older Windows: AlertDesc and ErrorState): no version named
  CHECK(alert.resource == "alert 70");
  CHECK_FALSE(alert.protocol.has_value());
  CHECK(alert.protocol_raw.empty());
  CHECK(alert.server == "WEB01.contoso.example");

  const auto& modern = events[3];  // TLS 1.2 with an AEAD suite: no separate MAC
  CHECK(modern.protocol == model::ProtocolVersion::tls1_2);
  CHECK(modern.cipher == "AES-256");
  CHECK(modern.hash.empty());
  CHECK(modern.key_exchange == "ECDHE");
  CHECK(modern.time == "2026-12-01T09:00:00Z");

  const auto& outbound = events[4];  // the client side: this machine connected out with TLS 1.1
  CHECK(outbound.protocol == model::ProtocolVersion::tls1_1);
  CHECK(outbound.client_name == "WEB01.contoso.example");
  CHECK(outbound.server == "legacy-erp.contoso.example");
  CHECK(outbound.key_exchange == "RSA");
  CHECK(outbound.cipher == "AES-128");

  CHECK(stats.events == 5);
  CHECK(stats.without_tls_fields == 1);  // the Service Control Manager event
  CHECK(stats.malformed == 1);           // the cut last event
  CHECK(stats.malformed_lines == std::vector<std::size_t>{2});
  CHECK(stats.unterminated_last_line);
  CHECK(stats.lines == 2);
  CHECK(stats.unknown_values == 0);
}

TEST_CASE("schannel_reader_reads_event_viewer_saved_xml_with_its_root_and_declaration", "[logs]") {
  if (!logs::schannel_events_available()) return;
  logs::LogReadStats stats;
  const auto events = read_file("eventviewer_saved.xml", &stats);
  REQUIRE(events.size() == 3);
  CHECK(events[0].protocol == model::ProtocolVersion::tls1_0);
  CHECK(events[0].cipher == "3DES");  // 0x000a TLS_RSA_WITH_3DES_EDE_CBC_SHA
  CHECK(events[0].key_exchange == "RSA");
  CHECK(events[0].time == "2026-11-29T23:59:59Z");  // the fraction is dropped, never rounded up
  CHECK(events[0].source_line == 3);
  CHECK(events[1].resource == "alert 70");
  CHECK(events[1].source_line == 8);  // the first event's message spans five lines
  CHECK(events[2].protocol == model::ProtocolVersion::tls1_3);
  CHECK(events[2].cipher == "AES-256");  // 0x1302 TLS_AES_256_GCM_SHA384
  CHECK(events[2].server == "EX01.contoso.example");
  CHECK(stats.malformed == 0);
  CHECK_FALSE(stats.unterminated_last_line);
  CHECK(stats.lines == 10);
}

TEST_CASE("schannel_reader_reads_utf16_with_bom_as_powershell_writes_it", "[logs]") {
  if (!logs::schannel_events_available()) return;
  logs::LogReadStats stats;
  const auto events = read_file("get_winevent_toxml_utf16.xml", &stats);
  REQUIRE(events.size() == 2);
  CHECK(events[0].resource == "no common suite");
  CHECK(events[0].protocol == model::ProtocolVersion::tls1_1);
  CHECK(events[0].source_line == 1);
  CHECK(events[1].protocol == model::ProtocolVersion::tls1_0);
  CHECK(events[1].cipher == "AES-256");  // 0x0035 TLS_RSA_WITH_AES_256_CBC_SHA
  CHECK(events[1].server == "DC01.contoso.example");
  CHECK(events[1].source_line == 3);
  CHECK(stats.without_tls_fields == 1);
  CHECK(stats.lines == 3);
  CHECK(stats.malformed == 0);

  // The same events in UTF-16BE without a BOM, and in UTF-8: read alike.
  const std::string utf16le = slurp("get_winevent_toxml_utf16.xml").substr(2);
  std::string utf16be;
  std::string utf8;
  for (std::size_t i = 0; i + 1 < utf16le.size(); i += 2) {
    utf16be.push_back(utf16le[i + 1]);
    utf16be.push_back(utf16le[i]);
  }
  const auto be_events = read_text(utf16be);
  REQUIRE(be_events.size() == 2);
  CHECK(be_events[1].cipher == "AES-256");
  CHECK(be_events[1].source_line == 3);
}

TEST_CASE("schannel_reader_resumes_after_a_broken_event_and_keeps_line_numbers", "[logs]") {
  if (!logs::schannel_events_available()) return;
  const std::string good1 =
      schannel_event(36880, "2026-11-30T01:00:00Z", "<Type>server</Type><Protocol>TLS 1.0</Protocol>");
  const std::string broken = "<Event xmlns='" + kNs + "'><System><Provider Name='Schannel'/><EventID>36874</Event>";
  const std::string good2 = schannel_event(36874, "2026-11-30T02:00:00Z", "<Protocol>SSL 3.0</Protocol>");
  logs::LogReadStats stats;
  const auto events = read_text(good1 + "\n" + broken + "\n\n" + good2 + "\n", &stats);
  REQUIRE(events.size() == 2);
  CHECK(events[0].source_line == 1);
  CHECK(events[1].source_line == 4);
  CHECK(events[1].protocol == model::ProtocolVersion::ssl3);
  CHECK(stats.malformed == 1);
  CHECK(stats.malformed_lines == std::vector<std::size_t>{2});
  CHECK(stats.lines == 4);
}

TEST_CASE("schannel_reader_takes_sp_prot_numbers_eventdata_and_counts_unknown_values", "[logs]") {
  if (!logs::schannel_events_available()) return;
  const std::string as_number = schannel_event(36874, "2026-11-30T01:00:00Z", "<Protocol>0x40</Protocol>");
  const std::string as_decimal = schannel_event(36874, "2026-11-30T01:00:00Z", "<Protocol>128</Protocol>");
  const std::string unknown = schannel_event(36874, "2026-11-30T01:00:00Z", "<Protocol>PCT 1.0</Protocol>");
  const std::string event_data = "<Event xmlns='" + kNs +
                                 "'><System><Provider Name='Schannel'/><EventID>36880</EventID><Computer>W3"
                                 "</Computer></System><EventData><Data Name='Protocol'>TLS 1.1</Data>"
                                 "<Data Name='CipherSuite'>0xC013</Data></EventData></Event>";
  const std::string other_id = schannel_event(36887, "2026-11-30T01:00:00Z", "<AlertDesc>40</AlertDesc>");
  logs::LogReadStats stats;
  const auto events = read_text(as_number + as_decimal + unknown + event_data + other_id, &stats);
  REQUIRE(events.size() == 4);
  CHECK(events[0].protocol == model::ProtocolVersion::tls1_0);  // SP_PROT_TLS1_0_SERVER
  CHECK(events[1].protocol == model::ProtocolVersion::tls1_0);  // SP_PROT_TLS1_0_CLIENT, in decimal
  CHECK_FALSE(events[2].protocol.has_value());
  CHECK(events[2].protocol_raw == "PCT 1.0");
  CHECK(events[3].protocol == model::ProtocolVersion::tls1_1);
  CHECK(events[3].cipher == "AES-128");
  CHECK(events[3].time.empty());  // no TimeCreated
  CHECK(stats.unknown_values == 1);
  CHECK(stats.without_tls_fields == 1);  // 36887 (an alert received) is not read
}

TEST_CASE("schannel_reader_refuses_evtx_it_cannot_open_and_names_the_file", "[logs]") {
  if (!logs::schannel_events_available()) return;
  std::istringstream input(std::string("ElfFile\0", 8) + std::string(120, '\0'));
  if (logs::schannel_evtx_available()) {
    CHECK_THROWS_WITH(logs::SchannelEventReader(input, "/nonexistent/System.evtx"),
                      Catch::Contains("System.evtx") && Catch::Contains("not a readable .evtx file"));
  } else {
    CHECK_THROWS_WITH(logs::SchannelEventReader(input, "System.evtx"), Catch::Contains("need libevtx"));
  }
}

TEST_CASE("schannel_format_is_registered_and_recognised", "[logs]") {
  const auto& names = logs::log_format_names();
  CHECK(std::find(names.begin(), names.end(), "schannel-events") != names.end());
  CHECK(logs::recognise_log_format(slurp("wevtutil_system.xml").substr(0, 4096)) == "schannel-events");
  CHECK(logs::recognise_log_format(slurp("eventviewer_saved.xml")) == "schannel-events");
  CHECK(logs::recognise_log_format(slurp("get_winevent_toxml_utf16.xml")) == "schannel-events");
  CHECK(logs::recognise_log_format(std::string("ElfFile\0\0\0\0\0", 12)) == "schannel-events");
  CHECK_FALSE(logs::recognise_log_format("<Event><System><Provider Name='Schannel'/></System></Event>"));
  if (!logs::schannel_events_available()) return;
  std::ifstream file(kData + "eventviewer_saved.xml", std::ios::binary);
  const auto reader = logs::make_reader("schannel-events", file, "eventviewer_saved.xml");
  REQUIRE(reader);
  logs::TlsUseEvent event;
  std::size_t count = 0;
  while (reader->next(event)) {
    ++count;
    const auto document = logs::to_json_document(event);
    CHECK(document["source"]["format"] == "schannel-events");
    CHECK(document["client_address"].is_null());
  }
  CHECK(count == 3);
  CHECK(reader->bytes_read() == slurp("eventviewer_saved.xml").size());
}

TEST_CASE("legacy_summary_counts_schannel_events_under_one_client_without_address", "[logs]") {
  if (!logs::schannel_events_available()) return;
  logs::LegacyClientSummary summary;
  for (const std::string name : {"wevtutil_system.xml", "eventviewer_saved.xml"})
    for (const auto& event : read_file(name)) summary.add(event);
  const auto document = summary.to_json_document();
  CHECK(document["totals"]["uses"] == 8);
  // Legacy: TLS 1.0 handshakes (1 + 1), TLS 1.0 with no common suite (1), TLS 1.1 outbound (1); the
  // alerts name no version (unknown), TLS 1.2/1.3 are not legacy.
  CHECK(document["totals"]["legacy_uses"] == 4);
  CHECK(document["totals"]["protocols"]["unknown"] == 2);
  const auto& clients = document["clients"]["items"];
  REQUIRE(clients.size() == 2);
  // The inbound events: one entry, no address, the servers named.
  CHECK(clients[0]["client_address"].is_null());
  CHECK(clients[0]["client_name"].is_null());
  CHECK(clients[0]["legacy_uses"] == 3);
  CHECK(clients[0]["servers"]["names"] == nlohmann::json::array({"EX01.contoso.example", "WEB01.contoso.example"}));
  // This machine as a client of another server.
  CHECK(clients[1]["client_name"] == "WEB01.contoso.example");
  CHECK(clients[1]["servers"]["names"] == nlohmann::json::array({"legacy-erp.contoso.example"}));
  // By day.
  const auto& days = document["days"];
  REQUIRE(days.size() == 3);
  CHECK(days[0]["day"] == "2026-11-29");
  CHECK(days[1]["day"] == "2026-11-30");
  CHECK(days[1]["legacy_uses"] == 2);
}

TEST_CASE("schannel_reader_reads_alike_whatever_the_block_size", "[logs]") {
  if (!logs::schannel_events_available()) return;
  for (const std::string name : {"wevtutil_system.xml", "eventviewer_saved.xml", "get_winevent_toxml_utf16.xml"}) {
    const std::string text = slurp(name);
    std::vector<std::string> expected;
    nlohmann::json expected_stats;
    for (const std::size_t block : {logs::SchannelEventReader::kDefaultBlockBytes, std::size_t{1}, std::size_t{7}}) {
      std::istringstream input(text);
      logs::SchannelEventReader reader(input, name, block);
      std::vector<std::string> documents;
      logs::TlsUseEvent event;
      while (reader.next(event)) documents.push_back(logs::to_json_document(event).dump());
      if (block == logs::SchannelEventReader::kDefaultBlockBytes) {
        expected = documents;
        expected_stats = logs::to_json_document(reader.stats());
        continue;
      }
      INFO(name << " in blocks of " << block);
      CHECK(documents == expected);
      CHECK(logs::to_json_document(reader.stats()) == expected_stats);
    }
  }
}
