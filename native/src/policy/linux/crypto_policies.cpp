// crypto-policies: config, state, sub-policy modules, generated back-ends, and the policy table.
#include "policy/linux/crypto_policies.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

#include "common/csv.h"
#include "common/text.h"
#include "policy/linux/gnutls_config.h"
#include "policy/linux/java_security.h"
#include "policy/linux/rooted_fs.h"

namespace tlsready::registry::embedded {
std::string_view crypto_policies_csv();  // generated from native/data/crypto_policies.csv
}

namespace tlsready::policy::linux {

namespace embedded = registry::embedded;

namespace {

constexpr const char* kTableHeader =
    "family,policy,min_tls,sha1_signatures,min_rsa_bits,min_dh_bits,tls_3des,tls_rc4,tls_cbc,source";
constexpr const char* kBackendDir = "/etc/crypto-policies/back-ends";
const char* const kModuleDirs[] = {"/etc/crypto-policies/policies/modules", "/usr/share/crypto-policies/policies/modules"};

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = text.find(separator, start);
    parts.emplace_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) break;
    start = at + 1;
  }
  return parts;
}

// Lines with their 1-based numbers, '\r' dropped.
std::vector<std::pair<int, std::string>> numbered_lines(std::string_view text) {
  std::vector<std::pair<int, std::string>> lines;
  int number = 0;
  for (auto& line : split(text, '\n')) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.emplace_back(number, std::move(line));
  }
  return lines;
}

std::optional<bool> parse_flag(const std::string& value, int line) {
  if (value == "yes") return true;
  if (value == "no") return false;
  if (value == "unknown") return std::nullopt;
  throw std::runtime_error("crypto_policies.csv line " + std::to_string(line) + ": expected yes/no/unknown, got '" +
                           value + "'");
}

int parse_bits(const std::string& value, int line) {
  int bits = 0;
  if (value.empty() || value.size() > 5) throw std::runtime_error("crypto_policies.csv line " + std::to_string(line) + ": bad key size");
  for (char c : value) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) {
      throw std::runtime_error("crypto_policies.csv line " + std::to_string(line) + ": bad key size '" + value + "'");
    }
    bits = bits * 10 + (c - '0');
  }
  return bits;
}

std::vector<CryptoPolicyRow> parse_table(std::string_view csv) {
  std::vector<CryptoPolicyRow> rows;
  bool header_seen = false;
  for (const csv::Record& record : csv::read(csv)) {
    const int number = static_cast<int>(record.line);
    const std::string line = text::trim(record.text);
    if (line.empty() || line.front() == '#') continue;
    if (!header_seen) {
      if (line != kTableHeader) throw std::runtime_error("crypto_policies.csv line " + std::to_string(number) + ": unexpected header");
      header_seen = true;
      continue;
    }
    std::vector<std::string> fields;
    for (const std::string& field : record.fields) fields.push_back(text::trim(field));
    if (fields.size() != 10) {
      throw std::runtime_error("crypto_policies.csv line " + std::to_string(number) + ": expected 10 fields");
    }
    CryptoPolicyRow row;
    row.family = fields[0];
    row.policy = fields[1];
    row.min_tls = fields[2];
    if (row.min_tls != "1.0" && row.min_tls != "1.1" && row.min_tls != "1.2" && row.min_tls != "1.3") {
      throw std::runtime_error("crypto_policies.csv line " + std::to_string(number) + ": bad min_tls");
    }
    row.sha1_signatures = parse_flag(fields[3], number);
    row.min_rsa_bits = parse_bits(fields[4], number);
    row.min_dh_bits = parse_bits(fields[5], number);
    row.tls_3des = parse_flag(fields[6], number);
    row.tls_rc4 = parse_flag(fields[7], number);
    row.tls_cbc = parse_flag(fields[8], number);
    row.source = fields[9];
    rows.push_back(std::move(row));
  }
  if (rows.empty()) throw std::runtime_error("crypto_policies.csv has no rows");
  return rows;
}

// Rank of a TLS version label for "lowest": "SSL3.0" < "1.0" < ... < "1.3".
int rank(const std::string& version) {
  if (version == "SSL3.0") return 0;
  if (version == "1.0") return 1;
  if (version == "1.1") return 2;
  if (version == "1.2") return 3;
  if (version == "1.3") return 4;
  return 9;
}

