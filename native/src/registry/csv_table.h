#pragma once
// The one CSV dialect of native/data/*.csv (internal), read with common/csv.h: '#' comment lines
// and blank lines are skipped, the first other line is the header, fields are separated by ','
// and are never quoted. Fields must be printable ASCII without surrounding blanks; CRLF line ends
// are accepted.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tlsready::registry::detail {

struct CsvRow {
  std::size_t line = 0;      // 1-based line number in the text
  std::size_t data_row = 0;  // 1-based index among the data rows
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string source;  // file name used in error messages
  std::vector<CsvRow> rows;
};

// Splits `text` into rows. The header must equal `expected_header` exactly and every row must
// have that many fields; otherwise throws RegistryDataError naming the line.
CsvTable parse_csv(std::string_view text, std::string_view source,
                   const std::vector<std::string_view>& expected_header);

// Throws RegistryDataError for `row` of `table`, prefixing the message with the column name.
[[noreturn]] void fail(const CsvTable& table, const CsvRow& row, std::string_view column, std::string_view message);

}  // namespace tlsready::registry::detail
