// The finding catalogue (native/src/catalogue, native/data/findings.csv + finding_texts.csv): its
// file rules, its placeholders and how variants are laid over the base row.

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>
#include <string>

#include "catalogue/finding_catalogue.h"
#include "catalogue/finding_template.h"

using tlsready::catalogue::CatalogueError;
using tlsready::catalogue::FindingCatalogue;
using tlsready::catalogue::SharedText;
using tlsready::model::Severity;

namespace {

const std::string kHeader = "id,variant,severity,title,why,fix,references\n";
const std::string kTexts =
    "# comment\nkey,kind,text\nrfc,reference,https://www.rfc-editor.org/rfc/rfc8996\n"
    "world,sentence,\"TLS 1.2, or later.\"\n";

FindingCatalogue parse(const std::string& rows, const std::string& texts = kTexts) {
  return FindingCatalogue::parse("# a comment\n" + kHeader + rows, texts);
}

std::optional<std::string_view> no_shared(std::string_view) { return std::nullopt; }

}  // namespace

TEST_CASE("the built-in finding catalogue parses and every id has its base row first", "[policy][catalogue]") {
  const FindingCatalogue& catalogue = FindingCatalogue::builtin();
  CHECK(catalogue.ids().size() >= 119);
  std::set<std::string> seen;
  for (const auto& row : catalogue.rows()) {
    INFO("findings.csv line " << row.line << ": " << row.id << " " << row.variant);
    if (row.variant.empty()) {
      CHECK(seen.insert(row.id).second);
      CHECK(row.severity.has_value());
    } else {
      CHECK(seen.count(row.id) == 1);
    }
  }
}

TEST_CASE("every shared text of finding_texts.csv is used by some finding", "[policy][catalogue]") {
  const FindingCatalogue& catalogue = FindingCatalogue::builtin();
  std::set<std::string> used;
  for (const auto& row : catalogue.rows()) {
    for (const std::string* column : {&row.title, &row.why, &row.fix}) {
      for (const auto& key : tlsready::catalogue::shared_text_keys(*column)) used.insert(key);
    }
    used.insert(row.references.begin(), row.references.end());
  }
  for (const SharedText& text : catalogue.texts()) {
    for (const auto& key : tlsready::catalogue::shared_text_keys(text.text)) used.insert(key);
  }
  // Sentences a rule assembles itself (catalogue::sentence) are named in the policy sources.
  std::string sources;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::string(TLSREADY_SOURCE_DIR) + "/native/src/policy")) {
    if (entry.path().extension() != ".cpp") continue;
    std::ifstream in(entry.path());
    sources.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  for (const SharedText& text : catalogue.texts()) {
    INFO("unused text " << text.key);
    CHECK((used.count(text.key) == 1 || sources.find('"' + text.key + '"') != std::string::npos));
  }
}

TEST_CASE("placeholders: values and shared texts are filled, anything else stays text", "[policy][catalogue]") {
  using tlsready::catalogue::render;
  const auto shared = [](std::string_view key) -> std::optional<std::string_view> {
    if (key == "world") return std::string_view("TLS {version} only");
    return std::nullopt;
  };
  CHECK(render("DHE keys of {bits} bits", {{"bits", "1024"}}, shared) == "DHE keys of 1024 bits");
  CHECK(render("{@world}.", {{"version", "1.2"}}, shared) == "TLS 1.2 only.");
  CHECK(render("{bits} and {missing}", {{"bits", "1"}}, shared) == "1 and {missing}");
  CHECK(render("{@nothing} {} {Upper} {a b} {", {}, shared) == "{@nothing} {} {Upper} {a b} {");
  // A value is not scanned again.
  CHECK(render("{path}", {{"path", "/etc/{bits}"}, {"bits", "9"}}, no_shared) == "/etc/{bits}");
  CHECK(tlsready::catalogue::value_placeholders("{a} {@b} {c_1} {D}") == std::vector<std::string>{"a", "c_1"});
  CHECK(tlsready::catalogue::shared_text_keys("{a} {@b-c}") == std::vector<std::string>{"b-c"});
}