// "TLSv1" -> "1.0" (OpenSSL names), "TLS1.0" -> "1.0" (GnuTLS/crypto-policies), "tls1.0" (NSS).
std::optional<std::string> version_label(std::string_view name) {
  const std::string v = text::to_upper_ascii(text::trim(name));
  if (v == "TLSV1" || v == "TLS1.0" || v == "TLSV1.0") return "1.0";
  if (v == "TLSV1.1" || v == "TLS1.1") return "1.1";
  if (v == "TLSV1.2" || v == "TLS1.2") return "1.2";
  if (v == "TLSV1.3" || v == "TLS1.3") return "1.3";
  if (v == "SSLV3" || v == "SSL3.0") return "SSL3.0";
  return std::nullopt;
}

void lower_min(BackendFile& backend, const std::string& version) {
  if (!backend.min_tls || rank(version) < rank(*backend.min_tls)) backend.min_tls = version;
}

void analyse_opensslcnf(BackendFile& backend, std::string_view text) {
  for (const auto& [number, raw] : numbered_lines(text)) {
    const std::string line = text::trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == '[') continue;
    const std::size_t equals = line.find('=');
    if (equals == std::string::npos) continue;
    const std::string key = text::trim(std::string_view(line).substr(0, equals));
    const std::string value = text::trim(std::string_view(line).substr(equals + 1));
    const std::string location = backend.resolved + ":" + std::to_string(number);
    if (key == "MinProtocol" || key == "TLS.MinProtocol") {
      if (auto label = version_label(value)) {
        backend.min_tls = *label;  // the last line wins, as for libssl
        backend.evidence.push_back(PolicyLine{line, location});
      }
    } else if (key == "CipherString") {
      const std::size_t at = value.find("@SECLEVEL=");
      if (at != std::string::npos && at + 10 < value.size() && std::isdigit(static_cast<unsigned char>(value[at + 10])) != 0) {
        backend.openssl_security_level = value[at + 10] - '0';
        backend.evidence.push_back(PolicyLine{"CipherString ... @SECLEVEL=" + std::string(1, value[at + 10]), location});
      }
    } else if (key == "SignatureAlgorithms") {
      const std::string up = text::to_upper_ascii(value);
      backend.sha1_signatures = up.find("+SHA1") != std::string::npos;
      if (*backend.sha1_signatures) backend.sha1_evidence.push_back(PolicyLine{"SignatureAlgorithms = ...+SHA1...", location});
    }
  }
}

void analyse_gnutls(BackendFile& backend, std::string_view text) {
  const GnutlsConfigReport report = parse_gnutls_config(text, backend.resolved);
  for (const auto& version : report.versions_enabled()) {
    if (auto label = version_label(version)) lower_min(backend, *label);
  }
  if (backend.min_tls) {
    std::string tls = *backend.min_tls == "SSL3.0" ? "SSL3.0" : "TLS" + *backend.min_tls;
    for (const auto& entry : report.evidence_enabling(tls)) {
      backend.evidence.push_back(PolicyLine{entry.key + " = " + entry.value, entry.location()});
    }
  }
  if (report.override_mode == "allowlist") {
    backend.sha1_signatures = !report.sha1_marked_secure.empty();
    for (const auto& entry : report.sha1_marked_secure) {
      backend.sha1_evidence.push_back(PolicyLine{entry.key + " = " + entry.value, entry.location()});
    }
  }
}

void analyse_java(BackendFile& backend, std::string_view text) {
  for (const auto& property : parse_java_properties(text, backend.resolved)) {
    if (property.key != "jdk.tls.disabledAlgorithms") continue;
    const auto disabled = split_algorithm_list(property.value);
    auto off = [&](std::string_view name) {
      return std::any_of(disabled.begin(), disabled.end(), [&](const std::string& d) { return text::to_upper_ascii(d) == text::to_upper_ascii(name); });
    };
    backend.min_tls.reset();
    const std::pair<const char*, const char*> versions[] = {{"TLSv1", "1.0"}, {"TLSv1.1", "1.1"}, {"TLSv1.2", "1.2"}, {"TLSv1.3", "1.3"}};
    for (const auto& [java_name, label] : versions) {
      if (!off(java_name)) {
        backend.min_tls = label;
        break;
      }
    }
    backend.evidence.push_back(PolicyLine{"jdk.tls.disabledAlgorithms=" + property.value, property.location()});
  }
}

void analyse_nss(BackendFile& backend, std::string_view text) {
  for (const auto& [number, raw] : numbered_lines(text)) {
    const std::size_t at = raw.find("tls-version-min=");
    if (at == std::string::npos) continue;
    std::size_t end = at + 16;
    while (end < raw.size() && raw[end] != ':' && raw[end] != ' ' && raw[end] != '"') ++end;
    if (auto label = version_label(std::string_view(raw).substr(at + 16, end - at - 16))) {
      backend.min_tls = *label;
      backend.evidence.push_back(PolicyLine{raw.substr(at, end - at), backend.resolved + ":" + std::to_string(number)});
    }
  }
}

