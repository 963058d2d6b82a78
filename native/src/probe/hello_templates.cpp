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

// `small` hellos: the signature schemes and groups nearly every server has.
const std::vector<uint16_t> kSmallSignatureAlgorithms = {0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0201};
const std::vector<uint16_t> kSmallTls12Groups = {0x001d, 0x0017, 0x0018, 0x0100};
const std::vector<uint16_t> kSmallTls13Groups = {0x001d, 0x0017, 0x0018};

// RFC 7919 §2 / IANA Supported Groups: ffdhe2048 .. ffdhe8192.
const std::vector<uint16_t> kFfdheGroups = {0x0100, 0x0101, 0x0102, 0x0103, 0x0104};

constexpr uint16_t kPrivateUseFirst = 0xff00;  // RFC 8447 §8: 0xFF00-0xFFFF private use

std::array<uint8_t, 32> fresh_random() {
  std::array<uint8_t, 32> random{};
  std::random_device device;
  for (auto& byte : random) byte = static_cast<uint8_t>(device());
  return random;
}

}  // namespace

std::vector<uint16_t> offerable_suites(uint16_t version) {
  if (version == v::tls1_3) return registry::cipher_suites_for(registry::ProtocolVersion::tls1_3);
  std::vector<uint16_t> codes;
  for (const auto& suite : registry::all_cipher_suites()) {
    const bool tls13_only = suite.protocols.size() == 1 && suite.protocols.front() == registry::ProtocolVersion::tls1_3;
    if (!suite.scsv && !tls13_only && suite.code < kPrivateUseFirst) codes.push_back(suite.code);
  }
  for (uint32_t code = kPrivateUseFirst; code <= 0xffff; ++code) codes.push_back(static_cast<uint16_t>(code));
  return codes;
}

std::vector<uint16_t> optional_extensions(uint16_t version) {
  namespace ext = codec::extension_type;
  if (version == v::ssl3) return {};
  std::vector<uint16_t> list = {ext::status_request, ext::session_ticket, ext::extended_master_secret};
  if (version == v::tls1_3) list.push_back(ext::psk_key_exchange_modes);
  return list;
}

void set_optional_extension(codec::ClientHelloSpec& spec, uint16_t extension, bool on) {
  namespace ext = codec::extension_type;
  switch (extension) {
    case ext::status_request: spec.status_request = on; break;
    case ext::session_ticket: spec.session_ticket = on; break;
    case ext::extended_master_secret: spec.extended_master_secret = on; break;
    case ext::psk_key_exchange_modes: spec.psk_key_exchange_modes = on; break;
    default: break;
  }
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

namespace {
codec::ClientHelloSpec hello_for_version_full(uint16_t version, std::vector<uint16_t> suites, const std::string& sni,
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
  if (groups.empty()) {
    groups = default_tls12_groups();
    groups.insert(groups.end(), kFfdheGroups.begin(), kFfdheGroups.end());
  }
  spec.supported_groups = std::move(groups);
  if (version == v::tls1_2) spec.signature_algorithms = kSignatureAlgorithms;
  return spec;
}
}  // namespace

namespace {

void apply_shape(codec::ClientHelloSpec& spec, uint16_t version, HelloShape shape, bool default_groups) {
  if (shape == HelloShape::full || version == v::ssl3) return;
  for (uint16_t extension : optional_extensions(version)) set_optional_extension(spec, extension, false);
  spec.padding_workaround = false;
  if (shape != HelloShape::small) return;
  if (!spec.signature_algorithms.empty()) spec.signature_algorithms = kSmallSignatureAlgorithms;
  if (default_groups) spec.supported_groups = version == v::tls1_3 ? kSmallTls13Groups : kSmallTls12Groups;
  if (version == v::tls1_3) {
    spec.session_id.clear();  // RFC 8446 §D.4 makes the 32-byte compatibility id optional
    if (spec.key_shares.size() > 1) spec.key_shares.resize(1);
  }
}

}  // namespace

codec::ClientHelloSpec hello_for_version(uint16_t version, std::vector<uint16_t> suites, const std::string& sni,
                                         std::vector<uint16_t> groups, HelloShape shape) {
  const bool default_groups = groups.empty();
  codec::ClientHelloSpec spec = hello_for_version_full(version, std::move(suites), sni, std::move(groups));
  apply_shape(spec, version, shape, default_groups);
  return spec;
}


}  // namespace tlsready::probe
