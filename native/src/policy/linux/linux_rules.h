// Internal to the Linux audit: the helpers and rule functions its rule files share. The words of
// every finding come from the catalogue (native/data/findings.csv); the rules decide whether it
// holds, its variant, its values and its evidence.
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

#include "catalogue/finding_catalogue.h"
#include "common/text.h"
#include "model/protocol_version.h"
#include "policy/linux/linux_audit.h"

namespace tlsready::policy::linux::rules {

using text::iequals;

// The catalogue's finding `id` (native/data/findings.csv) with `variants` laid over and `values` filled in.
using catalogue::make_finding;
using catalogue::Values;
void add_evidence(Finding& f, std::string location, std::string observed);
bool starts_with(std::string_view text, std::string_view prefix);
std::string file_of(const std::string& location);
bool is_crypto_policy_file(std::string_view file);
// A MinProtocol / MaxProtocol value of SSL_CONF_cmd(3): a version, or no version for "None" (no
// bound); nullopt for anything else.
struct ConfBound {
  std::optional<model::ProtocolVersion> version;
};
std::optional<ConfBound> conf_bound(std::string_view value);
const AppliedCommand* accepted_command(const OpenSslDefaults& openssl, std::string_view name);
std::string handshake_summary(const RoleSettings& role, model::ProtocolVersion version);
void add_handshake_evidence(Finding& f, const OpenSslDefaults& openssl, model::ProtocolVersion version);
std::string conf_file_display(const LinuxAudit& audit);
std::string system_default_fix(const LinuxAudit& audit, const std::string& line);
bool managed_by_crypto_policies(const std::string& location);  // a crypto-policies back-end file
std::optional<std::vector<ConfValue>> openssl_overridden(const LinuxAudit& audit, const std::string& name);

// The rules, one part each.
void openssl_conf_findings(const LinuxAudit& audit, std::vector<Finding>& out);
void unreadable_findings(const LinuxAudit& audit, std::vector<Finding>& out);
void openssl_protocol_findings(const LinuxAudit& audit, std::vector<Finding>& out);
void crypto_policy_findings(const LinuxAudit& audit, std::vector<Finding>& out);
void gnutls_findings(const LinuxAudit& audit, std::vector<Finding>& out);
void java_findings(const LinuxAudit& audit, std::vector<Finding>& out);

}  // namespace tlsready::policy::linux::rules
