// See client_hello_facts.h. Moved out of the pcap reader so the capture listener shares it.
#include "logs/client_hello_facts.h"

#include <optional>
#include <vector>

#include "common/hex.h"
#include "hellos/fingerprint.h"
#include "hellos/profile_match.h"

namespace tlsready::logs {

ClientHelloFacts facts_of(const codec::ClientHelloInfo& hello) {
  ClientHelloFacts facts;
  const hellos::Fingerprints fp = hellos::fingerprints(hello);
  facts.ja3 = fp.ja3;
  facts.ja3_hash = fp.ja3_hash;
  facts.ja4 = fp.ja4;
  facts.sni = hello.server_name.value_or("");
  facts.max_version = model::version_from_wire(hello.max_version());
  facts.max_version_raw = hex::code16(hello.max_version());
  for (uint16_t version : hello.offered_versions()) {
    if (const auto known = model::version_from_wire(version)) facts.offered_versions.push_back(*known);
  }
  for (uint16_t suite : hello.cipher_suites) {
    if (!codec::is_grease_value(suite)) facts.suites.push_back(suite);
  }
  facts.fallback_scsv = hello.fallback_scsv;
  facts.fallback_retry = hello.fallback_retry();
  facts.sslv2_format = hello.sslv2_format;
  facts.legacy_version_raw = hex::code16(hello.legacy_version);
  const auto without_grease = [](const std::vector<uint16_t>& values) {
    std::vector<uint16_t> kept;
    for (uint16_t value : values)
      if (!codec::is_grease_value(value)) kept.push_back(value);
    return kept;
  };
  facts.extensions = without_grease(hello.extensions);
  facts.supported_groups = without_grease(hello.supported_groups);
  facts.signature_algorithms = without_grease(hello.signature_algorithms);
  facts.alpn = hello.alpn;
  facts.renegotiation_scsv = hello.renegotiation_scsv;
  const std::vector<hellos::ProfileMatch> matches = hellos::match_profiles(hello, 1);
  std::optional<hellos::ProfileMatch> best;
  if (!matches.empty() && matches.front().profile) {
    best = matches.front();
    facts.matched_profile = best->profile->id;
    facts.match_score = best->score;
    facts.match_exact = best->exact;
  }
  const hellos::Tls12Capability capability = hellos::can_do_tls12(hello, best);
  facts.can_do_tls12 = capability.can;
  facts.can_do_tls12_basis = capability.basis;
  return facts;
}

}  // namespace tlsready::logs
