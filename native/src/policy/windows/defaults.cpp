#include "policy/windows/defaults.h"

#include <algorithm>
#include <charconv>
#include <map>

#include "common/csv.h"
#include "model/version_field.h"
#include "policy/windows/embedded_data.h"
#include "policy/windows/reg_read.h"

namespace tlsready::policy::windows {

namespace {

namespace embedded = tlsready::registry::embedded;

constexpr std::array<OsFamily, 7> kFamilies = {OsFamily::win7_2008r2,     OsFamily::win8_2012,
                                               OsFamily::win81_2012r2,    OsFamily::win10_2016_2019,
                                               OsFamily::server2022,      OsFamily::win11,
                                               OsFamily::server2025};

struct Row {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

// The CSV dialect of native/data (common/csv.h): '#' comments and blank lines skipped, first
// other line is the header, ',' separated (the tables quote no field).
std::vector<Row> parse_table(std::string_view text, std::string_view source, const std::vector<std::string>& header) {
  std::vector<Row> rows;
  bool header_seen = false;
  std::vector<csv::Record> records;
  try {
    records = csv::read(text);
  } catch (const csv::CsvSyntaxError& error) {
    throw DefaultsError(std::string(source) + ":" + std::to_string(error.line()) + ": " + error.reason());
  }
  for (csv::Record& record : records) {
    const std::string where = std::string(source) + ":" + std::to_string(record.line);
    if (!header_seen) {
      if (record.fields != header) {
        throw DefaultsError(where + ": header must be " + detail::join(header, ","));
      }
      header_seen = true;
      continue;
    }
    if (record.fields.size() != header.size()) {
      throw DefaultsError(where + ": expected " + std::to_string(header.size()) + " fields, got " +
                          std::to_string(record.fields.size()));
    }
    for (std::size_t i = 0; i < record.fields.size(); ++i) {
      if (record.fields[i].empty() || record.fields[i] != detail::trim(record.fields[i])) {
        throw DefaultsError(where + ": column " + header[i] + " is empty or has surrounding blanks");
      }
    }
    rows.push_back(Row{record.line, std::move(record.fields)});
  }
  if (!header_seen) throw DefaultsError(std::string(source) + ": no header line");
  return rows;
}

[[noreturn]] void fail(std::string_view source, const Row& row, std::string_view message) {
  throw DefaultsError(std::string(source) + ":" + std::to_string(row.line) + ": " + std::string(message));
}

OsFamily family_field(std::string_view source, const Row& row) {
  auto family = family_from_name(row.fields[0]);
  if (!family) fail(source, row, "unknown family '" + row.fields[0] + "'");
  return *family;
}

int build_field(std::string_view source, const Row& row) {
  const std::string& text = row.fields[1];
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < 0) fail(source, row, "bad min_build");
  return value;
}

bool yes_no(std::string_view source, const Row& row, std::size_t column) {
  if (row.fields[column] == "yes") return true;
  if (row.fields[column] == "no") return false;
  fail(source, row, "expected yes or no, got '" + row.fields[column] + "'");
}

uint32_t mask_field(std::string_view source, const Row& row, std::size_t column) {
  const std::string& text = row.fields[column];
  if (text.size() != 10 || text.compare(0, 2, "0x") != 0) fail(source, row, "expected 0x + 8 hex digits");
  uint32_t value = 0;
  for (std::size_t i = 2; i < text.size(); ++i) {
    char c = text[i];
    uint32_t digit = 0;
    if (c >= '0' && c <= '9') digit = static_cast<uint32_t>(c - '0');
    else if (c >= 'A' && c <= 'F') digit = static_cast<uint32_t>(c - 'A' + 10);
    else fail(source, row, "expected uppercase hex digits");
    value = value * 16 + digit;
  }
  return value;
}

// Rows keyed by (family, item), each a list of (min_build, payload).
template <typename Payload>
using Keyed = std::map<std::pair<OsFamily, std::string>, std::map<int, Payload>>;

template <typename Payload>
const Payload& select(const Keyed<Payload>& table, std::string_view source, const WindowsVersion& os,
                      const std::string& item) {
  auto it = table.find({os.family, item});
  if (it != table.end()) {
    const Payload* best = nullptr;
    for (const auto& [min_build, payload] : it->second) {
      if (min_build <= os.build) best = &payload;
    }
    if (best != nullptr) return *best;
  }
  throw DefaultsError(std::string(source) + ": no row for " + std::string(family_name(os.family)) + " build " +
                      std::to_string(os.build) + " / " + item);
}

template <typename Payload>
void insert(Keyed<Payload>& table, std::string_view source, const Row& row, OsFamily family, int min_build,
            const std::string& item, Payload payload) {
  auto& builds = table[{family, item}];
  if (!builds.emplace(min_build, std::move(payload)).second) fail(source, row, "duplicate row for " + item);
}

constexpr std::string_view kSchannelSource = "windows_schannel_defaults.csv";
constexpr std::string_view kAlgorithmSource = "windows_algorithm_defaults.csv";
constexpr std::string_view kHttpSource = "windows_http_defaults.csv";
constexpr std::string_view kRecommendedSource = "windows_recommended_cipher_suites.csv";

const Keyed<ProtocolDefault>& schannel_table() {
  static const Keyed<ProtocolDefault> table = [] {
    Keyed<ProtocolDefault> out;
    auto rows = parse_table(embedded::windows_schannel_defaults_csv(), kSchannelSource,
                            {"family", "min_build", "protocol", "supported", "client_enabled",
                             "client_disabled_by_default", "server_enabled", "server_disabled_by_default"});
    for (const Row& row : rows) {
      auto protocol = protocol_from_token(row.fields[2]);
      if (!protocol) fail(kSchannelSource, row, "unknown protocol '" + row.fields[2] + "'");
      ProtocolDefault value;
      value.supported = yes_no(kSchannelSource, row, 3);
      value.client_enabled = yes_no(kSchannelSource, row, 4);
      value.client_disabled_by_default = yes_no(kSchannelSource, row, 5);
      value.server_enabled = yes_no(kSchannelSource, row, 6);
      value.server_disabled_by_default = yes_no(kSchannelSource, row, 7);
      if (!value.supported && (value.client_enabled || value.server_enabled)) {
        fail(kSchannelSource, row, "an unsupported protocol cannot be enabled");
      }
      insert(out, kSchannelSource, row, family_field(kSchannelSource, row), build_field(kSchannelSource, row),
             row.fields[2], value);
    }
    return out;
  }();
  return table;
}

const Keyed<std::string>& algorithm_table() {
  static const Keyed<std::string> table = [] {
    Keyed<std::string> out;
    auto rows = parse_table(embedded::windows_algorithm_defaults_csv(), kAlgorithmSource,
                            {"family", "min_build", "item", "value"});
    for (const Row& row : rows) {
      const std::string& item = row.fields[2];
      const std::string& value = row.fields[3];
      if (item.rfind("cipher_", 0) == 0) {
        bool known = false;
        for (CipherGroup group : kWeakCipherGroups) {
          if (item == "cipher_" + std::string(cipher_group_token(group))) known = true;
        }
        if (!known) fail(kAlgorithmSource, row, "unknown item '" + item + "'");
        if (value != "offered" && value != "not_offered") fail(kAlgorithmSource, row, "expected offered or not_offered");
      } else if (item == "dh_server_min_bits" || item == "dh_client_min_bits" || item == "pkcs_client_min_bits") {
        int bits = 0;
        auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), bits);
        if (ec != std::errc() || ptr != value.data() + value.size() || bits < 256 || bits > 16384) {
          fail(kAlgorithmSource, row, "expected a key size in bits");
        }
      } else {
        fail(kAlgorithmSource, row, "unknown item '" + item + "'");
      }
      insert(out, kAlgorithmSource, row, family_field(kAlgorithmSource, row), build_field(kAlgorithmSource, row),
             item, value);
    }
    return out;
  }();
  return table;
}

