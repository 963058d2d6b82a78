// GnuTLS system-wide configuration: INI parsing and what it does to TLS versions and SHA-1.
#include "policy/linux/gnutls_config.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "common/text.h"
#include "policy/linux/rooted_fs.h"

namespace tlsready::policy::linux {

namespace {

// "tls1.0" -> "TLS1.0"; "" for anything that is not a TLS/SSL version name.
std::string normalise_version(std::string_view value) {
  const std::string name = text::to_upper_ascii(text::trim(value));
  static const char* const kKnown[] = {"SSL3.0", "TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3", "DTLS1.0", "DTLS1.2"};
  for (const char* known : kKnown) {
    if (name == known) return name;
  }
  return "";
}

const char* const kTlsVersions[] = {"TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3"};

bool is_sha1(std::string_view value) {
  const std::string name = text::to_upper_ascii(text::trim(value));
  return name == "SHA1" || (name.size() > 5 && name.compare(name.size() - 5, 5, "-SHA1") == 0);
}

bool is_priority_key(const GnutlsEntry& entry) {
  const std::string key = text::to_lower_ascii(entry.key);
  if (entry.section == "priorities" || entry.section.empty()) return true;
  if (entry.section == "global") return key != "override-mode" && key != "ktls";
  return entry.section == "overrides" && key == "default-priority-string";
}

}  // namespace

PriorityVersions analyze_priority_versions(std::string_view priority) {
  PriorityVersions result;
  std::map<std::string, bool> state;
  std::size_t start = 0;
  bool first = true;
  while (start <= priority.size()) {
    const std::size_t colon = priority.find(':', start);
    const std::string token =
        text::trim(priority.substr(start, colon == std::string_view::npos ? std::string_view::npos : colon - start));
    start = colon == std::string_view::npos ? priority.size() + 1 : colon + 1;
    if (token.empty()) continue;
    const char sign = token.front();
    if (sign != '+' && sign != '-' && sign != '!') {
      if (first) result.base = token;
      first = false;
      continue;
    }
    first = false;
    const bool add = sign == '+';
    const std::string name = text::to_upper_ascii(std::string_view(token).substr(1));
    if (name == "VERS-ALL" || name == "VERS-TLS-ALL") {
      for (const char* version : kTlsVersions) state[version] = add;
      if (name == "VERS-ALL") state["SSL3.0"] = add;
    } else if (name.rfind("VERS-", 0) == 0) {
      const std::string version = normalise_version(std::string_view(name).substr(5));
      if (!version.empty() && version.rfind("DTLS", 0) != 0) state[version] = add;
    }
  }
  for (const auto& [version, on] : state) (on ? result.enabled : result.disabled).push_back(version);
  return result;
}

std::vector<std::string> GnutlsConfigReport::versions_enabled() const {
  std::vector<std::string> versions;
  auto add = [&](const std::string& version) {
    if (!version.empty() && version.rfind("DTLS", 0) != 0 &&
        std::find(versions.begin(), versions.end(), version) == versions.end()) {
      versions.push_back(version);
    }
  };
  if (override_mode == "allowlist") {
    for (const auto& entry : enabled_versions) add(normalise_version(entry.value));
  }
  for (const auto& entry : priority_strings) {
    for (const auto& version : analyze_priority_versions(entry.value).enabled) add(version);
  }
  std::sort(versions.begin(), versions.end());
  return versions;
}

std::vector<GnutlsEntry> GnutlsConfigReport::evidence_enabling(std::string_view version) const {
  std::vector<GnutlsEntry> evidence;
  if (override_mode == "allowlist") {
    for (const auto& entry : enabled_versions) {
      if (normalise_version(entry.value) == version) evidence.push_back(entry);
    }
  }
  for (const auto& entry : priority_strings) {
    const auto enabled = analyze_priority_versions(entry.value).enabled;
    if (std::find(enabled.begin(), enabled.end(), version) != enabled.end()) evidence.push_back(entry);
  }
  return evidence;
}

GnutlsConfigReport parse_gnutls_config(std::string_view text, std::string_view display_name) {
  GnutlsConfigReport report;
  report.file = std::string(display_name);
  report.present = true;
  std::string section;
  int line_number = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t newline = text.find('\n', pos);
    const std::string_view raw =
        text.substr(pos, newline == std::string_view::npos ? std::string_view::npos : newline - pos);
    pos = newline == std::string_view::npos ? text.size() : newline + 1;
    ++line_number;
    std::string line = text::trim(raw);
    if (line.empty() || line.front() == '#' || line.front() == ';') continue;
    for (std::size_t i = 1; i < line.size(); ++i) {  // inline "  # comment"
      if ((line[i] == '#' || line[i] == ';') && std::isspace(static_cast<unsigned char>(line[i - 1])) != 0) {
        line = text::trim(std::string_view(line).substr(0, i));
        break;
      }
    }
    if (line.front() == '[') {
      const std::size_t close = line.find(']');
      if (close == std::string::npos) {
        report.issues.push_back(report.file + ":" + std::to_string(line_number) + ": section header without ']'");
        continue;
      }
      section = text::to_lower_ascii(text::trim(std::string_view(line).substr(1, close - 1)));
      continue;
    }
    const std::size_t equals = line.find_first_of("=:");
    if (equals == std::string::npos) {
      report.issues.push_back(report.file + ":" + std::to_string(line_number) + ": no '=' (GnuTLS skips the line)");
      continue;
    }
    GnutlsEntry entry{section, text::trim(std::string_view(line).substr(0, equals)),
                      text::trim(std::string_view(line).substr(equals + 1)), report.file, line_number};
    if (entry.section == "global" && text::to_lower_ascii(entry.key) == "override-mode") {
      const std::string mode = text::to_lower_ascii(entry.value);
      report.override_mode = (mode == "allowlist" || mode == "whitelist") ? "allowlist" : "blocklist";
    }
    report.entries.push_back(std::move(entry));
  }
  for (const auto& entry : report.entries) {
    if (entry.section == "overrides") {
      const std::string key = text::to_lower_ascii(entry.key);
      if (key == "enabled-version") report.enabled_versions.push_back(entry);
      if (key == "disabled-version") report.disabled_versions.push_back(entry);
      if ((key == "secure-hash" || key == "secure-sig" || key == "secure-sig-for-cert") && is_sha1(entry.value)) {
        report.sha1_marked_secure.push_back(entry);
      }
      if (key == "min-verification-profile") report.min_verification_profile = entry;
    }
    if (is_priority_key(entry)) report.priority_strings.push_back(entry);
  }
  if (report.override_mode == "blocklist" && !report.enabled_versions.empty()) {
    report.issues.push_back(report.enabled_versions.front().location() +
                            ": enabled-version is an allowlist option; in blocklist mode GnuTLS rejects it");
  }
  return report;
}

