// The shared RFC 4180 reader (common/csv.h) used by the registry, Windows defaults and
// crypto-policies tables.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "common/csv.h"

namespace csv = tlsready::csv;
using Fields = std::vector<std::string>;

TEST_CASE("csv_reads_plain_records_with_line_numbers", "[common][csv]") {
  const auto records = csv::read("a,b,c\n1,2,3\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].fields == Fields{"a", "b", "c"});
  CHECK(records[0].line == 1);
  CHECK(records[0].text == "a,b,c");
  CHECK(records[1].fields == Fields{"1", "2", "3"});
  CHECK(records[1].line == 2);
  CHECK_FALSE(records[1].any_quoted());
}

TEST_CASE("csv_quoted_field_keeps_commas", "[common][csv]") {
  const auto records = csv::read("x,\"one, two\",y\n");
  REQUIRE(records.size() == 1);
  CHECK(records[0].fields == Fields{"x", "one, two", "y"});
  CHECK(records[0].quoted == std::vector<bool>{false, true, false});
  CHECK(records[0].any_quoted());
}

TEST_CASE("csv_doubled_quote_is_one_quote", "[common][csv]") {
  const auto records = csv::read("\"say \"\"hi\"\"\",\"\"\n");
  REQUIRE(records.size() == 1);
  CHECK(records[0].fields == Fields{"say \"hi\"", ""});
}

TEST_CASE("csv_quoted_field_may_span_lines", "[common][csv]") {
  const auto records = csv::read("\"first\nsecond\",x\nnext,row\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].fields == Fields{"first\nsecond", "x"});
  CHECK(records[0].line == 1);
  CHECK(records[1].line == 3);
}

TEST_CASE("csv_accepts_crlf_line_ends", "[common][csv]") {
  const auto records = csv::read("a,b\r\n1,\"2\"\r\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].fields == Fields{"a", "b"});
  CHECK(records[0].text == "a,b");
  CHECK(records[1].fields == Fields{"1", "2"});
}

TEST_CASE("csv_accepts_a_missing_final_newline", "[common][csv]") {
  auto records = csv::read("a,b\n1,2");
  REQUIRE(records.size() == 2);
  CHECK(records[1].fields == Fields{"1", "2"});
  records = csv::read("a,\"b\"");
  REQUIRE(records.size() == 1);
  CHECK(records[0].fields == Fields{"a", "b"});
  records = csv::read("a,b\r");
  REQUIRE(records.size() == 1);
  CHECK(records[0].fields == Fields{"a", "b"});
}

TEST_CASE("csv_keeps_trailing_and_leading_spaces", "[common][csv]") {
  // RFC 4180 §2.4: spaces are part of a field; the callers decide whether blanks are allowed.
  const auto records = csv::read(" a ,b  \n");
  REQUIRE(records.size() == 1);
  CHECK(records[0].fields == Fields{" a ", "b  "});
}

TEST_CASE("csv_empty_fields_and_trailing_comma", "[common][csv]") {
  const auto records = csv::read(",,\nx,\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].fields == Fields{"", "", ""});
  CHECK(records[1].fields == Fields{"x", ""});
}

TEST_CASE("csv_skips_comment_and_blank_lines_by_default", "[common][csv]") {
  const auto records = csv::read("# source: RFC 8446\n\r\n\nh1,h2\n# more\nv1,v2\n");
  REQUIRE(records.size() == 2);
  CHECK(records[0].line == 4);
  CHECK(records[1].line == 6);
  CHECK(records[1].fields == Fields{"v1", "v2"});
}

TEST_CASE("csv_keeps_comment_and_blank_lines_when_asked", "[common][csv]") {
  csv::Options options;
  options.skip_comment_lines = false;
  options.skip_blank_lines = false;
  const auto records = csv::read("#x\n\nz\n", options);
  REQUIRE(records.size() == 3);
  CHECK(records[0].fields == Fields{"#x"});
  CHECK(records[1].fields == Fields{""});
  CHECK(records[2].fields == Fields{"z"});
}

TEST_CASE("csv_hash_inside_a_quoted_continuation_is_data", "[common][csv]") {
  const auto records = csv::read("\"a\n# not a comment\",b\n");
  REQUIRE(records.size() == 1);
  CHECK(records[0].fields == Fields{"a\n# not a comment", "b"});
}

TEST_CASE("csv_quote_inside_unquoted_field_is_kept", "[common][csv]") {
  const auto records = csv::read("ab\"c,d\n");
  REQUIRE(records.size() == 1);
  CHECK(records[0].fields == Fields{"ab\"c", "d"});
  CHECK_FALSE(records[0].any_quoted());
}

TEST_CASE("csv_rejects_unterminated_quoted_field_naming_the_line", "[common][csv]") {
  try {
    csv::read("a,b\n1,\"open\n2,3\n");
    FAIL("expected CsvSyntaxError");
  } catch (const csv::CsvSyntaxError& error) {
    CHECK(error.line() == 2);
    CHECK_THAT(error.what(), Catch::Contains("line 2") && Catch::Contains("no closing quote"));
  }
}

TEST_CASE("csv_rejects_text_after_closing_quote", "[common][csv]") {
  try {
    csv::read("h\n\"ab\"c,d\n");
    FAIL("expected CsvSyntaxError");
  } catch (const csv::CsvSyntaxError& error) {
    CHECK(error.line() == 2);
    CHECK_THAT(error.reason(), Catch::Contains("after the closing quote"));
  }
}

TEST_CASE("csv_empty_text_has_no_records", "[common][csv]") {
  CHECK(csv::read("").empty());
  CHECK(csv::read("\n\n# only comments\n").empty());
}
