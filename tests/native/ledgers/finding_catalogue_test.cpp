// The finding catalogue (native/data/findings.csv) and the finding id ledger
// (native/data/ledgers/finding_ids.csv) agree both ways: every id of the catalogue is a ledger row,
// every active ledger id has a catalogue row, and every id the audits emit for the test inputs has
// one. A new finding needs both rows; a retired one keeps both.

#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "assess/policy_file.h"
#include "catalogue/finding_catalogue.h"
#include "ledgers/ledger_reader.h"
#include "policy/emitted_findings.h"

namespace {

struct Ledger {
  std::set<std::string> active, all;  // the local-policy rooms (windows, linux)
  std::set<std::string> verdict;      // room verdict: the findings of native/data/policies/*.json
};

Ledger ledger_ids() {
  Ledger ledger;
  for (const auto& row : tlsready::testing::read_ledger("finding_ids.csv")) {
    if (row.at("room") == "verdict") {
      if (row.at("status") == "active") ledger.verdict.insert(row.at("id"));
      continue;
    }
    ledger.all.insert(row.at("id"));
    if (row.at("status") == "active") ledger.active.insert(row.at("id"));
  }
  return ledger;
}

}  // namespace

TEST_CASE("every finding id of the catalogue is in the ledger, and every active ledger id in the catalogue",
          "[ledgers][policy][catalogue]") {
  const auto& catalogue = tlsready::catalogue::FindingCatalogue::builtin();
  const Ledger ledger = ledger_ids();
  for (const std::string& id : catalogue.ids()) {
    INFO("findings.csv id missing from native/data/ledgers/finding_ids.csv: " << id);
    CHECK(ledger.all.count(id) == 1);
  }
  for (const std::string& id : ledger.active) {
    INFO("active ledger id without a row in native/data/findings.csv: " << id);
    CHECK(catalogue.row(id) != nullptr);
  }
}

TEST_CASE("every finding id the audits emit for the test inputs has a catalogue row", "[ledgers][policy][catalogue]") {
  const auto& catalogue = tlsready::catalogue::FindingCatalogue::builtin();
  for (const auto& [input, finding] : tlsready::policy::testing::emitted_findings()) {
    INFO(finding.id << " from " << input);
    CHECK(catalogue.row(finding.id) != nullptr);
  }
}

TEST_CASE("every active verdict-room ledger id is the finding of a built-in policy rule", "[ledgers][verdict]") {
  std::set<std::string> rule_ids;
  for (const auto& policy : tlsready::assess::builtin_policies())
    for (const auto& rule : policy.rules) rule_ids.insert(rule.finding.id);
  for (const std::string& id : ledger_ids().verdict) {
    INFO("verdict ledger id no built-in policy emits: " << id);
    CHECK(rule_ids.count(id) == 1);
  }
}
