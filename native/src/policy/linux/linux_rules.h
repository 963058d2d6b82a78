// Internal to the Linux audit: the references, helpers and rule functions its rule files share.
// Each rule function adds the findings of one part (OpenSSL, crypto-policies, GnuTLS, Java) to `out`;
// linux_audit.cpp runs them and orders the result.
#pragma once

#ifdef linux
#undef linux  // GNU dialects predefine `linux` as 1; this room's namespace needs the plain word
#endif

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"
#include "model/protocol_version.h"
#include "policy/linux/linux_audit.h"

namespace tlsready::policy::linux::rules {

inline constexpr const char* kRefRfc8996 =
    "RFC 8996, Deprecating TLS 1.0 and TLS 1.1: https://www.rfc-editor.org/rfc/rfc8996";
inline constexpr const char* kRefConfig = "OpenSSL config(5): https://docs.openssl.org/3.0/man5/config/";
inline constexpr const char* kRefConfCmd = "OpenSSL SSL_CONF_cmd(3): https://docs.openssl.org/3.0/man3/SSL_CONF_cmd/";
inline constexpr const char* kRefSecLevel =
    "OpenSSL SSL_CTX_set_security_level(3): https://docs.openssl.org/3.0/man3/SSL_CTX_set_security_level/";
inline constexpr const char* kRefOpenssl30Sha1 =
    "OpenSSL 3.0 CHANGES, SHA1/MD5 signature strength reduced (TLS < 1.2 needs security level 0): "
    "https://github.com/openssl/openssl/commit/aba03ae";
inline constexpr const char* kRefCryptoPolicies =
    "crypto-policies(7): https://gitlab.com/redhat-crypto/fedora-crypto-policies/-/blob/master/crypto-policies.7.txt";
inline constexpr const char* kRefRhel8 =
    "RHEL 8 Security hardening, system-wide cryptographic policies: "
    "https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/8/html/security_hardening/"
    "using-the-system-wide-cryptographic-policies_security-hardening";
inline constexpr const char* kRefRhel9 =
    "RHEL 9 Security hardening, system-wide cryptographic policies: "
    "https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/9/html/security_hardening/"
    "using-the-system-wide-cryptographic-policies_security-hardening";
inline constexpr const char* kRefGnutls =
    "GnuTLS manual, System-wide configuration of the library: "
    "https://gnutls.org/manual/html_node/System_002dwide-configuration-of-the-library.html";
inline constexpr const char* kRefJdk8254713 =
    "JDK-8254713, Disable TLS 1.0 and 1.1: https://bugs.openjdk.org/browse/JDK-8254713";
inline constexpr const char* kRefJsse =
    "JSSE Reference Guide (jdk.tls.disabledAlgorithms, jdk.tls.client.protocols): "
    "https://docs.oracle.com/en/java/javase/17/security/java-secure-socket-extension-jsse-reference-guide.html";

inline constexpr const char* kWhyTls10 =
    "TLS 1.0 and 1.1 are deprecated (RFC 8996) and being switched off by Microsoft 365, cloud providers, "
    "browsers and current JDKs; a machine that still offers or accepts them can be downgraded to "
    "SHA-1/MD5-based handshakes and CBC suites without AEAD, and it hides peers that will break once the "
    "old versions are gone everywhere.";

using text::iequals;

Finding make_finding(std::string id, Severity severity, std::string title);
void add_evidence(Finding& f, std::string location, std::string observed);
bool starts_with(std::string_view text, std::string_view prefix);
std::string file_of(const std::string& location);
bool is_crypto_policy_file(std::string_view file);
int conf_version(std::string_view value);
const AppliedCommand* accepted_command(const OpenSslDefaults& openssl, std::string_view name);
std::string handshake_summary(const RoleSettings& role, model::ProtocolVersion version);
void add_handshake_evidence(Finding& f, const OpenSslDefaults& openssl, model::ProtocolVersion version);
std::string conf_file_display(const LinuxAudit& audit);
std::string system_default_fix(const LinuxAudit& audit, const std::string& line);
bool managed_by_crypto_policies(const std::string& location);  // a crypto-policies back-end file
std::string crypto_policy_fix();
std::optional<std::vector<ConfValue>> openssl_overridden(const LinuxAudit& audit, const std::string& name);

// The rules, one part each.
void openssl_conf_findings(const LinuxAudit& audit, std::vector<Finding>& out);
void unreadable_findings(const LinuxAudit& audit, std::vector<Finding>& out);
void openssl_protocol_findings(const LinuxAudit& audit, std::vector<Finding>& out);
void crypto_policy_findings(const LinuxAudit& audit, std::vector<Finding>& out);
void gnutls_findings(const LinuxAudit& audit, std::vector<Finding>& out);
void java_findings(const LinuxAudit& audit, std::vector<Finding>& out);

}  // namespace tlsready::policy::linux::rules
