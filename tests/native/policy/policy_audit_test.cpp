#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "policy/finding_json.h"
#include "policy/policy_audit.h"

namespace {
const std::string kScenarios = std::string(TLSREADY_SOURCE_DIR) + "/tests/data/reg/scenarios/";
}

TEST_CASE("a registry export audit is one report with summary and findings", "[policy][report]") {
  const auto report = tlsready::policy::audit_registry_files({kScenarios + "win7_sp1_untouched.reg"}, "");
  CHECK(report["schema_version"] == "1.0");
  CHECK(report["platform"] == "windows");
  CHECK(report["linux"].is_null());
  CHECK(report["windows"]["os"]["family"] == "win7_2008r2");
  int counted = 0;
  for (const auto& [severity, count] : report["summary"].items()) counted += count.get<int>();
  CHECK(counted == static_cast<int>(report["findings"].size()));
}

TEST_CASE("findings survive a JSON round trip and drive the remediation", "[policy][report]") {
  const auto report = tlsready::policy::audit_registry_files({kScenarios + "server2012r2_legacy.reg"}, "");
  const auto findings = report["findings"].get<std::vector<tlsready::policy::Finding>>();
  CHECK(nlohmann::json(findings) == report["findings"]);
  const std::string reg = tlsready::policy::remediation_text(report, "reg");
  CHECK(reg.rfind("Windows Registry Editor Version 5.00", 0) == 0);
  CHECK(tlsready::policy::remediation_text(report["findings"], "ps1").find("ShouldProcess") != std::string::npos);
  CHECK_THROWS_WITH(tlsready::policy::remediation_text(report, "bat"), Catch::Contains("'bat'"));
  CHECK_THROWS_AS(tlsready::policy::remediation_text(nlohmann::json::array({{{"id", 1}}}), "reg"),
                  std::invalid_argument);
}

TEST_CASE("bad policy inputs are invalid arguments naming the input", "[policy][report]") {
  CHECK_THROWS_WITH(tlsready::policy::audit_registry_files({}, ""), Catch::Contains("no registry export"));
  CHECK_THROWS_WITH(tlsready::policy::audit_registry_files({kScenarios + "missing.reg"}, ""),
                    Catch::Contains("missing.reg"));
  CHECK_THROWS_WITH(tlsready::policy::audit_registry_files({kScenarios + "win11_default.reg"}, "win99"),
                    Catch::Contains("win99"));
  CHECK_THROWS_WITH(tlsready::policy::audit_linux_root("/no/such/root", ""), Catch::Contains("/no/such/root"));
}

TEST_CASE("the Linux audit of a fake root is a report too", "[policy][report]") {
  const auto report = tlsready::policy::audit_linux_root(
      std::string(TLSREADY_SOURCE_DIR) + "/tests/data/linux_roots/debian_tls10_seclevel1", "");
  CHECK(report["platform"] == "linux");
  CHECK(report["windows"].is_null());
  CHECK(report["linux"]["openssl"]["client"]["security_level"] == 1);
  CHECK_FALSE(report["findings"].empty());
}
