// The frozen numbers of FailureKind, Severity and CertificateProblemCode against their ledgers
// (native/data/ledgers/failure_kinds.csv, severities.csv, certificate_problems.csv) and the JSON Schemas' enums: a
// value in the code but not the ledger fails, a ledger row the code lacks fails unless it is retired, a renumbering
// fails, and the schema lists exactly the active names.

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "common/failure.h"
#include "ledgers/ledger_reader.h"
#include "model/certificate.h"
#include "model/finding.h"

namespace {

using tlsready::testing::read_ledger;

// Enumerators of E as the code has them (number -> name). The enums have no reflection, but each
// to_string switch must name every enumerator (-Wswitch under -Werror), and any other number falls
// through to the fallback name: a number is an enumerator when its name differs from the fallback,
// or when it is the fallback enumerator's own number.
template <typename E>
std::map<int, std::string> code_values(E fallback) {
  const std::string fallback_name(to_string(fallback));
  std::map<int, std::string> values;
  for (int number = -16; number < 1024; ++number) {
    const std::string name(to_string(static_cast<E>(number)));
    if (name != fallback_name || number == static_cast<int>(fallback)) values[number] = name;
  }
  return values;
}

struct EnumLedger {
  std::map<int, std::string> active;   // number -> name
  std::map<int, std::string> retired;  // number -> name, kept so the number is never reused
};

EnumLedger enum_ledger(const std::string& file) {
  EnumLedger ledger;
  std::set<std::string> names;
  for (const auto& row : read_ledger(file)) {
    INFO(file << ": row " << row.at("value") << "," << row.at("name"));
    const int number = std::stoi(row.at("value"));
    REQUIRE_FALSE(ledger.active.count(number) + ledger.retired.count(number));  // a number is listed once
    REQUIRE(names.insert(row.at("name")).second);                               // a name is listed once
    CHECK_FALSE(row.at("since_version").empty());
    const std::string& status = row.at("status");
    REQUIRE((status == "active" || status == "retired"));
    (status == "active" ? ledger.active : ledger.retired)[number] = row.at("name");
  }
  return ledger;
}

// The comparison both ways: one line per problem, empty when code and ledger agree.
std::vector<std::string> ledger_problems(const std::map<int, std::string>& code, const EnumLedger& ledger) {
  std::vector<std::string> problems;
  for (const auto& [number, name] : code) {
    const std::string what = std::to_string(number) + " = " + name;
    if (auto retired = ledger.retired.find(number); retired != ledger.retired.end()) {
      problems.push_back("code " + what + " reuses the retired number of " + retired->second);
    } else if (auto row = ledger.active.find(number); row == ledger.active.end()) {
      problems.push_back("code " + what + " is not in the ledger: append a row");
    } else if (row->second != name) {
      problems.push_back("code " + what + " but the ledger has " + row->second + ": renumbered or renamed");
    }
  }
  for (const auto& [number, name] : ledger.active) {
    if (!code.count(number)) {
      problems.push_back("ledger " + std::to_string(number) + " = " + name +
                         " is not in the code: mark it retired instead of deleting it");
    }
  }
  return problems;
}

std::string lines(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += item + "\n";
  return out;
}

std::set<std::string> names_of(const std::map<int, std::string>& values) {
  std::set<std::string> out;
  for (const auto& [number, name] : values) out.insert(name);
  return out;
}

nlohmann::json schema(const std::string& file) {
  std::ifstream in(std::string(TLSREADY_SOURCE_DIR) + "/native/schema/" + file);
  REQUIRE(in);
  return nlohmann::json::parse(in);
}

}  // namespace

TEST_CASE("FailureKind numbers equal the failure_kinds ledger both ways", "[ledgers]") {
  const auto code = code_values(tlsready::FailureKind::internal);
  CHECK(code.size() >= 15);
  const auto problems = ledger_problems(code, enum_ledger("failure_kinds.csv"));
  INFO(lines(problems));
  CHECK(problems.empty());
  // Spot checks that pin the numbers here as well, so a renumbering also breaks this file.
  STATIC_REQUIRE(static_cast<int>(tlsready::FailureKind::invalid_target) == 0);
  STATIC_REQUIRE(static_cast<int>(tlsready::FailureKind::internal) == 14);
}