GnutlsAudit audit_gnutls(const std::filesystem::path& root, const GnutlsAuditOptions& options) {
  GnutlsAudit audit;
  std::vector<std::string> candidates;
  if (options.system_priority_file) candidates.push_back(*options.system_priority_file);
  candidates.emplace_back("/etc/gnutls/config");
  candidates.emplace_back("/etc/crypto-policies/back-ends/gnutls.config");
  for (const auto& candidate : candidates) {
    if (std::any_of(audit.files.begin(), audit.files.end(),
                    [&](const GnutlsConfigReport& r) { return r.file == candidate; })) {
      continue;
    }
    auto resolved = resolve_in_root(root, candidate);
    if (auto* error = std::get_if<RootedError>(&resolved)) {
      GnutlsConfigReport refused;
      refused.file = candidate;
      refused.issues.push_back(error->message);
      audit.files.push_back(std::move(refused));
      audit.unreadable.push_back(UnreadableFile{candidate, error->message});
      continue;
    }
    const RootedPath& path = std::get<RootedPath>(resolved);
    RootedRead read = read_in_root(root, candidate);
    if (read.unreadable()) audit.unreadable.push_back(read.as_unreadable(candidate));
    auto& text = read.text;
    if (!text) continue;
    GnutlsConfigReport report = parse_gnutls_config(*text, candidate);
    report.resolved = path.display;
    audit.files.push_back(std::move(report));
  }
  auto present = [&](const std::string& file) {
    return std::any_of(audit.files.begin(), audit.files.end(),
                       [&](const GnutlsConfigReport& r) { return r.file == file && r.present; });
  };
  auto policy = resolve_in_root(root, "/etc/crypto-policies/config");
  const bool crypto_policies = std::holds_alternative<RootedPath>(policy) && rooted_exists(std::get<RootedPath>(policy));
  if (options.system_priority_file) {
    audit.likely_active = *options.system_priority_file;
    audit.reason = "GNUTLS_SYSTEM_PRIORITY_FILE names it";
  } else if (crypto_policies && present("/etc/crypto-policies/back-ends/gnutls.config")) {
    audit.likely_active = "/etc/crypto-policies/back-ends/gnutls.config";
    audit.reason = "crypto-policies is installed: Fedora/RHEL build GnuTLS to read its back-end file";
  } else if (present("/etc/gnutls/config")) {
    audit.likely_active = "/etc/gnutls/config";
    audit.reason = "GnuTLS's upstream default location";
  } else {
    audit.reason = "no GnuTLS system-wide configuration file: GnuTLS uses its built-in defaults";
  }
  return audit;
}

}  // namespace tlsready::policy::linux
