#include "probe/hello_templates.h"

#include <algorithm>
#include <random>

#include "codec/constants.h"
#include "registry/cipher_suite_registry.h"
#include "registry/group_registry.h"
#include "registry/protocol_version.h"

namespace tlsready::probe {
namespace {

namespace v = codec::wire_version;

// Signature schemes offered in TLS 1.2/1.3 hellos: the modern set plus SHA-1 and DSA pairs so
// that old servers with SHA-1-only keys still answer (IANA TLS SignatureScheme registry).
const std::vector<uint16_t> kSignatureAlgorithms = {
    0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806, 0x0809, 0x080a, 0x080b,
    0x0401, 0x0501, 0x0601, 0x0303, 0x0301, 0x0302, 0x0402, 0x0203, 0x0201, 0x0202};

std::array<uint8_t, 32> fresh_random() {
  std::array<uint8_t, 32> random{};
  std::random_device device;
  for (auto& byte : random) byte = static_cast<uint8_t>(device());
  return random;
}

}  // namespace

std::vector<uint16_t> offerable_suites(uint16_t version) {
  return registry::cipher_suites_for(static_cast<registry::ProtocolVersion>(version));
}

std::vector<uint16_t> default_tls12_groups() {
  std::vector<uint16_t> groups;
  for (const auto& group : registry::all_groups()) {
    // RFC 8422 §5.1.1 curves and x25519/x448 (0x0001..0x001E); the brainpool*tls13 and
    // arbitrary_explicit_* entries are not ECDHE curves for TLS <= 1.2.
    if ((group.kind == "ec" || group.kind == "montgomery") && group.code <= 0x001e) groups.push_back(group.code);
  }
  // Put the common curves first: some servers take the first shared curve of the client list.
  std::stable_partition(groups.begin(), groups.end(),
                        [](uint16_t g) { return g == 0x001d || g == 0x0017 || g == 0x0018; });
  return groups;
}

std::vector<uint16_t> default_tls13_groups() {
  std::vector<uint16_t> groups;
  for (const auto& group : registry::all_groups()) {
    if (group.tls13) groups.push_back(group.code);
  }
  std::stable_partition(groups.begin(), groups.end(),
                        [](uint16_t g) { return g == 0x001d || g == 0x0017 || g == 0x0018; });
  return groups;
}

codec::ClientHelloSpec hello_for_version(uint16_t version, std::vector<uint16_t> suites, const std::string& sni,
                                         std::vector<uint16_t> groups) {
  codec::ClientHelloSpec spec;
  spec.random = fresh_random();
  spec.server_name = sni;
  spec.cipher_suites = std::move(suites);
  if (version == v::ssl3) {
    // RFC 6101 clients sent no extensions; the SCSV stands in for renegotiation_info (RFC 5746 §3.3).
    spec.record_version = v::ssl3;
    spec.client_version = v::ssl3;
    spec.send_extensions = false;
    spec.cipher_suites.push_back(codec::cipher_suite_code::empty_renegotiation_info_scsv);
    return spec;
  }
  spec.record_version = v::tls1_0;
  if (version == v::tls1_3) {
    spec.client_version = v::tls1_2;
    spec.session_id.assign(32, 0x5a);  // RFC 8446 §D.4 middlebox compatibility
    spec.supported_versions = {v::tls1_3};
    spec.supported_groups = groups.empty() ? default_tls13_groups() : std::move(groups);
    for (uint16_t group : {uint16_t{0x001d}, uint16_t{0x0017}}) {
      if (std::find(spec.supported_groups.begin(), spec.supported_groups.end(), group) != spec.supported_groups.end())
        spec.key_shares.push_back({group, codec::probe_key_share(group)});
    }
    spec.signature_algorithms = kSignatureAlgorithms;
    return spec;
  }
  spec.client_version = version;
  spec.supported_groups = groups.empty() ? default_tls12_groups() : std::move(groups);
  if (version == v::tls1_2) spec.signature_algorithms = kSignatureAlgorithms;
  return spec;
}

}  // namespace tlsready::probe
