// Policy documents: every built-in loads and cites a source, its finding ids are catalogued, and a
// bad user's file is refused with the file and the field named.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "assess/policy_file.h"
#include "ledgers/ledger_reader.h"

using nlohmann::json;
namespace assess = tlsready::assess;

namespace {

json minimal_policy() {
  return json::parse(R"({
    "schema_version": "1.0", "id": "mine", "name": "My policy", "description": "",
    "sources": [{"title": "our standard", "url": "https://intranet.invalid/tls"}],
    "rules": [{"check": "versions_forbidden", "effect": "not_ready", "versions": ["TLSv1.0"],
               "finding": {"id": "MY-TLS10", "severity": "high", "title": "TLS 1.0", "why": "old", "fix": "disable it"}}]
  })");
}

std::string error_of(const json& document) {
  try {
    (void)assess::parse_policy(document, "mine.json");
  } catch (const assess::PolicyError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("every built-in policy loads, cites a source and has the id of its file", "[assess][policy]") {
  const auto& policies = assess::builtin_policies();
  std::set<std::string> ids;
  for (const auto& policy : policies) {
    INFO(policy.id);
    ids.insert(policy.id);
    CHECK_FALSE(policy.sources.empty());
    CHECK_FALSE(policy.rules.empty());
    CHECK(policy.origin == "built-in");
    CHECK_FALSE(assess::builtin_policy_document(policy.id).empty());
    CHECK(std::filesystem::exists(std::filesystem::path(TLSREADY_SOURCE_DIR) / "native/data/policies" /
                                  (policy.id + ".json")));
  }
  CHECK(ids == std::set<std::string>{"m365", "mozilla-modern", "mozilla-intermediate", "mozilla-old", "nist-800-52r2",
                                     "pci-dss", "tls12-strict"});
  CHECK(policies.front().id == "m365");
}

TEST_CASE("m365 holds Microsoft's facts: TLS 1.2, the eight suites, no 3DES, no SHA-1, the dates", "[assess][policy]") {
  const assess::Policy* m365 = assess::find_builtin_policy("m365");
  REQUIRE(m365 != nullptr);
  const std::vector<uint16_t> eight = {0xC030, 0xC02F, 0xC028, 0xC027, 0xC014, 0xC013, 0x009D, 0x009C};
  bool required_suites = false, no_3des = false, no_sha1 = false, tls12 = false;
  for (const auto& rule : m365->rules) {
    if (rule.check == assess::RuleCheck::suites_required_any) required_suites = rule.suites == eight;
    if (rule.check == assess::RuleCheck::suites_forbidden && rule.properties == std::vector<std::string>{"triple_des"})
      no_3des = true;
    if (rule.check == assess::RuleCheck::certificate_signature)
      no_sha1 = std::count(rule.forbidden_hashes.begin(), rule.forbidden_hashes.end(), "sha1") == 1;
    if (rule.check == assess::RuleCheck::versions_required)
      tls12 = rule.versions == std::vector{tlsready::model::ProtocolVersion::tls1_2};
  }
  CHECK(required_suites);
  CHECK(no_3des);
  CHECK(no_sha1);
  CHECK(tls12);
  std::set<std::string> dates;
  for (const auto& milestone : m365->milestones) dates.insert(milestone.date);
  CHECK(dates.count("2020-10-15") == 1);
  CHECK(dates.count("2020-01-15") == 1);
  REQUIRE(m365->server_side.has_value());
  CHECK(m365->server_side->versions.front().cipher_suites == eight);
}

TEST_CASE("every finding id of the built-in policies is an active verdict row of the ledger",
          "[assess][policy][ledgers]") {
  std::set<std::string> catalogued;
  for (const auto& row : tlsready::testing::read_ledger("finding_ids.csv"))
    if (row.at("room") == "verdict" && row.at("status") == "active") catalogued.insert(row.at("id"));
  std::set<std::string> used;
  for (const auto& policy : assess::builtin_policies()) {
    for (const auto& rule : policy.rules) {
      INFO(policy.id << ": " << rule.finding.id);
      CHECK(catalogued.count(rule.finding.id) == 1);
      used.insert(rule.finding.id);
    }
  }
  CHECK(used == catalogued);  // no catalogued verdict id without a rule
}

TEST_CASE("a user's policy is refused with the file and the field named", "[assess][policy]") {
  CHECK(error_of(minimal_policy()).empty());
  json bad = minimal_policy();
  bad["rules"][0]["versions"][0] = "TLSv9";
  CHECK(error_of(bad) ==
        "mine.json: rules[0].versions[0]: 'TLSv9' is not a version name (SSLv2, SSLv3, TLSv1.0, "
        "TLSv1.1, TLSv1.2, TLSv1.3)");
  bad = minimal_policy();
  bad["rules"][0]["colour"] = "red";
  CHECK(error_of(bad) == "mine.json: rules[0].colour: unknown field");
  bad = minimal_policy();
  bad["rules"][0]["finding"].erase("fix");
  CHECK(error_of(bad) == "mine.json: rules[0].finding.fix: missing");
  bad = minimal_policy();
  bad["rules"][0]["check"] = "suites_allowed";
  CHECK(error_of(bad) == "mine.json: rules[0]: this check needs 'suites'");
  bad = minimal_policy();
  bad["rules"][0]["suites"] = {"TLS_FOO"};
  CHECK_THAT(error_of(bad), Catch::StartsWith("mine.json: rules[0].suites[0]: unknown cipher suite 'TLS_FOO'"));
  bad = minimal_policy();
  bad["rules"][0]["finding"]["severity"] = "dire";
  CHECK_THAT(error_of(bad), Catch::StartsWith("mine.json: rules[0].finding.severity: unknown severity 'dire'"));
  bad = minimal_policy();
  bad["schema_version"] = "2.0";
  CHECK_THAT(error_of(bad), Catch::StartsWith("mine.json: schema_version:"));
  bad = minimal_policy();
  bad["rules"] = json::array();
  CHECK(error_of(bad) == "mine.json: rules: must not be empty");
}

TEST_CASE("a policy is named by a built-in id, a file or an inline document", "[assess][policy]") {
  CHECK(assess::resolve_policy("mozilla-modern").id == "mozilla-modern");
  const auto path = std::filesystem::temp_directory_path() / "tlsready_policy_test_mine.json";
  std::ofstream(path) << minimal_policy().dump();
  const assess::Policy mine = assess::resolve_policy(path.string());
  CHECK(mine.id == "mine");
  CHECK(mine.origin == path.string());
  std::filesystem::remove(path);
  CHECK(assess::resolve_policy(minimal_policy().dump()).id == "mine");
  CHECK_THROWS_WITH(assess::resolve_policy("m366"),
                    "unknown policy 'm366' (built-in: m365, mozilla-modern, mozilla-intermediate, mozilla-old, "
                    "nist-800-52r2, pci-dss, tls12-strict; or a policy file path)");
  CHECK_THROWS_WITH(assess::resolve_policy("/nonexistent/p.json"), "/nonexistent/p.json: cannot open the policy file");
  CHECK_THROWS_AS(assess::resolve_policy("{not json"), assess::PolicyError);
}
