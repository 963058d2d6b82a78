#include "assess/client_profiles.h"

#include <set>
#include <stdexcept>
#include <string>

#include "registry/cipher_suite_registry.h"
#include "registry/csv_fields.h"
#include "registry/csv_table.h"
#include "registry/grease.h"

namespace tlsready::registry::embedded {
std::string_view client_profiles_csv();  // generated from native/data/clients/client_profiles.csv
}

namespace tlsready::assess {
namespace {

using registry::detail::CsvRow;
using registry::detail::CsvTable;

enum Column : std::size_t {
  kId,
  kName,
  kCategory,
  kSynthetic,
  kCannotUseTls12,
  kMinVersion,
  kMaxVersion,
  kHelloFormat,
  kCipherSuites,
  kExtensions,
  kGroups,
  kSignatureAlgorithms,
  kAlpn,
  kSni,
  kMinDhBits,
  kMaxDhBits,
  kMinRsaBits,
  kMaxRsaBits,
  kMinEcdsaBits,
  kSha2Certificates,
  kSha1Certificates,
  kRequiresForwardSecrecy,
  kRequiresAead,
  kSource,
  kHelloBytes,
};

const std::vector<std::string_view> kHeader = {"id",
                                               "name",
                                               "category",
                                               "synthetic",
                                               "cannot_use_tls12",
                                               "min_version",
                                               "max_version",
                                               "hello_format",
                                               "cipher_suites",
                                               "extensions",
                                               "groups",
                                               "signature_algorithms",
                                               "alpn",
                                               "sni",
                                               "min_dh_bits",
                                               "max_dh_bits",
                                               "min_rsa_bits",
                                               "max_rsa_bits",
                                               "min_ecdsa_bits",
                                               "sha2_certificates",
                                               "sha1_certificates",
                                               "requires_forward_secrecy",
                                               "requires_aead",
                                               "source",
                                               "hello_bytes"};

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  if (text.empty()) return parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = text.find(separator, start);
    parts.push_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return parts;
}

// ';'-separated "0xXXXX" codes; GREASE values are refused (the generator drops them).
std::vector<uint16_t> codes_field(const CsvTable& table, const CsvRow& row, std::size_t column, std::string_view name) {
  std::vector<uint16_t> codes;
  for (std::string_view token : split(row.fields[column], ';')) {
    CsvRow one = row;
    one.fields = {std::string(token)};
    const uint16_t code = registry::detail::code_field(table, one, 0, name);
    if (registry::is_grease(code)) registry::detail::fail(table, row, name, "GREASE value " + std::string(token));
    codes.push_back(code);
  }
  return codes;
}

std::optional<int> limit_field(const CsvTable& table, const CsvRow& row, std::size_t column, std::string_view name) {
  if (row.fields[column].empty()) return std::nullopt;
  return registry::detail::int_field(table, row, column, name, 1, 65536);
}

model::ProtocolVersion version_field(const CsvTable& table, const CsvRow& row, std::size_t column,
                                     std::string_view name) {
  for (model::ProtocolVersion version : model::kAllProtocolVersions) {
    if (model::display_name(version) == row.fields[column]) return version;
  }
  registry::detail::fail(table, row, name, "unknown version '" + row.fields[column] + "' (SSLv2 ... TLSv1.3)");
}

model::ClientProfile parse_row(const CsvTable& table, const CsvRow& row) {
  using namespace registry::detail;
  model::ClientProfile profile;
  profile.id = identifier_field(table, row, kId, "id", "-.", false);
  profile.name = row.fields[kName];
  if (profile.name.empty()) fail(table, row, "name", "is empty");
  profile.category = enum_field(table, row, kCategory, "category",
                                {"browser", "windows_stack", "runtime", "library", "mail_client", "mobile_os", "tool"});
  profile.synthetic = yes_no_field(table, row, kSynthetic, "synthetic");
  profile.cannot_use_tls12 = yes_no_field(table, row, kCannotUseTls12, "cannot_use_tls12");
  profile.min_version = version_field(table, row, kMinVersion, "min_version");
  profile.max_version = version_field(table, row, kMaxVersion, "max_version");
  if (model::wire_code(profile.min_version) > model::wire_code(profile.max_version))
    fail(table, row, "min_version", "is above max_version");
  profile.hello_format = enum_field(table, row, kHelloFormat, "hello_format", {"tls", "sslv2_compatible"}) == "tls"
                             ? model::HelloFormat::tls
                             : model::HelloFormat::sslv2_compatible;
  profile.cipher_suites = codes_field(table, row, kCipherSuites, "cipher_suites");
  if (profile.cipher_suites.empty()) fail(table, row, "cipher_suites", "is empty");
  for (uint16_t code : profile.cipher_suites) {
    if (registry::find_cipher_suite(code) == nullptr)
      fail(table, row, "cipher_suites",
           "suite " + registry::cipher_suite_name_or_hex(code) + " is not in the registry");
  }
  profile.extensions = codes_field(table, row, kExtensions, "extensions");
  profile.groups = codes_field(table, row, kGroups, "groups");
  profile.signature_algorithms = codes_field(table, row, kSignatureAlgorithms, "signature_algorithms");
  for (std::string_view protocol : split(row.fields[kAlpn], ';')) profile.alpn.emplace_back(protocol);
  profile.sends_sni = yes_no_field(table, row, kSni, "sni");
  profile.min_dh_bits = limit_field(table, row, kMinDhBits, "min_dh_bits");
  profile.max_dh_bits = limit_field(table, row, kMaxDhBits, "max_dh_bits");
  profile.min_rsa_bits = limit_field(table, row, kMinRsaBits, "min_rsa_bits");
  profile.max_rsa_bits = limit_field(table, row, kMaxRsaBits, "max_rsa_bits");
  profile.min_ecdsa_bits = limit_field(table, row, kMinEcdsaBits, "min_ecdsa_bits");
  profile.supports_sha2_certificates = yes_no_field(table, row, kSha2Certificates, "sha2_certificates");
  profile.accepts_sha1_certificates = yes_no_field(table, row, kSha1Certificates, "sha1_certificates");
  profile.requires_forward_secrecy = yes_no_field(table, row, kRequiresForwardSecrecy, "requires_forward_secrecy");
  profile.requires_aead = yes_no_field(table, row, kRequiresAead, "requires_aead");
  profile.source = row.fields[kSource];
  if (profile.source.empty()) fail(table, row, "source", "is empty: every profile cites where its facts come from");
  profile.hello_bytes = limit_field(table, row, kHelloBytes, "hello_bytes");
  if (profile.hello_bytes && profile.hello_format != model::HelloFormat::tls)
    fail(table, row, "hello_bytes", "is for TLS-format hellos (an SSL 2.0 CLIENT-HELLO cannot be padded)");
  return profile;
}

}  // namespace

