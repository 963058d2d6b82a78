// "Will this machine's clients still reach Microsoft 365" (assess/machine_reach.h): for every
// registry scenario (tests/data/reg/scenarios/*.reg) and the Linux roots the policy tests use, the
// answer per stack is the one tests/data/machine_reach/m365_expected.json records (with why); the
// document matches native/schema/machine-reach.schema.json; a policy without server_side and a
// report that is not one are typed errors.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "assess/schema_fields.h"

#include "assess/machine_reach.h"
#include "assess/machine_reach_json.h"
#include "assess/policy_file.h"
#include "model/policy_report_json.h"
#include "policy/policy_audit.h"

using nlohmann::json;
namespace assess = tlsready::assess;

namespace {

const std::string kData = std::string(TLSREADY_SOURCE_DIR) + "/tests/data/";

json load(const std::string& path) {
  std::ifstream file(path);
  REQUIRE(file.good());
  return json::parse(file);
}

tlsready::model::PolicyReport report_of(const std::string& fixture) {
  if (fixture.rfind("reg/", 0) == 0) return tlsready::policy::audit_registry_files({kData + fixture}, "");
  return tlsready::policy::audit_linux_root(kData + fixture, "");
}

json reach_document(const std::string& fixture) {
  return assess::machine_reach_json(assess::machine_reach(report_of(fixture), *assess::find_builtin_policy("m365")));
}

using tlsready::test::check_fields;

}  // namespace

TEST_CASE("machine reach: every scenario's stacks reach Microsoft 365 as expected", "[assess][machine_reach]") {
  const json expected = load(kData + "machine_reach/m365_expected.json");
  std::set<std::string> covered;
  for (const auto& scenario : expected["scenarios"]) {
    const std::string fixture = scenario["fixture"];
#ifdef _WIN32
    if (fixture.rfind("linux_roots/", 0) == 0) continue;  // symlinks Wine cannot create
#endif
    covered.insert(fixture);
    const json document = reach_document(fixture);
    std::set<std::string> seen;
    for (const auto& stack : document["stacks"]) {
      const std::string id = stack["id"];
      INFO(fixture << " " << id << ": " << stack["detail"].get<std::string>());
      seen.insert(id);
      REQUIRE(scenario["stacks"].contains(id));
      const json& want = scenario["stacks"][id];
      CHECK(stack["reaches"] == want["reaches"]);
      if (want.contains("reason")) CHECK(stack["reason"] == want["reason"]);
      if (want.contains("version")) CHECK(stack["version"] == want["version"]);
      if (stack["reaches"] == false) {
        CHECK(stack["fix"].is_string());
      } else {
        CHECK(stack["fix"].is_null());
      }
      if (stack["reaches"] == true) CHECK(stack["cipher_suite"].is_object());
    }
    for (const auto& [id, want] : scenario["stacks"].items()) {
      INFO(fixture << ": expected stack " << id);
      CHECK(seen.count(id) == 1);
    }
  }
  // Every registry scenario has its answers.
  for (const auto& entry : std::filesystem::directory_iterator(kData + "reg/scenarios")) {
    if (entry.path().extension() != ".reg") continue;
    INFO(entry.path().filename().string());
    CHECK(covered.count("reg/scenarios/" + entry.path().filename().string()) == 1);
  }
}

TEST_CASE("machine reach: the fixes name the registry keys an administrator sets", "[assess][machine_reach]") {
  const json document = reach_document("reg/scenarios/win7_sp1_untouched.reg");
  bool found_wow = false;
  for (const auto& stack : document["stacks"]) {
    if (stack["id"] == "dotnet-4.0-32bit") {
      CHECK(stack["reason"] == "no_common_version");
      const std::string fix = stack["fix"];
      CHECK(fix.find("SchUseStrongCrypto=1") != std::string::npos);
      CHECK(fix.find("HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319") != std::string::npos);
      CHECK_FALSE(stack["evidence"].empty());
      found_wow = true;
    }
    if (stack["id"] == "winhttp-64bit") CHECK(stack["fix"].get<std::string>().find("DefaultSecureProtocols") == 4);
    if (stack["id"] == "schannel") CHECK(stack["base_profile"] == "schannel-win7");
  }
  CHECK(found_wow);
  CHECK(document["summary"]["fail"].get<int>() > 0);
  CHECK(document["summary"]["line"].get<std::string>().rfind("machine reach m365: ", 0) == 0);
  CHECK(assess::machine_reach_fix("dotnet-3.5-32bit").find("WOW6432Node\\Microsoft\\.NETFramework\\v2.0.50727") !=
        std::string::npos);
  CHECK(assess::machine_reach_fix("java-8-2").find("jdk.tls.disabledAlgorithms") != std::string::npos);
  CHECK_FALSE(assess::machine_reach_fix("something-else").empty());  // the catch-all row
}