// What a sub-policy module file turns on (policy language of crypto-policies(7): "hash = SHA1+",
// "sign = ... RSA-SHA1+", "protocol@TLS = ... TLS1.0", "sha1_in_certs = 1").
void analyse_module(SubpolicyModule& module, std::string_view text) {
  for (const auto& [number, raw] : numbered_lines(text)) {
    std::string line = raw.substr(0, raw.find('#'));
    const std::size_t equals = line.find('=');
    if (equals == std::string::npos) continue;
    const std::string key = text::to_lower_ascii(text::trim(std::string_view(line).substr(0, equals)));
    const std::string value = text::to_upper_ascii(text::trim(std::string_view(line).substr(equals + 1)));
    const std::string location = module.file + ":" + std::to_string(number);
    bool relevant = false;
    if ((key == "sha1_in_certs" && value == "1") || (key == "__openssl_block_sha1_signatures" && value == "0")) {
      module.enables_sha1 = relevant = true;
    }
    for (const auto& token_raw : split(value, ' ')) {
      const std::string token = text::trim(token_raw);
      if (token.empty() || token.front() == '-') continue;
      std::string bare = token;
      bare.erase(std::remove(bare.begin(), bare.end(), '+'), bare.end());
      if ((key.rfind("hash", 0) == 0 || key.rfind("sign", 0) == 0) &&
          (bare == "SHA1" || (bare.size() > 5 && bare.compare(bare.size() - 5, 5, "-SHA1") == 0))) {
        module.enables_sha1 = relevant = true;
      }
      if (key.rfind("protocol", 0) == 0 && (bare == "TLS1.0" || bare == "TLS1.1")) {
        if (std::find(module.enables_tls_versions.begin(), module.enables_tls_versions.end(), bare) ==
            module.enables_tls_versions.end()) {
          module.enables_tls_versions.push_back(bare);
        }
        relevant = true;
      }
    }
    if (relevant) module.evidence.push_back(PolicyLine{text::trim(line), location});
  }
}

void known_module_effect(SubpolicyModule& module) {
  if (module.name == "SHA1") {
    module.enables_sha1 = true;
    module.known_effect = "re-enables SHA-1 hashes and signatures (shipped module SHA1.pmod)";
  } else if (module.name == "AD-SUPPORT" || module.name == "AD-SUPPORT-LEGACY") {
    module.known_effect = "Kerberos encryption types for Active Directory; no TLS effect";
  } else if (module.name == "NO-SHA1" || module.name == "NO-CAMELLIA" || module.name == "OSPP" ||
             module.name == "ECDHE-ONLY" || module.name == "NO-ENFORCE-EMS" || module.name == "NO-PQ") {
    module.known_effect = "shipped module that does not enable older TLS versions or SHA-1";
  } else {
    module.known_effect = "module file not found: its effect is unknown to this audit";
  }
}

std::optional<PolicyLine> first_policy_line(const std::filesystem::path& root, const std::string& path,
                                            std::vector<UnreadableFile>& unreadable) {
  RootedRead read = read_in_root(root, path);
  if (read.unreadable()) unreadable.push_back(read.as_unreadable(path));
  auto& text = read.text;
  if (!text) return std::nullopt;
  for (const auto& [number, raw] : numbered_lines(*text)) {
    const std::string line = text::trim(raw.substr(0, raw.find('#')));
    if (!line.empty()) return PolicyLine{line, path + ":" + std::to_string(number)};
  }
  return PolicyLine{"", path};
}

}  // namespace

const std::vector<CryptoPolicyRow>& crypto_policy_table() {
  static const std::vector<CryptoPolicyRow> table = parse_table(embedded::crypto_policies_csv());
  return table;
}

const CryptoPolicyRow* crypto_policy_row(std::string_view family, std::string_view policy) {
  for (const auto& row : crypto_policy_table()) {
    if (row.family == family && row.policy == policy) return &row;
  }
  return nullptr;
}

std::optional<OsRelease> read_os_release(const std::filesystem::path& root) {
  for (const char* candidate : {"/etc/os-release", "/usr/lib/os-release"}) {
    auto resolved = resolve_in_root(root, candidate);
    if (!std::holds_alternative<RootedPath>(resolved)) continue;
    std::string error;
    auto text = read_rooted_file(std::get<RootedPath>(resolved), &error);
    if (!text) continue;
    OsRelease os;
    os.file = candidate;
    for (const auto& [number, raw] : numbered_lines(*text)) {
      const std::size_t equals = raw.find('=');
      if (equals == std::string::npos) continue;
      const std::string key = text::trim(std::string_view(raw).substr(0, equals));
      std::string value = text::trim(std::string_view(raw).substr(equals + 1));
      if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
        value = value.substr(1, value.size() - 2);
      }
      if (key == "ID") os.id = text::to_lower_ascii(value);
      if (key == "ID_LIKE") os.id_like = text::to_lower_ascii(value);
      if (key == "VERSION_ID") os.version_id = value;
      if (key == "PRETTY_NAME") os.pretty_name = value;
    }
    return os;
  }
  return std::nullopt;
}

