// The Linux audit: collects the parts and turns them into findings.
//
// Finding catalogue (stable ids):
//   LINUX-FILE-UNREADABLE                medium   a file exists but cannot be read (directory, FIFO,
//                                                 symlink loop): no finding assumes defaults for it
//   OPENSSL-CONF-SYNTAX-ERROR            medium   OpenSSL refuses the whole openssl.cnf
//   OPENSSL-CONF-INCLUDE-REFUSED         low      an .include leaves the audited root (not read)
//   OPENSSL-CONF-COMMAND-REFUSED         medium/low  a system_default line libssl rejects
//   OPENSSL-MINPROTOCOL-ALLOWS-TLS10     high/medium MinProtocol (or Protocol) admits TLS 1.0/SSLv3
//   OPENSSL-MINPROTOCOL-ALLOWS-TLS11     high/medium MinProtocol = TLSv1.1
//   OPENSSL-SECLEVEL-ALLOWS-TLS10        high     no MinProtocol and security level 0: servers too
//   OPENSSL-CLIENT-TLS10-FALLBACK        low      no MinProtocol: clients accept TLS 1.0/1.1 from
//                                                 servers choosing RSA key transport
//   OPENSSL-MAXPROTOCOL-BELOW-TLS12      critical neither TLS 1.2 nor 1.3 negotiable
//   OPENSSL-TLS13-ONLY                   medium   TLS 1.2 not negotiable (peers without 1.3 fail)
//   OPENSSL-WEAK-CIPHERS-ENABLED         high     usable NULL/anonymous/RC4/3DES/DES/export/MD5 suites
//   OPENSSL-SECLEVEL-BELOW-2             high (0) / medium (1)
//   CRYPTO-POLICY-LEGACY                 high (TLS 1.0 enabled) / medium
//   CRYPTO-POLICY-SUBPOLICY-SHA1         medium
//   CRYPTO-POLICY-SUBPOLICY-TLS10        high
//   CRYPTO-POLICY-BACKEND-ALLOWS-TLS10   high (1.0) / medium (1.1)
//   CRYPTO-POLICY-NOT-APPLIED            low
//   CRYPTO-POLICY-FUTURE                 low
//   CRYPTO-POLICY-OPENSSL-BYPASSED       medium   openssl.cnf does not include the policy back-end
//   GNUTLS-TLS10-ENABLED                 high
//   GNUTLS-TLS11-ENABLED                 medium
//   GNUTLS-TLS12-NOT-ENABLED             critical (no 1.2/1.3) / medium (1.3 only)
//   GNUTLS-SHA1-SIGNATURES-SECURE        medium
//   JAVA-TLS10-REENABLED                 high     TLSv1 removed from jdk.tls.disabledAlgorithms
//   JAVA-TLS11-REENABLED                 medium
//   JAVA-TLS10-ENABLED-OLD-JDK           medium   a release older than the TLS 1.0/1.1 disablement
//   JAVA-SSLV3-ENABLED                   high
//   JAVA-TLS12-DISABLED                  critical (1.3 off too) / high
//   JAVA-CLIENT-PROTOCOLS-IGNORED        low/info jdk.tls.client.protocols written in java.security
#include "policy/linux/linux_audit.h"

#include <algorithm>
#include <cctype>
#include <map>

#include <openssl/ssl.h>

#include "common/text.h"