const Keyed<HttpDefault>& http_table() {
  static const Keyed<HttpDefault> table = [] {
    Keyed<HttpDefault> out;
    auto rows = parse_table(embedded::windows_http_defaults_csv(), kHttpSource,
                            {"family", "min_build", "component", "default_mask", "registry_override"});
    for (const Row& row : rows) {
      const std::string& component = row.fields[2];
      if (component != "winhttp" && component != "wininet") fail(kHttpSource, row, "unknown component");
      HttpDefault value;
      value.default_mask = mask_field(kHttpSource, row, 3);
      if (row.fields[4] == "kb3140245") value.needs_kb3140245 = true;
      else if (row.fields[4] != "yes") fail(kHttpSource, row, "registry_override must be yes or kb3140245");
      insert(out, kHttpSource, row, family_field(kHttpSource, row), build_field(kHttpSource, row), component, value);
    }
    return out;
  }();
  return table;
}

const std::map<std::string, std::vector<std::string>>& recommended_table() {
  static const std::map<std::string, std::vector<std::string>> table = [] {
    std::map<std::string, std::vector<std::string>> out;
    auto rows = parse_table(embedded::windows_recommended_cipher_suites_csv(), kRecommendedSource,
                            {"generation", "suite"});
    for (const Row& row : rows) {
      const std::string& generation = row.fields[0];
      if (generation != "tls13" && generation != "win10" && generation != "pre_win10") {
        fail(kRecommendedSource, row, "unknown generation '" + generation + "'");
      }
      for (char c : row.fields[1]) {
        if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
          fail(kRecommendedSource, row, "suite names are [A-Z0-9_]");
        }
      }
      out[generation].push_back(row.fields[1]);
    }
    return out;
  }();
  return table;
}

}  // namespace

