#include <catch2/catch.hpp>

#include <stdexcept>

#include "probe/scan_request.h"

using nlohmann::json;
using tlsready::probe::options_from_json;
using tlsready::probe::target_from_json;
using tlsready::probe::target_from_text;

TEST_CASE("scan options take seconds and reject unknown keys and wrong types", "[probe][request]") {
  auto options = options_from_json(json{{"timeout", 2.5}, {"concurrency", 3}, {"ca_file", "lab.pem"}});
  CHECK(options.timeout == std::chrono::milliseconds(2500));
  CHECK(options.concurrency == 3);
  CHECK(options.ca_file == "lab.pem");
  CHECK(options_from_json(nullptr).timeout == std::chrono::milliseconds(5000));
  CHECK_THROWS_WITH(options_from_json(json{{"timeout", -1}}), Catch::Contains("timeout"));
  CHECK_THROWS_WITH(options_from_json(json{{"timeout", "5"}}), Catch::Contains("timeout"));
  CHECK_THROWS_WITH(options_from_json(json{{"concurrency", 0}}), Catch::Contains("concurrency"));
  CHECK_THROWS_WITH(options_from_json(json{{"colour", true}}), Catch::Contains("unknown scan option 'colour'"));
  CHECK_THROWS_WITH(options_from_json(json{{"check_certificate", 1}}), Catch::Contains("check_certificate"));
  CHECK_THROWS_AS(options_from_json(json::array()), std::invalid_argument);
}

TEST_CASE("targets parse from text and objects, naming the bad input", "[probe][request]") {
  auto v6 = target_from_text("[::1]:8443", "localhost", "smtp");
  CHECK(v6.host == "::1");
  CHECK(v6.port == 8443);
  CHECK(v6.sni == "localhost");
  CHECK(v6.starttls == "smtp");
  CHECK(target_from_text("localhost").port == 443);
  auto object = target_from_json(json{{"host", "127.0.0.1"}, {"port", 25}, {"starttls", "smtp"}});
  CHECK(object.port == 25);
  auto overrides = target_from_json(json{{"target", "127.0.0.1:2525"}, {"sni", nullptr}, {"starttls", "smtp"}});
  CHECK(overrides.port == 2525);
  CHECK(overrides.starttls == "smtp");
  CHECK_THROWS_WITH(target_from_text("127.0.0.1:notaport"), Catch::Contains("127.0.0.1:notaport"));
  CHECK_THROWS_WITH(target_from_text("127.0.0.1:443", "", "gopher"), Catch::Contains("gopher"));
  CHECK_THROWS_WITH(target_from_json(json{{"host", "127.0.0.1"}}), Catch::Contains("port"));
  CHECK_THROWS_WITH(target_from_json(json{{"host", "127.0.0.1"}, {"port", 70000}}), Catch::Contains("70000"));
  CHECK_THROWS_WITH(target_from_json(json{{"host", "x"}, {"port", 1}, {"proxy", "y"}}), Catch::Contains("proxy"));
  CHECK_THROWS_AS(target_from_json(json(42)), std::invalid_argument);
}

TEST_CASE("scan options take an endpoint budget and a per-endpoint connection limit", "[probe][request][budget]") {
  auto options = options_from_json(json{{"timeout", 2}, {"endpoint_timeout", 7.5}, {"connections_per_endpoint", 2}});
  CHECK(options.endpoint_timeout == std::chrono::milliseconds(7500));
  CHECK(options.connections_per_endpoint == 2);
  CHECK(tlsready::probe::endpoint_budget(options) == std::chrono::milliseconds(7500));
  // Derived when absent or null: max(30 s, 12 x timeout).
  CHECK(tlsready::probe::endpoint_budget(options_from_json(json{{"timeout", 2}})) == std::chrono::milliseconds(30000));
  CHECK(tlsready::probe::endpoint_budget(options_from_json(json{{"timeout", 5}, {"endpoint_timeout", nullptr}})) ==
        std::chrono::milliseconds(60000));
  CHECK(options_from_json(nullptr).connections_per_endpoint == 4);
  CHECK_THROWS_WITH(options_from_json(json{{"endpoint_timeout", 0}}), Catch::Contains("endpoint_timeout"));
  CHECK_THROWS_WITH(options_from_json(json{{"endpoint_timeout", "9"}}), Catch::Contains("endpoint_timeout"));
  CHECK_THROWS_WITH(options_from_json(json{{"connections_per_endpoint", 0}}),
                    Catch::Contains("connections_per_endpoint"));
  CHECK_THROWS_WITH(options_from_json(json{{"connections_per_endpoint", 17}}),
                    Catch::Contains("connections_per_endpoint"));
}
