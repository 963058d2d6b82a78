// ClientHello construction (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2, RFC 6101 §5.6.1.2) and the
// SSLv2 CLIENT-HELLO (draft-hickman-netscape-ssl-00 §2.5). Extension encodings cite their RFCs.
#include "codec/client_hello.h"

#include <algorithm>
#include <span>
#include <string_view>

#include "codec/byte_writer.h"
#include "codec/constants.h"
#include "codec/record.h"

namespace tlsready::codec {

namespace {

struct Extension {
  uint16_t type;
  std::vector<uint8_t> data;
};

// RFC 6066 §3: "Literal IPv4 and IPv6 addresses are not permitted in HostName."
// IPv6 literals contain ':' (never valid in a DNS name); a name made only of digits and dots is
// an IPv4 literal in one of the forms inet_aton accepts (no TLD is all-numeric).
bool is_ip_literal(std::string_view name) {
  if (name.find(':') != std::string_view::npos) return true;
  return std::all_of(name.begin(), name.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

// The host_name to send, or "" when SNI must be omitted.
std::string sni_host_name(std::string_view name) {
  if (name.size() >= 2 && name.front() == '[' && name.back() == ']') return {};  // bracketed IPv6
  if (!name.empty() && name.back() == '.') name.remove_suffix(1);  // RFC 6066 §3: no trailing dot
  if (name.empty() || is_ip_literal(name)) return {};
  return std::string(name);
}

template <typename Fill>
std::vector<uint8_t> encode(Fill fill) {
  ByteWriter w;
  fill(w);
  return w.take();
}

void u16_list(ByteWriter& w, int prefix, const std::vector<uint16_t>& values) {
  const size_t v = w.open_vector(prefix);
  for (uint16_t value : values) w.u16(value);
  w.close_vector(v);
}

std::vector<Extension> build_extensions(const ClientHelloSpec& spec) {
  std::vector<Extension> out;
  namespace ext = extension_type;

  // RFC 6066 §3: ServerNameList { NameType host_name(0); HostName opaque<1..2^16-1> }.
  if (const std::string host = sni_host_name(spec.server_name); !host.empty()) {
    out.push_back({ext::server_name, encode([&](ByteWriter& w) {
                     const size_t list = w.open_vector(2);
                     w.u8(0);
                     const size_t name = w.open_vector(2);
                     w.text(host);
                     w.close_vector(name);
                     w.close_vector(list);
                   })});
  }
  // RFC 8422 §5.1.2: ECPointFormatList with uncompressed(0) only.
  if (spec.ec_point_formats) {
    out.push_back({ext::ec_point_formats, {0x01, 0x00}});
  }
  // RFC 8446 §4.2.7 / RFC 8422 §5.1.1: NamedGroupList named_group_list<2..2^16-1>.
  if (!spec.supported_groups.empty()) {
    out.push_back({ext::supported_groups, encode([&](ByteWriter& w) { u16_list(w, 2, spec.supported_groups); })});
  }
  // RFC 5077 §3.2: empty SessionTicket asks for a new ticket.
  if (spec.session_ticket) out.push_back({ext::session_ticket, {}});
  // RFC 6066 §8: CertificateStatusRequest { ocsp(1), responder_id_list<0..>, request_extensions<0..> }.
  if (spec.status_request) out.push_back({ext::status_request, {0x01, 0x00, 0x00, 0x00, 0x00}});
  // RFC 8446 §4.2.3 / RFC 5246 §7.4.1.4.1: supported_signature_algorithms<2..2^16-2>.
  if (!spec.signature_algorithms.empty()) {
    out.push_back(
        {ext::signature_algorithms, encode([&](ByteWriter& w) { u16_list(w, 2, spec.signature_algorithms); })});
  }
  // RFC 7301 §3.1: ProtocolNameList protocol_name_list<2..2^16-1>, ProtocolName opaque<1..2^8-1>.
  if (!spec.alpn.empty()) {
    out.push_back({ext::alpn, encode([&](ByteWriter& w) {
                     const size_t list = w.open_vector(2);
                     for (const std::string& protocol : spec.alpn) {
                       const size_t name = w.open_vector(1);
                       w.text(protocol);
                       w.close_vector(name);
                     }
                     w.close_vector(list);
                   })});
  }
  // RFC 6962 §3.3.1: empty extension_data in the ClientHello.
  if (spec.signed_certificate_timestamp) out.push_back({ext::signed_certificate_timestamp, {}});
  // RFC 7366 §2 and RFC 7627 §5.1: empty extension_data.
  if (spec.encrypt_then_mac) out.push_back({ext::encrypt_then_mac, {}});
  if (spec.extended_master_secret) out.push_back({ext::extended_master_secret, {}});
  // RFC 5746 §3.2: initial handshake sends renegotiated_connection of length zero.
  if (spec.renegotiation_info) out.push_back({ext::renegotiation_info, {0x00}});

  if (!spec.supported_versions.empty()) {
    // RFC 8446 §4.2.1: ProtocolVersion versions<2..254>.
    out.push_back(
        {ext::supported_versions, encode([&](ByteWriter& w) { u16_list(w, 1, spec.supported_versions); })});
    // RFC 8446 §4.2.9: PskKeyExchangeMode ke_modes<1..255>; psk_dhe_ke(1).
    if (spec.psk_key_exchange_modes) out.push_back({ext::psk_key_exchange_modes, {0x01, 0x01}});
    // RFC 8446 §4.2.8: KeyShareEntry client_shares<0..2^16-1>; an empty list asks for an HRR.
    out.push_back({ext::key_share, encode([&](ByteWriter& w) {
                     const size_t shares = w.open_vector(2);
                     for (const KeyShareOffer& offer : spec.key_shares) {
                       std::vector<uint8_t> key = offer.public_key;
                       if (key.empty()) key = probe_key_share(offer.group);
                       if (key.empty()) continue;  // key_exchange<1..2^16-1>: nothing valid to send
                       w.u16(offer.group);
                       const size_t entry = w.open_vector(2);
                       w.bytes(key);
                       w.close_vector(entry);
                     }
                     w.close_vector(shares);
                   })});
  }
  return out;
}

std::vector<uint8_t> encode_message(const ClientHelloSpec& spec, const std::vector<Extension>& extensions) {
  ByteWriter w;
  w.u8(handshake_type::client_hello);
  const size_t message = w.open_vector(3);
  w.u16(spec.client_version);
  w.bytes(spec.random);
  const size_t session_id = w.open_vector(1);
  w.bytes(spec.session_id);
  w.close_vector(session_id);
  u16_list(w, 2, spec.cipher_suites);
  w.u8(1);  // compression_methods<1..2^8-1> = { null(0) }
  w.u8(0);
  if (spec.send_extensions) {
    const size_t block = w.open_vector(2);
    for (const Extension& e : extensions) {
      w.u16(e.type);
      const size_t data = w.open_vector(2);
      w.bytes(e.data);
      w.close_vector(data);
    }
    w.close_vector(block);
  }
  w.close_vector(message);
  return w.take();
}

}  // namespace

std::vector<uint8_t> build_client_hello_message(const ClientHelloSpec& spec) {
  std::vector<Extension> extensions = build_extensions(spec);
  std::vector<uint8_t> message = encode_message(spec, extensions);
  // RFC 7685 §4 (the F5 workaround): a ClientHello whose length is 256..511 bytes is padded to
  // 512. The padding extension costs 4 bytes of header; at least one byte of data is kept because
  // some servers reject a zero-length last extension.
  if (!spec.send_extensions) return message;
  size_t target = std::max(message.size(), spec.pad_to_message_bytes);
  if (spec.padding_workaround && target >= 256 && target < 512) target = 512;
  if (target > message.size()) {
    const size_t needed = target - message.size();
    const size_t pad = needed > 4 + 1 ? needed - 4 : 1;
    extensions.push_back({extension_type::padding, std::vector<uint8_t>(pad, 0)});
    message = encode_message(spec, extensions);
  }
  return message;
}

std::vector<uint8_t> build_client_hello(const ClientHelloSpec& spec) {
  const std::vector<uint8_t> message = build_client_hello_message(spec);
  // One record unless the message exceeds 2^14 bytes (RFC 8446 §5.1: handshake messages may be
  // fragmented across records).
  constexpr size_t kMaxFragment = 16384;
  std::vector<uint8_t> out;
  const std::span<const uint8_t> all(message);
  for (size_t offset = 0; offset < all.size(); offset += kMaxFragment) {
    const auto part = all.subspan(offset, std::min(kMaxFragment, all.size() - offset));
    const std::vector<uint8_t> record = encode_record(ContentType::handshake, spec.record_version, part);
    out.insert(out.end(), record.begin(), record.end());
  }
  return out;
}

std::vector<uint8_t> build_sslv2_client_hello(const std::array<uint8_t, 16>& challenge) {
  // draft-hickman-netscape-ssl-00 App. C cipher kinds (3 bytes each).
  static constexpr uint8_t kCipherKinds[][3] = {
      {0x01, 0x00, 0x80},  // SSL_CK_RC4_128_WITH_MD5
      {0x02, 0x00, 0x80},  // SSL_CK_RC4_128_EXPORT40_WITH_MD5
      {0x03, 0x00, 0x80},  // SSL_CK_RC2_128_CBC_WITH_MD5
      {0x04, 0x00, 0x80},  // SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5
      {0x05, 0x00, 0x80},  // SSL_CK_IDEA_128_CBC_WITH_MD5
      {0x06, 0x00, 0x40},  // SSL_CK_DES_64_CBC_WITH_MD5
      {0x07, 0x00, 0xc0},  // SSL_CK_DES_192_EDE3_CBC_WITH_MD5
  };
  ByteWriter body;
  body.u8(1);                          // MSG-CLIENT-HELLO
  body.u16(wire_version::ssl2);        // CLIENT-VERSION
  body.u16(static_cast<uint16_t>(sizeof kCipherKinds));  // CIPHER-SPECS-LENGTH
  body.u16(0);                         // SESSION-ID-LENGTH
  body.u16(static_cast<uint16_t>(challenge.size()));  // CHALLENGE-LENGTH
  for (const auto& kind : kCipherKinds) body.bytes(kind);
  body.bytes(challenge);
  const std::vector<uint8_t>& data = body.data();

  // Two-byte record header: high bit set, 15-bit length (§2.2).
  std::vector<uint8_t> out;
  out.push_back(static_cast<uint8_t>(0x80 | (data.size() >> 8)));
  out.push_back(static_cast<uint8_t>(data.size() & 0xff));
  out.insert(out.end(), data.begin(), data.end());
  return out;
}

}  // namespace tlsready::codec
