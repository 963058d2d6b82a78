// Exchange Server findings: Exchange does not support TLS 1.3, so on a machine with Exchange
// installed (kExchangeSetupKey) TLS 1.3 must be disabled for both roles.
// Source: Exchange HealthChecker, TLS configuration check.
#include "policy/windows/windows_rules.h"

namespace tlsready::policy::windows::rules {

void exchange_findings(const RuleContext& context) {
  if (!context.audit.exchange_installed) return;
  for (const ProtocolState& protocol : context.audit.schannel.protocols) {
    if (protocol.protocol != Protocol::tls13) continue;
    for (const RoleState* role : {&protocol.client, &protocol.server}) {
      if (!role->supported || role->status() == RoleStatus::disabled) continue;
      Finding& f = context.findings.add("EXCHANGE-TLS13-" + std::string(role_token(role->role)) + "-ENABLED");
      role_evidence(f, *role, context.audit.os);
      set_role(f, *role, {false, true});
    }
  }
}

}  // namespace tlsready::policy::windows::rules
