#include "logs/schannel_log_values.h"

#include <algorithm>
#include <vector>

#include "common/csv.h"
#include "common/text.h"
#include "logs/embedded_log_tables.h"

namespace tlsready::logs {
namespace {

constexpr std::string_view kFile = "schannel_log_values.csv";

[[noreturn]] void fail(std::size_t line, const std::string& message) {
  throw SchannelTableError(std::string(kFile) + " line " + std::to_string(line) + ": " + message);
}

std::optional<uint32_t> parse_hex(std::string_view text) {
  if (text.size() > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X')) text.remove_prefix(2);
  if (text.empty() || text.size() > 8) return std::nullopt;
  uint32_t value = 0;
  for (char c : text) {
    uint32_t digit = 0;
    if (c >= '0' && c <= '9')
      digit = static_cast<uint32_t>(c - '0');
    else if (c >= 'a' && c <= 'f')
      digit = static_cast<uint32_t>(c - 'a' + 10);
    else if (c >= 'A' && c <= 'F')
      digit = static_cast<uint32_t>(c - 'A' + 10);
    else
      return std::nullopt;
    value = (value << 4) | digit;
  }
  return value;
}

std::optional<SchannelValueKind> kind_from_name(std::string_view name) {
  if (name == "protocol") return SchannelValueKind::protocol;
  if (name == "cipher") return SchannelValueKind::cipher;
  if (name == "hash") return SchannelValueKind::hash;
  if (name == "key_exchange") return SchannelValueKind::key_exchange;
  return std::nullopt;
}

std::vector<SchannelValue> load_table() {
  const std::vector<std::string_view> header = {"kind", "value", "constant", "version", "role", "algorithm"};
  std::vector<csv::Record> records;
  try {
    records = csv::read(registry::embedded::schannel_log_values_csv());
  } catch (const csv::CsvSyntaxError& error) {
    fail(error.line(), error.reason());
  }
  if (records.empty() || !std::equal(records[0].fields.begin(), records[0].fields.end(), header.begin(), header.end()))
    fail(records.empty() ? 1 : records[0].line, "header must be kind,value,constant,version,role,algorithm");
  std::vector<SchannelValue> rows;
  for (std::size_t i = 1; i < records.size(); ++i) {
    const csv::Record& record = records[i];
    if (record.fields.size() != header.size()) fail(record.line, "expected 6 fields");
    SchannelValue row;
    const auto kind = kind_from_name(record.fields[0]);
    const auto value = parse_hex(record.fields[1]);
    if (!kind) fail(record.line, "unknown kind '" + record.fields[0] + "'");
    if (!value || record.fields[1].rfind("0x", 0) != 0) fail(record.line, "value must be 0x-prefixed hex");
    row.kind = *kind;
    row.value = *value;
    row.constant = record.fields[2];
    if (row.kind == SchannelValueKind::protocol) {
      row.version = model::parse_any_version_name(record.fields[3]);
      if (!row.version) fail(record.line, "protocol rows need a version");
      if (record.fields[4] != "server" && record.fields[4] != "client")
        fail(record.line, "role must be server or client");
      row.role = record.fields[4];
    } else {
      if (record.fields[3] != "-" || record.fields[4] != "-") fail(record.line, "only protocol rows have version/role");
      if (record.fields[5] == "-") fail(record.line, "algorithm rows need an algorithm");
      row.algorithm = record.fields[5];
    }
    for (const SchannelValue& earlier : rows) {
      if (earlier.kind == row.kind && earlier.value == row.value) fail(record.line, "duplicate value");
      if (earlier.constant == row.constant) fail(record.line, "duplicate constant");
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

const std::vector<SchannelValue>& table() {
  static const std::vector<SchannelValue> rows = load_table();
  return rows;
}

}  // namespace

const SchannelValue* schannel_value_from_hex(SchannelValueKind kind, std::string_view hex_text) {
  const auto value = parse_hex(hex_text);
  if (!value) return nullptr;
  for (const SchannelValue& row : table()) {
    if (row.kind == kind && row.value == *value) return &row;
  }
  return nullptr;
}

const SchannelValue* schannel_value_from_constant(std::string_view name) {
  std::string wanted = text::to_upper_ascii(name);
  if (wanted.rfind("SP_PROT-", 0) == 0) wanted[7] = '_';
  if (wanted == "SP_PROT_TLS1_SERVER") wanted = "SP_PROT_TLS1_0_SERVER";
  if (wanted == "SP_PROT_TLS1_CLIENT") wanted = "SP_PROT_TLS1_0_CLIENT";
  if (wanted == "CALG_SHA") wanted = "CALG_SHA1";
  for (const SchannelValue& row : table()) {
    if (row.constant == wanted) return &row;
  }
  return nullptr;
}

}  // namespace tlsready::logs
