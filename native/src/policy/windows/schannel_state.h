#pragma once
// The effective SCHANNEL configuration of a machine: for every protocol and role, whether it is
// unsupported, disabled, available only on request, or used by default, and why (registry value
// or OS default); the weak cipher and hash families in effect; the key-exchange minimums; the
// cipher suite order (policy or local list) classified with the cipher suite registry.
//
// Registry semantics (Microsoft "TLS registry settings"):
//   Enabled = 0                -> the protocol is denied, even when an application asks for it.
//   Enabled = any other DWORD  -> enabled (1 is documented; 0xFFFFFFFF is the older KB 245030 form).
//   DisabledByDefault nonzero  -> not used unless an application asks for it explicitly.
//   DisabledByDefault = 0      -> used by default.
//   Absent values fall back to the OS default (windows_schannel_defaults.csv). A value that is not a
//   REG_DWORD (or 4-byte REG_BINARY) is ignored and reported.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "policy/windows/defaults.h"
#include "policy/windows/os_version.h"
#include "policy/windows/reg_read.h"
#include "registry/cipher_suite_registry.h"
#include "winreg/registry_model.h"

namespace tlsready::policy::windows {

inline constexpr std::string_view kSchannelKey =
    "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL";
inline constexpr std::string_view kCipherSuitePolicyKey =
    "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002";
inline constexpr std::string_view kCipherSuiteLocalKey =
    "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\Cryptography\\Configuration\\Local\\SSL\\00010002";

std::string protocol_role_key(Protocol protocol, Role role);  // ...\SCHANNEL\Protocols\TLS 1.2\Client

enum class RoleStatus {
  unsupported,  // Schannel on this OS does not implement it
  disabled,     // Enabled = 0: denied even on request
  on_request,   // enabled, DisabledByDefault: only when an application asks explicitly
  enabled,      // used by default
};
std::string_view role_status_name(RoleStatus status);  // "unsupported", "disabled", "on_request", "enabled"

struct RoleState {
  Protocol protocol = Protocol::tls12;
  Role role = Role::client;
  std::string key;
  bool supported = false;
  detail::DwordReading enabled_value;
  detail::DwordReading disabled_by_default_value;
  bool enabled = false;              // effective Enabled
  bool disabled_by_default = true;   // effective DisabledByDefault
  bool enabled_from_registry = false;
  bool disabled_by_default_from_registry = false;
  bool os_default_enabled = false;
  bool os_default_disabled_by_default = true;

  RoleStatus status() const;
  bool used_by_default() const { return status() == RoleStatus::enabled; }
  bool explicitly_configured() const { return enabled_from_registry || disabled_by_default_from_registry; }
  // Registry Enabled nonzero on an OS that does not support the protocol (TLS 1.3 before 20348).
  bool enabled_on_unsupported_os() const;
  // Only one of Enabled / DisabledByDefault set, or the two contradict each other
  // (Enabled=1 with DisabledByDefault=1, Enabled=0 with DisabledByDefault=0): Exchange
  // HealthChecker's "Half Disabled".
  bool half_set() const;
  // Values that are present but not REG_DWORD, or outside 0/1 (0xFFFFFFFF allowed for Enabled).
  std::vector<std::string> value_problems() const;
  // "on_request (Enabled absent -> OS default 1; DisabledByDefault absent -> OS default 1)"
  std::string describe() const;
};

struct ProtocolState {
  Protocol protocol = Protocol::tls12;
  RoleState client;
  RoleState server;
  const RoleState& role(Role r) const { return r == Role::client ? client : server; }
};

struct CipherKeyState {
  std::string name;                    // subkey under SCHANNEL\Ciphers, e.g. "RC4 128/128"
  std::optional<CipherGroup> group;    // nullopt for AES and unknown names
  detail::DwordReading enabled;
  bool explicitly_enabled() const { return enabled.value && *enabled.value != 0; }
  bool explicitly_disabled() const { return enabled.value && *enabled.value == 0; }
};

struct CipherGroupState {
  CipherGroup group = CipherGroup::rc4;
  bool offered = false;                // some handshake can end up using it
  std::string reason;                  // why offered / not
  std::vector<std::string> key_names;  // SCHANNEL\Ciphers subkeys of the family
  std::vector<std::string> policy_suites;  // suites of the family in the configured order
};

struct HashState {
  std::string name;  // "MD5"
  detail::DwordReading enabled;
  bool offered = false;
  std::string reason;
};

struct KeyExchangeState {
  std::string name;  // "Diffie-Hellman", "PKCS", "ECDH"
  std::string key;
  detail::DwordReading enabled;
  detail::DwordReading server_min_bits;  // ServerMinKeyBitLength
  detail::DwordReading client_min_bits;  // ClientMinKeyBitLength
  bool disabled() const { return enabled.value && *enabled.value == 0; }
  uint32_t effective_server_min = 0;     // registry or OS default (0 when not applicable)
  uint32_t effective_client_min = 0;
};

struct SuiteInfo {
  std::string name;                    // as configured
  std::string lookup_name;             // curve suffix (_P256/_P384/_P521) removed
  const registry::CipherSuite* suite = nullptr;  // nullptr for unknown names and SSL 2.0 suites
  bool modern = false;                 // TLS 1.3 suite, or forward-secret AEAD
  std::vector<std::string> weaknesses; // "NULL", "EXPORT", "ANON", "RC4", "DES", "RC2", "3DES", "MD5", "SSL2"
};
SuiteInfo classify_cipher_suite(const std::string& name);

enum class OrderSource { policy, local, os_default };
std::string_view order_source_name(OrderSource source);  // "policy", "local", "os_default"

struct CipherSuiteOrder {
  detail::StringListReading policy;      // Functions under kCipherSuitePolicyKey
  detail::StringListReading local;       // Functions under kCipherSuiteLocalKey
  detail::StringListReading ecc_curves;  // EccCurves under kCipherSuitePolicyKey
  OrderSource source = OrderSource::os_default;
  std::vector<SuiteInfo> suites;         // the list in effect (empty for os_default)
  const detail::StringListReading& in_effect() const { return source == OrderSource::local ? local : policy; }
};

struct SchannelState {
  std::vector<ProtocolState> protocols;  // kProtocols order
  std::vector<CipherKeyState> cipher_keys;
  std::vector<CipherGroupState> cipher_groups;  // kWeakCipherGroups order
  std::vector<HashState> hashes;                // MD5 first
  KeyExchangeState diffie_hellman, pkcs, ecdh;
  CipherSuiteOrder order;

  const ProtocolState& protocol(Protocol p) const;
  const CipherGroupState& cipher_group(CipherGroup g) const;
  const HashState* hash(const std::string& name) const;
};

SchannelState read_schannel_state(const winreg::Registry& registry, const WindowsVersion& os);

}  // namespace tlsready::policy::windows
