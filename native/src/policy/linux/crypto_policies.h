// Fedora/RHEL system-wide crypto policies (crypto-policies(7), update-crypto-policies(8)) under an
// audited root: the policy asked for in /etc/crypto-policies/config ("DEFAULT", "LEGACY",
// "DEFAULT:SHA1" = base policy plus sub-policy modules), the one last applied
// (/etc/crypto-policies/state/current), the sub-policy module files, and what the generated
// back-ends in /etc/crypto-policies/back-ends actually enable for TLS: opensslcnf.config
// (MinProtocol / TLS.MinProtocol, @SECLEVEL), gnutls.config (priority string on RHEL 8, allowlist
// on RHEL 9/Fedora), java.config (jdk.tls.disabledAlgorithms), nss.config (tls-version-min).
// crypto_policies.csv (compiled in) says what each base policy promises per distribution family.
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

struct CryptoPolicyRow {
  std::string family;  // "rhel8", "rhel9", "fedora"
  std::string policy;  // "LEGACY"
  std::string min_tls; // "1.0", "1.2"
  std::optional<bool> sha1_signatures;  // nullopt: "unknown" in the table
  int min_rsa_bits = 0;
  int min_dh_bits = 0;
  std::optional<bool> tls_3des, tls_rc4, tls_cbc;
  std::string source;
};

// The compiled-in table. Throws std::runtime_error naming the line if the CSV is malformed (a
// build-time mistake; the unit tests parse it).
const std::vector<CryptoPolicyRow>& crypto_policy_table();
const CryptoPolicyRow* crypto_policy_row(std::string_view family, std::string_view policy);

struct OsRelease {
  std::string file;         // "/etc/os-release" or "/usr/lib/os-release"
  std::string id;           // "rhel", "fedora", "debian"
  std::string id_like;
  std::string version_id;   // "8.9"
  std::string pretty_name;
};

std::optional<OsRelease> read_os_release(const std::filesystem::path& root);
// "rhel8", "rhel9" (9 and later), "fedora", or "" when the distribution is not of the family.
std::string crypto_policy_family(const OsRelease& os);

struct PolicyLine {
  std::string text;
  std::string location;  // "file:line"
};

struct SubpolicyModule {
  std::string name;                  // "SHA1"
  std::string file;                  // where its .pmod was found ("" if not found)
  bool enables_sha1 = false;         // adds SHA-1 hashes/signatures (sha1_in_certs, sign = ...SHA1...)
  std::vector<std::string> enables_tls_versions;  // "TLS1.0", "TLS1.1" named in a protocol line
  std::vector<PolicyLine> evidence;
  std::string known_effect;          // for well-known modules when the file is not there
};

struct BackendFile {
  std::string name;       // "opensslcnf.config"
  std::string path;       // "/etc/crypto-policies/back-ends/opensslcnf.config"
  std::string resolved;   // after symlinks, e.g. "/usr/share/crypto-policies/LEGACY/opensslcnf.txt"
  std::optional<std::string> min_tls;   // lowest TLS version it enables: "1.0" .. "1.3"
  std::optional<int> openssl_security_level;  // opensslcnf.config's @SECLEVEL
  std::optional<bool> sha1_signatures;  // opensslcnf: RSA+SHA1/ECDSA+SHA1 in SignatureAlgorithms; gnutls: secure-hash SHA1
  std::vector<PolicyLine> evidence;       // the lines min_tls / the security level were read from
  std::vector<PolicyLine> sha1_evidence;  // the lines that allow SHA-1 signatures
};

struct CryptoPolicyReport {
  bool present = false;              // /etc/crypto-policies/config exists
  std::string config_file = "/etc/crypto-policies/config";
  PolicyLine configured;             // "DEFAULT:SHA1" and where
  std::string base_policy;           // "DEFAULT"
  std::vector<std::string> subpolicies;  // "SHA1"
  std::optional<PolicyLine> state_current;  // what update-crypto-policies last applied
  std::optional<OsRelease> os;
  std::string family;
  std::optional<CryptoPolicyRow> expected;  // the table's row for family + base policy
  std::vector<SubpolicyModule> modules;
  std::vector<BackendFile> backends;        // the ones that exist
  std::vector<UnreadableFile> unreadable;  // files that exist but cannot be read (config, backends, modules)
  std::vector<std::string> notes;

  const BackendFile* backend(std::string_view name) const;
  // Lowest TLS version any TLS back-end enables ("1.0"...), if any back-end says.
  std::optional<std::string> backend_min_tls() const;
};

CryptoPolicyReport audit_crypto_policies(const std::filesystem::path& root);

}  // namespace tlsready::policy::linux