namespace tlsready::policy::linux {

namespace {

constexpr const char* kRefRfc8996 = "RFC 8996, Deprecating TLS 1.0 and TLS 1.1: https://www.rfc-editor.org/rfc/rfc8996";
constexpr const char* kRefConfig = "OpenSSL config(5): https://docs.openssl.org/3.0/man5/config/";
constexpr const char* kRefConfCmd = "OpenSSL SSL_CONF_cmd(3): https://docs.openssl.org/3.0/man3/SSL_CONF_cmd/";
constexpr const char* kRefSecLevel =
    "OpenSSL SSL_CTX_set_security_level(3): https://docs.openssl.org/3.0/man3/SSL_CTX_set_security_level/";
constexpr const char* kRefOpenssl30Sha1 =
    "OpenSSL 3.0 CHANGES, SHA1/MD5 signature strength reduced (TLS < 1.2 needs security level 0): "
    "https://github.com/openssl/openssl/commit/aba03ae";
constexpr const char* kRefCryptoPolicies =
    "crypto-policies(7): https://gitlab.com/redhat-crypto/fedora-crypto-policies/-/blob/master/crypto-policies.7.txt";
constexpr const char* kRefRhel8 =
    "RHEL 8 Security hardening, system-wide cryptographic policies: "
    "https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/8/html/security_hardening/"
    "using-the-system-wide-cryptographic-policies_security-hardening";
constexpr const char* kRefRhel9 =
    "RHEL 9 Security hardening, system-wide cryptographic policies: "
    "https://docs.redhat.com/en/documentation/red_hat_enterprise_linux/9/html/security_hardening/"
    "using-the-system-wide-cryptographic-policies_security-hardening";
constexpr const char* kRefGnutls =
    "GnuTLS manual, System-wide configuration of the library: "
    "https://gnutls.org/manual/html_node/System_002dwide-configuration-of-the-library.html";
constexpr const char* kRefJdk8254713 = "JDK-8254713, Disable TLS 1.0 and 1.1: https://bugs.openjdk.org/browse/JDK-8254713";
constexpr const char* kRefJsse =
    "JSSE Reference Guide (jdk.tls.disabledAlgorithms, jdk.tls.client.protocols): "
    "https://docs.oracle.com/en/java/javase/17/security/java-secure-socket-extension-jsse-reference-guide.html";

constexpr const char* kWhyTls10 =
    "TLS 1.0 and 1.1 are deprecated (RFC 8996) and being switched off by Microsoft 365, cloud providers, "
    "browsers and current JDKs; a machine that still offers or accepts them can be downgraded to "
    "SHA-1/MD5-based handshakes and CBC suites without AEAD, and it hides peers that will break once the "
    "old versions are gone everywhere.";

int severity_rank(Severity s) { return static_cast<int>(s); }

Finding make_finding(std::string id, Severity severity, std::string title) {
  Finding f;
  f.id = std::move(id);
  f.severity = severity;
  f.title = std::move(title);
  return f;
}

void add_evidence(Finding& f, std::string location, std::string observed) {
  f.evidence.push_back(Evidence{std::move(location), std::move(observed)});
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

using text::iequals;

std::string file_of(const std::string& location) {
  const std::size_t colon = location.rfind(':');
  return colon == std::string::npos ? location : location.substr(0, colon);
}

bool is_crypto_policy_file(std::string_view file) {
  return starts_with(file, "/etc/crypto-policies/") || starts_with(file, "/usr/share/crypto-policies/");
}

// SSL_CONF protocol names -> versions ("None" = no bound).
int conf_version(std::string_view value) {
  if (iequals(value, "None")) return 0;
  if (iequals(value, "SSLv3")) return SSL3_VERSION;
  if (iequals(value, "TLSv1")) return TLS1_VERSION;
  if (iequals(value, "TLSv1.1")) return TLS1_1_VERSION;
  if (iequals(value, "TLSv1.2")) return TLS1_2_VERSION;
  if (iequals(value, "TLSv1.3")) return TLS1_3_VERSION;
  return -1;
}

const AppliedCommand* accepted_command(const OpenSslDefaults& openssl, std::string_view name) {
  for (auto it = openssl.commands.rbegin(); it != openssl.commands.rend(); ++it) {
    if (!iequals(it->command.command, name)) continue;
    if ((iequals(name, "MinProtocol") || iequals(name, "MaxProtocol")) && starts_with(it->command.value, "DTLS")) continue;
    if (it->accepted_client || it->accepted_server) return &*it;
  }
  return nullptr;
}

std::string handshake_summary(const RoleSettings& role, model::ProtocolVersion version) {
  const HandshakeResult* result = role.handshake(version);
  if (result == nullptr) return "not tested";
  if (result->negotiated) {
    return "negotiated (" + result->cipher.value_or("") + ", peer offering " +
           std::string(result->peer ? peer_offer_label(*result->peer) : "") + ")";
  }
  return "refused (" + result->failure.value_or("") + ")";
}

void add_handshake_evidence(Finding& f, const OpenSslDefaults& openssl, model::ProtocolVersion version) {
  const std::string name(model::display_name(version));
  add_evidence(f, "in-memory handshake, OpenSSL client, " + name, handshake_summary(openssl.client, version));
  add_evidence(f, "in-memory handshake, OpenSSL server, " + name, handshake_summary(openssl.server, version));
}

std::string conf_file_display(const LinuxAudit& audit) {
  const ConfDocument& doc = audit.openssl_conf.document;
  if (!doc.files_read.empty()) return doc.files_read.front();
  return audit.openssl_conf.path.empty() ? "/etc/ssl/openssl.cnf" : audit.openssl_conf.path;
}

// Where a line for system_default goes; when the openssl_conf -> ssl_conf -> system_default chain
// is incomplete, the exact lines to add, reusing whatever part of it exists.
std::string system_default_fix(const LinuxAudit& audit, const std::string& line) {
  const OpenSslDefaults& openssl = audit.openssl;
  const std::string file = conf_file_display(audit);
  if (openssl.system_default_section) {
    return "put '" + line + "' in section [" + *openssl.system_default_section + "] (the system_default section) of " +
           file + ", replacing any earlier line of the same name";
  }
  const ConfDocument& doc = audit.openssl_conf.document;
  std::vector<std::string> steps;
  std::string init = "openssl_init";
  const ConfSection* defaults = doc.section("default");
  const ConfValue* conf = defaults != nullptr ? defaults->find("openssl_conf") : nullptr;
  if (conf != nullptr) {
    init = conf->value;
  } else {
    steps.push_back("add 'openssl_conf = openssl_init' before the first [section] of " + file);
  }
  std::string ssl = "ssl_sect";
  const ConfSection* init_section = doc.section(init);
  const ConfValue* ssl_conf = init_section != nullptr ? init_section->find("ssl_conf") : nullptr;
  if (ssl_conf != nullptr) {
    ssl = ssl_conf->value;
  } else {
    steps.push_back(init_section != nullptr ? "add 'ssl_conf = ssl_sect' to [" + init + "]"
                                            : "add a section [" + init + "] with 'ssl_conf = ssl_sect'");
  }
  const ConfSection* ssl_section = doc.section(ssl);
  if (ssl_section == nullptr) {
    steps.push_back("add a section [" + ssl + "] with 'system_default = system_default_sect'");
  } else {
    steps.push_back("add 'system_default = system_default_sect' to [" + ssl + "]");
  }
  steps.push_back("add a section [system_default_sect] with '" + line + "'");
  std::string text = "in " + file + ": ";
  for (std::size_t i = 0; i < steps.size(); ++i) text += (i == 0 ? "" : "; ") + steps[i];
  return text;
}

bool managed_by_crypto_policies(const std::string& location) { return is_crypto_policy_file(file_of(location)); }

std::string crypto_policy_fix() {
  return "do not edit the generated back-end: run 'update-crypto-policies --set DEFAULT' (keep unavoidable "
         "exceptions in a custom sub-policy module), then restart the affected services or reboot";
}

// --- OpenSSL ------------------------------------------------------------------------------------

// Earlier definitions of `name` in the system_default section that a later one replaced.
std::optional<std::vector<ConfValue>> openssl_overridden(const LinuxAudit& audit, const std::string& name) {
  if (!audit.openssl.system_default_section) return std::nullopt;
  const ConfSection* section = audit.openssl_conf.document.section(*audit.openssl.system_default_section);
  if (section == nullptr) return std::nullopt;
  std::vector<ConfValue> earlier;
  for (const auto& value : section->overridden) {
    if (value.name == name) earlier.push_back(value);
  }
  if (earlier.empty()) return std::nullopt;
  return earlier;
}

void openssl_conf_findings(const LinuxAudit& audit, std::vector<Finding>& out) {
  const ConfDocument& doc = audit.openssl_conf.document;
  if (doc.found && !doc.loaded) {
    Finding f = make_finding("OPENSSL-CONF-SYNTAX-ERROR", Severity::medium,
                             "OpenSSL refuses to load " + doc.main_file + ": none of its settings apply");
    for (const auto& issue : doc.issues) {
      if (issue.kind == ConfIssueKind::syntax_error) add_evidence(f, issue.location, issue.message);
    }
    f.why = "OpenSSL 3 loads a configuration file all or nothing: with a syntax error no system_default, provider "
            "or other module from it is applied, so any TLS hardening the file was meant to carry is silently lost "
            "and every application runs on library defaults.";
    f.fix = "correct the line" + std::string(f.evidence.size() > 1 ? "s" : "") + " named in the evidence so that "
            "'openssl version -a' and 'openssl ciphers' run without configuration errors";
    f.references = {kRefConfig};
    out.push_back(std::move(f));
  }
  std::vector<const ConfIssue*> refused;
  for (const auto& issue : doc.issues) {
    if (issue.kind == ConfIssueKind::include_refused) refused.push_back(&issue);
  }
  if (!refused.empty()) {
    Finding f = make_finding("OPENSSL-CONF-INCLUDE-REFUSED", Severity::low,
                             "An .include in the OpenSSL configuration was not read: it leads outside the audited root");
    for (const ConfIssue* issue : refused) add_evidence(f, issue->location, issue->message);
    f.why = "Settings in the file that .include names are not part of this audit, so the effective OpenSSL settings "
            "reported may be incomplete; on the audited system itself that path resolves elsewhere.";
    f.fix = "make the .include an absolute path inside the system (e.g. '.include /etc/ssl/openssl.cnf.d') and audit "
            "again; do not let a configuration reach files through '..' or symlinks out of /etc";
    f.references = {kRefConfig};
    out.push_back(std::move(f));
  }
  for (const auto& applied : audit.openssl.commands) {
    if (applied.accepted_client || applied.accepted_server) continue;
    const auto& cmd = applied.command;
    if ((iequals(cmd.command, "MinProtocol") || iequals(cmd.command, "MaxProtocol")) && starts_with(cmd.value, "DTLS")) {
      continue;  // "DTLS.MinProtocol = DTLSv1.2" is meant for DTLS contexts only
    }
    const bool important = iequals(cmd.command, "MinProtocol") || iequals(cmd.command, "MaxProtocol") ||
                           iequals(cmd.command, "CipherString") || iequals(cmd.command, "Ciphersuites") ||
                           iequals(cmd.command, "Protocol");
    Finding f = make_finding("OPENSSL-CONF-COMMAND-REFUSED", important ? Severity::medium : Severity::low,
                             "libssl rejects '" + cmd.written_name + " = " + cmd.value + "' in system_default");
    add_evidence(f, cmd.location, cmd.written_name + " = " + cmd.value + " -> " + applied.error);
    f.why = "A system_default line that libssl rejects is skipped without any message to applications, so the "
            "setting it was meant to enforce is not in force.";
    f.fix = "correct the line at " + cmd.location + " (MinProtocol/MaxProtocol take SSLv3, TLSv1, TLSv1.1, TLSv1.2, "
            "TLSv1.3 or None; command names as in SSL_CONF_cmd(3))";
    f.references = {kRefConfCmd};
    out.push_back(std::move(f));
  }
}

// A file that exists but cannot be read says nothing about the settings in it: it is reported as
// such, and the findings that would read it (or assume defaults without it) are left out.
void unreadable_findings(const LinuxAudit& audit, std::vector<Finding>& out) {
  const auto files = audit.unreadable_files();
  if (files.empty()) return;
  Finding f = make_finding("LINUX-FILE-UNREADABLE", Severity::medium,
                           "could not read " + files.front().path +
                               (files.size() > 1 ? " and " + std::to_string(files.size() - 1) + " more file(s)" : "") +
                               ": what it configures is unknown");
  for (const auto& file : files) add_evidence(f, file.path, "could not read: " + file.error);
  f.why = "The file exists (or a symlink loop or a directory stands in its place), so the TLS settings in force on "
          "the audited system depend on it; this audit cannot tell what they are and reports no finding that would "
          "need its content or assume built-in defaults instead.";
  f.fix = "make each file a readable regular file (check what replaced it: a directory, a FIFO, a symlink loop or a "
          "link out of the root), then audit again";
  f.references = {"https://man7.org/linux/man-pages/man7/path_resolution.7.html"};
  out.push_back(std::move(f));
}

void openssl_protocol_findings(const LinuxAudit& audit, std::vector<Finding>& out) {
  const OpenSslDefaults& ossl = audit.openssl;
  if (ossl.error) return;
  if (audit.openssl_conf.document.unreadable) return;  // not the library defaults: unknown (LINUX-FILE-UNREADABLE)
  const bool probed = !ossl.client.handshakes.empty() || !ossl.server.handshakes.empty();
  using model::ProtocolVersion;
  auto negotiates = [&](ProtocolVersion version) {
    return ossl.client.negotiates(version) || ossl.server.negotiates(version);
  };
  auto enabled = [&](ProtocolVersion version) { return ossl.client.enables(version) || ossl.server.enables(version); };
  const AppliedCommand* min_cmd = accepted_command(ossl, "MinProtocol");
  const AppliedCommand* protocol_cmd = accepted_command(ossl, "Protocol");
  const int configured_min = std::min(ossl.client.min_version, ossl.server.min_version);  // 0: a role has none
  const bool tls10_enabled = enabled(ProtocolVersion::tls1_0);
  const bool tls11_enabled = enabled(ProtocolVersion::tls1_1);

  // An explicit bound at or below TLS 1.1.
  const bool explicit_low_min =
      min_cmd != nullptr && conf_version(min_cmd->command.value) >= 0 && conf_version(min_cmd->command.value) <= TLS1_1_VERSION;
  if ((tls10_enabled || tls11_enabled) && (explicit_low_min || (protocol_cmd != nullptr && configured_min == 0))) {
    const AppliedCommand* cmd = explicit_low_min ? min_cmd : protocol_cmd;
    const bool allows10 = tls10_enabled;
    const ProtocolVersion version = allows10 ? ProtocolVersion::tls1_0 : ProtocolVersion::tls1_1;
    const bool server_side = ossl.server.negotiates(version);
    const HandshakeResult* client = ossl.client.handshake(version);
    const bool client_any = client != nullptr && client->negotiated && client->peer == PeerOffer::every_suite;
    Finding f = make_finding(allows10 ? "OPENSSL-MINPROTOCOL-ALLOWS-TLS10" : "OPENSSL-MINPROTOCOL-ALLOWS-TLS11",
                             server_side || client_any || !probed ? Severity::high : Severity::medium,
                             "OpenSSL system_default '" + cmd->command.written_name + " = " + cmd->command.value +
                                 "' admits " + (allows10 ? "TLS 1.0" : "TLS 1.1"));
    add_evidence(f, cmd->command.location, cmd->command.written_name + " = " + cmd->command.value);
    add_evidence(f, "effective security level", "client " + std::to_string(ossl.client.security_level) + ", server " +
                                                      std::to_string(ossl.server.security_level));
    if (probed) add_handshake_evidence(f, ossl, version);
    f.why = std::string(kWhyTls10) +
            (server_side || client_any
                 ? " Here OpenSSL completes such handshakes."
                 : " OpenSSL 3 at security level >= 1 still refuses most of them (SHA-1/MD5 handshake signatures are "
                   "below level 1), but clients complete TLS 1.0/1.1 with servers that pick RSA key transport, and an "
                   "OpenSSL 1.1.1 application reading this file (older images, containers, statically linked tools) "
                   "negotiates them fully.");
    if (const auto earlier_lines = openssl_overridden(audit, cmd->command.written_name)) {
      for (const auto& earlier : *earlier_lines) {
        add_evidence(f, earlier.location(), earlier.name + " = " + earlier.value + " (earlier definition, replaced by " +
                                                cmd->command.location + ")");
      }
    }
    f.fix = managed_by_crypto_policies(cmd->command.location)
                ? crypto_policy_fix()
                : explicit_low_min ? "change " + cmd->command.location + " to 'MinProtocol = TLSv1.2'"
                                   : "remove the Protocol line at " + cmd->command.location + " and " +
                                         system_default_fix(audit, "MinProtocol = TLSv1.2");
    f.references = {kRefConfCmd, kRefSecLevel, kRefOpenssl30Sha1, kRefRfc8996};
    out.push_back(std::move(f));
  } else if (configured_min == 0 && probed && (tls10_enabled || tls11_enabled)) {
    const bool server_old =
        ossl.server.negotiates(ProtocolVersion::tls1_0) || ossl.server.negotiates(ProtocolVersion::tls1_1);
    const bool client_old =
        ossl.client.negotiates(ProtocolVersion::tls1_0) || ossl.client.negotiates(ProtocolVersion::tls1_1);
    const ProtocolVersion version =
        negotiates(ProtocolVersion::tls1_0) ? ProtocolVersion::tls1_0 : ProtocolVersion::tls1_1;
    const AppliedCommand* ciphers = accepted_command(ossl, "CipherString");
    if (server_old) {
      Finding f = make_finding("OPENSSL-SECLEVEL-ALLOWS-TLS10", Severity::high,
                               "No MinProtocol and security level " + std::to_string(ossl.server.security_level) +
                                   ": OpenSSL servers and clients negotiate TLS 1.0/1.1");
      add_evidence(f, ciphers != nullptr ? ciphers->command.location : "library default",
                   ciphers != nullptr ? "CipherString = " + ciphers->command.value
                                      : "security level " + std::to_string(ossl.server.security_level));
      add_evidence(f, "MinProtocol",
                   "not set (library lowest: " + std::string(model::display_name(ossl.lowest_supported_version)) + ")");
      add_handshake_evidence(f, ossl, version);
      f.why = std::string(kWhyTls10) + " OpenSSL 3 relies on the security level to stop TLS < 1.2; at level 0 nothing "
              "stops it.";
      f.fix = (ciphers != nullptr && managed_by_crypto_policies(ciphers->command.location))
                  ? crypto_policy_fix()
                  : system_default_fix(audit, "MinProtocol = TLSv1.2") +
                        ", and raise @SECLEVEL in CipherString to 2 (e.g. 'CipherString = DEFAULT:@SECLEVEL=2')";
      f.references = {kRefSecLevel, kRefOpenssl30Sha1, kRefConfCmd, kRefRfc8996};
      out.push_back(std::move(f));
    } else if (client_old) {
      const HandshakeResult* how = ossl.client.handshake(version);
      const bool rsa_only = how != nullptr && how->peer == PeerOffer::rsa_key_transport;
      Finding f = make_finding("OPENSSL-CLIENT-TLS10-FALLBACK", Severity::low,
                               std::string("No MinProtocol: OpenSSL clients still accept TLS 1.0/1.1") +
                                   (rsa_only ? " from servers that choose RSA key transport" : ""));
      add_evidence(f, audit.openssl_conf.path.empty() ? "OpenSSL configuration" : conf_file_display(audit),
                   ossl.not_applied_reason ? "no system_default: " + *ossl.not_applied_reason
                                           : "system_default sets no MinProtocol");
      add_evidence(f, "effective security level", std::to_string(ossl.client.security_level) +
                                                      (ciphers == nullptr ? " (library default)" : ""));
      add_handshake_evidence(f, ossl, version);
      f.why = "OpenSSL 3's security level blocks TLS 1.0/1.1 only where a SHA-1/MD5 handshake signature is needed, so "
              "servers here refuse them, but a client still completes TLS 1.0 with a legacy server that selects an "
              "RSA key-transport suite (no forward secrecy, CBC with HMAC-SHA1). Such connections keep working today "
              "and fail only when that server is finally fixed or removed; they also hide which peers still need "
              "TLS 1.0.";
      f.fix = system_default_fix(audit, "MinProtocol = TLSv1.2");
      f.references = {kRefSecLevel, kRefOpenssl30Sha1, kRefConfCmd, kRefRfc8996};
      out.push_back(std::move(f));
    }
  }

  // TLS 1.2 (and 1.3) availability.
  const bool tls12 = probed ? negotiates(ProtocolVersion::tls1_2) : ossl.client.enables(ProtocolVersion::tls1_2);
  const bool tls13 = probed ? negotiates(ProtocolVersion::tls1_3) : ossl.client.enables(ProtocolVersion::tls1_3);
  if (!tls12) {
    const AppliedCommand* max_cmd = accepted_command(ossl, "MaxProtocol");
    const AppliedCommand* cause = !tls13 ? (max_cmd != nullptr ? max_cmd : protocol_cmd) : (min_cmd != nullptr ? min_cmd : protocol_cmd);
    Finding f = !tls13 ? make_finding("OPENSSL-MAXPROTOCOL-BELOW-TLS12", Severity::critical,
                                      "OpenSSL can negotiate neither TLS 1.2 nor TLS 1.3")
                       : make_finding("OPENSSL-TLS13-ONLY", Severity::medium,
                                      "OpenSSL negotiates only TLS 1.3: peers limited to TLS 1.2 fail");
    if (cause != nullptr) add_evidence(f, cause->command.location, cause->command.written_name + " = " + cause->command.value);
    add_evidence(f, "client protocol bounds", ossl.client.min_version_text + " .. " + ossl.client.max_version_text);
    if (probed) add_handshake_evidence(f, ossl, ProtocolVersion::tls1_2);
    f.why = !tls13 ? "With TLS 1.0/1.1 being switched off everywhere, a TLS stack capped below TLS 1.2 cannot talk to "
                     "Microsoft 365, current cloud services or any hardened server: connections fail outright."
                   : "Many servers, appliances and middleboxes still stop at TLS 1.2; a TLS 1.3-only default breaks "
                     "them. TLS 1.2 with AEAD suites is still acceptable under RFC 8996 and current guidance.";
    f.fix = cause != nullptr && managed_by_crypto_policies(cause->command.location)
                ? crypto_policy_fix()
                : (!tls13 ? system_default_fix(audit, "MaxProtocol = TLSv1.3") + " (or remove MaxProtocol)"
                          : system_default_fix(audit, "MinProtocol = TLSv1.2"));
    f.references = {kRefConfCmd, kRefRfc8996};
    out.push_back(std::move(f));
  }

  // Weak suites actually usable (after the security level), either role.
  std::map<std::string, std::string> weak;  // suite -> reasons
  std::map<std::string, int> per_weakness;
  for (const RoleSettings* role : {&ossl.client, &ossl.server}) {
    for (const auto& suite : role->usable_ciphers) {
      if (suite.weaknesses.empty() || weak.count(suite.openssl_name) != 0) continue;
      std::string reasons;
      for (const auto& w : suite.weaknesses) {
        reasons += (reasons.empty() ? "" : ", ") + w;
        ++per_weakness[w];
      }
      weak[suite.openssl_name] = reasons;
    }
  }
  if (!weak.empty()) {
    const AppliedCommand* ciphers = accepted_command(ossl, "CipherString");
    Finding f = make_finding("OPENSSL-WEAK-CIPHERS-ENABLED", Severity::high,
                             std::to_string(weak.size()) + " weak TLS <= 1.2 cipher suites are usable by OpenSSL");
    add_evidence(f, ciphers != nullptr ? ciphers->command.location : "library default cipher list",
                 ciphers != nullptr ? "CipherString = " + ciphers->command.value : "DEFAULT");
    std::string summary;
    for (const auto& [weakness, count] : per_weakness) {
      summary += (summary.empty() ? "" : "; ") + weakness + ": " + std::to_string(count);
    }
    add_evidence(f, "usable weak suites by weakness", summary);
    int listed = 0;
    for (const auto& [name, reasons] : weak) {
      if (++listed > 12) {
        add_evidence(f, "usable suites", "... and " + std::to_string(weak.size() - 12) + " more");
        break;
      }
      add_evidence(f, "usable suite " + name, reasons);
    }
    f.why = "NULL-encryption and anonymous suites give no protection against an active attacker; RC4, DES/3DES and "
            "export-grade suites are broken or Sweet32-exposed. If a peer prefers them, they are used.";
    f.fix = ciphers != nullptr && managed_by_crypto_policies(ciphers->command.location)
                ? crypto_policy_fix()
                : system_default_fix(audit, "CipherString = DEFAULT:@SECLEVEL=2") +
                      " (DEFAULT already excludes NULL, anonymous, RC4 and 3DES)";
    f.references = {kRefConfCmd, kRefSecLevel};
    out.push_back(std::move(f));
  }

  const int level = std::min(ossl.client.security_level, ossl.server.security_level);
  if (level < 2) {
    const AppliedCommand* ciphers = accepted_command(ossl, "CipherString");
    Finding f = make_finding("OPENSSL-SECLEVEL-BELOW-2", level == 0 ? Severity::high : Severity::medium,
                             "OpenSSL security level " + std::to_string(level) + " (below 2)");
    add_evidence(f, ciphers != nullptr ? ciphers->command.location : "library default",
                 ciphers != nullptr ? "CipherString = " + ciphers->command.value
                                    : "built-in level " + std::to_string(ossl.library_default_security_level));
    f.why = level == 0 ? "Security level 0 permits everything OpenSSL still implements: 512-bit keys and DH groups, "
                         "MD5 and SHA-1 signatures, TLS 1.0/1.1 with them, and suites below 80-bit strength."
                       : "Security level 1 accepts 1024-bit RSA/DH keys and 80-bit strength; level 2 (112-bit, "
                         "RSA/DH >= 2048) is the baseline of Debian, Ubuntu and the crypto-policies DEFAULT.";
    f.fix = ciphers != nullptr && managed_by_crypto_policies(ciphers->command.location)
                ? crypto_policy_fix()
                : ciphers != nullptr ? "change " + ciphers->command.location + " so that the CipherString ends in "
                                       "':@SECLEVEL=2' (e.g. 'CipherString = DEFAULT:@SECLEVEL=2')"
                                     : system_default_fix(audit, "CipherString = DEFAULT:@SECLEVEL=2");
    f.references = {kRefSecLevel, kRefConfCmd};
    out.push_back(std::move(f));
  }
}

// --- crypto-policies ----------------------------------------------------------------------------

std::string tls_label(const std::string& version) { return version == "SSL3.0" ? "SSL 3.0" : "TLS " + version; }

void add_backend_evidence(Finding& f, const BackendFile& backend) {
  if (backend.evidence.empty()) {
    add_evidence(f, backend.path, backend.min_tls ? "lowest TLS version " + *backend.min_tls : "present");
    return;
  }
  for (const auto& line : backend.evidence) {
    add_evidence(f, line.location, line.text + (backend.resolved != backend.path ? " (via " + backend.path + ")" : ""));
  }
}

void crypto_policy_findings(const LinuxAudit& audit, std::vector<Finding>& out) {
  const CryptoPolicyReport& cp = audit.crypto_policies;
  if (!cp.present) return;
  const std::string references_doc = cp.family == "rhel8" ? kRefRhel8 : kRefRhel9;
  const std::optional<std::string> backend_min = cp.backend_min_tls();
  const std::string min_tls = backend_min ? *backend_min : cp.expected ? cp.expected->min_tls : "";
  const bool old_tls = min_tls == "1.0" || min_tls == "1.1" || min_tls == "SSL3.0";
  bool tls_covered = false;

  if (cp.base_policy == "LEGACY") {
    const bool tls10 = min_tls == "1.0" || min_tls == "SSL3.0";
    Finding f = make_finding("CRYPTO-POLICY-LEGACY", tls10 ? Severity::high : Severity::medium,
                             "System-wide crypto policy is LEGACY" +
                                 (min_tls.empty() ? std::string() : " (lowest TLS version " + min_tls + ")"));
    add_evidence(f, cp.configured.location, cp.configured.text);
    if (cp.state_current) add_evidence(f, cp.state_current->location, "applied: " + cp.state_current->text);
    for (const auto& backend : cp.backends) {
      if (backend.min_tls && (backend.min_tls == min_tls || backend.name == "opensslcnf.config")) add_backend_evidence(f, backend);
    }
    if (cp.expected) {
      add_evidence(f, "crypto_policies.csv " + cp.expected->family + "/LEGACY",
                   "min TLS " + cp.expected->min_tls + ", RSA/DH >= " + std::to_string(cp.expected->min_rsa_bits) +
                       ", SHA-1 signatures " + (cp.expected->sha1_signatures.value_or(false) ? "allowed" : "not allowed") +
                       ", 3DES " + (cp.expected->tls_3des.value_or(false) ? "allowed" : "not allowed") + " (" +
                       cp.expected->source + ")");
    }
    f.why = std::string(tls10 ? "LEGACY turns TLS 1.0 and 1.1 back on for OpenSSL, GnuTLS, NSS and Java together, "
                                "with SHA-1 signatures and 1024-bit keys. "
                              : "LEGACY keeps SHA-1 signatures and RSA key transport for every library at once. ") +
            "It is usually set once for one old peer and then forgotten; every service on the machine inherits it.";
    f.fix = "run 'update-crypto-policies --set DEFAULT' and restart the affected services (or reboot); if one "
            "application still needs an old peer, configure that application alone, or use a custom sub-policy "
            "instead of LEGACY for the whole system";
    f.references = {kRefCryptoPolicies, references_doc, kRefRfc8996};
    out.push_back(std::move(f));
    tls_covered = true;
  }

  for (const auto& module : cp.modules) {
    if (!module.enables_tls_versions.empty()) {
      Finding f = make_finding("CRYPTO-POLICY-SUBPOLICY-TLS10", Severity::high,
                               "Crypto-policy module " + module.name + " re-enables " + module.enables_tls_versions.front());
      add_evidence(f, cp.configured.location, cp.configured.text);
      for (const auto& line : module.evidence) add_evidence(f, line.location, line.text);
      f.why = kWhyTls10;
      f.fix = "remove ':" + module.name + "' from " + cp.config_file + " (e.g. 'update-crypto-policies --set " +
              cp.base_policy + "') and restart the affected services";
      f.references = {kRefCryptoPolicies, kRefRfc8996};
      out.push_back(std::move(f));
      tls_covered = true;
    }
    if (module.enables_sha1 && cp.base_policy != "LEGACY") {
      Finding f = make_finding("CRYPTO-POLICY-SUBPOLICY-SHA1", Severity::medium,
                               "Crypto-policy module " + module.name + " re-enables SHA-1 signatures");
      add_evidence(f, cp.configured.location, cp.configured.text);
      for (const auto& line : module.evidence) add_evidence(f, line.location, line.text);
      if (module.evidence.empty() && !module.known_effect.empty()) add_evidence(f, module.name + ".pmod", module.known_effect);
      for (const auto& backend : cp.backends) {
        for (const auto& line : backend.sha1_evidence) add_evidence(f, line.location, line.text);
      }
      f.why = "SHA-1 signatures are forgeable by chosen-prefix collisions (SHAmbles, 2020); accepting them in TLS "
              "handshakes and certificates lets an attacker with such a collision impersonate a server. It is "
              "usually added for one old certificate chain or VPN peer and applies to every library.";
      f.fix = "replace the SHA-1-signed certificates or peers that needed it, then 'update-crypto-policies --set " +
              cp.base_policy + "' (dropping ':" + module.name + "') and restart the affected services";
      f.references = {kRefCryptoPolicies, kRefRhel9};
      out.push_back(std::move(f));
    }
  }

  if (!tls_covered && old_tls && backend_min) {
    Finding f = make_finding("CRYPTO-POLICY-BACKEND-ALLOWS-TLS10",
                             (*backend_min == "1.0" || *backend_min == "SSL3.0") ? Severity::high : Severity::medium,
                             "A crypto-policies back-end enables " + tls_label(*backend_min) + " under policy " +
                                 cp.configured.text);
    add_evidence(f, cp.configured.location, cp.configured.text);
    for (const auto& backend : cp.backends) {
      if (backend.min_tls == backend_min) add_backend_evidence(f, backend);
    }
    f.why = std::string(kWhyTls10) + " The policy name promises otherwise: the back-end was edited by hand or generated "
            "from a custom policy, and the next 'update-crypto-policies' run silently changes it again.";
    f.fix = "regenerate the back-ends with 'update-crypto-policies --set " + cp.configured.text +
            "' (or a custom policy that keeps TLS >= 1.2) and restart the affected services";
    f.references = {kRefCryptoPolicies, references_doc};
    out.push_back(std::move(f));
  }

  if (cp.state_current && !iequals(cp.state_current->text, cp.configured.text)) {
    Finding f = make_finding("CRYPTO-POLICY-NOT-APPLIED", Severity::low,
                             "Crypto policy '" + cp.configured.text + "' is configured but '" + cp.state_current->text +
                                 "' is the one applied");
    add_evidence(f, cp.configured.location, cp.configured.text);
    add_evidence(f, cp.state_current->location, cp.state_current->text);
    f.why = "The back-end files (what libraries actually read) still follow the previously applied policy; the "
            "configuration file alone changes nothing until update-crypto-policies runs.";
    f.fix = "run 'update-crypto-policies --set " + cp.configured.text + "' and restart the affected services";
    f.references = {kRefCryptoPolicies};
    out.push_back(std::move(f));
  }

  if (cp.base_policy == "FUTURE") {
    Finding f = make_finding("CRYPTO-POLICY-FUTURE", Severity::low,
                             "System-wide crypto policy is FUTURE: RSA keys below 3072 bits are refused");
    add_evidence(f, cp.configured.location, cp.configured.text);
    if (cp.expected) {
      add_evidence(f, "crypto_policies.csv " + cp.expected->family + "/FUTURE",
                   "min TLS " + cp.expected->min_tls + ", RSA/DH >= " + std::to_string(cp.expected->min_rsa_bits) + " (" +
                       cp.expected->source + ")");
    }
    if (const BackendFile* openssl = cp.backend("opensslcnf.config"); openssl != nullptr && openssl->openssl_security_level) {
      add_evidence(f, openssl->path, "@SECLEVEL=" + std::to_string(*openssl->openssl_security_level));
    }
    f.why = "Not a TLS 1.0/1.1 risk: FUTURE already requires TLS 1.2+. But most public servers (Microsoft 365 "
            "included) use 2048-bit RSA certificates, which FUTURE rejects, so connections from this machine fail "
            "with key-size errors that look like TLS version problems.";
    f.fix = "keep FUTURE only if every peer uses RSA >= 3072 or ECDSA; otherwise 'update-crypto-policies --set "
            "DEFAULT'";
    f.references = {kRefCryptoPolicies, references_doc};
    out.push_back(std::move(f));
  }

  // OpenSSL must include the policy back-end in its system_default for the policy to apply.
  if (const BackendFile* openssl = cp.backend("opensslcnf.config")) {
    bool used = false;
    for (const auto& applied : audit.openssl.commands) {
      const std::string file = file_of(applied.command.location);
      if (file == openssl->resolved || file == openssl->path) used = true;
    }
    if (!used) {
      Finding f = make_finding("CRYPTO-POLICY-OPENSSL-BYPASSED", Severity::medium,
                               "OpenSSL does not follow the system-wide crypto policy");
      add_evidence(f, audit.openssl_conf.path.empty() ? "OpenSSL configuration" : conf_file_display(audit),
                   audit.openssl.not_applied_reason ? "no system_default: " + *audit.openssl.not_applied_reason
                                                    : "the system_default section does not include " + openssl->path);
      add_evidence(f, openssl->path, "exists (generated for policy " + cp.configured.text + ")");
      f.why = "The policy is only a set of generated files; OpenSSL applies it through an .include of "
              "opensslcnf.config inside its system_default section. Without it every OpenSSL application runs on "
              "library defaults whatever the policy says.";
      f.fix = "restore the crypto-policy section of " +
              (audit.openssl_conf.path.empty() ? std::string("/etc/pki/tls/openssl.cnf") : audit.openssl_conf.path) +
              ": 'openssl_conf = openssl_init' in the default section, '[openssl_init]' with 'ssl_conf = ssl_module', "
              "'[ssl_module]' with 'system_default = crypto_policy', and '[crypto_policy]' with "
              "'.include = /etc/crypto-policies/back-ends/opensslcnf.config'";
      f.references = {kRefCryptoPolicies, kRefConfig};
      out.push_back(std::move(f));
    }
  }
}

// --- GnuTLS -------------------------------------------------------------------------------------

void gnutls_findings(const LinuxAudit& audit, std::vector<Finding>& out) {
  for (const auto& file : audit.gnutls.files) {
    if (!file.present) continue;
    // The crypto-policies back-end is judged with the policy (CRYPTO-POLICY-*), unless the front
    // pointed GnuTLS at it explicitly.
    if (is_crypto_policy_file(file.file) && audit.crypto_policies.present) continue;
    const auto versions = file.versions_enabled();
    auto has = [&](const char* v) { return std::find(versions.begin(), versions.end(), v) != versions.end(); };
    const char* oldest = has("SSL3.0") ? "SSL3.0" : has("TLS1.0") ? "TLS1.0" : has("TLS1.1") ? "TLS1.1" : nullptr;
    if (oldest != nullptr) {
      const bool tls10 = std::string(oldest) != "TLS1.1";
      const std::string label = std::string(oldest) == "SSL3.0" ? "SSL 3.0" : "TLS " + std::string(oldest).substr(3);
      Finding f = make_finding(tls10 ? "GNUTLS-TLS10-ENABLED" : "GNUTLS-TLS11-ENABLED",
                               tls10 ? Severity::high : Severity::medium,
                               "GnuTLS system configuration " + file.file + " enables " + label);
      for (const char* v : {"SSL3.0", "TLS1.0", "TLS1.1"}) {
        for (const auto& entry : file.evidence_enabling(v)) {
          add_evidence(f, entry.location(), (entry.section.empty() ? "" : "[" + entry.section + "] ") + entry.key +
                                                " = " + entry.value);
        }
      }
      add_evidence(f, file.file, "override-mode = " + file.override_mode);
      f.why = std::string(kWhyTls10) + " Every GnuTLS application that uses the system priority (@SYSTEM or the "
              "default priority) inherits it.";
      f.fix = file.override_mode == "allowlist"
                  ? "in " + file.file + " delete the 'enabled-version = tls1.0' / 'tls1.1' lines of [overrides] (keep "
                    "tls1.2 and tls1.3)"
                  : "in " + file.file + " change the priority string to remove the old versions (replace '+VERS-ALL' "
                    "by '+VERS-TLS1.3:+VERS-TLS1.2', drop '+VERS-TLS1.0'/'+VERS-TLS1.1'), or add "
                    "'disabled-version = tls1.0' and 'disabled-version = tls1.1' to [overrides]";
      f.references = {kRefGnutls, kRefRfc8996};
      out.push_back(std::move(f));
    }
    if (file.override_mode == "allowlist" && !file.enabled_versions.empty() && !has("TLS1.2")) {
      const bool tls13 = has("TLS1.3");
      Finding f = make_finding("GNUTLS-TLS12-NOT-ENABLED", tls13 ? Severity::medium : Severity::critical,
                               tls13 ? "GnuTLS allowlist enables TLS 1.3 but not TLS 1.2"
                                     : "GnuTLS allowlist enables neither TLS 1.2 nor TLS 1.3");
      for (const auto& entry : file.enabled_versions) add_evidence(f, entry.location(), "enabled-version = " + entry.value);
      f.why = tls13 ? "Peers that stop at TLS 1.2 cannot connect to or from GnuTLS applications."
                    : "With TLS 1.0/1.1 going away, GnuTLS applications can no longer connect to anything.";
      f.fix = "add 'enabled-version = tls1.2' (and 'enabled-version = tls1.3') to [overrides] of " + file.file;
      f.references = {kRefGnutls};
      out.push_back(std::move(f));
    }
    if (file.override_mode == "allowlist" && !file.sha1_marked_secure.empty()) {
      Finding f = make_finding("GNUTLS-SHA1-SIGNATURES-SECURE", Severity::medium,
                               "GnuTLS system configuration marks SHA-1 signatures as secure");
      for (const auto& entry : file.sha1_marked_secure) add_evidence(f, entry.location(), entry.key + " = " + entry.value);
      f.why = "SHA-1 signatures are forgeable by chosen-prefix collisions; accepting them lets a forged certificate "
              "or handshake signature pass.";
      f.fix = "delete the SHA-1 'secure-hash'/'secure-sig' lines from [overrides] of " + file.file;
      f.references = {kRefGnutls};
      out.push_back(std::move(f));
    }
  }
}

// --- Java ---------------------------------------------------------------------------------------

std::string jdk_label(const JavaInstallation& java) {
  std::string label = java.home;
  if (java.version) label += " (" + java.version->text + ")";
  return label;
}

void java_findings(const LinuxAudit& audit, std::vector<Finding>& out) {
  for (const auto& java : audit.java) {
    if (java.unreadable) continue;  // nothing known about it (LINUX-FILE-UNREADABLE)
    const JavaProperty* disabled = java.property("jdk.tls.disabledAlgorithms");
    const std::string where = disabled != nullptr ? disabled->location() : java.security_file;
    const std::string observed = disabled != nullptr ? "jdk.tls.disabledAlgorithms=" + disabled->value
                                                     : "jdk.tls.disabledAlgorithms not set";
    const bool from_policy = disabled != nullptr && is_crypto_policy_file(disabled->file);
    const std::string edit_fix =
        from_policy ? "this value comes from the crypto policy (" + disabled->file + "): " + crypto_policy_fix()
                    : "in " + where + " add the missing versions back to jdk.tls.disabledAlgorithms (the shipped value "
                      "starts 'SSLv3, TLSv1, TLSv1.1, ...'); applications started with "
                      "-Djava.security.properties may override it";
    auto base = [&](Finding& f) {
      add_evidence(f, where, observed);
      add_evidence(f, java.home + "/release", java.version ? "JAVA_VERSION=" + java.version->text : "version unknown");
      if (java.uses_system_properties_file) {
        add_evidence(f, java.security_file, "security.useSystemPropertiesFile=true: " + java.system_properties_file +
                                                " overrides it");
      }
      f.references = {kRefJdk8254713, kRefJsse, kRefRfc8996};
    };
    if (!java.sslv3_disabled) {
      Finding f = make_finding("JAVA-SSLV3-ENABLED", Severity::high, "Java " + jdk_label(java) + " allows SSLv3");
      base(f);
      f.why = "SSL 3.0 is broken (POODLE) and disabled in every JDK since 2015; nothing legitimate needs it.";
      f.fix = edit_fix;
      out.push_back(std::move(f));
    }
    if (!java.tls10_disabled || !java.tls11_disabled) {
      const bool tls10 = !java.tls10_disabled;
      const bool release_default = java.release_default_disables_tls10.value_or(true);
      std::string id = tls10 ? (release_default ? "JAVA-TLS10-REENABLED" : "JAVA-TLS10-ENABLED-OLD-JDK")
                             : (release_default ? "JAVA-TLS11-REENABLED" : "JAVA-TLS10-ENABLED-OLD-JDK");
      Severity severity = release_default ? (tls10 ? Severity::high : Severity::medium) : Severity::medium;
      Finding f = make_finding(std::move(id), severity,
                               "Java " + jdk_label(java) + (release_default ? " has " : " still allows ") +
                                   (tls10 ? "TLS 1.0" : "TLS 1.1") + (release_default ? " re-enabled" : " (release predates the default change)"));
      base(f);
      f.why = std::string(kWhyTls10) +
              (release_default ? " This JDK release ships with TLSv1 and TLSv1.1 in jdk.tls.disabledAlgorithms; "
                                 "someone removed them, for every Java application using this JDK."
                               : " This release predates JDK-8254713 (8u291, 11.0.11, 16), so it allows them by "
                                 "default and lacks other TLS fixes as well.");
      f.fix = release_default ? edit_fix
                              : "update the JDK (8u291+, 11.0.11+ or 17+); until then " + edit_fix;
      out.push_back(std::move(f));
    }
    if (java.tls12_disabled) {
      Finding f = make_finding("JAVA-TLS12-DISABLED", java.tls13_disabled ? Severity::critical : Severity::high,
                               "Java " + jdk_label(java) + " has TLS 1.2 disabled");
      base(f);
      f.why = java.tls13_disabled ? "Neither TLS 1.2 nor TLS 1.3 is left: Java applications cannot connect anywhere "
                                    "once TLS 1.0/1.1 are gone."
                                  : "Peers that stop at TLS 1.2 (most servers today) cannot be reached.";
      f.fix = from_policy ? crypto_policy_fix() : "remove TLSv1.2 from jdk.tls.disabledAlgorithms at " + where;
      out.push_back(std::move(f));
    }
    if (const JavaProperty* client = java.property("jdk.tls.client.protocols")) {
      const auto listed = split_algorithm_list(client->value);
      const bool old = std::any_of(listed.begin(), listed.end(), [](const std::string& p) {
        return iequals(p, "TLSv1") || iequals(p, "TLSv1.1") || iequals(p, "SSLv3");
      });
      Finding f = make_finding("JAVA-CLIENT-PROTOCOLS-IGNORED", old ? Severity::low : Severity::info,
                               "jdk.tls.client.protocols is set in java.security of " + jdk_label(java) +
                                   ", where JSSE does not read it");
      add_evidence(f, client->location(), "jdk.tls.client.protocols=" + client->value);
      f.why = "jdk.tls.client.protocols is a system property (java -Djdk.tls.client.protocols=...), not a security "
              "property; in java.security it has no effect, so whoever wrote it believes the client protocols are "
              "controlled when they are not." +
              std::string(old ? " It lists TLS 1.0/1.1, which suggests someone needed them: check the application "
                                "start scripts for the same -D option." : "");
      f.fix = "delete the line at " + client->location() + "; restrict versions with jdk.tls.disabledAlgorithms "
              "instead, or pass -Djdk.tls.client.protocols=TLSv1.3,TLSv1.2 to the applications that need it";
      f.references = {kRefJsse};
      out.push_back(std::move(f));
    }
  }
}

}  // namespace

const Finding* LinuxAudit::finding(std::string_view id) const {
  for (const auto& f : findings) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

std::vector<UnreadableFile> LinuxAudit::unreadable_files() const {
  std::vector<UnreadableFile> files;
  if (openssl_conf.document.unreadable) files.push_back(*openssl_conf.document.unreadable);
  files.insert(files.end(), crypto_policies.unreadable.begin(), crypto_policies.unreadable.end());
  files.insert(files.end(), gnutls.unreadable.begin(), gnutls.unreadable.end());
  for (const auto& install : java) {
    if (install.unreadable) files.push_back(*install.unreadable);
  }
  return files;
}

std::vector<std::string> LinuxAudit::finding_ids() const {
  std::vector<std::string> ids;
  for (const auto& f : findings) ids.push_back(f.id);
  return ids;
}

std::vector<Finding> linux_findings(const LinuxAudit& audit) {
  std::vector<Finding> out;
  unreadable_findings(audit, out);
  openssl_conf_findings(audit, out);
  openssl_protocol_findings(audit, out);
  crypto_policy_findings(audit, out);
  gnutls_findings(audit, out);
  java_findings(audit, out);
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return severity_rank(a.severity) > severity_rank(b.severity);
    return a.id < b.id;
  });
  return out;
}

LinuxAudit audit_linux(const std::filesystem::path& root, const LinuxAuditOptions& options) {
  LinuxAudit audit;
  audit.root = root.string();
  OpenSslConfOptions conf;
  conf.openssl_conf = options.openssl_conf;
  conf.openssl_conf_include = options.openssl_conf_include;
  conf.candidates = options.openssl_conf_candidates;
  audit.openssl_conf = audit_openssl_conf(root, conf);
  EvaluationOptions evaluation;
  evaluation.handshakes = options.handshakes;
  audit.openssl = evaluate_openssl_conf(audit.openssl_conf, evaluation);
  if (options.include_process) audit.process_openssl = openssl_process_defaults(evaluation);
  audit.crypto_policies = audit_crypto_policies(root);
  GnutlsAuditOptions gnutls;
  gnutls.system_priority_file = options.gnutls_system_priority_file;
  audit.gnutls = audit_gnutls(root, gnutls);
  audit.java = find_java_installations(root, options.java_homes);
  audit.findings = linux_findings(audit);
  return audit;
}

}  // namespace tlsready::policy::linux
