// Every placeholder of every catalogue row is filled for every emitted finding: the audits of the
// test inputs (emitted_findings.h) leave no {name} and no {@key} in a title, why or fix, so a rule
// that forgets a value (or a row that names one the rule does not give) fails here.

#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

#include "catalogue/finding_catalogue.h"
#include "catalogue/finding_template.h"
#include "policy/emitted_findings.h"

namespace {

// The {name} and {@key} placeholders left in `text`.
std::vector<std::string> left_over(const std::string& text) {
  auto out = tlsready::catalogue::value_placeholders(text);
  for (const auto& key : tlsready::catalogue::shared_text_keys(text)) out.push_back("@" + key);
  return out;
}

}  // namespace

TEST_CASE("every placeholder of every emitted finding is filled", "[policy][catalogue]") {
  const auto emitted = tlsready::policy::testing::emitted_findings();
  std::set<std::string> ids;
  for (const auto& [input, finding] : emitted) {
    ids.insert(finding.id);
    INFO(finding.id << " from " << input);
    for (const std::string* text : {&finding.title, &finding.why, &finding.fix}) {
      INFO(*text);
      CHECK(left_over(*text).empty());
    }
    CHECK_FALSE(finding.references.empty());
  }
  // The inputs reach most of the catalogue; the rest is reached by the rule tests of
  // tests/native/policy_windows and tests/native/policy_linux. The Windows build (Wine) skips the
  // Linux roots, which need POSIX symlinks: it reaches the Windows ids only.
#ifdef _WIN32
  CHECK(ids.size() >= 85);
#else
  CHECK(ids.size() >= 100);
#endif
}

TEST_CASE("every emitted finding says what its catalogue row says, apart from the values", "[policy][catalogue]") {
  const auto& catalogue = tlsready::catalogue::FindingCatalogue::builtin();
  std::map<std::string, tlsready::model::Severity> severities;  // id -> some severity seen
  for (const auto& [input, finding] : tlsready::policy::testing::emitted_findings()) {
    INFO(finding.id << " from " << input);
    const auto* base = catalogue.row(finding.id);
    REQUIRE(base != nullptr);  // an emitted id without a catalogue row
    // The severity is the base row's or one of its variants'.
    std::set<tlsready::model::Severity> allowed = {*base->severity};
    for (const auto& row : catalogue.rows()) {
      if (row.id == finding.id && row.severity) allowed.insert(*row.severity);
    }
    CHECK(allowed.count(finding.severity) == 1);
  }
}
