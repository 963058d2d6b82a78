// SCHANNEL cipher, hash and key-exchange findings: weak ciphers and MD5 that Schannel can still
// negotiate, and Diffie-Hellman / RSA key sizes below 2048 bits.
// Sources: Microsoft Learn, "TLS registry settings" (Ciphers, Hashes, KeyExchangeAlgorithms) and
// "Cipher Suites in TLS/SSL (Schannel SSP)"; Security Advisory 3174644 (DH key size).
#include "policy/windows/windows_rules.h"

namespace tlsready::policy::windows::rules {
namespace {

void weak_cipher_groups(const RuleContext& context) {
  const std::string ciphers_key = std::string(kSchannelKey) + "\\Ciphers";
  for (const CipherGroupState& group : context.audit.schannel.cipher_groups) {
    if (!group.offered) continue;
    std::vector<std::string> keys;
    std::vector<RegistryChange> changes;
    for (const std::string& name : group.key_names) {
      // Only the spellings Windows itself uses, plus any other spelling present in the registry.
      std::string key = ciphers_key;
      key += '\\';
      key += name;
      if (name == "Triple DES 168/168" && context.registry.find_key(key) == nullptr) continue;
      keys.push_back("SCHANNEL\\Ciphers\\" + name);
      changes.push_back(dword_change(key, "Enabled", 0));
    }
    Finding& f = context.findings.add("SCHANNEL-CIPHER-" + std::string(cipher_group_token(group.group)) + "-ENABLED",
                                      {{"cipher_keys", detail::join(keys, ", ")}});
    f.evidence.push_back({ciphers_key, group.reason});
    for (const CipherKeyState& key : context.audit.schannel.cipher_keys) {
      if (key.group == group.group && key.enabled.present) {
        f.evidence.push_back({key.enabled.location(), "Enabled = " + key.enabled.observed()});
      }
    }
    f.registry_changes = std::move(changes);
  }
}

void md5_hash(const RuleContext& context) {
  const HashState* md5 = context.audit.schannel.hash("MD5");
  if (md5 == nullptr || !md5->offered) return;
  const std::string key = std::string(kSchannelKey) + "\\Hashes\\MD5";
  Finding& f = context.findings.add("SCHANNEL-HASH-MD5-ENABLED");
  f.evidence.push_back({key, md5->reason});
  f.registry_changes.push_back(dword_change(key, "Enabled", 0));
}

constexpr uint32_t kMinKeyBits = 2048;

void key_sizes(const RuleContext& context) {
  const KeyExchangeState& dh = context.audit.schannel.diffie_hellman;
  if (!dh.disabled() && dh.effective_server_min < kMinKeyBits) {
    Finding& f =
        context.findings.add("SCHANNEL-DH-SERVER-MIN-WEAK", {{"bits", std::to_string(dh.effective_server_min)}});
    f.evidence.push_back(evidence(dh.server_min_bits, "OS default: " + std::to_string(dh.effective_server_min) +
                                                          " bits on " +
                                                          std::string(family_name(context.audit.os.family))));
    f.registry_changes.push_back(dword_change(dh.key, "ServerMinKeyBitLength", kMinKeyBits));
  }
  if (!dh.disabled() && dh.client_min_bits.value && *dh.client_min_bits.value < kMinKeyBits) {
    Finding& f =
        context.findings.add("SCHANNEL-DH-CLIENT-MIN-WEAK", {{"bits", std::to_string(*dh.client_min_bits.value)}});
    f.evidence.push_back(evidence(dh.client_min_bits, ""));
    f.registry_changes.push_back(dword_change(dh.key, "ClientMinKeyBitLength", kMinKeyBits));
  }
  const KeyExchangeState& pkcs = context.audit.schannel.pkcs;
  if (pkcs.client_min_bits.value && *pkcs.client_min_bits.value < kMinKeyBits) {
    Finding& f =
        context.findings.add("SCHANNEL-RSA-CLIENT-MIN-WEAK", {{"bits", std::to_string(*pkcs.client_min_bits.value)}});
    f.evidence.push_back(evidence(pkcs.client_min_bits, ""));
    f.registry_changes.push_back(dword_change(pkcs.key, "ClientMinKeyBitLength", kMinKeyBits));
  }
}

}  // namespace

void schannel_algorithm_findings(const RuleContext& context) {
  weak_cipher_groups(context);
  md5_hash(context);
  key_sizes(context);
}

}  // namespace tlsready::policy::windows::rules
