#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "logs/dovecot_login_reader.h"
#include "logs/legacy_client_summary.h"
#include "logs/tls_use_event_json.h"
#include "logs/tls_use_reader.h"

using namespace tlsready;

namespace {

const std::string kSample = std::string(TLSREADY_SOURCE_DIR) + "/tests/data/logs/dovecot/mail.log";

std::vector<logs::TlsUseEvent> read_sample(logs::LogReadStats& stats) {
  std::ifstream file(kSample, std::ios::binary);
  REQUIRE(file);
  logs::DovecotLoginReader reader(file, kSample, logs::SyslogYearRule{2026, 12, 3});
  std::vector<logs::TlsUseEvent> events;
  logs::TlsUseEvent event;
  while (reader.next(event)) events.push_back(event);
  stats = reader.stats();
  return events;
}

}  // namespace

TEST_CASE("dovecot_reader_reads_login_lines_with_and_without_the_version", "[logs]") {
  logs::LogReadStats stats;
  const auto events = read_sample(stats);
  REQUIRE(events.size() == 5);

  const auto& alice = events[0];  // default login_log_format_elements: only "TLS"
  CHECK(alice.time == "2026-11-30T08:15:02Z");
  CHECK(alice.user == "alice");
  CHECK(alice.client_address == "198.51.100.7");
  CHECK(alice.server == "mail");
  CHECK(alice.resource == "imap");
  CHECK_FALSE(alice.protocol);
  CHECK(alice.protocol_raw == "TLS");
  CHECK(alice.cipher.empty());
  CHECK_FALSE(logs::uses_legacy_protocol(alice));
  const auto document = logs::to_json_document(alice);
  CHECK(document["protocol"].is_null());
  CHECK(document["protocol_raw"] == "TLS");
  CHECK(document["source"]["format"] == "dovecot");

  const auto& bob = events[1];  // %k: the version and the suite
  CHECK(bob.user == "bob@example.org");
  CHECK(bob.resource == "pop3");
  CHECK(bob.protocol == model::ProtocolVersion::tls1_0);
  CHECK(bob.suite == "TLS_DHE_RSA_WITH_AES_256_CBC_SHA");
  CHECK(bob.key_exchange == "DHE");

  const auto& mallory = events[2];  // a failed login over TLS is a TLS use too
  CHECK(mallory.user == "mallory");
  CHECK(mallory.protocol == model::ProtocolVersion::tls1_1);
  CHECK(mallory.source_line == 5);

  const auto& own_log = events[3];  // Dovecot's own log file: no host, "Info:" level, ports logged
  CHECK(own_log.server == "192.0.2.10");
  CHECK(own_log.resource == "submission");
  CHECK(own_log.client_port == 50123);
  CHECK(own_log.server_port == 587);
  CHECK(own_log.user == "d\xE9nis");
  CHECK(own_log.protocol == model::ProtocolVersion::tls1_3);

  const auto& cut = events[4];  // the last line, cut off after its TLS element: read with what it has
  CHECK(cut.user == "eve");
  CHECK(cut.protocol_raw == "TLS");
  CHECK(cut.source_line == 9);

  CHECK(stats.lines == 9);
  CHECK(stats.plain == 1);           // carol: "secured", no TLS
  CHECK(stats.unknown_values == 2);  // alice, eve: no version logged
  CHECK(stats.malformed_lines == std::vector<std::size_t>{8});
  CHECK(stats.unterminated_last_line);
}

TEST_CASE("dovecot_tls_without_version_is_counted_apart_by_the_summary", "[logs]") {
  logs::LogReadStats stats;
  logs::LegacyClientSummary summary;
  for (const auto& event : read_sample(stats)) summary.add(event);
  const auto document = summary.to_json_document();
  CHECK(document["totals"]["uses"] == 5);
  CHECK(document["totals"]["legacy_uses"] == 2);
  CHECK(document["totals"]["protocols"]["unknown"] == 2);
  CHECK(document["totals"]["protocols"]["TLSv1.0"] == 1);
}

TEST_CASE("dovecot_is_registered_and_recognised", "[logs]") {
  CHECK(logs::recognise_log_format("Nov 30 08:15:08 submission-login: Info: Login: user=<d>, rip=192.0.2.1, TLS\n") ==
        "dovecot");
  std::istringstream input(
      "2026-11-30T08:15:02+00:00 mail dovecot[77]: imap-login: Login: user=<a>, method=PLAIN, rip=192.0.2.1, "
      "lip=192.0.2.2, TLS, TLSv1.2 with cipher ECDHE-RSA-AES128-GCM-SHA256 (128/128 bits), session=<x>\n");
  const auto reader = logs::make_reader("dovecot", input, "journal.txt");
  REQUIRE(reader);
  logs::TlsUseEvent event;
  REQUIRE(reader->next(event));
  CHECK(event.protocol == model::ProtocolVersion::tls1_2);
  CHECK(event.hash.empty());
}
