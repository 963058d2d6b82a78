#include "registry/csv_table.h"

#include "registry/registry_error.h"
#include "registry/text_util.h"

namespace tlsready::registry::detail {
namespace {

std::string join(const std::vector<std::string_view>& parts) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i != 0) out += ',';
    out += parts[i];
  }
  return out;
}

// Empty string if the field is acceptable, else why not.
std::string field_problem(std::string_view field) {
  for (char c : field) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte > 0x7E) return "contains a control or non-ASCII character";
    if (c == '"') return "contains a quote (quoted fields are not supported)";
  }
  if (!field.empty() && (field.front() == ' ' || field.back() == ' ')) return "has leading or trailing blanks";
  return {};
}

}  // namespace

CsvTable parse_csv(std::string_view text, std::string_view source,
                   const std::vector<std::string_view>& expected_header) {
  CsvTable table;
  table.source = std::string(source);
  bool header_seen = false;
  std::size_t line_number = 0;
  std::size_t data_rows = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;

    std::vector<std::string_view> fields = split(line, ',');
    if (!header_seen) {
      if (fields != expected_header) {
        throw RegistryDataError(source, line_number, 0,
                                "header must be '" + join(expected_header) + "', found '" + std::string(line) + "'");
      }
      header_seen = true;
      continue;
    }
    ++data_rows;
    if (fields.size() != expected_header.size()) {
      throw RegistryDataError(source, line_number, data_rows,
                              "expected " + std::to_string(expected_header.size()) + " fields, found " +
                                  std::to_string(fields.size()));
    }
    for (std::size_t i = 0; i < fields.size(); ++i) {
      std::string problem = field_problem(fields[i]);
      if (!problem.empty()) {
        throw RegistryDataError(source, line_number, data_rows, std::string(expected_header[i]) + ": field " + problem);
      }
    }
    table.rows.push_back(CsvRow{line_number, data_rows, std::move(fields)});
  }
  if (!header_seen) throw RegistryDataError(source, line_number, 0, "no header line");
  if (table.rows.empty()) throw RegistryDataError(source, line_number, 0, "no data rows");
  return table;
}

void fail(const CsvTable& table, const CsvRow& row, std::string_view column, std::string_view message) {
  std::string text(column);
  text += ": ";
  text += message;
  throw RegistryDataError(table.source, row.line, row.data_row, text);
}

}  // namespace tlsready::registry::detail
