#include "registry/csv_table.h"

#include <algorithm>

#include "common/csv.h"
#include "common/text.h"

#include "registry/registry_error.h"

namespace tlsready::registry::detail {
namespace {

constexpr std::string_view kQuoteProblem = "contains a quote (quoted fields are not supported)";

// Empty string if the field is acceptable, else why not.
std::string field_problem(std::string_view field) {
  for (char c : field) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7E) return "contains a control or non-ASCII character";
    if (c == '"') return std::string(kQuoteProblem);
  }
  if (!field.empty() && (field.front() == ' ' || field.back() == ' ')) return "has leading or trailing blanks";
  return {};
}

}  // namespace

CsvTable parse_csv(std::string_view text, std::string_view source,
                   const std::vector<std::string_view>& expected_header) {
  CsvTable table;
  table.source = std::string(source);
  // Errors after the last record name the last line, as a line-by-line reader would.
  std::size_t last_line = 0;
  for (char c : text) last_line += c == '\n' ? 1 : 0;
  if (!text.empty() && text.back() != '\n') ++last_line;

  std::vector<csv::Record> records;
  try {
    records = csv::read(text);
  } catch (const csv::CsvSyntaxError& error) {
    throw RegistryDataError(source, error.line(), 0,
                            "field contains a quote (quoted fields are not supported): " + error.reason());
  }
  bool header_seen = false;
  std::size_t data_rows = 0;
  for (csv::Record& record : records) {
    if (!header_seen) {
      const bool header_matches = !record.any_quoted() &&
                                  std::equal(record.fields.begin(), record.fields.end(), expected_header.begin(),
                                             expected_header.end());
      if (!header_matches) {
        throw RegistryDataError(source, record.line, 0,
                                "header must be '" + text::join(expected_header, ",") + "', found '" + std::string(record.text) +
                                    "'");
      }
      header_seen = true;
      continue;
    }
    ++data_rows;
    if (record.fields.size() != expected_header.size()) {
      throw RegistryDataError(source, record.line, data_rows,
                              "expected " + std::to_string(expected_header.size()) + " fields, found " +
                                  std::to_string(record.fields.size()));
    }
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      std::string problem = record.quoted[i] ? std::string(kQuoteProblem) : field_problem(record.fields[i]);
      if (!problem.empty()) {
        throw RegistryDataError(source, record.line, data_rows, std::string(expected_header[i]) + ": field " + problem);
      }
    }
    table.rows.push_back(CsvRow{record.line, data_rows, std::move(record.fields)});
  }
  if (!header_seen) throw RegistryDataError(source, last_line, 0, "no header line");
  if (table.rows.empty()) throw RegistryDataError(source, last_line, 0, "no data rows");
  return table;
}

void fail(const CsvTable& table, const CsvRow& row, std::string_view column, std::string_view message) {
  std::string text(column);
  text += ": ";
  text += message;
  throw RegistryDataError(table.source, row.line, row.data_row, text);
}

}  // namespace tlsready::registry::detail
