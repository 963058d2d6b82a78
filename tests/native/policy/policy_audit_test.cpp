#include <catch2/catch.hpp>

#include <stdexcept>
#include <string>

#include "model/finding_json.h"
#include "policy/policy_audit.h"

namespace {
const std::string kScenarios = std::string(TLSREADY_SOURCE_DIR) + "/tests/data/reg/scenarios/";
}

TEST_CASE("a registry export audit is one report with summary and findings", "[policy][report]") {
  const nlohmann::json report = tlsready::policy::audit_registry_files({kScenarios + "win7_sp1_untouched.reg"}, "");
  CHECK(report["schema_version"] == "2.0");
  CHECK(report["platform"] == "windows");
  CHECK(report["linux"].is_null());
  CHECK(report["windows"]["os"]["family"] == "win7_2008r2");
  int counted = 0;
  for (const auto& [severity, count] : report["summary"].items()) counted += count.get<int>();
  CHECK(counted == static_cast<int>(report["findings"].size()));
}

TEST_CASE("findings survive a JSON round trip and drive the remediation", "[policy][report]") {
  const nlohmann::json report = tlsready::policy::audit_registry_files({kScenarios + "server2012r2_legacy.reg"}, "");
  const auto findings = report["findings"].get<std::vector<tlsready::model::Finding>>();
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
  const nlohmann::json report = tlsready::policy::audit_linux_root(
      std::string(TLSREADY_SOURCE_DIR) + "/tests/data/linux_roots/debian_tls10_seclevel1", "");
  CHECK(report["platform"] == "linux");
  CHECK(report["windows"].is_null());
  CHECK(report["linux"]["openssl"]["client"]["security_level"] == 1);
  CHECK_FALSE(report["findings"].empty());
}

TEST_CASE("an unknown --os-version is named once, with the accepted forms", "[policy][report]") {
  try {
    tlsready::policy::audit_registry_files({kScenarios + "win11_default.reg"}, "win99");
    FAIL("no exception");
  } catch (const std::invalid_argument& error) {
    const std::string message = error.what();
    CHECK(message.find("unknown Windows version 'win99'") == 0);
    CHECK(message.find("unknown Windows version", 1) == std::string::npos);  // was repeated twice
    CHECK(message.find("server2019") != std::string::npos);
  }
  // checked before the files are read
  CHECK_THROWS_WITH(tlsready::policy::audit_registry_files({kScenarios + "missing.reg"}, "10.0.99999"),
                    Catch::Contains("'10.0.99999'"));
}

TEST_CASE("an export without CurrentVersion says which key to add or which option to pass", "[policy][report]") {
  const std::string path = std::string(TLSREADY_SOURCE_DIR) + "/tests/data/reg/format/schannel_export.reg";
  CHECK_THROWS_WITH(tlsready::policy::audit_registry_files({path}, ""),
                    Catch::Contains("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion") &&
                        Catch::Contains("reg export \"HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\"") &&
                        Catch::Contains("--os-version"));
  const nlohmann::json report = tlsready::policy::audit_registry_files({path}, "win10");
  CHECK(report["windows"]["os"]["family"] == "win10_2016_2019");
}

TEST_CASE("registry inputs: directory, NUL byte, oversized JSON snapshot are named errors", "[policy][report]") {
  CHECK_THROWS_WITH(tlsready::policy::audit_registry_files({kScenarios}, ""), Catch::Contains("is a directory"));
  CHECK_THROWS_WITH(tlsready::policy::audit_registry_files({kScenarios + "win7_sp1_untouched.reg" + std::string(1, '\0') + "x"}, ""),
                    Catch::Contains("NUL byte"));
  CHECK_THROWS_WITH(tlsready::policy::audit_registry_files({"/dev/zero.json"}, ""), Catch::Contains("no such file"));
}

#ifndef _WIN32
TEST_CASE("the live registry audit is Windows-only and says so", "[policy][report]") {
  // On Windows tests/windows/live_policy_wine_test.cpp audits the live registry under Wine.
  CHECK_THROWS_WITH(tlsready::policy::audit_live_registry(""),
                    Catch::Matchers::Contains("the live registry is only readable on Windows"));
  CHECK_FALSE(tlsready::policy::live_registry_roots().empty());
}
#endif

TEST_CASE("the public audits return the typed report; its JSON is the document", "[policy][report]") {
  using tlsready::model::PolicyPlatform;
  using tlsready::model::Severity;
  const tlsready::model::PolicyReport report =
      tlsready::policy::audit_registry_files({kScenarios + "server2012r2_legacy.reg"}, "");
  CHECK(report.platform == PolicyPlatform::windows);
  CHECK(report.source.type == tlsready::model::PolicySource::Type::registry_export);
  CHECK_FALSE(report.source.root.has_value());
  REQUIRE(report.windows.has_value());
  CHECK_FALSE(report.linux_section.has_value());
  const nlohmann::json document = report;
  CHECK(document["source"] == nlohmann::json({{"type", "registry_export"}, {"paths", report.source.paths}}));
  int counted = 0;
  for (Severity severity : tlsready::model::kAllSeverities) {
    CHECK(document["summary"][std::string(to_string(severity))] == report.summary().count(severity));
    counted += report.summary().count(severity);
  }
  CHECK(counted == static_cast<int>(report.findings.size()));
  // Version fields carry the one vocabulary: display name and wire code.
  for (const auto& protocol : document["windows"]["schannel"]["protocols"]) {
    const std::string name = protocol["version"];
    CHECK((name.rfind("TLSv1.", 0) == 0 || name.rfind("SSLv", 0) == 0 || name.rfind("DTLSv1.", 0) == 0));
    CHECK(protocol["code"].get<std::string>().rfind("0x", 0) == 0);
  }
}

#ifndef _WIN32  // the Linux roots hold symlinks, which Wine cannot create
TEST_CASE("the Linux report spells versions once, with the code beside a version field", "[policy][report]") {
  const nlohmann::json report = tlsready::policy::audit_linux_root(
      std::string(TLSREADY_SOURCE_DIR) + "/tests/data/linux_roots/debian_tls10_seclevel1", "");
  const auto& client = report["linux"]["openssl"]["client"];
  CHECK(client["lowest_negotiated"] == nlohmann::json({{"version", "TLSv1.0"}, {"code", "0x0301"}}));
  CHECK(client["min_version"] == nlohmann::json({{"version", "TLSv1.0"}, {"code", "0x0301"}}));
  CHECK(client["enabled_versions"].front() == "TLSv1.0");
  CHECK(client["handshakes"].front()["version"] == report["linux"]["openssl"]["library_lowest_version"]["version"]);
  const std::string dump = report.dump();
  CHECK(dump.find("\"TLSv1\"") == std::string::npos);
  CHECK(dump.find("\"TLS 1.0\"") == std::string::npos);
}
#endif