TEST_CASE("machine reach documents match their schema", "[assess][machine_reach]") {
  const json schema = load(std::string(TLSREADY_SOURCE_DIR) + "/native/schema/machine-reach.schema.json");
  for (const std::string fixture : {"reg/scenarios/win7_sp1_untouched.reg", "reg/scenarios/win11_default.reg"
#ifndef _WIN32
                                    ,
                                    "linux_roots/java_two_jdks"
#endif
       }) {
    const json document = reach_document(fixture);
    check_fields(schema, document, fixture);
    check_fields(schema["properties"]["policy"], document["policy"], "policy");
    check_fields(schema["properties"]["summary"], document["summary"], "summary");
    CHECK(document["schema_version"] == schema["properties"]["schema_version"]["const"]);
    REQUIRE_FALSE(document["stacks"].empty());
    for (const auto& stack : document["stacks"]) {
      check_fields(schema["$defs"]["stack"], stack, fixture + " " + stack["id"].get<std::string>());
      const auto& stacks_enum = schema["$defs"]["stack"]["properties"]["stack"]["enum"];
      CHECK(std::find(stacks_enum.begin(), stacks_enum.end(), stack["stack"]) != stacks_enum.end());
      if (stack["cipher_suite"].is_object())
        check_fields(schema["$defs"]["named_code"], stack["cipher_suite"], "suite");
    }
  }
}

TEST_CASE("machine reach: a policy without server_side and a report that is not one are typed errors",
          "[assess][machine_reach]") {
  const auto report = report_of("reg/scenarios/win11_default.reg");
  assess::Policy bare = *assess::find_builtin_policy("m365");
  bare.server_side.reset();
  CHECK_THROWS_AS(assess::machine_reach(report, bare), assess::MachineReachError);
  CHECK_THROWS_WITH(assess::machine_reach(report, bare), Catch::Contains("has no server_side"));
  CHECK_THROWS_AS(assess::policy_report_from_json(json::array()), assess::MachineReachError);
  CHECK_THROWS_WITH(assess::policy_report_from_json(json{{"platform", "windows"}}),
                    Catch::Contains("needs a \"windows\" object"));
  // The report's own JSON form reads back to the same answers.
  const json round = json(report);
  const auto again =
      assess::machine_reach(assess::policy_report_from_json(round), *assess::find_builtin_policy("m365"));
  CHECK(assess::machine_reach_json(again) ==
        assess::machine_reach_json(assess::machine_reach(report, *assess::find_builtin_policy("m365"))));
}

// Writes each fixture's document to the file TLSREADY_MACHINE_REACH_PRINT names, to review
// tests/data/machine_reach/m365_expected.json after a catalogue change:
//   TLSREADY_MACHINE_REACH_PRINT=/tmp/answers.json tlsready_native_tests "[.machine_reach_print]"
// Without the variable it writes nothing: a spec such as "~[integration]" runs hidden tests too.
TEST_CASE("machine reach: write the answers", "[.machine_reach_print]") {
  const char* path = std::getenv("TLSREADY_MACHINE_REACH_PRINT");
  if (path == nullptr || *path == '\0') return;
  const json expected = load(kData + "machine_reach/m365_expected.json");
  json out = json::object();
  for (const auto& scenario : expected["scenarios"]) {
    const std::string fixture = scenario["fixture"];
    out[fixture] = reach_document(fixture);
  }
  std::ofstream(path) << out.dump(1);
  SUCCEED();
}
