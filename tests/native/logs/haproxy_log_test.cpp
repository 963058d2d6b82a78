#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "logs/tls_use_reader.h"

using namespace tlsready;

namespace {

const std::string kSample = std::string(TLSREADY_SOURCE_DIR) + "/tests/data/logs/haproxy/haproxy.log";
const std::string kFormat = "haproxy:%ci:%cp [%tr] %ft %b/%s %ST %B %sslv %sslc %{+Q}r";

}  // namespace

TEST_CASE("haproxy_reader_reads_syslog_and_stdout_lines_in_its_log_format", "[logs]") {
  std::ifstream file(kSample, std::ios::binary);
  REQUIRE(file);
  const auto reader = logs::make_reader(kFormat, file, kSample);
  REQUIRE(reader);
  std::vector<logs::TlsUseEvent> events;
  logs::TlsUseEvent event;
  while (reader->next(event)) events.push_back(event);
  REQUIRE(events.size() == 4);

  const auto& first = events[0];
  CHECK(first.time == "2026-11-30T08:15:02Z");  // from %tr, which has the year
  CHECK(first.client_address == "198.51.100.23");
  CHECK(first.client_port == 50211);
  CHECK(first.site == "fe_https");  // the '~' of an SSL frontend dropped
  CHECK(first.server == "lb1");     // the syslog host
  CHECK(first.protocol == model::ProtocolVersion::tls1_0);
  CHECK(first.suite == "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA");
  CHECK(first.resource == "/owa/auth.owa");
  CHECK(first.source_format == "haproxy");

  CHECK(events[1].client_address == "2001:db8::7");  // %ci:%cp with an IPv6 address
  CHECK(events[1].client_port == 50212);
  CHECK(events[1].protocol == model::ProtocolVersion::tls1_2);

  CHECK(events[2].source_line == 5);  // a PRI and no host
  CHECK(events[2].server.empty());
  CHECK(events[2].protocol == model::ProtocolVersion::tls1_1);
  CHECK(events[2].resource == "/old");

  CHECK(events[3].source_line == 6);  // logged to stdout: no syslog prefix
  CHECK(events[3].protocol == model::ProtocolVersion::tls1_3);

  const logs::LogReadStats& stats = reader->stats();
  CHECK(stats.lines == 7);
  CHECK(stats.plain == 1);
  CHECK(stats.malformed_lines == std::vector<std::size_t>{4, 7});  // "Proxy started", a line cut short
}

TEST_CASE("haproxy_formats_read_sample_fetches_and_cfg_escapes", "[logs]") {
  std::istringstream input("192.0.2.9 50000 TLSv1.1 AES256-SHA www.example.com\n");
  const auto reader = logs::make_reader(
      "haproxy:%[src]\\ %[src_port] %[ssl_fc_protocol] %[ssl_fc_cipher] %[ssl_fc_sni,lower]", input, "stdout");
  REQUIRE(reader);
  logs::TlsUseEvent event;
  REQUIRE(reader->next(event));
  CHECK(event.client_address == "192.0.2.9");
  CHECK(event.client_port == 50000);
  CHECK(event.protocol == model::ProtocolVersion::tls1_1);
  CHECK(event.suite == "TLS_RSA_WITH_AES_256_CBC_SHA");
  CHECK(event.site == "www.example.com");
}
