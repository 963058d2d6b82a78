#include "registry/cipher_suite_registry.h"

#include <algorithm>

#include "registry/csv_fields.h"
#include "registry/csv_table.h"
#include "registry/embedded_csv.h"
#include "registry/hex_format.h"
#include "registry/name_index.h"

namespace tlsready::registry {
namespace {

enum Column : std::size_t { kCode, kIanaName, kOpensslName, kProtocols, kKx, kAuth, kCipher, kBits, kMac, kFlags };

const std::vector<std::string_view> kHeader = {"code", "iana_name", "openssl_name", "protocols", "kx",
                                               "auth", "cipher",    "cipher_bits",  "mac",       "flags"};
const std::vector<std::string_view> kKxValues = {"NULL",      "RSA", "DH",   "DHE",  "ECDH",   "ECDHE", "PSK",
                                                 "DHE_PSK",   "RSA_PSK", "ECDHE_PSK", "SRP", "KRB5", "GOST",
                                                 "ECCPWD",    "ANY", "SCSV"};
const std::vector<std::string_view> kAuthValues = {"NULL", "RSA", "DSS",  "ECDSA",  "anon", "PSK",
                                                   "KRB5", "SRP", "GOST", "ECCPWD", "ANY",  "SCSV"};
const std::vector<std::string_view> kMacValues = {"NULL", "MD5",  "SHA1",           "SHA256",    "SHA384",
                                                  "AEAD", "OMAC", "GOST28147_IMIT", "GOSTR3411", "STREEBOG256"};
const std::vector<std::string_view> kFlagValues = {"export", "null_cipher", "anon", "weak", "scsv", "non_iana", "pfs"};

bool has(const std::vector<std::string>& flags, std::string_view flag) {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

// Cross-column rules that keep hand edits of the table honest.
void check_consistency(const detail::CsvTable& table, const detail::CsvRow& row, const CipherSuite& s) {
  using detail::fail;
  if (s.scsv != (s.kx == "SCSV") || s.scsv != (s.auth == "SCSV")) {
    fail(table, row, "flags", "scsv must be set exactly when kx and auth are SCSV");
  }
  if (s.null_cipher != (s.cipher == "NULL" && !s.scsv)) {
    fail(table, row, "flags", "null_cipher must be set exactly when cipher is NULL");
  }
  if ((s.cipher == "NULL") != (s.cipher_bits == 0)) {
    fail(table, row, "cipher_bits", "must be 0 exactly when cipher is NULL");
  }
  if (s.anonymous != (s.auth == "anon" || s.auth == "NULL")) {
    fail(table, row, "flags", "anon must be set exactly when auth is anon or NULL");
  }
  if ((s.export_grade || s.null_cipher || s.anonymous || s.cipher_bits < 112) && !s.scsv && !s.weak) {
    fail(table, row, "flags", "export, null_cipher, anon and cipher_bits < 112 imply weak");
  }
  if (s.scsv && (s.weak || s.forward_secret || s.export_grade)) {
    fail(table, row, "flags", "an scsv row carries no other security flag");
  }
  const bool tls13_only = s.protocols.size() == 1 && s.protocols.front() == ProtocolVersion::tls1_3;
  const bool mentions_tls13 =
      std::find(s.protocols.begin(), s.protocols.end(), ProtocolVersion::tls1_3) != s.protocols.end();
  if (mentions_tls13 != tls13_only || tls13_only != (s.kx == "ANY") || (s.kx == "ANY") != (s.auth == "ANY")) {
    fail(table, row, "protocols", "TLS 1.3 suites are TLSv1.3-only with kx and auth ANY, and only they");
  }
  if (tls13_only && !s.forward_secret) fail(table, row, "flags", "TLS 1.3 suites are pfs");
  if (s.export_grade) {
    for (ProtocolVersion v : s.protocols) {
      if (v != ProtocolVersion::ssl3 && v != ProtocolVersion::tls1_0) {
        fail(table, row, "protocols", "export suites are only SSLv3 and TLSv1.0 (RFC 4346)");
      }
    }
  }
  if (s.forward_secret && s.anonymous) fail(table, row, "flags", "anonymous suites are not flagged pfs");
}

struct CipherSuiteTable {
  std::vector<CipherSuite> suites;
  detail::NameIndex by_name;
};

const CipherSuiteTable& table() {
  static const CipherSuiteTable instance = [] {
    CipherSuiteTable t;
    t.suites = parse_cipher_suites_csv(embedded::cipher_suites_csv());
    for (std::size_t i = 0; i < t.suites.size(); ++i) {
      t.by_name.add(t.suites[i].iana_name, i);
      if (!t.suites[i].openssl_name.empty()) t.by_name.add(t.suites[i].openssl_name, i);
    }
    return t;
  }();
  return instance;
}

}  // namespace

bool CipherSuite::allowed_in(ProtocolVersion version) const {
  return std::find(protocols.begin(), protocols.end(), version) != protocols.end();
}

std::vector<CipherSuite> parse_cipher_suites_csv(std::string_view text, std::string_view source) {
  using namespace detail;
  const CsvTable csv = parse_csv(text, source, kHeader);
  std::vector<CipherSuite> suites;
  suites.reserve(csv.rows.size());
  NameIndex names;
  for (const CsvRow& row : csv.rows) {
    CipherSuite s;
    s.code = code_field(csv, row, kCode, "code");
    if (!suites.empty() && s.code <= suites.back().code) {
      fail(csv, row, "code",
           format_hex16(s.code) + " is not above the previous row's " + format_hex16(suites.back().code) +
               " (codes must be unique and ascending)");
    }
    s.iana_name = identifier_field(csv, row, kIanaName, "iana_name", "", false);
    s.openssl_name = identifier_field(csv, row, kOpensslName, "openssl_name", "-", true);
    s.protocols = versions_field(csv, row, kProtocols, "protocols");
    s.kx = enum_field(csv, row, kKx, "kx", kKxValues);
    s.auth = enum_field(csv, row, kAuth, "auth", kAuthValues);
    s.cipher = identifier_field(csv, row, kCipher, "cipher", "", false);
    s.cipher_bits = int_field(csv, row, kBits, "cipher_bits", 0, 1024);
    s.mac = enum_field(csv, row, kMac, "mac", kMacValues);
    const std::vector<std::string> flags = flags_field(csv, row, kFlags, "flags", kFlagValues);
    s.export_grade = has(flags, "export");
    s.null_cipher = has(flags, "null_cipher");
    s.anonymous = has(flags, "anon");
    s.weak = has(flags, "weak");
    s.scsv = has(flags, "scsv");
    s.non_iana = has(flags, "non_iana");
    s.forward_secret = has(flags, "pfs");
    check_consistency(csv, row, s);

    const std::size_t index = suites.size();
    for (const std::string* name : {&s.iana_name, &s.openssl_name}) {
      if (name->empty()) continue;
      if (auto other = names.add(*name, index)) {
        fail(csv, row, name == &s.iana_name ? "iana_name" : "openssl_name",
             "'" + *name + "' already names " + format_hex16(suites[*other].code));
      }
    }
    suites.push_back(std::move(s));
  }
  return suites;
}

const std::vector<CipherSuite>& all_cipher_suites() { return table().suites; }

const CipherSuite* find_cipher_suite(uint16_t code) {
  const auto& suites = table().suites;
  auto it = std::lower_bound(suites.begin(), suites.end(), code,
                             [](const CipherSuite& s, uint16_t value) { return s.code < value; });
  return (it != suites.end() && it->code == code) ? &*it : nullptr;
}

const CipherSuite* find_cipher_suite_by_name(std::string_view name) {
  const auto& t = table();
  auto index = t.by_name.find(name);
  return index ? &t.suites[*index] : nullptr;
}

std::vector<uint16_t> cipher_suites_for(ProtocolVersion version) {
  std::vector<uint16_t> codes;
  for (const CipherSuite& s : table().suites) {
    if (!s.scsv && s.allowed_in(version)) codes.push_back(s.code);
  }
  return codes;
}

std::string cipher_suite_name_or_hex(uint16_t code) {
  const CipherSuite* suite = find_cipher_suite(code);
  return suite ? suite->iana_name : format_hex16(code);
}

}  // namespace tlsready::registry