std::string_view protocol_token(Protocol protocol) {
  switch (protocol) {
    case Protocol::ssl2: return "SSL2";
    case Protocol::ssl3: return "SSL3";
    case Protocol::tls10: return "TLS10";
    case Protocol::tls11: return "TLS11";
    case Protocol::tls12: return "TLS12";
    case Protocol::tls13: return "TLS13";
    case Protocol::dtls10: return "DTLS10";
    case Protocol::dtls12: return "DTLS12";
  }
  return "UNKNOWN";
}

std::string_view protocol_key_name(Protocol protocol) {
  switch (protocol) {
    case Protocol::ssl2: return "SSL 2.0";
    case Protocol::ssl3: return "SSL 3.0";
    case Protocol::tls10: return "TLS 1.0";
    case Protocol::tls11: return "TLS 1.1";
    case Protocol::tls12: return "TLS 1.2";
    case Protocol::tls13: return "TLS 1.3";
    case Protocol::dtls10: return "DTLS 1.0";
    case Protocol::dtls12: return "DTLS 1.2";
  }
  return "unknown";
}

namespace {
std::optional<model::ProtocolVersion> tls_version(Protocol protocol) {
  switch (protocol) {
    case Protocol::ssl2: return model::ProtocolVersion::ssl2;
    case Protocol::ssl3: return model::ProtocolVersion::ssl3;
    case Protocol::tls10: return model::ProtocolVersion::tls1_0;
    case Protocol::tls11: return model::ProtocolVersion::tls1_1;
    case Protocol::tls12: return model::ProtocolVersion::tls1_2;
    case Protocol::tls13: return model::ProtocolVersion::tls1_3;
    case Protocol::dtls10:
    case Protocol::dtls12: break;
  }
  return std::nullopt;
}

model::DtlsVersion dtls_version(Protocol protocol) {
  return protocol == Protocol::dtls10 ? model::DtlsVersion::dtls1_0 : model::DtlsVersion::dtls1_2;
}
}  // namespace

std::string_view protocol_display_name(Protocol protocol) {
  if (auto version = tls_version(protocol)) return model::display_name(*version);
  return model::display_name(dtls_version(protocol));
}

nlohmann::json protocol_version_field(Protocol protocol) {
  if (auto version = tls_version(protocol)) return model::version_field(*version);
  return model::version_field(dtls_version(protocol));
}

std::optional<Protocol> protocol_from_token(std::string_view token) {
  for (Protocol protocol : kProtocols) {
    if (detail::iequals(protocol_token(protocol), token)) return protocol;
  }
  return std::nullopt;
}

bool is_legacy(Protocol protocol) {
  return protocol == Protocol::ssl2 || protocol == Protocol::ssl3 || protocol == Protocol::tls10 ||
         protocol == Protocol::tls11;
}

bool is_dtls(Protocol protocol) { return protocol == Protocol::dtls10 || protocol == Protocol::dtls12; }

uint32_t protocol_bit(Protocol protocol) {
  switch (protocol) {
    case Protocol::ssl2: return 0x00000008;
    case Protocol::ssl3: return 0x00000020;
    case Protocol::tls10: return 0x00000080;
    case Protocol::tls11: return 0x00000200;
    case Protocol::tls12: return 0x00000800;
    case Protocol::tls13: return 0x00002000;
    case Protocol::dtls10:
    case Protocol::dtls12: return 0;
  }
  return 0;
}

