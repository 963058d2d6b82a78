// The OpenSSL rules of the Linux audit: openssl.cnf problems, protocol bounds, suites, security level.
// Each rule reads typed facts (versions, PeerOffer, the accepted SSL_CONF commands) and names the
// catalogue variant that holds; the words are in native/data/findings.csv.
// Sources: OpenSSL config(5), SSL_CONF_cmd(3), SSL_CTX_set_security_level(3).
#include <algorithm>
#include <map>

#include "policy/linux/linux_rules.h"

namespace tlsready::policy::linux::rules {

using model::ProtocolVersion;

void openssl_conf_findings(const LinuxAudit& audit, std::vector<Finding>& out) {
  const ConfDocument& doc = audit.openssl_conf.document;
  if (doc.found && !doc.loaded) {
    std::vector<const ConfIssue*> errors;
    for (const auto& issue : doc.issues) {
      if (issue.kind == ConfIssueKind::syntax_error) errors.push_back(&issue);
    }
    Finding f =
        make_finding("OPENSSL-CONF-SYNTAX-ERROR", {{"file", doc.main_file}}, {errors.size() > 1 ? "many-lines" : ""});
    for (const ConfIssue* issue : errors) add_evidence(f, issue->location, issue->message);
    out.push_back(std::move(f));
  }
  std::vector<const ConfIssue*> refused;
  for (const auto& issue : doc.issues) {
    if (issue.kind == ConfIssueKind::include_refused) refused.push_back(&issue);
  }
  if (!refused.empty()) {
    Finding f = make_finding("OPENSSL-CONF-INCLUDE-REFUSED");
    for (const ConfIssue* issue : refused) add_evidence(f, issue->location, issue->message);
    out.push_back(std::move(f));
  }
  for (const auto& applied : audit.openssl.commands) {
    if (applied.accepted_client || applied.accepted_server) continue;
    const auto& cmd = applied.command;
    if ((iequals(cmd.command, "MinProtocol") || iequals(cmd.command, "MaxProtocol")) &&
        starts_with(cmd.value, "DTLS")) {
      continue;  // "DTLS.MinProtocol = DTLSv1.2" is meant for DTLS contexts only
    }
    const bool protocol_or_ciphers = iequals(cmd.command, "MinProtocol") || iequals(cmd.command, "MaxProtocol") ||
                                     iequals(cmd.command, "CipherString") || iequals(cmd.command, "Ciphersuites") ||
                                     iequals(cmd.command, "Protocol");
    Finding f = make_finding("OPENSSL-CONF-COMMAND-REFUSED",
                             {{"name", cmd.written_name}, {"value", cmd.value}, {"location", cmd.location}},
                             {protocol_or_ciphers ? "protocol-or-ciphers" : ""});
    add_evidence(f, cmd.location, cmd.written_name + " = " + cmd.value + " -> " + applied.error);
    out.push_back(std::move(f));
  }
}

// A file that exists but cannot be read says nothing about the settings in it: it is reported as
// such, and the findings that would read it (or assume defaults without it) are left out.
void unreadable_findings(const LinuxAudit& audit, std::vector<Finding>& out) {
  const auto files = audit.unreadable_files();
  if (files.empty()) return;
  Finding f =
      make_finding("LINUX-FILE-UNREADABLE", {{"path", files.front().path}, {"more", std::to_string(files.size() - 1)}},
                   {files.size() > 1 ? "more-files" : ""});
  for (const auto& file : files) add_evidence(f, file.path, "could not read: " + file.error);
  out.push_back(std::move(f));
}

namespace {

// What the effective OpenSSL defaults allow, as the protocol rules below read them.
struct OpensslFacts {
  const LinuxAudit& audit;
  const OpenSslDefaults& ossl;
  bool probed = false;                           // in-memory handshakes were run
  const AppliedCommand* min_cmd = nullptr;       // the MinProtocol in force, if any
  const AppliedCommand* max_cmd = nullptr;       // the MaxProtocol in force, if any
  const AppliedCommand* protocol_cmd = nullptr;  // a "Protocol = ..." line in force, if any
  const AppliedCommand* cipher_cmd = nullptr;    // the CipherString in force, if any
  bool some_role_unbounded = false;              // a role has no lower bound (MinProtocol unset)

