#include "assess/client_rules.h"

#include <algorithm>
#include <cctype>

#include "common/hex.h"
#include "registry/cipher_suite_registry.h"

namespace tlsready::assess {
namespace {

using model::ClientFailure;
using model::ProtocolVersion;

ClientJudgement fail(ClientFailure reason, std::string detail) { return {reason, std::move(detail)}; }

std::string version_text(ProtocolVersion version) { return std::string(model::display_name(version)); }

std::string suite_text(uint16_t suite) {
  const std::string name = registry::cipher_suite_name_or_hex(suite);
  const std::string code = hex::code16(suite);
  return name == code ? code : name + " (" + code + ")";
}

bool contains(const std::vector<uint16_t>& list, uint16_t value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_sha1_or_weaker(const std::string& hash) {
  return hash == "sha1" || hash == "md5" || hash == "md4" || hash == "md2";
}
bool is_sha2(const std::string& hash) {
  return hash == "sha224" || hash == "sha256" || hash == "sha384" || hash == "sha512";
}

// Rule 5: the server key against the client's size limits.
std::optional<ClientJudgement> judge_key(const model::ClientProfile& client, const ServerChoice& choice) {
  if (!choice.certificate_key_type || !choice.certificate_key_bits) return std::nullopt;
  const int bits = *choice.certificate_key_bits;
  const std::string& type = *choice.certificate_key_type;
  const std::string key = type + " " + std::to_string(bits) + "-bit";
  if (type == "RSA") {
    if (client.min_rsa_bits && bits < *client.min_rsa_bits)
      return fail(ClientFailure::certificate_key_rejected,
                  "refuses RSA keys below " + std::to_string(*client.min_rsa_bits) + " bits; the server's is " + key);
    if (client.max_rsa_bits && bits > *client.max_rsa_bits)
      return fail(
          ClientFailure::certificate_key_rejected,
          "cannot use RSA keys above " + std::to_string(*client.max_rsa_bits) + " bits; the server's is " + key);
  }
  if (type == "EC" && client.min_ecdsa_bits && bits < *client.min_ecdsa_bits)
    return fail(ClientFailure::certificate_key_rejected,
                "refuses EC keys below " + std::to_string(*client.min_ecdsa_bits) + " bits; the server's is " + key);
  return std::nullopt;
}

// Rule 6: the signatures of the served chain.
std::optional<ClientJudgement> judge_signature(const model::ClientProfile& client, const ServerChoice& choice) {
  const std::string hash = choice.certificate_signature_hash.value_or("");
  if (!client.accepts_sha1_certificates && (is_sha1_or_weaker(hash) || choice.chain_has_sha1_signature))
    return fail(ClientFailure::certificate_signature_unsupported,
                "refuses certificates signed with SHA-1; the server's chain has one");
  if (!client.supports_sha2_certificates && is_sha2(hash))
    return fail(ClientFailure::certificate_signature_unsupported,
                "cannot verify SHA-2 signatures; the server's certificate is signed with " + hash);
  return std::nullopt;
}

}  // namespace

std::vector<ProtocolVersion> offered_versions(const model::ClientProfile& client) {
  std::vector<ProtocolVersion> out;
  for (ProtocolVersion version : model::kAllProtocolVersions) {
    if (version >= client.min_version && version <= client.max_version) out.push_back(version);
  }
  return out;
}

bool client_accepts_suite(const model::ClientProfile& client, uint16_t suite) {
  if (!contains(client.cipher_suites, suite)) return false;
  if (!client.requires_aead && !client.requires_forward_secrecy) return true;
  const registry::CipherSuite* known = registry::find_cipher_suite(suite);
  if (known == nullptr) return false;  // properties unknown: a strict client would not take it
  if (client.requires_aead && known->mac != "AEAD") return false;
  if (client.requires_forward_secrecy && !known->forward_secret) return false;
  return true;
}

ClientJudgement judge_server_choice(const model::ClientProfile& client, const ServerChoice& choice) {
  // 1. RFC 8446 §4.1.3 / RFC 5246 §7.4.1.3: a version the client did not offer ends the handshake.
  if (choice.version < client.min_version || choice.version > client.max_version)
    return fail(ClientFailure::no_common_version, "offers " + version_text(client.min_version) + " to " +
                                                      version_text(client.max_version) + "; the server chose " +
                                                      version_text(choice.version));
  // 2. A suite the client did not offer (or refuses for what it is).
  if (!contains(client.cipher_suites, choice.cipher_suite))
    return fail(ClientFailure::no_common_suite,
                "the server chose " + suite_text(choice.cipher_suite) + ", which the client does not offer");
  if (!client_accepts_suite(client, choice.cipher_suite))
    return fail(ClientFailure::no_common_suite,
                "the server chose " + suite_text(choice.cipher_suite) + ", which the client refuses (" +
                    (client.requires_aead ? "it requires AEAD suites" : "it requires forward secrecy") + ")");
  // 3. RFC 8422 §5.1.1 / RFC 8446 §4.2.7: a group outside supported_groups (when sent).
  if (choice.group && !client.groups.empty() && !contains(client.groups, *choice.group))
    return fail(ClientFailure::no_common_group,
                "the server chose group " + hex::code16(*choice.group) + ", which the client does not offer");
  // 4. The DHE prime (RFC 5246 §7.4.3 ServerDHParams dh_p).
  if (choice.dh_bits) {
    if (client.min_dh_bits && *choice.dh_bits < *client.min_dh_bits)
      return fail(ClientFailure::dh_too_small, "refuses DH primes below " + std::to_string(*client.min_dh_bits) +
                                                   " bits; the server's is " + std::to_string(*choice.dh_bits));
    if (client.max_dh_bits && *choice.dh_bits > *client.max_dh_bits)
      return fail(ClientFailure::dh_too_large, "cannot use DH primes above " + std::to_string(*client.max_dh_bits) +
                                                   " bits; the server's is " + std::to_string(*choice.dh_bits));
  }
  if (auto key = judge_key(client, choice)) return *key;
  if (auto signature = judge_signature(client, choice)) return *signature;
  return {};
}

ClientJudgement judge_sni(const model::ClientProfile& client, bool server_requires_sni) {
  if (server_requires_sni && !client.sends_sni)
    return fail(ClientFailure::sni_required, "sends no server_name; the server requires it");
  return {};
}

std::optional<std::string> signature_hash_of(std::string_view signature_algorithm) {
  const std::string name = lower(signature_algorithm);
  if (name.find("ed25519") != std::string::npos || name.find("ed448") != std::string::npos) return "intrinsic";
  // Longest first: "sha512" must not be read as "sha1"... ("sha1" is no prefix of them, but
  // "sha3-256" must not be read as "sha256").
  for (const char* hash :
       {"sha3-512", "sha3-384", "sha3-256", "sha512", "sha384", "sha256", "sha224", "sha1", "md5", "md4", "md2"}) {
    if (name.find(hash) != std::string::npos) return std::string(hash);
  }
  return std::nullopt;
}

model::ClientFailure failure_for_alert(uint8_t alert_description, bool client_sent_sni) {
  // RFC 8446 §6 AlertDescription values.
  switch (alert_description) {
    case 112: return client_sent_sni ? ClientFailure::server_alert : ClientFailure::sni_required;  // unrecognized_name
    case 70: return ClientFailure::no_common_version;                                              // protocol_version
    case 40:                                                                                       // handshake_failure
    case 71: return ClientFailure::no_common_suite;  // insufficient_security
    case 50:                                         // decode_error
    case 22: return ClientFailure::hello_rejected;   // record_overflow
    default: return ClientFailure::server_alert;
  }
}

}  // namespace tlsready::assess
