// SCHANNEL protocol findings: each protocol's Client and Server key (Enabled / DisabledByDefault)
// against what a TLS 1.2+ machine needs, and Client/Server keys that disagree.
// Source: Microsoft Learn, "TLS registry settings" and "Protocols in TLS/SSL (Schannel SSP)".
#include "policy/windows/windows_rules.h"

namespace tlsready::policy::windows::rules {
namespace {

std::string id_for(const RoleState& role, std::string_view suffix) {
  return "SCHANNEL-" + std::string(protocol_token(role.protocol)) + "-" + std::string(role_token(role.role)) + "-" +
         std::string(suffix);
}

// The state words of a role in a mismatch title.
std::string state_words(RoleStatus status) {
  switch (status) {
    case RoleStatus::unsupported: return "unsupported";
    case RoleStatus::disabled: return "disabled";
    case RoleStatus::on_request: return "off by default";
    case RoleStatus::enabled: return "on";
  }
  return "unknown";
}

// TLS 1.3 switched on where this Windows has no TLS 1.3 (before build 20348).
void unsupported_tls13(const RuleContext& context, const RoleState& role) {
  if (role.protocol != Protocol::tls13 || !role.enabled_on_unsupported_os()) return;
  Finding& f = context.findings.add(id_for(role, "ENABLED-UNSUPPORTED-OS"));
  role_evidence(f, role, context.audit.os);
  set_role(f, role, {false, true});
}

// Values Schannel reads differently from what they look like (not REG_DWORD 0/1).
void invalid_values(const RuleContext& context, const RoleState& role) {
  const auto problems = role.value_problems();
  if (problems.empty()) return;
  Finding& f = context.findings.add(id_for(role, "VALUE-INVALID"), {{"detail", detail::join(problems, "; ")}});
  role_evidence(f, role, context.audit.os);
  set_role(f, role, recommended(role, context.audit));
}

// Only one of the two values set (or the two contradict): the OS default decides the other half.
void half_set(const RuleContext& context, const RoleState& role) {
  if (!is_tls(role.protocol) || !role.half_set()) return;
  const Desired d = recommended(role, context.audit);
  Finding& f = context.findings.add(
      id_for(role, "HALF-SET"),
      {{"state", role.describe()}, {"enabled", bit(d.enabled)}, {"disabled_by_default", bit(d.disabled_by_default)}});
  role_evidence(f, role, context.audit.os);
  set_role(f, role, d);
}

// TLS 1.2 must be on and used by default.
void tls12_off(const RuleContext& context, const RoleState& role) {
  const RoleStatus status = role.status();
  if (status != RoleStatus::disabled && status != RoleStatus::on_request) return;
  Finding& f = context.findings.add(id_for(role, status == RoleStatus::disabled ? "DISABLED" : "OFF-BY-DEFAULT"));
  role_evidence(f, role, context.audit.os);
  set_role(f, role, {true, false});
}

// TLS 1.3 off where Windows supports it (Exchange servers excepted: exchange_rules.cpp).
void tls13_off(const RuleContext& context, const RoleState& role) {
  const RoleStatus status = role.status();
  if (context.audit.exchange_installed || status == RoleStatus::enabled) return;
  Finding& f =
      context.findings.add(id_for(role, "DISABLED"), {}, {status == RoleStatus::disabled ? "" : "off-by-default"});
  role_evidence(f, role, context.audit.os);
  set_role(f, role, {true, false});
}

// SSL 2.0 .. TLS 1.1 still on, by default or on request.
void legacy_on(const RuleContext& context, const RoleState& role) {
  const RoleStatus status = role.status();
  if (status != RoleStatus::enabled && status != RoleStatus::on_request) return;
  Finding& f = context.findings.add(id_for(role, status == RoleStatus::enabled ? "ENABLED" : "ON-REQUEST"));
  role_evidence(f, role, context.audit.os);
  set_role(f, role, {false, true});
}

void protocol_role(const RuleContext& context, const RoleState& role) {
  if (!role.supported) {
    unsupported_tls13(context, role);
    return;
  }
  invalid_values(context, role);
  half_set(context, role);
  if (role.protocol == Protocol::tls12)
    tls12_off(context, role);
  else if (role.protocol == Protocol::tls13)
    tls13_off(context, role);
  else if (is_legacy(role.protocol))
    legacy_on(context, role);  // DTLS: only the value checks above
}

// A TLS version on for one side and off for the other, where either side was configured.
void client_server_mismatch(const RuleContext& context, const ProtocolState& protocol) {
  if (!is_tls(protocol.protocol)) return;
  const RoleState& client = protocol.client;
  const RoleState& server = protocol.server;
  if (!client.supported || client.status() == server.status()) return;
  if (!client.explicitly_configured() && !server.explicitly_configured()) return;
  const Desired d = recommended(protocol.protocol == Protocol::tls13 ? server : client, context.audit);
  Finding& f =
      context.findings.add("SCHANNEL-" + std::string(protocol_token(protocol.protocol)) + "-CLIENT-SERVER-MISMATCH",
                           {{"server_state", state_words(server.status())},
                            {"client_state", state_words(client.status())},
                            {"enabled", bit(d.enabled)},
                            {"disabled_by_default", bit(d.disabled_by_default)}});
  role_evidence(f, client, context.audit.os);
  role_evidence(f, server, context.audit.os);
  set_role(f, client, d);
  set_role(f, server, d);
}

}  // namespace

void schannel_protocol_findings(const RuleContext& context) {
  for (const ProtocolState& protocol : context.audit.schannel.protocols) {
    for (const RoleState* role : {&protocol.client, &protocol.server}) protocol_role(context, *role);
  }
  for (const ProtocolState& protocol : context.audit.schannel.protocols) client_server_mismatch(context, protocol);
}

}  // namespace tlsready::policy::windows::rules