  bool negotiates(ProtocolVersion v) const { return ossl.client.negotiates(v) || ossl.server.negotiates(v); }
  bool enables(ProtocolVersion v) const { return ossl.client.enables(v) || ossl.server.enables(v); }
  bool old_enabled() const { return enables(ProtocolVersion::tls1_0) || enables(ProtocolVersion::tls1_1); }
};

OpensslFacts facts_of(const LinuxAudit& audit) {
  OpensslFacts facts{audit, audit.openssl};
  const OpenSslDefaults& ossl = audit.openssl;
  facts.probed = !ossl.client.handshakes.empty() || !ossl.server.handshakes.empty();
  facts.min_cmd = accepted_command(ossl, "MinProtocol");
  facts.max_cmd = accepted_command(ossl, "MaxProtocol");
  facts.protocol_cmd = accepted_command(ossl, "Protocol");
  facts.cipher_cmd = accepted_command(ossl, "CipherString");
  facts.some_role_unbounded = std::min(ossl.client.min_version, ossl.server.min_version) == 0;
  return facts;
}

// The variant for a fix when the line that caused the finding lives in a crypto-policies back-end.
std::string_view crypto_policy_variant(const AppliedCommand* cause) {
  return cause != nullptr && managed_by_crypto_policies(cause->command.location) ? "crypto-policy" : "";
}

std::string command_text(const AppliedCommand& cmd) { return cmd.command.written_name + " = " + cmd.command.value; }

// MinProtocol at or below TLS 1.1 (or a Protocol line with no MinProtocol) while TLS 1.0/1.1 are enabled.
bool explicit_low_bound(const OpensslFacts& facts, std::vector<Finding>& out) {
  const std::optional<ConfBound> min_bound =
      facts.min_cmd != nullptr ? conf_bound(facts.min_cmd->command.value) : std::nullopt;
  // "MinProtocol = None" is a bound too: it removes the lower one.
  const bool low_min = min_bound && (!min_bound->version || *min_bound->version <= ProtocolVersion::tls1_1);
  const bool protocol_line = facts.protocol_cmd != nullptr && facts.some_role_unbounded;
  if (!facts.old_enabled() || !(low_min || protocol_line)) return false;
  const AppliedCommand& cmd = low_min ? *facts.min_cmd : *facts.protocol_cmd;
  const OpenSslDefaults& ossl = facts.ossl;
  const bool tls10 = facts.enables(ProtocolVersion::tls1_0);
  const ProtocolVersion version = tls10 ? ProtocolVersion::tls1_0 : ProtocolVersion::tls1_1;
  const HandshakeResult* client = ossl.client.handshake(version);
  const bool client_completes_any = client != nullptr && client->negotiated && client->peer == PeerOffer::every_suite;
  const bool completes = ossl.server.negotiates(version) || client_completes_any;
  Finding f = make_finding(tls10 ? "OPENSSL-MINPROTOCOL-ALLOWS-TLS10" : "OPENSSL-MINPROTOCOL-ALLOWS-TLS11",
                           {{"name", cmd.command.written_name},
                            {"value", cmd.command.value},
                            {"location", cmd.command.location},
                            {"system_default_fix", system_default_fix(facts.audit, "MinProtocol = TLSv1.2")}},
                           {completes ? "completes" : "", facts.probed ? "" : "not-probed",
                            low_min ? "" : "protocol-line", crypto_policy_variant(&cmd)});
  add_evidence(f, cmd.command.location, command_text(cmd));
  add_evidence(f, "effective security level",
               "client " + std::to_string(ossl.client.security_level) + ", server " +
                   std::to_string(ossl.server.security_level));
  if (facts.probed) add_handshake_evidence(f, ossl, version);
  if (const auto earlier_lines = openssl_overridden(facts.audit, cmd.command.written_name)) {
    for (const auto& earlier : *earlier_lines) {
      add_evidence(
          f, earlier.location(),
          earlier.name + " = " + earlier.value + " (earlier definition, replaced by " + cmd.command.location + ")");
    }
  }
  out.push_back(std::move(f));
  return true;
}

// No lower bound at all, and the handshakes show TLS 1.0/1.1: servers too (security level 0), or
// clients only (RSA key transport passes level 1).
void unbounded_old_versions(const OpensslFacts& facts, std::vector<Finding>& out) {
  if (!facts.some_role_unbounded || !facts.probed || !facts.old_enabled()) return;
  const OpenSslDefaults& ossl = facts.ossl;
  auto negotiates_old = [](const RoleSettings& role) {
    return role.negotiates(ProtocolVersion::tls1_0) || role.negotiates(ProtocolVersion::tls1_1);
  };
  const ProtocolVersion version =
      facts.negotiates(ProtocolVersion::tls1_0) ? ProtocolVersion::tls1_0 : ProtocolVersion::tls1_1;
  if (negotiates_old(ossl.server)) {
    Finding f = make_finding("OPENSSL-SECLEVEL-ALLOWS-TLS10",
                             {{"level", std::to_string(ossl.server.security_level)},
                              {"system_default_fix", system_default_fix(facts.audit, "MinProtocol = TLSv1.2")}},
                             {crypto_policy_variant(facts.cipher_cmd)});
    add_evidence(f, facts.cipher_cmd != nullptr ? facts.cipher_cmd->command.location : "library default",
                 facts.cipher_cmd != nullptr ? "CipherString = " + facts.cipher_cmd->command.value
                                             : "security level " + std::to_string(ossl.server.security_level));
    add_evidence(f, "MinProtocol",
                 "not set (library lowest: " + std::string(model::display_name(ossl.lowest_supported_version)) + ")");
    add_handshake_evidence(f, ossl, version);
    out.push_back(std::move(f));
  } else if (negotiates_old(ossl.client)) {
    const HandshakeResult* how = ossl.client.handshake(version);
    const bool rsa_only = how != nullptr && how->peer == PeerOffer::rsa_key_transport;
    Finding f = make_finding("OPENSSL-CLIENT-TLS10-FALLBACK",
                             {{"system_default_fix", system_default_fix(facts.audit, "MinProtocol = TLSv1.2")}},
                             {rsa_only ? "rsa-key-transport" : ""});
    add_evidence(f, facts.audit.openssl_conf.path.empty() ? "OpenSSL configuration" : conf_file_display(facts.audit),
                 ossl.not_applied_reason ? "no system_default: " + *ossl.not_applied_reason
                                         : "system_default sets no MinProtocol");
    add_evidence(
        f, "effective security level",
        std::to_string(ossl.client.security_level) + (facts.cipher_cmd == nullptr ? " (library default)" : ""));
    add_handshake_evidence(f, ossl, version);
    out.push_back(std::move(f));
  }
}

// TLS 1.2 not negotiable: capped below it (neither 1.2 nor 1.3), or TLS 1.3 only.
void tls12_unavailable(const OpensslFacts& facts, std::vector<Finding>& out) {
  const OpenSslDefaults& ossl = facts.ossl;
  auto available = [&](ProtocolVersion v) { return facts.probed ? facts.negotiates(v) : ossl.client.enables(v); };
  if (available(ProtocolVersion::tls1_2)) return;
  const bool tls13 = available(ProtocolVersion::tls1_3);
  const AppliedCommand* bound = tls13 ? facts.min_cmd : facts.max_cmd;
  const AppliedCommand* cause = bound != nullptr ? bound : facts.protocol_cmd;
  Finding f = make_finding(tls13 ? "OPENSSL-TLS13-ONLY" : "OPENSSL-MAXPROTOCOL-BELOW-TLS12",
                           {{"system_default_fix", system_default_fix(facts.audit, tls13 ? "MinProtocol = TLSv1.2"
                                                                                         : "MaxProtocol = TLSv1.3")}},
                           {crypto_policy_variant(cause)});
  if (cause != nullptr) add_evidence(f, cause->command.location, command_text(*cause));
  add_evidence(f, "client protocol bounds", ossl.client.min_version_text + " .. " + ossl.client.max_version_text);
  if (facts.probed) add_handshake_evidence(f, ossl, ProtocolVersion::tls1_2);
  out.push_back(std::move(f));
}

// Weak suites actually usable (after the security level), either role.
void weak_suites(const OpensslFacts& facts, std::vector<Finding>& out) {
  std::map<std::string, std::string> weak;  // suite -> reasons
  std::map<std::string, int> per_weakness;
  for (const RoleSettings* role : {&facts.ossl.client, &facts.ossl.server}) {
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
  if (weak.empty()) return;
  const AppliedCommand* ciphers = facts.cipher_cmd;
  Finding f =
      make_finding("OPENSSL-WEAK-CIPHERS-ENABLED",
                   {{"count", std::to_string(weak.size())},
                    {"system_default_fix", system_default_fix(facts.audit, "CipherString = DEFAULT:@SECLEVEL=2")}},
                   {crypto_policy_variant(ciphers)});
  add_evidence(f, ciphers != nullptr ? ciphers->command.location : "library default cipher list",
               ciphers != nullptr ? "CipherString = " + ciphers->command.value : "DEFAULT");
  std::string summary;
  for (const auto& [weakness, count] : per_weakness) {
    summary += (summary.empty() ? "" : "; ") + weakness + ": " + std::to_string(count);
  }
  add_evidence(f, "usable weak suites by weakness", summary);
  constexpr std::size_t kListed = 12;
  std::size_t listed = 0;
  for (const auto& [name, reasons] : weak) {
    if (++listed > kListed) {
      add_evidence(f, "usable suites", "... and " + std::to_string(weak.size() - kListed) + " more");
      break;
    }
    add_evidence(f, "usable suite " + name, reasons);
  }
  out.push_back(std::move(f));
}

// Security level 0 or 1 in either role.
void low_security_level(const OpensslFacts& facts, std::vector<Finding>& out) {
  const OpenSslDefaults& ossl = facts.ossl;
  const int level = std::min(ossl.client.security_level, ossl.server.security_level);
  if (level >= 2) return;
  const AppliedCommand* ciphers = facts.cipher_cmd;
  Finding f = make_finding(
      "OPENSSL-SECLEVEL-BELOW-2",
      {{"level", std::to_string(level)},
       {"location", ciphers != nullptr ? ciphers->command.location : ""},
       {"system_default_fix", system_default_fix(facts.audit, "CipherString = DEFAULT:@SECLEVEL=2")}},
      {level == 0 ? "level-0" : "", ciphers == nullptr ? "no-cipherstring" : "", crypto_policy_variant(ciphers)});
  add_evidence(f, ciphers != nullptr ? ciphers->command.location : "library default",
               ciphers != nullptr ? "CipherString = " + ciphers->command.value
                                  : "built-in level " + std::to_string(ossl.library_default_security_level));
  out.push_back(std::move(f));
}

}  // namespace

void openssl_protocol_findings(const LinuxAudit& audit, std::vector<Finding>& out) {
  if (audit.openssl.error) return;
  if (audit.openssl_conf.document.unreadable) return;  // not the library defaults: unknown (LINUX-FILE-UNREADABLE)
  const OpensslFacts facts = facts_of(audit);
  if (!explicit_low_bound(facts, out)) unbounded_old_versions(facts, out);
  tls12_unavailable(facts, out);
  weak_suites(facts, out);
  low_security_level(facts, out);
}

}  // namespace tlsready::policy::linux::rules
