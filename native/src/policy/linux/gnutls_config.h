// GnuTLS's system-wide configuration (GnuTLS 3.6.9+, manual chapter "System-wide configuration
// of the library"): an INI file with [global] (override-mode = blocklist | allowlist),
// [overrides] (blocklist: disabled-version, insecure-hash, insecure-sig, tls-disabled-cipher, ...;
// allowlist: enabled-version, secure-hash, secure-sig, tls-enabled-cipher, ...;
// min-verification-profile, default-priority-string) and [priorities] (NAME = priority string,
// e.g. SYSTEM = ...). Upstream reads /etc/gnutls/config; Fedora/RHEL build GnuTLS to read
// /etc/crypto-policies/back-ends/gnutls.config (RHEL 8 writes a bare "SYSTEM=..." priority line
// there, RHEL 9 and Fedora an allowlist file); GNUTLS_SYSTEM_PRIORITY_FILE overrides both.
// What matters here: which TLS versions the file turns on or off, and whether SHA-1 signatures
// are marked secure. In blocklist mode nothing can be re-enabled (GnuTLS forbids it by design).
#pragma once

#ifdef linux
#undef linux  // GNU dialects predefine `linux` as 1; this room's namespace needs the plain word
#endif

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/linux/rooted_fs.h"

namespace tlsready::policy::linux {

struct GnutlsEntry {
  std::string section;  // "global", "overrides", "priorities"; "" before any section header
  std::string key;      // as written; GnuTLS matches keys case-insensitively
  std::string value;
  std::string file;
  int line = 0;
  std::string location() const { return file + ":" + std::to_string(line); }
};

// What a priority string does to protocol versions, token by token ("NONE:+VERS-ALL:-VERS-TLS1.0").
struct PriorityVersions {
  std::vector<std::string> enabled;   // TLS/SSL versions whose last mention adds them: "TLS1.0", "SSL3.0"
  std::vector<std::string> disabled;  // whose last mention removes them
  std::string base;                   // the leading keyword: "NORMAL", "NONE", "@SYSTEM", ...
};

PriorityVersions analyze_priority_versions(std::string_view priority);

struct GnutlsConfigReport {
  std::string file;               // display path
  std::string resolved;           // after symlinks (crypto-policies links into /usr/share)
  bool present = false;
  std::string override_mode = "blocklist";  // GnuTLS's default when [global] does not say
  std::vector<GnutlsEntry> entries;         // every key = value, in order
  std::vector<std::string> issues;          // lines GnuTLS would skip

  // Derived.
  std::vector<GnutlsEntry> enabled_versions;   // allowlist: enabled-version
  std::vector<GnutlsEntry> disabled_versions;  // blocklist: disabled-version
  std::vector<GnutlsEntry> sha1_marked_secure; // allowlist: secure-hash SHA1, secure-sig *-SHA1
  std::vector<GnutlsEntry> priority_strings;   // [priorities] / top-level NAME=..., default-priority-string
  std::optional<GnutlsEntry> min_verification_profile;

  // Versions this file turns on: allowlist enabled-version lines, and priority strings whose
  // tokens add them. Normalised "TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3", "SSL3.0".
  std::vector<std::string> versions_enabled() const;
  // Evidence lines (entries) that turn `version` on.
  std::vector<GnutlsEntry> evidence_enabling(std::string_view version) const;
};

GnutlsConfigReport parse_gnutls_config(std::string_view text, std::string_view display_name);

struct GnutlsAudit {
  std::vector<GnutlsConfigReport> files;  // each candidate that exists
  std::vector<UnreadableFile> unreadable;  // candidates that exist but cannot be read
  std::optional<std::string> likely_active;  // the file GnuTLS on this root most likely reads, if any
  std::string reason;
};

struct GnutlsAuditOptions {
  std::optional<std::string> system_priority_file;  // GNUTLS_SYSTEM_PRIORITY_FILE, as the front read it
};

GnutlsAudit audit_gnutls(const std::filesystem::path& root, const GnutlsAuditOptions& options = {});

}  // namespace tlsready::policy::linux
