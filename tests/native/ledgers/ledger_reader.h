// Reads the checked-in ledgers (native/data/ledgers/*.csv): '#' comment lines, one header row,
// then plain comma-separated rows (no quoting: ledger fields never hold commas).
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace tlsready::testing {

using LedgerRow = std::map<std::string, std::string>;  // column name -> field

inline std::filesystem::path ledger_path(const std::string& file) {
  return std::filesystem::path(TLSREADY_SOURCE_DIR) / "native" / "data" / "ledgers" / file;
}

inline std::vector<std::string> split_commas(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

// Every data row of the ledger; throws naming the file and line when a row has the wrong width.
inline std::vector<LedgerRow> read_ledger(const std::string& file) {
  const auto path = ledger_path(file);
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open ledger " + path.string());
  std::vector<std::string> header;
  std::vector<LedgerRow> rows;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    auto fields = split_commas(line);
    if (header.empty()) {
      header = std::move(fields);
      continue;
    }
    if (fields.size() != header.size()) {
      throw std::runtime_error(path.string() + ":" + std::to_string(number) + ": " + std::to_string(fields.size()) +
                               " fields, the header has " + std::to_string(header.size()));
    }
    LedgerRow row;
    for (std::size_t i = 0; i < header.size(); ++i) row[header[i]] = fields[i];
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace tlsready::testing
