#include "assess/server_profile_from_scan.h"

#include <algorithm>

#include "assess/client_rules.h"
#include "model/protocol_version.h"

namespace tlsready::assess {
namespace {

bool weak_hash(const std::optional<std::string>& hash) { return hash && (*hash == "sha1" || *hash == "md5"); }

}  // namespace

model::ServerProfile server_profile_from_scan(const model::EndpointResult& result) {
  model::ServerProfile profile;
  profile.description = result.target.host + ":" + std::to_string(result.target.port);
  if (!result.started_at.empty()) profile.description += " (scan of " + result.started_at + ")";
  const bool groups_probed = result.checks.groups.status == model::CheckStatus::completed;
  for (const model::ProtocolResult& protocol : result.protocols) {
    if (!protocol.accepted) continue;
    const auto version = model::version_from_wire(protocol.version);
    if (!version) continue;
    model::ServerVersionOffer offer;
    offer.version = *version;
    offer.server_order = protocol.server_preference.value_or(false);
    offer.cipher_suites =
        offer.server_order && !protocol.preference_order.empty() ? protocol.preference_order : protocol.cipher_suites;
    offer.groups = protocol.groups;
    offer.groups_known = groups_probed;
    offer.dh_bits = protocol.dh_bits;
    offer.dhe_needs_ffdhe = protocol.dhe_needs_ffdhe.value_or(false);
    profile.versions.push_back(std::move(offer));
  }
  std::sort(profile.versions.begin(), profile.versions.end(),
            [](const auto& a, const auto& b) { return model::wire_code(a.version) < model::wire_code(b.version); });
  if (result.certificate && !result.certificate->analysis.certificates.empty()) {
    const auto& chain = result.certificate->analysis.certificates;
    const model::CertificateInfo& leaf = chain.front();
    if (!leaf.key_type.empty()) profile.certificate_key_type = leaf.key_type;
    if (leaf.key_bits > 0) profile.certificate_key_bits = leaf.key_bits;
    profile.certificate_signature_hash = signature_hash_of(leaf.signature_algorithm);
    // A root's own signature is not checked by clients (RFC 5280 §6.1: the trust anchor is input).
    for (const model::CertificateInfo& certificate : chain) {
      if (certificate.self_signed && &certificate != &leaf) continue;
      if (weak_hash(signature_hash_of(certificate.signature_algorithm))) profile.chain_has_sha1_signature = true;
    }
  }
  // A scan fact since the scan asks once without server_name; unknown (not asked): not required.
  profile.requires_sni = result.sni.required.value_or(false);
  profile.server_name = result.target.sni.value_or("");
  for (const model::Intolerance& intolerance : model::endpoint_intolerances(result)) {
    if (intolerance.kind == "hello_size") {
      profile.max_hello_bytes = intolerance.limit;
      profile.refused_hello_bytes = intolerance.refused_at;
    } else if (intolerance.kind == "suite_count") {
      profile.max_cipher_suites = intolerance.limit;
      profile.refused_cipher_suites = intolerance.refused_at;
    } else if (intolerance.kind == "extension" && intolerance.extension) {
      for (auto& offer : profile.versions) {
        const bool seen = std::find(intolerance.versions.begin(), intolerance.versions.end(),
                                    model::wire_code(offer.version)) != intolerance.versions.end();
        if (seen) offer.refused_extensions.push_back(*intolerance.extension);
      }
    }
  }
  return profile;
}

}  // namespace tlsready::assess