std::vector<Protocol> protocols_in_mask(uint32_t mask) {
  std::vector<Protocol> out;
  for (Protocol protocol : kProtocols) {
    if (protocol_bit(protocol) != 0 && (mask & protocol_bit(protocol)) != 0) out.push_back(protocol);
  }
  return out;
}

std::string describe_protocols(const std::vector<Protocol>& protocols) {
  if (protocols.empty()) return "none";
  std::string out;
  for (std::size_t i = 0; i < protocols.size(); ++i) {
    if (i) out += ", ";
    out += protocol_display_name(protocols[i]);
  }
  return out;
}

std::string describe_mask(uint32_t mask) {
  return detail::hex32(mask) + " (" + describe_protocols(protocols_in_mask(mask)) + ")";
}

std::string_view role_name(Role role) { return role == Role::client ? "Client" : "Server"; }
std::string_view role_token(Role role) { return role == Role::client ? "CLIENT" : "SERVER"; }

ProtocolDefault schannel_protocol_default(const WindowsVersion& os, Protocol protocol) {
  return select(schannel_table(), kSchannelSource, os, std::string(protocol_token(protocol)));
}

std::string_view cipher_group_token(CipherGroup group) {
  switch (group) {
    case CipherGroup::null_cipher: return "NULL";
    case CipherGroup::des: return "DES";
    case CipherGroup::rc2: return "RC2";
    case CipherGroup::rc4: return "RC4";
    case CipherGroup::export_grade: return "EXPORT";
    case CipherGroup::triple_des: return "3DES";
  }
  return "UNKNOWN";
}

bool cipher_group_offered_by_default(const WindowsVersion& os, CipherGroup group) {
  return select(algorithm_table(), kAlgorithmSource, os, "cipher_" + std::string(cipher_group_token(group))) ==
         "offered";
}

uint32_t default_key_bits(const WindowsVersion& os, KeySetting setting) {
  std::string item = setting == KeySetting::dh_server_min_bits   ? "dh_server_min_bits"
                     : setting == KeySetting::dh_client_min_bits ? "dh_client_min_bits"
                                                                 : "pkcs_client_min_bits";
  const std::string& value = select(algorithm_table(), kAlgorithmSource, os, item);
  return static_cast<uint32_t>(std::stoul(value));
}

HttpDefault http_default(const WindowsVersion& os, HttpComponent component) {
  return select(http_table(), kHttpSource, os, component == HttpComponent::winhttp ? "winhttp" : "wininet");
}

std::vector<std::string> recommended_cipher_suites(const WindowsVersion& os) {
  const auto& table = recommended_table();
  std::vector<std::string> out;
  auto append = [&](const char* generation) {
    auto it = table.find(generation);
    if (it != table.end()) out.insert(out.end(), it->second.begin(), it->second.end());
  };
  if (schannel_protocol_default(os, Protocol::tls13).supported) append("tls13");
  const bool pre_win10 = os.family == OsFamily::win7_2008r2 || os.family == OsFamily::win8_2012 ||
                         os.family == OsFamily::win81_2012r2;
  append(pre_win10 ? "pre_win10" : "win10");
  return out;
}

void check_default_tables() {
  // Every family must answer every lookup at its first build.
  for (OsFamily family : kFamilies) {
    WindowsVersion os;
    os.family = family;
    os.build = 1 << 30;  // any row of the family applies
    int first_build = os.build;
    for (const auto& [key, builds] : schannel_table()) {
      if (key.first == family && !builds.empty()) first_build = std::min(first_build, builds.begin()->first);
    }
    if (first_build == (1 << 30)) {
      throw DefaultsError(std::string(kSchannelSource) + ": no rows for " + std::string(family_name(family)));
    }
    os.build = first_build;
    for (Protocol protocol : kProtocols) (void)schannel_protocol_default(os, protocol);
    for (CipherGroup group : kWeakCipherGroups) (void)cipher_group_offered_by_default(os, group);
    for (KeySetting setting :
         {KeySetting::dh_server_min_bits, KeySetting::dh_client_min_bits, KeySetting::pkcs_client_min_bits}) {
      (void)default_key_bits(os, setting);
    }
    (void)http_default(os, HttpComponent::winhttp);
    (void)http_default(os, HttpComponent::wininet);
    if (recommended_cipher_suites(os).empty()) {
      throw DefaultsError(std::string(kRecommendedSource) + ": no list for " + std::string(family_name(family)));
    }
  }
}

}  // namespace tlsready::policy::windows
