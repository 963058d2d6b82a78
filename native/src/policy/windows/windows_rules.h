// Internal to the Windows audit: what its rule files share. Each rule function adds the findings of
// one part (SCHANNEL protocols, Exchange, ciphers/hashes/key exchange, the cipher suite order, .NET,
// WinHTTP/WinINet) to the sink; windows_audit.cpp runs them and orders the result. The words of
// every finding come from the catalogue (native/data/findings.csv); the rules decide whether it
// holds, its variant, its values, its evidence and its registry changes.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "catalogue/finding_catalogue.h"
#include "policy/windows/defaults.h"
#include "policy/windows/reg_read.h"
#include "policy/windows/windows_audit.h"

namespace tlsready::policy::windows::rules {

using catalogue::Values;
using detail::DwordReading;

// Collects findings; an id added twice is a bug in a rule file (std::logic_error).
class FindingSink {
 public:
  explicit FindingSink(std::vector<Finding>& out) : out_(out) {}
  // The catalogue's finding `id` (with `variants` laid over, `values` filled in), appended.
  Finding& add(const std::string& id, const Values& values = {}, const std::vector<std::string_view>& variants = {});

 private:
  std::vector<Finding>& out_;
  std::set<std::string> ids_;
};

struct RuleContext {
  const winreg::Registry& registry;
  const WindowsAudit& audit;  // the state read from the registry (its findings are not filled yet)
  FindingSink& findings;
};

// What a role's Enabled / DisabledByDefault should be set to.
struct Desired {
  bool enabled;
  bool disabled_by_default;
};

// "<location> = <value>", or what the value is missing from (`absent_text`: the OS default).
Evidence evidence(const DwordReading& reading, const std::string& absent_text);
RegistryChange dword_change(const std::string& key, const std::string& name, uint32_t value);
// "OS default Enabled = 1 on win10_2016_2019"
std::string os_default_text(const WindowsVersion& os, bool value, const char* name);
const char* bit(bool value);  // "1" / "0"

// The state a SCHANNEL protocol role should have on this machine.
Desired recommended(const RoleState& role, const WindowsAudit& audit);
void set_role(Finding& finding, const RoleState& role, Desired desired);
void role_evidence(Finding& finding, const RoleState& role, const WindowsVersion& os);
bool is_tls(Protocol protocol);  // TLS 1.0 .. 1.3 (not SSL, not DTLS)

// The protocol bits a remediation writes to WinHTTP / WinINet: TLS 1.2, and TLS 1.3 where supported.
uint32_t modern_mask(const WindowsVersion& os);
uint32_t legacy_bits(uint32_t mask);  // SSL 2.0 .. TLS 1.1

// The rules, one part each.
void schannel_protocol_findings(const RuleContext& context);   // SCHANNEL-<protocol>-<role>-*, -MISMATCH
void exchange_findings(const RuleContext& context);            // EXCHANGE-TLS13-*
void schannel_algorithm_findings(const RuleContext& context);  // SCHANNEL-CIPHER-*, -HASH-*, -DH-*, -RSA-*
void cipher_suite_order_findings(const RuleContext& context);  // CIPHER-SUITE-*
void dotnet_findings(const RuleContext& context);              // DOTNET-*
void winhttp_findings(const RuleContext& context);             // WINHTTP-*
void wininet_findings(const RuleContext& context);             // WININET-*

}  // namespace tlsready::policy::windows::rules
