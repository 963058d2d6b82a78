// The registry's CSV dialect on top of the shared reader (common/csv.h): quoting stays refused,
// whatever shape the quotes take, and the error names the table and the line.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "registry/csv_table.h"
#include "registry/registry_error.h"

namespace detail = tlsready::registry::detail;
using tlsready::registry::RegistryDataError;

namespace {

const std::vector<std::string_view> kHeader = {"code", "name"};

}  // namespace

TEST_CASE("registry_csv_refuses_an_unterminated_quote_naming_the_line", "[registry][csv]") {
  try {
    detail::parse_csv("code,name\n0x0001,\"open\n0x0002,b\n", "t.csv", kHeader);
    FAIL("accepted an unterminated quote");
  } catch (const RegistryDataError& e) {
    CHECK(e.line() == 2);
    CHECK_THAT(e.what(), Catch::Contains("t.csv line 2") && Catch::Contains("quote"));
  }
}

TEST_CASE("registry_csv_refuses_text_after_a_closing_quote", "[registry][csv]") {
  CHECK_THROWS_WITH(detail::parse_csv("code,name\n\"0x\"01,b\n", "t.csv", kHeader), Catch::Contains("quote"));
}

TEST_CASE("registry_csv_refuses_a_quoted_header", "[registry][csv]") {
  CHECK_THROWS_WITH(detail::parse_csv("\"code\",name\n0x0001,b\n", "t.csv", kHeader),
                    Catch::Contains("header must be 'code,name', found '\"code\",name'"));
}

TEST_CASE("registry_csv_reads_crlf_and_a_missing_final_newline", "[registry][csv]") {
  const auto table = detail::parse_csv("# c\r\ncode,name\r\n0x0001,a\r\n0x0002,b", "t.csv", kHeader);
  REQUIRE(table.rows.size() == 2);
  CHECK(table.rows[1].line == 4);
  CHECK(table.rows[1].data_row == 2);
  CHECK(table.rows[1].fields == std::vector<std::string>{"0x0002", "b"});
}

TEST_CASE("registry_csv_no_data_rows_names_the_last_line", "[registry][csv]") {
  try {
    detail::parse_csv("code,name\n# only a comment\n", "t.csv", kHeader);
    FAIL("accepted a table without rows");
  } catch (const RegistryDataError& e) {
    CHECK(e.line() == 2);
    CHECK_THAT(e.what(), Catch::Contains("no data rows"));
  }
}