TEST_CASE("CertificateProblemCode numbers equal the certificate_problems ledger both ways", "[ledgers]") {
  // Its to_string says "unknown" for a number that is no enumerator.
  std::map<int, std::string> code;
  for (int number = -16; number < 1024; ++number) {
    const std::string name(to_string(static_cast<tlsready::model::CertificateProblemCode>(number)));
    if (name != "unknown") code[number] = name;
  }
  CHECK(code.size() == tlsready::model::kAllCertificateProblemCodes.size());
  const auto problems = ledger_problems(code, enum_ledger("certificate_problems.csv"));
  INFO(lines(problems));
  CHECK(problems.empty());
  STATIC_REQUIRE(static_cast<int>(tlsready::model::CertificateProblemCode::no_certificate) == 0);
  STATIC_REQUIRE(static_cast<int>(tlsready::model::CertificateProblemCode::ca_file_unusable) == 13);
}

TEST_CASE("the scan schema's certificate problem codes are the active ledger codes", "[ledgers][schema]") {
  const auto doc = schema("endpoint-scan.schema.json");
  std::set<std::string> in_schema;
  for (const auto& name : doc.at("$defs").at("certificate_problem_code").at("enum"))
    in_schema.insert(name.get<std::string>());
  CHECK(in_schema == names_of(enum_ledger("certificate_problems.csv").active));
}

TEST_CASE("Severity numbers equal the severities ledger both ways", "[ledgers]") {
  const auto code = code_values(tlsready::model::Severity::info);
  CHECK(code.size() == 5);
  const auto problems = ledger_problems(code, enum_ledger("severities.csv"));
  INFO(lines(problems));
  CHECK(problems.empty());
  STATIC_REQUIRE(static_cast<int>(tlsready::model::Severity::critical) == 4);
}

TEST_CASE("the ledger comparison catches additions, deletions, renumberings and reuse", "[ledgers]") {
  EnumLedger ledger;
  ledger.active = {{0, "a"}, {1, "b"}};
  ledger.retired = {{2, "old"}};
  CHECK(ledger_problems({{0, "a"}, {1, "b"}}, ledger).empty());  // a retired value may be gone from the code
  CHECK(ledger_problems({{0, "a"}, {1, "b"}, {3, "c"}}, ledger).size() == 1);    // added without a row
  CHECK(ledger_problems({{0, "a"}}, ledger).size() == 1);                        // deleted instead of retired
  CHECK(ledger_problems({{0, "a"}, {1, "b"}, {2, "new"}}, ledger).size() == 1);  // retired number reused
  const auto renumbered = ledger_problems({{0, "a"}, {3, "b"}}, ledger);         // b moved from 1 to 3
  CHECK(renumbered.size() == 2);
  CHECK_THAT(lines(renumbered), Catch::Contains("3 = b is not in the ledger") && Catch::Contains("1 = b"));
  CHECK(ledger_problems({{0, "a"}, {1, "B"}}, ledger).size() == 1);  // renamed
}

TEST_CASE("the scan schema's error kinds are the active failure kinds", "[ledgers][schema]") {
  const auto doc = schema("endpoint-scan.schema.json");
  std::set<std::string> in_schema;
  // properties.error is "null or an error object"; the object's kind is the enum.
  for (const auto& branch : doc.at("properties").at("error").at("oneOf")) {
    if (branch.contains("properties") && branch.at("properties").contains("kind")) {
      for (const auto& name : branch.at("properties").at("kind").at("enum")) in_schema.insert(name.get<std::string>());
    }
  }
  CHECK(in_schema == names_of(enum_ledger("failure_kinds.csv").active));
}

TEST_CASE("the policy schema's severities are the active severities", "[ledgers][schema]") {
  const auto doc = schema("local-policy.schema.json");
  std::set<std::string> in_schema;
  for (const auto& name : doc.at("$defs").at("severity").at("enum")) {  // finding.severity refers to it
    in_schema.insert(name.get<std::string>());
  }
  CHECK(in_schema == names_of(enum_ledger("severities.csv").active));
}
