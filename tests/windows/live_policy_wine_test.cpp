// The live registry reached through the policy API on Windows (policy::audit_live_registry):
// the report of this Wine prefix, whose SCHANNEL and .NET values run_wine_tests.sh wrote with
// `wine reg add` just before (TLS 1.0 server Enabled=0, DisabledByDefault=1).
#include <catch2/catch.hpp>

#include <string>

#include <nlohmann/json.hpp>

#include "policy/policy_audit.h"

#ifdef _WIN32

namespace policy = tlsready::policy;

TEST_CASE("live policy audit reads the values reg add wrote", "[wine][policy]") {
  // Wine's prefix says Windows 10 in CurrentVersion; given explicitly so the audit does not depend on it.
  const nlohmann::json report = policy::audit_live_registry("10.0.19045");
  CHECK(report.at("platform") == "windows");
  CHECK(report.at("source").at("type") == "live_registry");
  CHECK(report.at("linux").is_null());
  const nlohmann::json& protocols = report.at("windows").at("schannel").at("protocols");
  bool saw_tls10 = false;
  for (const auto& protocol : protocols) {
    if (protocol.at("version") != "TLSv1.0") continue;
    saw_tls10 = true;
    const auto& server = protocol.at("server");
    CHECK(server.at("from_registry") == true);
    CHECK(server.at("registry_enabled") == 0);
    CHECK(server.at("registry_disabled_by_default") == 1);
    CHECK(server.at("enabled") == false);
  }
  CHECK(saw_tls10);
  CHECK(report.at("findings").is_array());
}

TEST_CASE("live policy audit names a bad OS version", "[wine][policy]") {
  CHECK_THROWS_AS(policy::audit_live_registry("windows 3.1"), std::invalid_argument);
}

#endif  // _WIN32
