#include "registry/csv_fields.h"

#include <algorithm>

#include "registry/text_util.h"

namespace tlsready::registry::detail {
namespace {

std::string quoted(std::string_view text) { return "'" + std::string(text) + "'"; }

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool contains(const std::vector<std::string_view>& list, std::string_view value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

uint16_t code_field(const CsvTable& table, const CsvRow& row, std::size_t column, std::string_view name) {
  std::string_view text = row.fields[column];
  unsigned value = 0;
  bool ok = text.size() == 6 && text[0] == '0' && text[1] == 'x';
  for (std::size_t i = 2; ok && i < text.size(); ++i) {
    const int digit = hex_digit(text[i]);
    ok = digit >= 0;
    value = value * 16 + static_cast<unsigned>(digit);
  }
  if (!ok) fail(table, row, name, "expected 0x and four uppercase hex digits, got " + quoted(text));
  return static_cast<uint16_t>(value);
}

int int_field(const CsvTable& table, const CsvRow& row, std::size_t column, std::string_view name, int min, int max) {
  std::string_view text = row.fields[column];
  long value = 0;
  bool ok = !text.empty() && text.size() <= 9;
  for (char c : text) {
    ok = ok && c >= '0' && c <= '9';
    if (ok) value = value * 10 + (c - '0');
  }
  if (!ok || value < min || value > max) {
    fail(table, row, name,
         "expected an integer in [" + std::to_string(min) + ", " + std::to_string(max) + "], got " + quoted(text));
  }
  return static_cast<int>(value);
}

bool yes_no_field(const CsvTable& table, const CsvRow& row, std::size_t column, std::string_view name) {
  std::string_view text = row.fields[column];
  if (text == "yes") return true;
  if (text == "no") return false;
  fail(table, row, name, "expected yes or no, got " + quoted(text));
}

std::string identifier_field(const CsvTable& table, const CsvRow& row, std::size_t column, std::string_view name,
                             std::string_view extra, bool allow_empty) {
  std::string_view text = row.fields[column];
  if (text.empty() && !allow_empty) fail(table, row, name, "must not be empty");
  for (char c : text) {
    const bool plain = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!plain && extra.find(c) == std::string_view::npos) {
      fail(table, row, name, "character '" + std::string(1, c) + "' not allowed in " + quoted(text));
    }
  }
  return std::string(text);
}

std::string enum_field(const CsvTable& table, const CsvRow& row, std::size_t column, std::string_view name,
                       const std::vector<std::string_view>& allowed) {
  std::string_view text = row.fields[column];
  if (!contains(allowed, text)) fail(table, row, name, "unknown value " + quoted(text));
  return std::string(text);
}

std::vector<std::string> flags_field(const CsvTable& table, const CsvRow& row, std::size_t column,
                                     std::string_view name, const std::vector<std::string_view>& allowed) {
  std::vector<std::string> flags;
  for (std::string_view token : split(row.fields[column], ';')) {
    if (!contains(allowed, token)) fail(table, row, name, "unknown flag " + quoted(token));
    if (std::find(flags.begin(), flags.end(), token) != flags.end()) {
      fail(table, row, name, "flag " + quoted(token) + " repeated");
    }
    flags.emplace_back(token);
  }
  return flags;
}

std::vector<ProtocolVersion> versions_field(const CsvTable& table, const CsvRow& row, std::size_t column,
                                            std::string_view name) {
  std::vector<ProtocolVersion> versions;
  std::vector<std::string_view> tokens = split(row.fields[column], '|');
  if (tokens.empty()) fail(table, row, name, "must list at least one version");
  for (std::string_view token : tokens) {
    auto version = parse_version_name(token);
    if (!version || version_name(*version) != token) {
      fail(table, row, name, "unknown version " + quoted(token) + " (use SSLv3, TLSv1.0 ... TLSv1.3)");
    }
    if (!versions.empty() && static_cast<uint16_t>(*version) <= static_cast<uint16_t>(versions.back())) {
      fail(table, row, name, "versions must be listed oldest first without repeats");
    }
    versions.push_back(*version);
  }
  return versions;
}

}  // namespace tlsready::registry::detail
