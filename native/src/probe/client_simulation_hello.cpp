#include "probe/client_simulation_hello.h"

#include <algorithm>

#include "assess/client_forecast.h"
#include "codec/byte_writer.h"
#include "codec/constants.h"

namespace tlsready::probe {
namespace {

using model::ProtocolVersion;
namespace ext = codec::extension_type;

bool lists(const std::vector<uint16_t>& extensions, uint16_t type) {
  return std::find(extensions.begin(), extensions.end(), type) != extensions.end();
}

// RFC 6066 §3: no IP literals in HostName (the codec leaves them out as well).
bool is_host_name(const std::string& name) {
  if (name.empty() || name.find(':') != std::string::npos) return false;
  return !std::all_of(name.begin(), name.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

uint16_t legacy_version(const model::ClientProfile& client) {
  return model::wire_code(std::min(client.max_version, ProtocolVersion::tls1_2));
}

}  // namespace

bool simulation_hello_sends_sni(const model::ClientProfile& client, const std::string& server_name) {
  return client.hello_format == model::HelloFormat::tls && client.sends_sni && is_host_name(server_name);
}

codec::ClientHelloSpec simulation_hello_spec(const model::ClientProfile& client, const std::string& server_name,
                                             const std::array<uint8_t, 32>& random) {
  codec::ClientHelloSpec spec;
  // RFC 8446 §5.1 / RFC 5246 Appendix E.1: clients put TLS 1.0 (SSLv3 clients: SSLv3) in the record.
  spec.record_version = client.max_version <= ProtocolVersion::ssl3 ? model::wire_code(ProtocolVersion::ssl3)
                                                                    : model::wire_code(ProtocolVersion::tls1_0);
  spec.client_version = legacy_version(client);
  spec.random = random;
  spec.cipher_suites = client.cipher_suites;
  spec.server_name = simulation_hello_sends_sni(client, server_name) ? server_name : std::string();
  spec.supported_groups = client.groups;
  // RFC 5246 §7.4.1.4.1: signature_algorithms only in hellos offering TLS 1.2 or later.
  if (client.max_version >= ProtocolVersion::tls1_2) spec.signature_algorithms = client.signature_algorithms;
  spec.alpn = client.alpn;

  const std::vector<uint16_t>& sent = client.extensions;
  spec.ec_point_formats = lists(sent, ext::ec_point_formats);
  spec.status_request = lists(sent, ext::status_request);
  spec.session_ticket = lists(sent, ext::session_ticket);
  spec.encrypt_then_mac = lists(sent, ext::encrypt_then_mac);
  spec.extended_master_secret = lists(sent, ext::extended_master_secret);
  spec.signed_certificate_timestamp = lists(sent, ext::signed_certificate_timestamp);
  spec.renegotiation_info = lists(sent, ext::renegotiation_info);
  spec.psk_key_exchange_modes = lists(sent, ext::psk_key_exchange_modes);
  spec.padding_workaround = lists(sent, ext::padding);

  if (client.max_version >= ProtocolVersion::tls1_3) {
    // RFC 8446 §4.2.1: supported_versions, preferred first.
    for (ProtocolVersion version = client.max_version;;
         version = static_cast<ProtocolVersion>(model::wire_code(version) - 1)) {
      if (version < client.min_version || version < ProtocolVersion::tls1_0) break;
      spec.supported_versions.push_back(model::wire_code(version));
    }
    // RFC 8446 §4.2.8: one share, for the first offered group we can build a key for.
    for (uint16_t group : client.groups) {
      if (!codec::probe_key_share(group).empty()) {
        spec.key_shares.push_back({group, {}});
        break;
      }
    }
    // RFC 8446 §D.4: middlebox compatibility mode sends a 32-byte legacy_session_id.
    spec.session_id.assign(random.rbegin(), random.rend());
  }

  // RFC 7685: the real client's hello is as big as its capture (extensions whose bodies the codec
  // does not reproduce: post-quantum key shares, compress_certificate ...); pad ours to that size so
  // that servers and middleboxes that refuse big hellos refuse it as they refuse the client's.
  const int real_bytes = assess::client_hello_bytes(client, spec.server_name);
  if (real_bytes > 5) spec.pad_to_message_bytes = static_cast<size_t>(real_bytes - 5);

  spec.send_extensions = !spec.server_name.empty() || !spec.supported_groups.empty() ||
                         !spec.signature_algorithms.empty() || !spec.alpn.empty() || !spec.supported_versions.empty() ||
                         spec.ec_point_formats || spec.status_request || spec.session_ticket || spec.encrypt_then_mac ||
                         spec.extended_master_secret || spec.signed_certificate_timestamp || spec.renegotiation_info;
  return spec;
}

std::vector<uint8_t> build_sslv2_compatible_hello(uint16_t client_version, const std::vector<uint16_t>& cipher_suites,
                                                  const std::array<uint8_t, 32>& challenge) {
  codec::ByteWriter body;
  body.u8(1);  // msg_type: client_hello
  body.u16(client_version);
  body.u16(static_cast<uint16_t>(cipher_suites.size() * 3));  // cipher_spec_length
  body.u16(0);                                                // session_id_length
  body.u16(static_cast<uint16_t>(challenge.size()));          // challenge_length (16..32)
  for (uint16_t suite : cipher_suites) {
    // RFC 5246 E.2: "V2CipherSpec ... TLS cipher suites are { 0x00, CipherSuite }".
    body.u8(0);
    body.u16(suite);
  }
  body.bytes(challenge);
  const std::vector<uint8_t>& data = body.data();
  // Two-byte header: high bit set, 15-bit length (draft-hickman-netscape-ssl-00 §2.2).
  std::vector<uint8_t> out(2 + data.size());
  out[0] = static_cast<uint8_t>(0x80 | ((data.size() >> 8) & 0x7f));
  out[1] = static_cast<uint8_t>(data.size() & 0xff);
  std::copy(data.begin(), data.end(), out.begin() + 2);
  return out;
}

std::vector<uint8_t> build_simulation_hello(const model::ClientProfile& client, const std::string& server_name,
                                            const std::array<uint8_t, 32>& random) {
  if (client.hello_format == model::HelloFormat::sslv2_compatible)
    return build_sslv2_compatible_hello(legacy_version(client), client.cipher_suites, random);
  return codec::build_client_hello(simulation_hello_spec(client, server_name, random));
}

}  // namespace tlsready::probe