TEST_CASE("variants replace only the columns they fill, in the order the rule names them", "[policy][catalogue]") {
  const FindingCatalogue catalogue = parse(
      "X-ONE,,medium,Level {level},\"{@world} Base why.\",Base fix,rfc\n"
      "X-ONE,level-0,high,,Level 0 why.,,\n"
      "X-ONE,crypto-policy,,,,Policy fix,\n");
  const auto base = catalogue.finding("X-ONE", {{"level", "1"}});
  CHECK(base.severity == Severity::medium);
  CHECK(base.title == "Level 1");
  CHECK(base.why == "TLS 1.2, or later. Base why.");
  CHECK(base.fix == "Base fix");
  CHECK(base.references == std::vector<std::string>{"https://www.rfc-editor.org/rfc/rfc8996"});
  const auto both = catalogue.finding("X-ONE", {{"level", "0"}}, {"level-0", "", "crypto-policy"});
  CHECK(both.severity == Severity::high);
  CHECK(both.title == "Level 0");
  CHECK(both.why == "Level 0 why.");
  CHECK(both.fix == "Policy fix");
  CHECK_THROWS_AS(catalogue.finding("X-TWO"), std::logic_error);
  CHECK(catalogue.sentence("world") == "TLS 1.2, or later.");
  CHECK_THROWS_AS(catalogue.sentence("rfc"), std::logic_error);  // a reference, not a sentence
  CHECK_THROWS_WITH(catalogue.finding("X-ONE", {}, {"level-9"}), Catch::Contains("no variant 'level-9'"));
}

TEST_CASE("a malformed catalogue is refused with its file and line", "[policy][catalogue]") {
  CHECK_THROWS_WITH(FindingCatalogue::parse("id,severity\n", kTexts), Catch::Contains("findings.csv line 1: header"));
  CHECK_THROWS_WITH(parse("X-ONE,,medium,T,W,F,rfc\nX-ONE,,low,T,W,F,rfc\n"),
                    Catch::Contains("line 4") && Catch::Contains("listed twice"));
  CHECK_THROWS_WITH(parse("X-ONE,v,medium,T,W,F,rfc\n"), Catch::Contains("before the id's base row"));
  CHECK_THROWS_WITH(parse("X-ONE,,urgent,T,W,F,rfc\n"), Catch::Contains("unknown severity 'urgent'"));
  CHECK_THROWS_WITH(parse("X-ONE,,medium,T,,F,rfc\n"), Catch::Contains("needs severity, title, why, fix"));
  CHECK_THROWS_WITH(parse("x-one,,medium,T,W,F,rfc\n"), Catch::Contains("not upper-case words"));
  CHECK_THROWS_WITH(parse("X-ONE,,medium,T,W,F,rfc\nX-ONE,Big,low,,,,\n"), Catch::Contains("variant 'Big'"));
  CHECK_THROWS_WITH(parse("X-ONE,,medium,T,W,F,rfc\nX-ONE,same,,,,,\n"), Catch::Contains("changes nothing"));
  CHECK_THROWS_WITH(parse("X-ONE,,medium,T,W,F,nope\n"), Catch::Contains("reference 'nope'"));
  CHECK_THROWS_WITH(parse("X-ONE,,medium,T,W,F,world\n"), Catch::Contains("reference 'world'"));
  CHECK_THROWS_WITH(parse("X-ONE,,medium,T,{@rfc},F,rfc\n"), Catch::Contains("{@rfc} is not a sentence"));
  CHECK_THROWS_WITH(parse("X-ONE,,medium,T,W,F\n"), Catch::Contains("expected 7 fields, found 6"));
  CHECK_THROWS_WITH(parse("X-ONE,,medium,\"T,W,F,rfc\n"), Catch::Contains("findings.csv line"));
  CHECK_THROWS_WITH(parse(""), Catch::Contains("no rows"));
  CHECK_THROWS_WITH(parse("X-ONE,,medium,T,W,F,rfc\n", "key,kind,text\na,note,x\n"),
                    Catch::Contains("finding_texts.csv line 2: kind must be"));
  CHECK_THROWS_WITH(parse("X-ONE,,medium,T,W,F,rfc\n", kTexts + "rfc,sentence,again\n"),
                    Catch::Contains("listed twice"));
  CHECK_THROWS_AS(parse("X-ONE,,medium,T,W,F,rfc\n", kTexts + "loop,sentence,{@loop}\n"), CatalogueError);
}
