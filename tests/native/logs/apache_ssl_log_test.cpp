#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "logs/tls_use_reader.h"

using namespace tlsready;

namespace {

const std::string kDir = std::string(TLSREADY_SOURCE_DIR) + "/tests/data/logs/apache/";

std::vector<logs::TlsUseEvent> read_file(const std::string& format, const std::string& path,
                                         logs::LogReadStats& stats) {
  std::ifstream file(path, std::ios::binary);
  REQUIRE(file);
  const auto reader = logs::make_reader(format, file, path);
  REQUIRE(reader);
  std::vector<logs::TlsUseEvent> events;
  logs::TlsUseEvent event;
  while (reader->next(event)) events.push_back(event);
  stats = reader->stats();
  return events;
}

}  // namespace

TEST_CASE("apache_reader_reads_the_stock_ssl_request_log", "[logs]") {
  logs::LogReadStats stats;
  const auto events = read_file("apache", kDir + "ssl_request_log", stats);
  REQUIRE(events.size() == 5);
  const auto& first = events[0];
  CHECK(first.time == "2026-11-30T08:15:02Z");
  CHECK(first.client_address == "198.51.100.23");
  CHECK(first.protocol == model::ProtocolVersion::tls1_0);
  CHECK(first.protocol_raw == "TLSv1");
  CHECK(first.suite == "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA");
  CHECK(first.cipher == "AES-256");
  CHECK(first.hash == "SHA1");
  CHECK(first.key_exchange == "ECDHE");
  CHECK(first.resource == "/owa/auth.owa");
  CHECK(first.source_format == "apache");
  CHECK(first.source_line == 1);
  CHECK(events[1].protocol == model::ProtocolVersion::tls1_2);
  CHECK(events[1].hash.empty());
  CHECK(events[2].protocol == model::ProtocolVersion::ssl3);
  CHECK(events[2].cipher == "RC4");
  CHECK(events[3].protocol == model::ProtocolVersion::tls1_1);
  CHECK(events[3].resource == "/path");  // a request line with spaces inside its quotes
  CHECK(events[4].source_line == 6);     // line 5 lacks its cipher and request
  CHECK(events[4].resource == "/a\"b");  // Apache's \" in a quoted field
  CHECK(events[4].suite == "TLS_CHACHA20_POLY1305_SHA256");
  CHECK(stats.lines == 7);
  CHECK(stats.malformed_lines == std::vector<std::size_t>{5, 7});
  CHECK(stats.unterminated_last_line);
  CHECK(stats.plain == 0);
}

TEST_CASE("apache_reader_reads_a_logformat_given_with_httpd_conf_escapes", "[logs]") {
  logs::LogReadStats stats;
  const auto events =
      read_file(R"(apache:%h %l %u %t \"%r\" %>s %b \"%{User-Agent}i\" %{SSL_PROTOCOL}x %{SSL_CIPHER}x %v %p)",
                kDir + "ssl_combined.log", stats);
  REQUIRE(events.size() == 3);
  const auto& bob = events[0];
  CHECK(bob.time == "2026-11-30T08:15:02Z");
  CHECK(bob.client_address == "198.51.100.23");
  CHECK(bob.user == "bob");
  CHECK(bob.user_agent == "Mozilla/4.0 (compatible; MSIE 7.0; Windows NT 5.1)");
  CHECK(bob.protocol == model::ProtocolVersion::tls1_0);
  CHECK(bob.suite == "TLS_DHE_RSA_WITH_AES_256_CBC_SHA");
  CHECK(bob.key_exchange == "DHE");
  CHECK(bob.site == "mail.example.com");
  CHECK(bob.server_port == 443);
  CHECK(bob.resource == "/mail/");
  CHECK(events[1].protocol == model::ProtocolVersion::tls1_3);
  CHECK(events[2].user_agent == "Ag\xE9nt");  // Latin-1 bytes kept; JSON makes them valid
  CHECK(events[2].suite == "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA");
  CHECK(stats.plain == 1);
  CHECK(stats.malformed == 0);
}

TEST_CASE("apache_formats_read_ports_hosts_and_sni", "[logs]") {
  std::istringstream input(
      "192.0.2.1 50123 [30/Nov/2026:08:00:00 +0000] mail.example.org TLSv1.2 sni.example.org "
      "AES128-SHA\n");
  const auto reader =
      logs::make_reader("apache:%a %{remote}p %t %{Host}i %{SSL_PROTOCOL}e %{SSL_TLS_SNI}x %{SSL_CIPHER}x", input, "x");
  REQUIRE(reader);
  logs::TlsUseEvent event;
  REQUIRE(reader->next(event));
  CHECK(event.client_port == 50123);
  CHECK(event.site == "mail.example.org");  // the Host header before the SNI name
  CHECK(event.suite == "TLS_RSA_WITH_AES_128_CBC_SHA");
}