std::vector<model::ClientProfile> parse_client_profiles_csv(std::string_view text, std::string_view source) {
  const CsvTable table = registry::detail::parse_csv(text, source, kHeader);
  std::vector<model::ClientProfile> profiles;
  std::set<std::string> ids;
  for (const CsvRow& row : table.rows) {
    model::ClientProfile profile = parse_row(table, row);
    if (!ids.insert(profile.id).second) registry::detail::fail(table, row, "id", "repeated: " + profile.id);
    profiles.push_back(std::move(profile));
  }
  return profiles;
}

const std::vector<model::ClientProfile>& client_profiles() {
  static const std::vector<model::ClientProfile> profiles =
      parse_client_profiles_csv(registry::embedded::client_profiles_csv());
  return profiles;
}

const model::ClientProfile* find_client_profile(std::string_view id) {
  for (const model::ClientProfile& profile : client_profiles()) {
    if (profile.id == id) return &profile;
  }
  return nullptr;
}

std::vector<model::ClientProfile> client_profiles_by_id(const std::vector<std::string>& ids) {
  if (ids.empty()) return client_profiles();
  std::vector<model::ClientProfile> clients;
  for (const std::string& id : ids) {
    const model::ClientProfile* profile = find_client_profile(id);
    if (profile == nullptr)
      throw std::invalid_argument("unknown client '" + id + "' (tlsready clients lists the profiles)");
    clients.push_back(*profile);
  }
  return clients;
}

}  // namespace tlsready::assess
