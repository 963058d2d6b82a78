#include "registry/signature_scheme_registry.h"

#include <algorithm>

#include "registry/csv_fields.h"
#include "registry/csv_table.h"
#include "registry/embedded_csv.h"
#include "registry/hex_format.h"
#include "registry/name_index.h"

namespace tlsready::registry {
namespace {

enum Column : std::size_t { kCode, kName, kLegacy };

const std::vector<std::string_view> kHeader = {"code", "name", "legacy"};

struct SchemeTable {
  std::vector<SignatureScheme> schemes;
  detail::NameIndex by_name;
};

const SchemeTable& table() {
  static const SchemeTable instance = [] {
    SchemeTable t;
    t.schemes = parse_signature_schemes_csv(embedded::signature_schemes_csv());
    for (std::size_t i = 0; i < t.schemes.size(); ++i) t.by_name.add(t.schemes[i].name, i);
    return t;
  }();
  return instance;
}

}  // namespace

std::vector<SignatureScheme> parse_signature_schemes_csv(std::string_view text, std::string_view source) {
  using namespace detail;
  const CsvTable csv = parse_csv(text, source, kHeader);
  std::vector<SignatureScheme> schemes;
  schemes.reserve(csv.rows.size());
  NameIndex names;
  for (const CsvRow& row : csv.rows) {
    SignatureScheme s;
    s.code = code_field(csv, row, kCode, "code");
    if (!schemes.empty() && s.code <= schemes.back().code) {
      fail(csv, row, "code",
           format_hex16(s.code) + " is not above the previous row's " + format_hex16(schemes.back().code) +
               " (codes must be unique and ascending)");
    }
    s.name = identifier_field(csv, row, kName, "name", "", false);
    s.legacy = yes_no_field(csv, row, kLegacy, "legacy");
    if (auto other = names.add(s.name, schemes.size())) {
      fail(csv, row, "name", "'" + s.name + "' already names " + format_hex16(schemes[*other].code));
    }
    schemes.push_back(std::move(s));
  }
  return schemes;
}

const std::vector<SignatureScheme>& all_signature_schemes() { return table().schemes; }

const SignatureScheme* find_signature_scheme(uint16_t code) {
  const auto& schemes = table().schemes;
  auto it = std::lower_bound(schemes.begin(), schemes.end(), code,
                             [](const SignatureScheme& s, uint16_t value) { return s.code < value; });
  return (it != schemes.end() && it->code == code) ? &*it : nullptr;
}

const SignatureScheme* find_signature_scheme_by_name(std::string_view name) {
  const auto& t = table();
  auto index = t.by_name.find(name);
  return index ? &t.schemes[*index] : nullptr;
}

std::string signature_scheme_name_or_hex(uint16_t code) {
  const SignatureScheme* scheme = find_signature_scheme(code);
  return scheme ? scheme->name : format_hex16(code);
}

}  // namespace tlsready::registry
