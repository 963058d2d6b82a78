#include "registry/group_registry.h"

#include <algorithm>

#include "registry/csv_fields.h"
#include "registry/csv_table.h"
#include "registry/embedded_csv.h"
#include "registry/hex_format.h"
#include "registry/name_index.h"

namespace tlsready::registry {
namespace {

enum Column : std::size_t { kCode, kName, kKind, kBits, kOpensslName, kTls13, kFlags };

const std::vector<std::string_view> kHeader = {"code", "name", "kind", "bits", "openssl_name", "tls13", "flags"};
const std::vector<std::string_view> kKinds = {"ec", "montgomery", "ffdhe", "gost", "pq", "hybrid_pq"};
const std::vector<std::string_view> kFlagValues = {"deprecated", "draft"};

struct GroupTable {
  std::vector<NamedGroup> groups;
  detail::NameIndex by_name;
};

const GroupTable& table() {
  static const GroupTable instance = [] {
    GroupTable t;
    t.groups = parse_groups_csv(embedded::groups_csv());
    for (std::size_t i = 0; i < t.groups.size(); ++i) {
      t.by_name.add(t.groups[i].name, i);
      if (!t.groups[i].openssl_name.empty()) t.by_name.add(t.groups[i].openssl_name, i);
    }
    return t;
  }();
  return instance;
}

}  // namespace

std::vector<NamedGroup> parse_groups_csv(std::string_view text, std::string_view source) {
  using namespace detail;
  const CsvTable csv = parse_csv(text, source, kHeader);
  std::vector<NamedGroup> groups;
  groups.reserve(csv.rows.size());
  NameIndex names;
  for (const CsvRow& row : csv.rows) {
    NamedGroup g;
    g.code = code_field(csv, row, kCode, "code");
    if (!groups.empty() && g.code <= groups.back().code) {
      fail(csv, row, "code",
           format_hex16(g.code) + " is not above the previous row's " + format_hex16(groups.back().code) +
               " (codes must be unique and ascending)");
    }
    g.name = identifier_field(csv, row, kName, "name", "", false);
    g.kind = enum_field(csv, row, kKind, "kind", kKinds);
    g.bits = int_field(csv, row, kBits, "bits", 0, 65536);
    g.openssl_name = identifier_field(csv, row, kOpensslName, "openssl_name", "-", true);
    g.tls13 = yes_no_field(csv, row, kTls13, "tls13");
    const std::vector<std::string> flags = flags_field(csv, row, kFlags, "flags", kFlagValues);
    g.deprecated = std::find(flags.begin(), flags.end(), "deprecated") != flags.end();
    g.draft = std::find(flags.begin(), flags.end(), "draft") != flags.end();
    if (g.deprecated && g.tls13) fail(csv, row, "tls13", "a deprecated group cannot be usable in TLS 1.3");

    const std::size_t index = groups.size();
    for (const std::string* name : {&g.name, &g.openssl_name}) {
      if (name->empty()) continue;
      if (auto other = names.add(*name, index)) {
        fail(csv, row, name == &g.name ? "name" : "openssl_name",
             "'" + *name + "' already names " + format_hex16(groups[*other].code));
      }
    }
    groups.push_back(std::move(g));
  }
  return groups;
}

const std::vector<NamedGroup>& all_groups() { return table().groups; }

const NamedGroup* find_group(uint16_t code) {
  const auto& groups = table().groups;
  auto it = std::lower_bound(groups.begin(), groups.end(), code,
                             [](const NamedGroup& g, uint16_t value) { return g.code < value; });
  return (it != groups.end() && it->code == code) ? &*it : nullptr;
}

const NamedGroup* find_group_by_name(std::string_view name) {
  const auto& t = table();
  auto index = t.by_name.find(name);
  return index ? &t.groups[*index] : nullptr;
}

std::string group_name_or_hex(uint16_t code) {
  const NamedGroup* group = find_group(code);
  return group ? group->name : format_hex16(code);
}

}  // namespace tlsready::registry
