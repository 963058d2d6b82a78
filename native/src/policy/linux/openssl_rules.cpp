// The OpenSSL rules of the Linux audit: openssl.cnf problems, protocol bounds, suites, security level.
#include <algorithm>
#include <cctype>
#include <map>

#include <openssl/ssl.h>

#include "policy/linux/linux_rules.h"

namespace tlsready::policy::linux::rules {

void openssl_conf_findings(const LinuxAudit& audit, std::vector<Finding>& out) {
  const ConfDocument& doc = audit.openssl_conf.document;
  if (doc.found && !doc.loaded) {
    Finding f = make_finding("OPENSSL-CONF-SYNTAX-ERROR", Severity::medium,
                             "OpenSSL refuses to load " + doc.main_file + ": none of its settings apply");
    for (const auto& issue : doc.issues) {
      if (issue.kind == ConfIssueKind::syntax_error) add_evidence(f, issue.location, issue.message);
    }
    f.why =
        "OpenSSL 3 loads a configuration file all or nothing: with a syntax error no system_default, provider "
        "or other module from it is applied, so any TLS hardening the file was meant to carry is silently lost "
        "and every application runs on library defaults.";
    f.fix = "correct the line" + std::string(f.evidence.size() > 1 ? "s" : "") +
            " named in the evidence so that "
            "'openssl version -a' and 'openssl ciphers' run without configuration errors";
    f.references = {kRefConfig};
    out.push_back(std::move(f));
  }
  std::vector<const ConfIssue*> refused;
  for (const auto& issue : doc.issues) {
    if (issue.kind == ConfIssueKind::include_refused) refused.push_back(&issue);
  }
  if (!refused.empty()) {
    Finding f =
        make_finding("OPENSSL-CONF-INCLUDE-REFUSED", Severity::low,
                     "An .include in the OpenSSL configuration was not read: it leads outside the audited root");
    for (const ConfIssue* issue : refused) add_evidence(f, issue->location, issue->message);
    f.why =
        "Settings in the file that .include names are not part of this audit, so the effective OpenSSL settings "
        "reported may be incomplete; on the audited system itself that path resolves elsewhere.";
    f.fix =
        "make the .include an absolute path inside the system (e.g. '.include /etc/ssl/openssl.cnf.d') and audit "
        "again; do not let a configuration reach files through '..' or symlinks out of /etc";
    f.references = {kRefConfig};
    out.push_back(std::move(f));
  }
  for (const auto& applied : audit.openssl.commands) {
    if (applied.accepted_client || applied.accepted_server) continue;
    const auto& cmd = applied.command;
    if ((iequals(cmd.command, "MinProtocol") || iequals(cmd.command, "MaxProtocol")) &&
        starts_with(cmd.value, "DTLS")) {
      continue;  // "DTLS.MinProtocol = DTLSv1.2" is meant for DTLS contexts only
    }
    const bool important = iequals(cmd.command, "MinProtocol") || iequals(cmd.command, "MaxProtocol") ||
                           iequals(cmd.command, "CipherString") || iequals(cmd.command, "Ciphersuites") ||
                           iequals(cmd.command, "Protocol");
    Finding f = make_finding("OPENSSL-CONF-COMMAND-REFUSED", important ? Severity::medium : Severity::low,
                             "libssl rejects '" + cmd.written_name + " = " + cmd.value + "' in system_default");
    add_evidence(f, cmd.location, cmd.written_name + " = " + cmd.value + " -> " + applied.error);
    f.why =
        "A system_default line that libssl rejects is skipped without any message to applications, so the "
        "setting it was meant to enforce is not in force.";
    f.fix = "correct the line at " + cmd.location +
            " (MinProtocol/MaxProtocol take SSLv3, TLSv1, TLSv1.1, TLSv1.2, "
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
  f.why =
      "The file exists (or a symlink loop or a directory stands in its place), so the TLS settings in force on "
      "the audited system depend on it; this audit cannot tell what they are and reports no finding that would "
      "need its content or assume built-in defaults instead.";
  f.fix =
      "make each file a readable regular file (check what replaced it: a directory, a FIFO, a symlink loop or a "
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
  const bool explicit_low_min = min_cmd != nullptr && conf_version(min_cmd->command.value) >= 0 &&
                                conf_version(min_cmd->command.value) <= TLS1_1_VERSION;
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
    add_evidence(f, "effective security level",
                 "client " + std::to_string(ossl.client.security_level) + ", server " +
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
        add_evidence(
            f, earlier.location(),
            earlier.name + " = " + earlier.value + " (earlier definition, replaced by " + cmd->command.location + ")");
      }
    }
    f.fix = managed_by_crypto_policies(cmd->command.location) ? crypto_policy_fix()
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
      f.why = std::string(kWhyTls10) +
              " OpenSSL 3 relies on the security level to stop TLS < 1.2; at level 0 nothing "
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
      add_evidence(f, "effective security level",
                   std::to_string(ossl.client.security_level) + (ciphers == nullptr ? " (library default)" : ""));
      add_handshake_evidence(f, ossl, version);
      f.why =
          "OpenSSL 3's security level blocks TLS 1.0/1.1 only where a SHA-1/MD5 handshake signature is needed, so "
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
    const AppliedCommand* cause =
        !tls13 ? (max_cmd != nullptr ? max_cmd : protocol_cmd) : (min_cmd != nullptr ? min_cmd : protocol_cmd);
    Finding f = !tls13 ? make_finding("OPENSSL-MAXPROTOCOL-BELOW-TLS12", Severity::critical,
                                      "OpenSSL can negotiate neither TLS 1.2 nor TLS 1.3")
                       : make_finding("OPENSSL-TLS13-ONLY", Severity::medium,
                                      "OpenSSL negotiates only TLS 1.3: peers limited to TLS 1.2 fail");
    if (cause != nullptr)
      add_evidence(f, cause->command.location, cause->command.written_name + " = " + cause->command.value);
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
    f.why =
        "NULL-encryption and anonymous suites give no protection against an active attacker; RC4, DES/3DES and "
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
    f.fix = ciphers != nullptr && managed_by_crypto_policies(ciphers->command.location) ? crypto_policy_fix()
            : ciphers != nullptr ? "change " + ciphers->command.location +
                                       " so that the CipherString ends in "
                                       "':@SECLEVEL=2' (e.g. 'CipherString = DEFAULT:@SECLEVEL=2')"
                                 : system_default_fix(audit, "CipherString = DEFAULT:@SECLEVEL=2");
    f.references = {kRefSecLevel, kRefConfCmd};
    out.push_back(std::move(f));
  }
}

}  // namespace tlsready::policy::linux::rules
