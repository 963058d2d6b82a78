// The Linux/Unix local TLS policy audit: everything under one root ("/" or a mounted image) that
// decides what TLS clients and servers there negotiate (OpenSSL system_default, crypto-policies,
// GnuTLS system config, JDK java.security), and the findings for a world without TLS 1.0/1.1,
// each with evidence (file:line), why it matters and the exact line to change. Findings have
// stable ids (catalogue in linux_audit.cpp); registry_changes stays empty on Linux.
//
// OpenSSL settings are those of the openssl.cnf under the root evaluated by the OpenSSL tlsready
// links (openssl_defaults.h). For an image whose own libssl is older (RHEL 8 ships 1.1.1, where
// security level 1 still allows TLS 1.0 with SHA-1 signatures) the configured MinProtocol and the
// crypto-policy findings say what that library would do; the handshake results say what OpenSSL 3
// does with the same file.
#pragma once

#ifdef linux
#undef linux  // GNU dialects predefine `linux` as 1; this room's namespace needs the plain word
#endif

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.h"
#include "policy/finding_types.h"
#include "policy/linux/crypto_policies.h"
#include "policy/linux/gnutls_config.h"
#include "policy/linux/java_security.h"
#include "policy/linux/openssl_conf.h"
#include "policy/linux/openssl_defaults.h"

namespace tlsready::policy::linux {

struct LinuxAuditOptions {
  // Environment of the process(es) to audit, as the front read it; the library reads no
  // environment variable itself.
  std::optional<std::string> openssl_conf;                 // OPENSSL_CONF
  std::optional<std::string> openssl_conf_include;         // OPENSSL_CONF_INCLUDE
  std::optional<std::string> gnutls_system_priority_file;  // GNUTLS_SYSTEM_PRIORITY_FILE
  std::vector<std::string> openssl_conf_candidates;        // instead of the usual OPENSSLDIRs
  std::vector<std::string> java_homes;                     // JDK homes outside the usual directories
  bool handshakes = true;          // in-memory handshakes for the OpenSSL evaluation
  bool include_process = false;    // also report this process's own OpenSSL defaults (meaningful for "/")
};

struct LinuxAudit {
  std::string root;
  OpenSslConfReport openssl_conf;
  OpenSslDefaults openssl;                       // the config under root, evaluated
  std::optional<OpenSslDefaults> process_openssl;  // this process (include_process)
  CryptoPolicyReport crypto_policies;
  GnutlsAudit gnutls;
  std::vector<JavaInstallation> java;
  std::vector<Finding> findings;                 // most severe first, then by id

  const Finding* finding(std::string_view id) const;
  // Files the parts found but could not read (LINUX-FILE-UNREADABLE), in audit order.
  std::vector<UnreadableFile> unreadable_files() const;
  bool has_finding(std::string_view id) const { return finding(id) != nullptr; }
  std::vector<std::string> finding_ids() const;
};

LinuxAudit audit_linux(const std::filesystem::path& root, const LinuxAuditOptions& options = {});

// The findings for already collected parts (audit_linux calls this; exposed for tests and for
// fronts that collect the parts themselves).
std::vector<Finding> linux_findings(const LinuxAudit& audit);



}  // namespace tlsready::policy::linux
