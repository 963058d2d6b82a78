// The helpers the Linux rule files share (linux_rules.h).
#include <utility>

#include "policy/linux/linux_rules.h"

namespace tlsready::policy::linux::rules {

void add_evidence(Finding& f, std::string location, std::string observed) {
  f.evidence.push_back(Evidence{std::move(location), std::move(observed)});
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

std::string file_of(const std::string& location) {
  const std::size_t colon = location.rfind(':');
  return colon == std::string::npos ? location : location.substr(0, colon);
}

bool is_crypto_policy_file(std::string_view file) {
  return starts_with(file, "/etc/crypto-policies/") || starts_with(file, "/usr/share/crypto-policies/");
}

std::optional<ConfBound> conf_bound(std::string_view value) {
  using model::ProtocolVersion;
  if (iequals(value, "None")) return ConfBound{};
  for (auto [name, version] :
       {std::pair{"SSLv3", ProtocolVersion::ssl3}, std::pair{"TLSv1", ProtocolVersion::tls1_0},
        std::pair{"TLSv1.1", ProtocolVersion::tls1_1}, std::pair{"TLSv1.2", ProtocolVersion::tls1_2},
        std::pair{"TLSv1.3", ProtocolVersion::tls1_3}}) {
    if (iequals(value, name)) return ConfBound{version};
  }
  return std::nullopt;
}

const AppliedCommand* accepted_command(const OpenSslDefaults& openssl, std::string_view name) {
  // The last one wins. (Reverse iterators, not std::views::reverse: clang-14, which runs clang-tidy,
  // cannot deduce reverse_view over libstdc++ 12's ranges.)
  for (auto it = openssl.commands.rbegin(); it != openssl.commands.rend(); ++it) {  // NOLINT(modernize-loop-convert)
    const AppliedCommand& applied = *it;
    if (!iequals(applied.command.command, name)) continue;
    if ((iequals(name, "MinProtocol") || iequals(name, "MaxProtocol")) && starts_with(applied.command.value, "DTLS"))
      continue;
    if (applied.accepted_client || applied.accepted_server) return &applied;
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
  using catalogue::sentence;
  const OpenSslDefaults& openssl = audit.openssl;
  const std::string file = conf_file_display(audit);
  if (openssl.system_default_section) {
    return sentence("system-default-put",
                    {{"line", line}, {"section", *openssl.system_default_section}, {"file", file}});
  }
  const ConfDocument& doc = audit.openssl_conf.document;
  std::vector<std::string> steps;
  std::string init = "openssl_init";
  const ConfSection* defaults = doc.section("default");
  const ConfValue* conf = defaults != nullptr ? defaults->find("openssl_conf") : nullptr;
  if (conf != nullptr) {
    init = conf->value;
  } else {
    steps.push_back(sentence("system-default-add-openssl-conf", {{"file", file}}));
  }
  std::string ssl = "ssl_sect";
  const ConfSection* init_section = doc.section(init);
  const ConfValue* ssl_conf = init_section != nullptr ? init_section->find("ssl_conf") : nullptr;
  if (ssl_conf != nullptr) {
    ssl = ssl_conf->value;
  } else {
    steps.push_back(
        sentence(init_section != nullptr ? "system-default-add-ssl-conf" : "system-default-add-init-section",
                 {{"section", init}}));
  }
  steps.push_back(
      sentence(doc.section(ssl) == nullptr ? "system-default-add-ssl-section" : "system-default-add-system-default",
               {{"section", ssl}}));
  steps.push_back(sentence("system-default-add-section", {{"line", line}}));
  return sentence("system-default-steps", {{"file", file}, {"steps", text::join(steps, "; ")}});
}

bool managed_by_crypto_policies(const std::string& location) { return is_crypto_policy_file(file_of(location)); }

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

}  // namespace tlsready::policy::linux::rules