std::string crypto_policy_family(const OsRelease& os) {
  if (os.id == "fedora") return "fedora";
  const bool rhel_like = os.id == "rhel" || os.id == "centos" || os.id == "rocky" || os.id == "almalinux" ||
                         os.id == "ol" || os.id_like.find("rhel") != std::string::npos;
  if (rhel_like) {
    int major = 0;
    for (char c : os.version_id) {
      if (std::isdigit(static_cast<unsigned char>(c)) == 0) break;
      major = major * 10 + (c - '0');
      if (major > 1000) break;
    }
    if (major == 8) return "rhel8";
    if (major >= 9) return "rhel9";
    return "";
  }
  if (os.id_like.find("fedora") != std::string::npos) return "fedora";
  return "";
}

const BackendFile* CryptoPolicyReport::backend(std::string_view name) const {
  for (const auto& b : backends) {
    if (b.name == name) return &b;
  }
  return nullptr;
}

std::optional<std::string> CryptoPolicyReport::backend_min_tls() const {
  std::optional<std::string> lowest;
  for (const auto& b : backends) {
    if (b.min_tls && (!lowest || rank(*b.min_tls) < rank(*lowest))) lowest = b.min_tls;
  }
  return lowest;
}

CryptoPolicyReport audit_crypto_policies(const std::filesystem::path& root) {
  CryptoPolicyReport report;
  report.os = read_os_release(root);
  if (report.os) report.family = crypto_policy_family(*report.os);
  auto configured = first_policy_line(root, report.config_file, report.unreadable);
  if (!configured) return report;
  report.present = true;
  report.configured = *configured;
  const auto parts = split(configured->text, ':');
  report.base_policy = text::to_upper_ascii(text::trim(parts.front()));
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const std::string sub = text::to_upper_ascii(text::trim(parts[i]));
    if (!sub.empty()) report.subpolicies.push_back(sub);
  }
  report.state_current = first_policy_line(root, "/etc/crypto-policies/state/current", report.unreadable);
  if (report.state_current && text::to_upper_ascii(report.state_current->text) != text::to_upper_ascii(configured->text)) {
    report.notes.push_back("the configured policy '" + configured->text + "' differs from the applied one '" +
                           report.state_current->text + "': update-crypto-policies was not run after the change");
  }
  if (!report.family.empty()) {
    if (const CryptoPolicyRow* row = crypto_policy_row(report.family, report.base_policy)) report.expected = *row;
  }

  for (const auto& name : report.subpolicies) {
    SubpolicyModule module;
    module.name = name;
    for (const char* directory : kModuleDirs) {
      const std::string path = display_join(directory, name + ".pmod");
      RootedRead read = read_in_root(root, path);
      if (read.unreadable()) report.unreadable.push_back(read.as_unreadable(path));
      if (auto& text = read.text) {
        module.file = path;
        analyse_module(module, *text);
        break;
      }
    }
    if (module.file.empty()) known_module_effect(module);
    report.modules.push_back(std::move(module));
  }

  const std::pair<const char*, void (*)(BackendFile&, std::string_view)> backends[] = {
      {"opensslcnf.config", analyse_opensslcnf},
      {"gnutls.config", analyse_gnutls},
      {"java.config", analyse_java},
      {"nss.config", analyse_nss},
  };
  for (const auto& [name, analyse] : backends) {
    BackendFile backend;
    backend.name = name;
    backend.path = display_join(kBackendDir, name);
    auto resolved = resolve_in_root(root, backend.path);
    if (auto* error = std::get_if<RootedError>(&resolved)) {
      report.notes.push_back(backend.path + ": " + error->message);
      report.unreadable.push_back(UnreadableFile{backend.path, error->message});
      continue;
    }
    backend.resolved = std::get<RootedPath>(resolved).display;
    RootedRead read = read_in_root(root, backend.path);
    if (read.unreadable()) report.unreadable.push_back(read.as_unreadable(backend.path));
    auto& text = read.text;
    if (!text) continue;
    analyse(backend, *text);
    report.backends.push_back(std::move(backend));
  }
  return report;
}

}  // namespace tlsready::policy::linux
