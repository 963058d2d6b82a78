#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "tlsready/legacy_clients.hpp"

TEST_CASE("legacy_clients_facade_takes_format_strings_and_names_bad_ones", "[logs]") {
  const std::string dir = std::string(TLSREADY_SOURCE_DIR) + "/tests/data/logs/";
  tlsready::LegacyClientsOptions options;
  options.format = "haproxy:%ci:%cp [%tr] %ft %b/%s %ST %B %sslv %sslc %{+Q}r";
  auto document = nlohmann::json::parse(tlsready::legacy_clients({dir + "haproxy/haproxy.log"}, options));
  CHECK(document["sources"][0]["format"] == "haproxy");  // the base name, not the line format
  CHECK(document["totals"]["uses"] == 4);

  options.format = "auto";
  document = nlohmann::json::parse(
      tlsready::legacy_clients({dir + "apache/ssl_request_log", dir + "dovecot/mail.log"}, options));
  CHECK(document["sources"][0]["format"] == "apache");
  CHECK(document["sources"][1]["format"] == "dovecot");

  options.format = "nginx:$remote_addr";
  try {
    (void)tlsready::legacy_clients({dir + "does-not-exist.log"}, options);  // refused before any file is opened
    FAIL("no error");
  } catch (const std::invalid_argument& error) {
    CHECK(std::string(error.what()).find("log format 'nginx:$remote_addr': the format logs no $ssl_protocol") == 0);
  }
  options.format = "squid";
  CHECK_THROWS_WITH(tlsready::legacy_clients({dir + "nginx/access.log"}, options),
                    Catch::Contains("log format 'squid': unknown (known: auto, iis, exchange-smtp, nginx, apache"));
}
