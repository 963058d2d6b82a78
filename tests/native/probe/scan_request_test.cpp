#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <stdexcept>

#include "probe/scan_request.h"
#include "x509/test_pki.h"

using nlohmann::json;
using tlsready::probe::options_from_json;
using tlsready::probe::target_from_json;
using tlsready::probe::target_from_text;

TEST_CASE("scan options take seconds and reject unknown keys and wrong types", "[probe][request]") {
  namespace pki = tlsready::x509::testing;
  const pki::TempFile ca(pki::to_pem(pki::pki().root.get()));
  auto options = options_from_json(json{{"timeout", 2.5}, {"concurrency", 3}, {"ca_file", ca.path()}});
  CHECK(options.timeout == std::chrono::milliseconds(2500));
  CHECK(options.concurrency == 3);
  CHECK(options.ca_file == ca.path());
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
  CHECK(v6.starttls == tlsready::model::StartTls::smtp);
  CHECK(target_from_text("localhost").port == 443);
  auto object = target_from_json(json{{"host", "127.0.0.1"}, {"port", 25}, {"starttls", "smtp"}});
  CHECK(object.port == 25);
  auto overrides = target_from_json(json{{"target", "127.0.0.1:2525"}, {"sni", nullptr}, {"starttls", "smtp"}});
  CHECK(overrides.port == 2525);
  CHECK(overrides.starttls == tlsready::model::StartTls::smtp);
  CHECK_FALSE(overrides.sni);                             // null: the default
  CHECK_FALSE(target_from_text("localhost").starttls);    // absent: implied by the port
  CHECK_FALSE(target_from_text("localhost:25", "").sni);  // "": the default too
  CHECK(target_from_text("localhost", "", "NONE").starttls == tlsready::model::StartTls::none);
  CHECK_THROWS_WITH(target_from_text("127.0.0.1:notaport"), Catch::Contains("127.0.0.1:notaport"));
  CHECK_THROWS_WITH(target_from_text("127.0.0.1:443", "", "gopher"), Catch::Contains("gopher"));
  CHECK_THROWS_WITH(target_from_json(json{{"host", "127.0.0.1"}}), Catch::Contains("port"));
  CHECK_THROWS_WITH(target_from_json(json{{"host", "127.0.0.1"}, {"port", 70000}}), Catch::Contains("70000"));
  CHECK_THROWS_WITH(target_from_json(json{{"host", "x"}, {"port", 1}, {"proxy", "y"}}), Catch::Contains("proxy"));
  CHECK_THROWS_AS(target_from_json(json(42)), std::invalid_argument);
}

TEST_CASE("scan options reject non-finite, zero, negative and absurd numbers naming the option", "[probe][request]") {
  const double inf = std::numeric_limits<double>::infinity();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  for (const json& bad : {json(nan), json(inf), json(-inf), json(0), json(0.0), json(-0.5), json(601), json(1e308),
                          json(true), json(nullptr)}) {
    INFO(bad.dump());
    CHECK_THROWS_WITH(options_from_json(json{{"timeout", bad}}), Catch::Contains("option 'timeout'"));
  }
  // The message names non-finite values instead of printing nlohmann's "null".
  CHECK_THROWS_WITH(options_from_json(json{{"timeout", nan}}), Catch::EndsWith("got nan"));
  CHECK_THROWS_WITH(options_from_json(json{{"timeout", -inf}}), Catch::EndsWith("got -inf"));
  for (const json& bad : {json(0), json(-1), json(1025), json(2.5), json(nan), json(inf), json("8")}) {
    INFO(bad.dump());
    CHECK_THROWS_WITH(options_from_json(json{{"concurrency", bad}}), Catch::Contains("option 'concurrency'"));
  }
  CHECK(options_from_json(json{{"timeout", 600}}).timeout == std::chrono::milliseconds(600000));
  CHECK(options_from_json(json{{"timeout", 0.0001}}).timeout == std::chrono::milliseconds(1));
}

