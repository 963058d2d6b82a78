// Parsers for the server's cleartext handshake messages. Each reads through ByteReader only,
// rejects truncation and trailing bytes, and on failure leaves `out` untouched and names the
// field in `why`.
#include "codec/server_messages.h"

#include <algorithm>
#include <bit>
#include <utility>

#include "codec/byte_reader.h"
#include "codec/constants.h"
#include "common/hex.h"

namespace tlsready::codec {

namespace {

// RFC 8446 §4.1.3: HelloRetryRequest.random = SHA-256("HelloRetryRequest").
constexpr std::array<uint8_t, 32> kHelloRetryRequestRandom = {
    0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
    0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C};

// RFC 8446 §4.1.3: last 8 bytes of ServerHello.random when a TLS 1.3 server negotiates
// TLS 1.2 ("DOWNGRD" 01) or TLS 1.1 and below ("DOWNGRD" 00).
constexpr std::array<uint8_t, 7> kDowngradePrefix = {0x44, 0x4F, 0x57, 0x4E, 0x47, 0x52, 0x44};

bool fail(std::string& why, std::string message) {
  why = std::move(message);
  return false;
}

std::string hex16(uint16_t value) { return hex::code(value, 4, hex::Case::lower); }

DowngradeSentinel downgrade_sentinel(const std::array<uint8_t, 32>& random) {
  if (!std::equal(kDowngradePrefix.begin(), kDowngradePrefix.end(), random.begin() + 24)) {
    return DowngradeSentinel::none;
  }
  if (random[31] == 0x01) return DowngradeSentinel::tls12;
  if (random[31] == 0x00) return DowngradeSentinel::tls11_or_below;
  return DowngradeSentinel::none;
}

// Reads one ServerHello extension body into `sh`; unknown types are only listed.
bool parse_server_hello_extension(uint16_t type, ByteReader data, ServerHello& sh, std::string& why) {
  namespace ext = extension_type;
  switch (type) {
    case ext::supported_versions: {
      // RFC 8446 §4.2.1: ServerHello/HRR carry one ProtocolVersion selected_version.
      uint16_t version = 0;
      if (!data.read_u16(version) || !data.empty()) {
        return fail(why, "ServerHello: supported_versions must hold exactly one 2-byte version, got " +
                             std::to_string(data.remaining()) + " bytes");
      }
      sh.selected_version = version;
      return true;
    }
    case ext::key_share: {
      uint16_t group = 0;
      if (sh.is_hello_retry_request) {
        // RFC 8446 §4.2.8: KeyShareHelloRetryRequest { NamedGroup selected_group; }.
        if (!data.read_u16(group) || !data.empty()) {
          return fail(why, "HelloRetryRequest: key_share must hold exactly a 2-byte selected_group");
        }
      } else {
        // RFC 8446 §4.2.8: KeyShareServerHello { KeyShareEntry server_share; }.
        ByteReader key;
        if (!data.read_u16(group) || !data.read_vector16(key)) {
          return fail(why, "ServerHello: truncated key_share entry");
        }
        if (key.empty()) return fail(why, "ServerHello: key_share key_exchange is empty");
        if (!data.empty()) return fail(why, "ServerHello: trailing bytes after the key_share entry");
      }
      sh.key_share_group = group;
      return true;
    }
    case ext::alpn: {
      // RFC 7301 §3.1: the server's protocol_name_list contains exactly one ProtocolName.
      ByteReader list;
      ByteReader name;
      if (!data.read_vector16(list) || !data.empty()) {
        return fail(why, "ServerHello: malformed ALPN protocol_name_list");
      }
      if (!list.read_vector8(name) || name.empty()) {
        return fail(why, "ServerHello: ALPN protocol_name_list holds no protocol name");
      }
      if (!list.empty()) return fail(why, "ServerHello: ALPN protocol_name_list holds more than one name");
      const auto bytes = name.rest();
      sh.alpn = std::string(bytes.begin(), bytes.end());
      return true;
    }
    case ext::renegotiation_info: {
      // RFC 5746 §3.2: opaque renegotiated_connection<0..255> (empty on an initial handshake).
      ByteReader renegotiated;
      if (!data.read_vector8(renegotiated) || !data.empty()) {
        return fail(why, "ServerHello: malformed renegotiation_info");
      }
      sh.renegotiation_info = true;
      return true;
    }
    // RFC 7627 §5.2, RFC 7366 §2, RFC 5077 §3.2, RFC 6066 §8: empty extension_data in ServerHello.
    case ext::extended_master_secret:
    case ext::encrypt_then_mac:
    case ext::session_ticket:
    case ext::status_request: {
      if (!data.empty()) {
        return fail(why, "ServerHello: extension " + hex16(type) + " must be empty, has " +
                             std::to_string(data.remaining()) + " bytes");
      }
      if (type == ext::extended_master_secret) sh.extended_master_secret = true;
      if (type == ext::encrypt_then_mac) sh.encrypt_then_mac = true;
      if (type == ext::session_ticket) sh.session_ticket = true;
      if (type == ext::status_request) sh.status_request = true;
      return true;
    }
    default:
      return true;  // kept in extension_types only
  }
}

}  // namespace

bool parse_server_hello(std::span<const uint8_t> body, ServerHello& out, std::string& why) {
  ByteReader r(body);
  ServerHello sh;
  std::span<const uint8_t> random;
  ByteReader session_id;
  if (!r.read_u16(sh.legacy_version)) return fail(why, "ServerHello: truncated legacy_version");
  if (!r.read_bytes(32, random)) return fail(why, "ServerHello: truncated random");
  std::copy(random.begin(), random.end(), sh.random.begin());
  if (!r.read_vector8(session_id)) return fail(why, "ServerHello: truncated session_id");
  if (session_id.remaining() > 32) {
    return fail(why, "ServerHello: session_id of " + std::to_string(session_id.remaining()) + " bytes exceeds 32");
  }
  sh.session_id.assign(session_id.rest().begin(), session_id.rest().end());
  if (!r.read_u16(sh.cipher_suite)) return fail(why, "ServerHello: truncated cipher_suite");
  if (!r.read_u8(sh.compression_method)) return fail(why, "ServerHello: truncated compression_method");
  sh.is_hello_retry_request = sh.random == kHelloRetryRequestRandom;

  // RFC 5246 §7.4.1.3: the extensions block may be absent altogether (SSLv3-era servers).
  if (!r.empty()) {
    ByteReader extensions;
    if (!r.read_vector16(extensions)) return fail(why, "ServerHello: truncated extensions block");
    if (!r.empty()) {
      return fail(why, "ServerHello: " + std::to_string(r.remaining()) + " trailing bytes after the extensions");
    }
    while (!extensions.empty()) {
      uint16_t type = 0;
      ByteReader data;
      if (!extensions.read_u16(type) || !extensions.read_vector16(data)) {
        return fail(why, "ServerHello: truncated extension");
      }
      // RFC 8446 §4.2 / RFC 5246 §7.4.1.4: at most one extension of each type.
      if (std::find(sh.extension_types.begin(), sh.extension_types.end(), type) != sh.extension_types.end()) {
        return fail(why, "ServerHello: duplicate extension " + hex16(type));
      }
      sh.extension_types.push_back(type);
      if (!parse_server_hello_extension(type, data, sh, why)) return false;
    }
  }
  sh.downgrade = sh.is_hello_retry_request ? DowngradeSentinel::none : downgrade_sentinel(sh.random);
  out = std::move(sh);
  return true;
}

bool parse_alert(std::span<const uint8_t> fragment, Alert& out, std::string& why) {
  // RFC 8446 §6 / RFC 5246 §7.2: struct { AlertLevel level; AlertDescription description; }.
  if (fragment.size() != 2) {
    return fail(why, "Alert: expected 2 bytes, got " + std::to_string(fragment.size()));
  }
  out.level = fragment[0];
  out.description = fragment[1];
  return true;
}

bool parse_certificate_list(std::span<const uint8_t> body, std::vector<std::vector<uint8_t>>& out,
                            std::string& why) {
  // RFC 5246 §7.4.2: ASN.1Cert certificate_list<0..2^24-1>; ASN.1Cert opaque<1..2^24-1>.
  ByteReader r(body);
  ByteReader list;
  if (!r.read_vector24(list)) return fail(why, "Certificate: truncated certificate_list");
  if (!r.empty()) {
    return fail(why, "Certificate: " + std::to_string(r.remaining()) + " trailing bytes after certificate_list");
  }
  std::vector<std::vector<uint8_t>> certificates;
  while (!list.empty()) {
    ByteReader certificate;
    if (!list.read_vector24(certificate)) {
      return fail(why, "Certificate: truncated certificate #" + std::to_string(certificates.size() + 1));
    }
    if (certificate.empty()) {
      return fail(why, "Certificate: certificate #" + std::to_string(certificates.size() + 1) + " is empty");
    }
    certificates.emplace_back(certificate.rest().begin(), certificate.rest().end());
  }
  out = std::move(certificates);
  return true;
}

bool parse_server_key_exchange(std::span<const uint8_t> body, KeyExchangeKind kind, ServerKeyExchange& out,
                               std::string& why) {
  // Only the parameters are read; the signature that follows differs between TLS 1.0/1.1
  // (no SignatureAndHashAlgorithm) and 1.2, and is absent for anonymous suites.
  ByteReader r(body);
  ServerKeyExchange ske;
  ske.kind = kind;
  if (kind == KeyExchangeKind::ecdhe) {
    // RFC 8422 §5.4: ECParameters { ECCurveType curve_type; NamedCurve namedcurve; } ECPoint point.
    uint8_t curve_type = 0;
    ByteReader point;
    if (!r.read_u8(curve_type)) return fail(why, "ServerKeyExchange: truncated curve_type");
    if (curve_type != 3) {
      return fail(why, "ServerKeyExchange: curve_type " + std::to_string(curve_type) +
                           " is not named_curve(3) (explicit curves are deprecated by RFC 8422)");
    }
    if (!r.read_u16(ske.named_curve)) return fail(why, "ServerKeyExchange: truncated named_curve");
    if (!r.read_vector8(point)) return fail(why, "ServerKeyExchange: truncated ECDH public point");
    if (point.empty()) return fail(why, "ServerKeyExchange: empty ECDH public point");
  } else {
    // RFC 5246 §7.4.3: ServerDHParams { opaque dh_p<1..2^16-1>; dh_g<1..>; dh_Ys<1..>; }.
    ByteReader p;
    ByteReader g;
    ByteReader ys;
    if (!r.read_vector16(p)) return fail(why, "ServerKeyExchange: truncated dh_p");
    if (!r.read_vector16(g)) return fail(why, "ServerKeyExchange: truncated dh_g");
    if (!r.read_vector16(ys)) return fail(why, "ServerKeyExchange: truncated dh_Ys");
    if (g.empty() || ys.empty()) return fail(why, "ServerKeyExchange: empty dh_g or dh_Ys");
    const auto prime = p.rest();
    const auto first = std::find_if(prime.begin(), prime.end(), [](uint8_t b) { return b != 0; });
    if (first == prime.end()) return fail(why, "ServerKeyExchange: dh_p is zero");
    const auto significant = static_cast<size_t>(prime.end() - first);
    ske.dh_prime_bits = static_cast<int>((significant - 1) * 8 + static_cast<size_t>(std::bit_width(*first)));
    ske.dh_prime.assign(prime.begin(), prime.end());
  }
  out = std::move(ske);
  return true;
}

bool parse_certificate_status(std::span<const uint8_t> body, std::vector<uint8_t>& ocsp_der, std::string& why) {
  // RFC 6066 §8: CertificateStatus { CertificateStatusType status_type = ocsp(1);
  //                                  OCSPResponse ocsp_response<1..2^24-1>; }.
  ByteReader r(body);
  uint8_t status_type = 0;
  ByteReader response;
  if (!r.read_u8(status_type)) return fail(why, "CertificateStatus: truncated status_type");
  if (status_type != 1) {
    return fail(why, "CertificateStatus: status_type " + std::to_string(status_type) + " is not ocsp(1)");
  }
  if (!r.read_vector24(response)) return fail(why, "CertificateStatus: truncated ocsp_response");
  if (response.empty()) return fail(why, "CertificateStatus: empty ocsp_response");
  if (!r.empty()) {
    return fail(why, "CertificateStatus: " + std::to_string(r.remaining()) + " trailing bytes after ocsp_response");
  }
  ocsp_der.assign(response.rest().begin(), response.rest().end());
  return true;
}

bool parse_sslv2_server_hello(std::span<const uint8_t> bytes, SslV2ServerHello& out, std::string& why) {
  // draft-hickman-netscape-ssl-00: 2-byte record header (high bit set, 15-bit length), then
  // SERVER-HELLO { MSG-SERVER-HELLO(4), SESSION-ID-HIT, CERTIFICATE-TYPE, SERVER-VERSION(2),
  // CERTIFICATE-LENGTH(2), CIPHER-SPECS-LENGTH(2), CONNECTION-ID-LENGTH(2), data... }.
  ByteReader r(bytes);
  uint16_t header = 0;
  if (!r.read_u16(header)) return fail(why, "SSLv2 SERVER-HELLO: truncated record header");
  if ((header & 0x8000) == 0) return fail(why, "SSLv2 SERVER-HELLO: record header lacks the 2-byte form's high bit");
  std::span<const uint8_t> body;
  if (!r.read_bytes(header & 0x7fffu, body)) return fail(why, "SSLv2 SERVER-HELLO: truncated record");
  if (!r.empty()) {
    return fail(why, "SSLv2 SERVER-HELLO: " + std::to_string(r.remaining()) + " trailing bytes after the record");
  }
  ByteReader m(body);
  uint8_t type = 0;
  uint8_t session_id_hit = 0;
  uint8_t certificate_type = 0;
  uint16_t version = 0;
  uint16_t certificate_length = 0;
  uint16_t cipher_specs_length = 0;
  uint16_t connection_id_length = 0;
  if (!m.read_u8(type) || !m.read_u8(session_id_hit) || !m.read_u8(certificate_type) || !m.read_u16(version) ||
      !m.read_u16(certificate_length) || !m.read_u16(cipher_specs_length) || !m.read_u16(connection_id_length)) {
    return fail(why, "SSLv2 SERVER-HELLO: truncated fixed fields");
  }
  if (type != 4) return fail(why, "SSLv2 SERVER-HELLO: message type " + std::to_string(type) + " is not 4");
  if (cipher_specs_length % 3 != 0) {
    return fail(why, "SSLv2 SERVER-HELLO: CIPHER-SPECS-LENGTH " + std::to_string(cipher_specs_length) +
                         " is not a multiple of 3");
  }
  std::span<const uint8_t> certificate;
  std::span<const uint8_t> specs;
  if (!m.read_bytes(certificate_length, certificate)) return fail(why, "SSLv2 SERVER-HELLO: truncated CERTIFICATE-DATA");
  if (!m.read_bytes(cipher_specs_length, specs)) return fail(why, "SSLv2 SERVER-HELLO: truncated CIPHER-SPECS-DATA");
  if (!m.skip(connection_id_length)) return fail(why, "SSLv2 SERVER-HELLO: truncated CONNECTION-ID-DATA");
  if (!m.empty()) {
    return fail(why, "SSLv2 SERVER-HELLO: " + std::to_string(m.remaining()) + " trailing bytes in the message");
  }
  SslV2ServerHello hello;
  hello.certificate_present = !certificate.empty();
  hello.certificate_der.assign(certificate.begin(), certificate.end());
  for (size_t i = 0; i < specs.size(); i += 3) hello.cipher_specs.push_back({specs[i], specs[i + 1], specs[i + 2]});
  out = std::move(hello);
  return true;
}

}  // namespace tlsready::codec
