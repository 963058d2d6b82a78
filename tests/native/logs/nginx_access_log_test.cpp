#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "logs/tls_use_event_json.h"
#include "logs/tls_use_reader.h"

using namespace tlsready;

namespace {

const std::string kDir = std::string(TLSREADY_SOURCE_DIR) + "/tests/data/logs/nginx/";
const std::string kFormat =
    "nginx:$remote_addr - $remote_user [$time_local] \"$request\" $status $body_bytes_sent \"$http_referer\" "
    "\"$http_user_agent\" $ssl_protocol $ssl_cipher $ssl_server_name";

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

TEST_CASE("nginx_reader_reads_the_sample_access_log_in_its_log_format", "[logs]") {
  logs::LogReadStats stats;
  const auto events = read_file(kFormat, kDir + "access.log", stats);
  REQUIRE(events.size() == 6);

  const auto& ie8 = events[0];
  CHECK(ie8.time == "2026-11-30T08:15:02Z");  // +0100 made UTC
  CHECK(ie8.client_address == "198.51.100.23");
  CHECK_FALSE(ie8.client_port);
  CHECK(ie8.user.empty());
  CHECK(ie8.user_agent == "Mozilla/4.0 (compatible; MSIE 8.0; Windows NT 6.1; Trident/4.0)");
  CHECK(ie8.protocol == model::ProtocolVersion::tls1_0);
  CHECK(ie8.protocol_raw == "TLSv1");
  CHECK(ie8.suite == "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA");
  CHECK(ie8.cipher == "AES-256");
  CHECK(ie8.hash == "SHA1");
  CHECK(ie8.key_exchange == "ECDHE");
  CHECK(ie8.site == "www.example.com");  // $ssl_server_name
  CHECK(ie8.resource == "/owa/auth.owa");
  CHECK(ie8.server.empty());
  CHECK(ie8.source_format == "nginx");
  CHECK(ie8.source_line == 1);
  CHECK(logs::uses_legacy_protocol(ie8));

  const auto& curl = events[1];
  CHECK(curl.user == "alice");
  CHECK(curl.protocol == model::ProtocolVersion::tls1_3);
  CHECK(curl.suite == "TLS_AES_256_GCM_SHA384");
  CHECK(curl.hash.empty());
  CHECK(curl.key_exchange.empty());
  CHECK(curl.resource == "/api/v1/items");  // the query left off, as IIS's cs-uri-stem

  const auto& java = events[2];  // line 3 was plain HTTP
  CHECK(java.source_line == 4);
  CHECK(java.protocol == model::ProtocolVersion::tls1_1);
  CHECK(java.cipher == "3DES");
  CHECK(java.site.empty());  // '-' is empty

  const auto& quoted = events[3];
  CHECK(quoted.client_address == "2001:db8::7");
  CHECK(quoted.user_agent == "Agent \"quoted\" \xE9");  // nginx's \" and \xHH escapes decoded
  CHECK(quoted.resource == "/a\"b");
  CHECK(quoted.protocol == model::ProtocolVersion::tls1_2);

  const auto& latin1 = events[4];  // line 6 was not in the format
  CHECK(latin1.source_line == 7);
  CHECK(latin1.user_agent ==
        "Legacy\xE9"
        "Agent");
  CHECK(latin1.suite == "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA");  // OpenSSL 1.0.2's EDH- name
  CHECK(logs::to_json_document(latin1)["user_agent"] ==
        "Legacy\xEF\xBF\xBD"
        "Agent");  // valid UTF-8 in JSON

  const auto& future = events[5];
  CHECK(future.suite.empty());
  CHECK(future.cipher == "SOME-FUTURE-CIPHER");  // unknown to the registry: as written

  CHECK(stats.lines == 9);
  CHECK(stats.events == 6);
  CHECK(stats.plain == 1);
  CHECK(stats.malformed == 2);
  CHECK(stats.malformed_lines == std::vector<std::size_t>{6, 9});  // 9: cut off inside the user agent
  CHECK(stats.unterminated_last_line);
  CHECK(stats.unknown_values == 0);
}

TEST_CASE("nginx_reader_takes_the_log_format_from_nginx_conf", "[logs]") {
  logs::LogReadStats stats;
  const auto events = read_file("nginx:@" + kDir + "nginx.conf:tls", kDir + "tls.log", stats);
  REQUIRE(events.size() == 2);
  CHECK(events[0].time == "2026-11-30T08:15:02Z");  // $time_iso8601
  CHECK(events[0].client_address == "198.51.100.23");
  CHECK(events[0].client_port == 50211);
  CHECK(events[0].site == "www.example.com");  // $host
  CHECK(events[0].protocol == model::ProtocolVersion::tls1_0);
  CHECK(events[0].suite == "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA");
  CHECK(events[0].offered_tls12_suites == true);  // it offered a GCM suite: it can speak TLS 1.2
  CHECK(events[0].user_agent == "Mozilla/5.0 (Windows NT 6.1) Firefox/26.0");
  CHECK(events[1].offered_tls12_suites == false);  // nothing past TLS 1.0 suites: the client needs an upgrade
  CHECK(logs::to_json_document(events[1])["offered_tls12_suites"] == false);
  CHECK(stats.plain == 1);
  CHECK(stats.malformed == 0);
}

TEST_CASE("nginx_format_strings_accept_braced_names_and_ignore_other_variables", "[logs]") {
  std::istringstream input("192.0.2.1|x|TLSv1.2|AES128-SHA256|GET / HTTP/1.1\n192.0.2.2|x|TLSv1.2\n");
  const auto reader =
      logs::make_reader("nginx:${remote_addr}|$pipe|${ssl_protocol}|$ssl_cipher|$request", input, "a.log");
  REQUIRE(reader);
  logs::TlsUseEvent event;
  REQUIRE(reader->next(event));
  CHECK(event.client_address == "192.0.2.1");
  CHECK(event.suite == "TLS_RSA_WITH_AES_128_CBC_SHA256");
  CHECK(event.hash == "SHA256");
  CHECK(event.resource == "/");
  CHECK_FALSE(reader->next(event));
  CHECK(reader->stats().malformed_lines == std::vector<std::size_t>{2});
}