TEST_CASE("scan options reject a CA file that cannot be used, naming the file and the problem", "[probe][request]") {
  using tlsready::x509::testing::TempFile;
  const TempFile not_pem("this is not a certificate\n");
  const TempFile empty("");
  const std::string directory = std::filesystem::temp_directory_path().string();
  const std::string missing = directory + "/tlsready-no-such-ca-file.pem";
  struct Row {
    std::string path;
    std::string problem;
  };
  const std::vector<Row> rows{
      {missing, "does not exist"},
      {directory, "is a directory"},
      {"/dev/null", "not a regular file"},
      {not_pem.path(), "holds no PEM certificate"},
      {empty.path(), "holds no PEM certificate"},
  };
  for (const auto& row : rows) {
    INFO(row.path);
    CHECK_THROWS_WITH(options_from_json(json{{"ca_file", row.path}}),
                      Catch::Contains("option 'ca_file'") && Catch::Contains(row.path) && Catch::Contains(row.problem));
  }
  CHECK(options_from_json(json{{"ca_file", ""}}).ca_file.empty());
  CHECK(options_from_json(json{{"ca_file", nullptr}}).ca_file.empty());
}

TEST_CASE("scan options reject an unreadable CA file", "[probe][request]") {
  using tlsready::x509::testing::TempFile;
  const TempFile unreadable(tlsready::x509::testing::to_pem(tlsready::x509::testing::pki().root.get()));
  ::chmod(unreadable.path().c_str(), 0);
  if (::geteuid() == 0) {
    WARN("running as root: a mode 000 file stays readable, nothing to check");
    return;
  }
  CHECK_THROWS_WITH(options_from_json(json{{"ca_file", unreadable.path()}}), Catch::Contains("cannot be read"));
}

TEST_CASE("targets reject ambiguous, non-canonical and non-name hosts and bad SNI", "[probe][request]") {
  CHECK_THROWS_WITH(target_from_text("::1:443"), Catch::Contains("[::1]:443"));
  CHECK_THROWS_WITH(target_from_text("127.1:443"), Catch::Contains("write 127.0.0.1"));
  CHECK_THROWS_WITH(target_from_text("-1"), Catch::Contains("'-'"));
  CHECK(target_from_text("https://localhost:8443/").port == 8443);  // URLs: target_parse_test.cpp
  CHECK_THROWS_WITH(target_from_text("gopher://localhost:8443/"), Catch::Contains("unknown scheme \"gopher\""));
  // The object form checks its host the same way.
  CHECK_THROWS_WITH(target_from_json(json{{"host", "2130706433"}, {"port", 443}}), Catch::Contains("write 127.0.0.1"));
  CHECK_THROWS_WITH(target_from_json(json{{"host", "bad host"}, {"port", 443}}), Catch::Contains("space"));
  CHECK(target_from_json(json{{"host", "[::1]"}, {"port", 443}}).host == "[::1]");
  CHECK(target_from_json(json{{"host", "::1"}, {"port", 443}}).host == "::1");
  // SNI: a host name (RFC 6066 §3), checked in every form.
  CHECK_THROWS_WITH(target_from_text("127.0.0.1:443", std::string(256, 'a')), Catch::Contains("server name (SNI)"));
  CHECK_THROWS_WITH(target_from_text("127.0.0.1:443", "local\nhost"), Catch::Contains("control"));
  CHECK_THROWS_WITH(target_from_text("127.0.0.1:443", "127.0.0.1"), Catch::Contains("RFC 6066"));
  CHECK_THROWS_WITH(target_from_json(json{{"host", "127.0.0.1"}, {"port", 443}, {"sni", "a b"}}),
                    Catch::Contains("server name (SNI)"));
  CHECK_THROWS_WITH(target_from_json(json{{"target", "127.0.0.1:443"}, {"sni", "::1"}}), Catch::Contains("RFC 6066"));
  CHECK(target_from_text("127.0.0.1:443", "localhost").sni == "localhost");
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
