// The helpers the Windows rule files share (windows_rules.h).
#include <stdexcept>

#include "policy/windows/windows_rules.h"

namespace tlsready::policy::windows::rules {

Finding& FindingSink::add(const std::string& id, const Values& values, const std::vector<std::string_view>& variants) {
  // Ids are unique by construction; a repeat would be a bug in a rule file.
  if (!ids_.insert(id).second) throw std::logic_error("duplicate finding id " + id);
  out_.push_back(catalogue::make_finding(id, values, variants));
  return out_.back();
}

Evidence evidence(const DwordReading& reading, const std::string& absent_text) {
  if (reading.present && reading.value) return {reading.location(), reading.name + " = " + reading.observed()};
  if (reading.present) return {reading.location(), reading.observed() + "; " + absent_text};
  return {reading.location(), "absent (" + absent_text + ")"};
}

RegistryChange dword_change(const std::string& key, const std::string& name, uint32_t value) {
  return {key, name, "REG_DWORD", value > 65535 ? detail::hex32(value) : std::to_string(value)};
}

std::string os_default_text(const WindowsVersion& os, bool value, const char* name) {
  return std::string("OS default ") + name + " = " + (value ? "1" : "0") + " on " + std::string(family_name(os.family));
}

const char* bit(bool value) { return value ? "1" : "0"; }

Desired recommended(const RoleState& role, const WindowsAudit& audit) {
  switch (role.protocol) {
    case Protocol::tls12: return {true, false};
    case Protocol::tls13:
      if (!role.supported || audit.exchange_installed) return {false, true};
      return {true, false};
    case Protocol::dtls10:
    case Protocol::dtls12: return role.enabled ? Desired{true, false} : Desired{false, true};
    default: return {false, true};
  }
}

void set_role(Finding& finding, const RoleState& role, Desired desired) {
  finding.registry_changes.push_back(dword_change(role.key, "Enabled", desired.enabled ? 1 : 0));
  finding.registry_changes.push_back(dword_change(role.key, "DisabledByDefault", desired.disabled_by_default ? 1 : 0));
}

void role_evidence(Finding& finding, const RoleState& role, const WindowsVersion& os) {
  finding.evidence.push_back(evidence(role.enabled_value, os_default_text(os, role.os_default_enabled, "Enabled")));
  finding.evidence.push_back(evidence(role.disabled_by_default_value,
                                      os_default_text(os, role.os_default_disabled_by_default, "DisabledByDefault")));
}

bool is_tls(Protocol protocol) {
  return protocol == Protocol::tls10 || protocol == Protocol::tls11 || protocol == Protocol::tls12 ||
         protocol == Protocol::tls13;
}

uint32_t modern_mask(const WindowsVersion& os) {
  uint32_t mask = protocol_bit(Protocol::tls12);
  if (schannel_protocol_default(os, Protocol::tls13).supported) mask |= protocol_bit(Protocol::tls13);
  return mask;
}

uint32_t legacy_bits(uint32_t mask) {
  return mask & (protocol_bit(Protocol::ssl2) | protocol_bit(Protocol::ssl3) | protocol_bit(Protocol::tls10) |
                 protocol_bit(Protocol::tls11));
}

}  // namespace tlsready::policy::windows::rules
