#include <catch2/catch.hpp>

#include <fstream>

#include "logs/iis_w3c_reader.h"
#include "logs/legacy_client_summary.h"

using namespace tlsready;

namespace {

logs::TlsUseEvent use(const std::string& address, const std::string& agent, model::ProtocolVersion version,
                      const std::string& time, const std::string& user = "", const std::string& site = "W3SVC1") {
  logs::TlsUseEvent event;
  event.client_address = address;
  event.user_agent = agent;
  event.protocol = version;
  event.time = time;
  event.user = user;
  event.site = site;
  event.server = "WEB01";
  return event;
}

}  // namespace

TEST_CASE("legacy_summary_lists_clients_by_legacy_uses_with_first_and_last_seen", "[logs]") {
  logs::LegacyClientSummary summary;
  summary.add(use("198.51.100.23", "MSIE 8.0", model::ProtocolVersion::tls1_0, "2026-11-30T08:00:05Z"));
  summary.add(use("198.51.100.23", "MSIE 8.0", model::ProtocolVersion::tls1_0, "2026-11-29T23:59:59Z", "alice"));
  summary.add(use("198.51.100.40", "EWS", model::ProtocolVersion::tls1_1, "2026-11-30T08:00:02Z", "svc"));
  summary.add(use("198.51.100.77", "Edge", model::ProtocolVersion::tls1_2, "2026-11-30T08:00:04Z", "alice"));
  const auto document = summary.to_json_document();
  CHECK(summary.events() == 4);
  CHECK(summary.legacy_events() == 3);
  CHECK(document["totals"]["uses"] == 4);
  CHECK(document["totals"]["legacy_uses"] == 3);
  CHECK(document["totals"]["protocols"]["TLSv1.0"] == 2);
  const auto& clients = document["clients"]["items"];
  REQUIRE(clients.size() == 2);  // the TLS 1.2-only client is not listed
  CHECK(clients[0]["client_address"] == "198.51.100.23");
  CHECK(clients[0]["legacy_uses"] == 2);
  CHECK(clients[0]["first_legacy_use"] == "2026-11-29T23:59:59Z");
  CHECK(clients[0]["last_legacy_use"] == "2026-11-30T08:00:05Z");
  CHECK(clients[0]["users"]["names"] == nlohmann::json::array({"alice"}));
  CHECK(clients[1]["client_address"] == "198.51.100.40");
  CHECK(document["clients"]["left_off"] == 0);
  const auto& users = document["users"]["items"];
  REQUIRE(users.size() == 2);
  CHECK(users[0]["user"] == "alice");  // one legacy use and one TLS 1.2 use: listed, tallies both
  CHECK(users[0]["uses"] == 2);
  const auto& days = document["days"];
  REQUIRE(days.size() == 2);
  CHECK(days[0]["day"] == "2026-11-29");
  CHECK(days[1]["legacy_uses"] == 2);
}

TEST_CASE("legacy_summary_caps_names_and_limits_lists", "[logs]") {
  logs::LegacyClientSummary summary;
  for (int i = 0; i < 30; ++i)
    summary.add(use("198.51.100.1", "agent", model::ProtocolVersion::tls1_0, "2026-11-30T08:00:00Z",
                    "user" + std::to_string(i)));
  summary.add(use("198.51.100.2", "agent", model::ProtocolVersion::tls1_0, "2026-11-30T08:00:00Z"));
  const auto document = summary.to_json_document(1);
  REQUIRE(document["clients"]["items"].size() == 1);
  CHECK(document["clients"]["left_off"] == 1);
  CHECK(document["clients"]["items"][0]["users"]["names"].size() == logs::LegacyClientSummary::kMaxNamesPerEntry);
  CHECK(document["clients"]["items"][0]["users"]["more"] == 10);
}

TEST_CASE("legacy_summary_merges_partial_summaries_like_one", "[logs]") {
  logs::LegacyClientSummary whole, first, second;
  const auto a = use("198.51.100.1", "x", model::ProtocolVersion::tls1_0, "2026-11-30T08:00:00Z");
  const auto b = use("198.51.100.1", "x", model::ProtocolVersion::tls1_1, "2026-12-01T08:00:00Z");
  whole.add(a);
  whole.add(b);
  first.add(a);
  second.add(b);
  first.merge(second);
  CHECK(first.to_json_document() == whole.to_json_document());
}

TEST_CASE("legacy_summary_of_the_iis_sample", "[logs]") {
  const std::string path = std::string(TLSREADY_SOURCE_DIR) + "/tests/data/logs/iis/W3SVC1/u_ex261130_x.log";
  std::ifstream file(path, std::ios::binary);
  logs::IisW3cReader reader(file, path);
  logs::LegacyClientSummary summary;
  logs::TlsUseEvent event;
  while (reader.next(event)) summary.add(event);
  summary.add_source(path, "iis", reader.stats());
  const auto document = summary.to_json_document();
  CHECK(document["totals"]["legacy_uses"] == 3);  // two TLS 1.0 from IE 8, one TLS 1.1 from EWS
  CHECK(document["totals"]["protocols"]["unknown"] == 1);
  CHECK(document["clients"]["items"][0]["user_agent"] ==
        "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)");
  CHECK(document["sources"][0]["read"]["malformed"] == 2);
  CHECK(document["sites"]["items"][0]["site"] == "W3SVC1");
}
