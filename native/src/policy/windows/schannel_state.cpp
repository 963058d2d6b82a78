#include "policy/windows/schannel_state.h"

#include <algorithm>
#include <set>

namespace tlsready::policy::windows {

namespace {

using detail::DwordReading;
using detail::iequals;
using detail::read_dword;

const std::string kSchannel(kSchannelKey);

struct CipherKeyName {
  const char* name;
  std::optional<CipherGroup> group;
};

// SCHANNEL\Ciphers subkeys as IIS Crypto and Microsoft's KB 245030 name them.
const std::vector<CipherKeyName>& known_cipher_keys() {
  static const std::vector<CipherKeyName> keys = {
      {"NULL", CipherGroup::null_cipher},
      {"DES 56/56", CipherGroup::des},
      {"RC2 40/128", CipherGroup::export_grade},
      {"RC2 56/128", CipherGroup::export_grade},
      {"RC2 128/128", CipherGroup::rc2},
      {"RC4 40/128", CipherGroup::export_grade},
      {"RC4 56/128", CipherGroup::export_grade},
      {"RC4 64/128", CipherGroup::rc4},
      {"RC4 128/128", CipherGroup::rc4},
      {"Triple DES 168", CipherGroup::triple_des},
      {"Triple DES 168/168", CipherGroup::triple_des},
      {"AES 128/128", std::nullopt},
      {"AES 256/256", std::nullopt},
  };
  return keys;
}

// The key whose Enabled=0 takes every default suite of the family away.
std::vector<std::string> primary_keys(CipherGroup group) {
  switch (group) {
    case CipherGroup::null_cipher: return {"NULL"};
    case CipherGroup::des: return {"DES 56/56"};
    case CipherGroup::rc2: return {"RC2 128/128"};
    case CipherGroup::rc4: return {"RC4 128/128"};
    case CipherGroup::export_grade: return {"RC2 40/128", "RC2 56/128", "RC4 40/128", "RC4 56/128"};
    case CipherGroup::triple_des: return {"Triple DES 168"};
  }
  return {};
}

bool suite_in_group(const SuiteInfo& info, CipherGroup group) {
  auto has = [&](const char* weakness) {
    return std::find(info.weaknesses.begin(), info.weaknesses.end(), weakness) != info.weaknesses.end();
  };
  switch (group) {
    case CipherGroup::null_cipher: return has("NULL");
    case CipherGroup::des: return has("DES") && !has("EXPORT");
    case CipherGroup::rc2: return has("RC2") && !has("EXPORT");
    case CipherGroup::rc4: return has("RC4") && !has("EXPORT");
    case CipherGroup::export_grade: return has("EXPORT");
    case CipherGroup::triple_des: return has("3DES");
  }
  return false;
}

RoleState read_role(const winreg::Registry& registry, const WindowsVersion& os, Protocol protocol, Role role) {
  RoleState state;
  state.protocol = protocol;
  state.role = role;
  state.key = protocol_role_key(protocol, role);
  ProtocolDefault defaults = schannel_protocol_default(os, protocol);
  state.supported = defaults.supported;
  state.os_default_enabled = defaults.enabled(role);
  state.os_default_disabled_by_default = defaults.disabled_by_default(role);
  state.enabled_value = read_dword(registry, state.key, "Enabled");
  state.disabled_by_default_value = read_dword(registry, state.key, "DisabledByDefault");
  if (!state.supported) {
    state.enabled = false;
    state.disabled_by_default = true;
    return state;
  }
  if (state.enabled_value.value) {
    state.enabled = *state.enabled_value.value != 0;
    state.enabled_from_registry = true;
  } else {
    state.enabled = state.os_default_enabled;
  }
  if (state.disabled_by_default_value.value) {
    state.disabled_by_default = *state.disabled_by_default_value.value != 0;
    state.disabled_by_default_from_registry = true;
  } else {
    state.disabled_by_default = state.os_default_disabled_by_default;
  }
  return state;
}

KeyExchangeState read_key_exchange(const winreg::Registry& registry, const std::string& name) {
  KeyExchangeState state;
  state.name = name;
  state.key = kSchannel + "\\KeyExchangeAlgorithms\\" + name;
  state.enabled = read_dword(registry, state.key, "Enabled");
  state.server_min_bits = read_dword(registry, state.key, "ServerMinKeyBitLength");
  state.client_min_bits = read_dword(registry, state.key, "ClientMinKeyBitLength");
  return state;
}

std::string strip_curve_suffix(const std::string& name) {
  for (const char* suffix : {"_P256", "_P384", "_P521"}) {
    const std::string s(suffix);
    if (name.size() > s.size() && detail::iequals(std::string_view(name).substr(name.size() - s.size()), s)) {
      return name.substr(0, name.size() - s.size());
    }
  }
  return name;
}

}  // namespace

std::string protocol_role_key(Protocol protocol, Role role) {
  return kSchannel + "\\Protocols\\" + std::string(protocol_key_name(protocol)) + "\\" + std::string(role_name(role));
}

std::string_view role_status_name(RoleStatus status) {
  switch (status) {
    case RoleStatus::unsupported: return "unsupported";
    case RoleStatus::disabled: return "disabled";
    case RoleStatus::on_request: return "on_request";
    case RoleStatus::enabled: return "enabled";
  }
  return "unknown";
}

RoleStatus RoleState::status() const {
  if (!supported) return RoleStatus::unsupported;
  if (!enabled) return RoleStatus::disabled;
  if (disabled_by_default) return RoleStatus::on_request;
  return RoleStatus::enabled;
}

bool RoleState::enabled_on_unsupported_os() const {
  return !supported && enabled_value.value && *enabled_value.value != 0;
}

bool RoleState::half_set() const {
  if (!supported) return false;
  const bool has_enabled = enabled_value.value.has_value();
  const bool has_dbd = disabled_by_default_value.value.has_value();
  if (has_enabled != has_dbd) return true;
  if (!has_enabled) return false;
  const bool on = *enabled_value.value != 0;
  const bool off_by_default = *disabled_by_default_value.value != 0;
  return on == off_by_default;  // Enabled=1 + DBD=1, or Enabled=0 + DBD=0
}

std::vector<std::string> RoleState::value_problems() const {
  std::vector<std::string> problems;
  for (const DwordReading* reading : {&enabled_value, &disabled_by_default_value}) {
    if (!reading->present) continue;
    if (reading->wrong_type) {
      problems.push_back(reading->name + " is " + detail::type_name(reading->type) +
                         (reading->value ? " (read as a DWORD, but should be REG_DWORD)" : " (ignored: not a REG_DWORD)"));
      continue;
    }
    const uint32_t v = reading->value.value_or(0);
    const bool allowed = v == 0 || v == 1 || (reading == &enabled_value && v == 0xFFFFFFFFu);
    if (!allowed) {
      problems.push_back(reading->name + " = " + detail::hex32(v) + " (only 0 or 1 are documented; Schannel reads " +
                         (v != 0 ? "it as nonzero" : "zero") + ")");
    }
  }
  return problems;
}

std::string RoleState::describe() const {
  std::string text(role_status_name(status()));
  if (!supported) {
    text += " (not implemented by Schannel on this Windows";
    if (enabled_value.present || disabled_by_default_value.present) text += "; registry values ignored";
    return text + ")";
  }
  auto part = [](const DwordReading& reading, bool from_registry, bool os_default) {
    std::string s = reading.name + " ";
    if (from_registry) return s + "= " + reading.observed();
    if (reading.present) s += reading.observed() + " -> ";
    else s += "absent -> ";
    return s + "OS default " + (os_default ? "1" : "0");
  };
  text += " (" + part(enabled_value, enabled_from_registry, os_default_enabled) + "; " +
          part(disabled_by_default_value, disabled_by_default_from_registry, os_default_disabled_by_default) + ")";
  return text;
}

SuiteInfo classify_cipher_suite(const std::string& name) {
  SuiteInfo info;
  info.name = name;
  info.lookup_name = strip_curve_suffix(name);
  if (detail::istarts_with(info.lookup_name, "SSL_CK_")) {
    info.weaknesses.push_back("SSL2");
    const std::string upper = info.lookup_name;
    if (upper.find("EXPORT") != std::string::npos) info.weaknesses.push_back("EXPORT");
    if (upper.find("RC4") != std::string::npos) info.weaknesses.push_back("RC4");
    if (upper.find("RC2") != std::string::npos) info.weaknesses.push_back("RC2");
    if (upper.find("DES_192_EDE3") != std::string::npos) info.weaknesses.push_back("3DES");
    else if (upper.find("DES") != std::string::npos) info.weaknesses.push_back("DES");
    if (upper.find("MD5") != std::string::npos) info.weaknesses.push_back("MD5");
    return info;
  }
  info.suite = registry::find_cipher_suite_by_name(info.lookup_name);
  if (info.suite == nullptr) return info;
  const registry::CipherSuite& s = *info.suite;
  const bool tls13 = std::find(s.protocols.begin(), s.protocols.end(), registry::ProtocolVersion::tls1_3) !=
                     s.protocols.end();
  info.modern = !s.anonymous && !s.null_cipher && (tls13 || (s.forward_secret && s.mac == "AEAD"));
  if (s.null_cipher) info.weaknesses.push_back("NULL");
  if (s.export_grade) info.weaknesses.push_back("EXPORT");
  if (s.anonymous) info.weaknesses.push_back("ANON");
  if (s.cipher.rfind("RC4", 0) == 0) info.weaknesses.push_back("RC4");
  if (s.cipher.rfind("RC2", 0) == 0) info.weaknesses.push_back("RC2");
  if (s.cipher == "3DES") info.weaknesses.push_back("3DES");
  else if (s.cipher.rfind("DES", 0) == 0) info.weaknesses.push_back("DES");
  if (s.mac == "MD5") info.weaknesses.push_back("MD5");
  return info;
}

std::string_view order_source_name(OrderSource source) {
  switch (source) {
    case OrderSource::policy: return "policy";
    case OrderSource::local: return "local";
    case OrderSource::os_default: return "os_default";
  }
  return "unknown";
}

const ProtocolState& SchannelState::protocol(Protocol p) const {
  for (const ProtocolState& state : protocols) {
    if (state.protocol == p) return state;
  }
  throw std::out_of_range("protocol not read");
}

const CipherGroupState& SchannelState::cipher_group(CipherGroup g) const {
  for (const CipherGroupState& state : cipher_groups) {
    if (state.group == g) return state;
  }
  throw std::out_of_range("cipher group not read");
}

const HashState* SchannelState::hash(const std::string& name) const {
  for (const HashState& state : hashes) {
    if (iequals(state.name, name)) return &state;
  }
  return nullptr;
}

SchannelState read_schannel_state(const winreg::Registry& registry, const WindowsVersion& os) {
  SchannelState state;
  for (Protocol protocol : kProtocols) {
    ProtocolState p;
    p.protocol = protocol;
    p.client = read_role(registry, os, protocol, Role::client);
    p.server = read_role(registry, os, protocol, Role::server);
    state.protocols.push_back(std::move(p));
  }

  // Cipher suite order: policy (GPO "SSL Cipher Suite Order") wins over the local list.
  CipherSuiteOrder& order = state.order;
  order.policy = detail::read_string_list(registry, std::string(kCipherSuitePolicyKey), "Functions");
  order.local = detail::read_string_list(registry, std::string(kCipherSuiteLocalKey), "Functions");
  order.ecc_curves = detail::read_string_list(registry, std::string(kCipherSuitePolicyKey), "EccCurves");
  if (order.policy.present && !order.policy.items.empty()) order.source = OrderSource::policy;
  else if (order.local.present && !order.local.items.empty()) order.source = OrderSource::local;
  if (order.source != OrderSource::os_default) {
    for (const std::string& name : order.in_effect().items) order.suites.push_back(classify_cipher_suite(name));
  }

  // Cipher keys: every known name plus any other subkey present.
  std::set<std::string> seen;
  const std::string ciphers_key = kSchannel + "\\Ciphers";
  for (const CipherKeyName& known : known_cipher_keys()) {
    CipherKeyState key;
    key.name = known.name;
    key.group = known.group;
    key.enabled = read_dword(registry, ciphers_key + "\\" + key.name, "Enabled");
    seen.insert(detail::to_lower_ascii(key.name));
    state.cipher_keys.push_back(std::move(key));
  }
  for (const std::string& sub : registry.subkeys(ciphers_key)) {
    if (seen.count(detail::to_lower_ascii(sub)) != 0) continue;
    CipherKeyState key;
    key.name = sub;
    key.enabled = read_dword(registry, ciphers_key + "\\" + sub, "Enabled");
    state.cipher_keys.push_back(std::move(key));
  }
  auto key_state = [&](const std::string& name) -> const CipherKeyState* {
    for (const CipherKeyState& key : state.cipher_keys) {
      if (iequals(key.name, name)) return &key;
    }
    return nullptr;
  };

  for (CipherGroup group : kWeakCipherGroups) {
    CipherGroupState g;
    g.group = group;
    for (const CipherKeyState& key : state.cipher_keys) {
      if (key.group == group) g.key_names.push_back(key.name);
    }
    for (const SuiteInfo& suite : order.suites) {
      if (suite_in_group(suite, group)) g.policy_suites.push_back(suite.name);
    }
    std::vector<std::string> explicitly_enabled;
    for (const CipherKeyState& key : state.cipher_keys) {
      if (key.group == group && key.explicitly_enabled()) explicitly_enabled.push_back(key.enabled.location() + " = " + key.enabled.observed());
    }
    bool primary_disabled = true;
    for (const std::string& name : primary_keys(group)) {
      const CipherKeyState* key = key_state(name);
      if (key == nullptr || !key->explicitly_disabled()) primary_disabled = false;
    }
    if (!explicitly_enabled.empty()) {
      g.offered = true;
      g.reason = "registry: " + detail::join(explicitly_enabled, "; ");
    } else if (primary_disabled) {
      g.offered = false;
      g.reason = "registry: Enabled = 0 under SCHANNEL\\Ciphers\\" + detail::join(primary_keys(group), ", ");
    } else if (order.source != OrderSource::os_default) {
      g.offered = !g.policy_suites.empty();
      g.reason = std::string(order_source_name(order.source)) + " cipher suite order " +
                 (g.offered ? "lists " + detail::join(g.policy_suites, ", ") : "lists no such suite");
    } else {
      g.offered = cipher_group_offered_by_default(os, group);
      g.reason = std::string("absent (OS default: ") +
                 (g.offered ? "a default-enabled cipher suite uses it" : "no default-enabled cipher suite uses it") + ")";
    }
    state.cipher_groups.push_back(std::move(g));
  }

  // Hashes: MD5 matters (RC4_128_MD5, NULL_MD5, export RC4_40_MD5); the others are listed for the state.
  const std::string hashes_key = kSchannel + "\\Hashes";
  for (const char* name : {"MD5", "SHA", "SHA256", "SHA384", "SHA512"}) {
    HashState hash;
    hash.name = name;
    hash.enabled = read_dword(registry, hashes_key + "\\" + name, "Enabled");
    if (hash.enabled.value) {
      hash.offered = *hash.enabled.value != 0;
      hash.reason = "registry: " + hash.enabled.location() + " = " + hash.enabled.observed();
    } else if (hash.name != "MD5") {
      hash.offered = true;
      hash.reason = "absent (OS default: enabled)";
    } else if (order.source != OrderSource::os_default) {
      std::vector<std::string> md5_suites;
      for (const SuiteInfo& suite : order.suites) {
        if (std::find(suite.weaknesses.begin(), suite.weaknesses.end(), "MD5") != suite.weaknesses.end())
          md5_suites.push_back(suite.name);
      }
      hash.offered = !md5_suites.empty();
      hash.reason = std::string(order_source_name(order.source)) + " cipher suite order " +
                    (hash.offered ? "lists " + detail::join(md5_suites, ", ") : "lists no MD5 suite");
    } else {
      // The only default-enabled MD5 suite is TLS_RSA_WITH_RC4_128_MD5: MD5 is in play where RC4 is.
      hash.offered = state.cipher_group(CipherGroup::rc4).offered;
      hash.reason = std::string("absent (OS default: ") +
                    (hash.offered ? "TLS_RSA_WITH_RC4_128_MD5 is in the default list" : "no default-enabled suite uses MD5") +
                    ")";
    }
    state.hashes.push_back(std::move(hash));
  }

  state.diffie_hellman = read_key_exchange(registry, "Diffie-Hellman");
  state.diffie_hellman.effective_server_min = state.diffie_hellman.server_min_bits.value
                                                  ? *state.diffie_hellman.server_min_bits.value
                                                  : default_key_bits(os, KeySetting::dh_server_min_bits);
  state.diffie_hellman.effective_client_min = state.diffie_hellman.client_min_bits.value
                                                  ? *state.diffie_hellman.client_min_bits.value
                                                  : default_key_bits(os, KeySetting::dh_client_min_bits);
  state.pkcs = read_key_exchange(registry, "PKCS");
  state.pkcs.effective_client_min = state.pkcs.client_min_bits.value ? *state.pkcs.client_min_bits.value
                                                                     : default_key_bits(os, KeySetting::pkcs_client_min_bits);
  state.ecdh = read_key_exchange(registry, "ECDH");
  return state;
}

}  // namespace tlsready::policy::windows
