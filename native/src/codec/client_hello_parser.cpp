// ClientHello parser (RFC 8446 §4.1.2, RFC 5246 §7.4.1.2, RFC 5246 Appendix E.2). Reads through
// ByteReader only; each failure names the field and leaves the output untouched.
#include "codec/client_hello_parser.h"

#include <algorithm>
#include <utility>

#include "codec/byte_reader.h"
#include "codec/constants.h"
#include "common/hex.h"

namespace tlsready::codec {

namespace {

constexpr std::size_t kRecordHeader = 5;
constexpr std::size_t kHandshakeHeader = 4;
// RFC 8446 §5.1: TLSPlaintext.length MUST NOT exceed 2^14.
constexpr std::size_t kMaxPlaintextRecord = 16384;
constexpr uint16_t kPreSharedKey = 41;

bool fail(std::string& why, std::string message) {
  why = std::move(message);
  return false;
}

std::string hex16(uint16_t value) { return hex::code(value, 4, hex::Case::lower); }

bool any_grease(const std::vector<uint16_t>& values) {
  return std::any_of(values.begin(), values.end(), [](uint16_t v) { return is_grease_value(v); });
}

// A vector of 2-byte values that must be non-empty and even-sized; `what` names it in errors.
bool read_u16_list(ByteReader list, std::vector<uint16_t>& out, const char* what, std::string& why) {
  if (list.empty()) return fail(why, std::string("ClientHello: empty ") + what);
  if (list.remaining() % 2 != 0) {
    return fail(why, std::string("ClientHello: ") + what + " length " + std::to_string(list.remaining()) + " is odd");
  }
  out.clear();
  uint16_t value = 0;
  while (list.read_u16(value)) out.push_back(value);
  return true;
}

bool parse_extension(uint16_t type, ByteReader data, ClientHelloInfo& hello, std::string& why) {
  namespace ext = extension_type;
  switch (type) {
    case ext::server_name: {
      // RFC 6066 §3: ServerNameList server_name_list<1..2^16-1>; ServerName { NameType name_type;
      // HostName host_name<1..2^16-1> } for name_type host_name(0).
      ByteReader list;
      if (!data.read_vector16(list) || !data.empty()) return fail(why, "ClientHello: malformed server_name list");
      if (list.empty()) return fail(why, "ClientHello: empty server_name list");
      while (!list.empty()) {
        uint8_t name_type = 0;
        ByteReader name;
        if (!list.read_u8(name_type) || !list.read_vector16(name)) {
          return fail(why, "ClientHello: truncated server_name entry");
        }
        if (name.empty()) return fail(why, "ClientHello: empty server_name host_name");
        if (name_type == 0 && !hello.server_name) {
          const auto bytes = name.rest();
          hello.server_name = std::string(bytes.begin(), bytes.end());
        }
      }
      return true;
    }
    case ext::supported_groups: {
      ByteReader list;
      if (!data.read_vector16(list) || !data.empty()) return fail(why, "ClientHello: malformed supported_groups");
      return read_u16_list(list, hello.supported_groups, "supported_groups", why);
    }
    case ext::ec_point_formats: {
      ByteReader list;
      if (!data.read_vector8(list) || !data.empty()) return fail(why, "ClientHello: malformed ec_point_formats");
      if (list.empty()) return fail(why, "ClientHello: empty ec_point_formats");
      hello.ec_point_formats.assign(list.rest().begin(), list.rest().end());
      return true;
    }
    case ext::signature_algorithms: {
      ByteReader list;
      if (!data.read_vector16(list) || !data.empty()) return fail(why, "ClientHello: malformed signature_algorithms");
      return read_u16_list(list, hello.signature_algorithms, "signature_algorithms", why);
    }
    case ext::alpn: {
      // RFC 7301 §3.1: ProtocolName protocol_name_list<2..2^16-1>; ProtocolName opaque<1..2^8-1>.
      ByteReader list;
      if (!data.read_vector16(list) || !data.empty()) return fail(why, "ClientHello: malformed ALPN list");
      if (list.empty()) return fail(why, "ClientHello: empty ALPN list");
      std::vector<std::string> names;
      while (!list.empty()) {
        ByteReader name;
        if (!list.read_vector8(name)) return fail(why, "ClientHello: truncated ALPN protocol name");
        if (name.empty()) return fail(why, "ClientHello: empty ALPN protocol name");
        names.emplace_back(name.rest().begin(), name.rest().end());
      }
      hello.alpn = std::move(names);
      return true;
    }
    case ext::padding:
      // RFC 7685 §3: any length of zero bytes; only its size matters here.
      hello.padding_bytes = data.remaining();
      return true;
    case ext::supported_versions: {
      // RFC 8446 §4.2.1: ProtocolVersion versions<2..254> in a ClientHello.
      ByteReader list;
      if (!data.read_vector8(list) || !data.empty()) return fail(why, "ClientHello: malformed supported_versions");
      return read_u16_list(list, hello.supported_versions, "supported_versions", why);
    }
    case ext::key_share: {
      // RFC 8446 §4.2.8: KeyShareEntry client_shares<0..2^16-1>; KeyShareEntry { NamedGroup group;
      // opaque key_exchange<1..2^16-1>; }. An empty list asks for a HelloRetryRequest.
      ByteReader list;
      if (!data.read_vector16(list) || !data.empty()) return fail(why, "ClientHello: malformed key_share list");
      std::vector<uint16_t> groups;
      while (!list.empty()) {
        uint16_t group = 0;
        ByteReader key;
        if (!list.read_u16(group) || !list.read_vector16(key))
          return fail(why, "ClientHello: truncated key_share entry");
        if (key.empty()) return fail(why, "ClientHello: empty key_exchange for group " + hex16(group));
        groups.push_back(group);
      }
      hello.key_share_groups = std::move(groups);
      return true;
    }
    case kPreSharedKey: hello.pre_shared_key = true; return true;
    default: return true;  // listed in `extensions` only
  }
}

void note_suite_codes(ClientHelloInfo& hello) {
  for (uint16_t suite : hello.cipher_suites) {
    if (suite == cipher_suite_code::empty_renegotiation_info_scsv) hello.renegotiation_scsv = true;
    if (suite == cipher_suite_code::fallback_scsv) hello.fallback_scsv = true;
  }
}

}  // namespace

uint16_t ClientHelloInfo::max_version() const {
  uint16_t best = 0;
  for (uint16_t version : supported_versions) {
    if (!is_grease_value(version)) best = std::max(best, version);
  }
  return best != 0 ? best : legacy_version;
}

std::vector<uint16_t> ClientHelloInfo::offered_versions() const {
  std::vector<uint16_t> versions;
  for (uint16_t version : supported_versions) {
    if (!is_grease_value(version)) versions.push_back(version);
  }
  if (versions.empty()) {
    if (sslv2_format) versions.push_back(wire_version::ssl2);
    for (uint16_t v = wire_version::ssl3; v <= std::min<uint16_t>(legacy_version, wire_version::tls1_3); ++v) {
      versions.push_back(v);
    }
    if (versions.empty()) versions.push_back(legacy_version);
  }
  std::sort(versions.begin(), versions.end());
  versions.erase(std::unique(versions.begin(), versions.end()), versions.end());
  return versions;
}

bool parse_client_hello_body(std::span<const uint8_t> body, ClientHelloInfo& out, std::string& why) {
  ByteReader r(body);
  ClientHelloInfo hello;
  ByteReader session_id;
  ByteReader suites;
  ByteReader compression;
  if (!r.read_u16(hello.legacy_version)) return fail(why, "ClientHello: truncated legacy_version");
  if (!r.skip(32)) return fail(why, "ClientHello: truncated random");
  if (!r.read_vector8(session_id)) return fail(why, "ClientHello: truncated legacy_session_id");
  if (session_id.remaining() > 32) {
    return fail(why,
                "ClientHello: legacy_session_id of " + std::to_string(session_id.remaining()) + " bytes exceeds 32");
  }
  // RFC 5246 §7.4.1.2: CipherSuite cipher_suites<2..2^16-2>.
  if (!r.read_vector16(suites)) return fail(why, "ClientHello: truncated cipher_suites");
  if (!read_u16_list(suites, hello.cipher_suites, "cipher_suites", why)) return false;
  // CompressionMethod compression_methods<1..2^8-1>.
  if (!r.read_vector8(compression)) return fail(why, "ClientHello: truncated compression_methods");
  if (compression.empty()) return fail(why, "ClientHello: empty compression_methods");
  hello.compression_methods.assign(compression.rest().begin(), compression.rest().end());

  // RFC 5246 §7.4.1.2: the extensions block may be absent (SSL 3.0 and early TLS clients).
  if (!r.empty()) {
    ByteReader extensions;
    if (!r.read_vector16(extensions)) return fail(why, "ClientHello: truncated extensions block");
    if (!r.empty()) {
      return fail(why, "ClientHello: " + std::to_string(r.remaining()) + " trailing bytes after the extensions");
    }
    hello.has_extensions_block = true;
    while (!extensions.empty()) {
      uint16_t type = 0;
      ByteReader data;
      if (!extensions.read_u16(type) || !extensions.read_vector16(data)) {
        return fail(why, "ClientHello: truncated extension #" + std::to_string(hello.extensions.size() + 1));
      }
      // RFC 8446 §4.2: there MUST NOT be more than one extension of the same type.
      if (std::find(hello.extensions.begin(), hello.extensions.end(), type) != hello.extensions.end()) {
        return fail(why, "ClientHello: duplicate extension " + hex16(type));
      }
      hello.extensions.push_back(type);
      if (!parse_extension(type, data, hello, why)) return false;
    }
  }
  note_suite_codes(hello);
  hello.grease = any_grease(hello.cipher_suites) || any_grease(hello.extensions) ||
                 any_grease(hello.supported_versions) || any_grease(hello.supported_groups) ||
                 any_grease(hello.signature_algorithms) || any_grease(hello.key_share_groups);
  hello.message_bytes = kHandshakeHeader + body.size();
  out = std::move(hello);
  return true;
}

bool parse_sslv2_client_hello(std::span<const uint8_t> record, ClientHelloInfo& out, std::string& why) {
  // RFC 5246 App. E.2: uint8 msg_length[2] (high bit set); uint8 msg_type = 1; Version version;
  // uint16 cipher_spec_length; uint16 session_id_length; uint16 challenge_length;
  // V2CipherSpec cipher_specs[cipher_spec_length]; opaque session_id[..]; opaque challenge[..].
  ByteReader r(record);
  uint16_t header = 0;
  if (!r.read_u16(header)) return fail(why, "SSLv2 CLIENT-HELLO: truncated record header");
  if ((header & 0x8000) == 0) return fail(why, "SSLv2 CLIENT-HELLO: record header lacks the 2-byte form's high bit");
  std::span<const uint8_t> body;
  if (!r.read_bytes(header & 0x7fffu, body)) return fail(why, "SSLv2 CLIENT-HELLO: truncated record");
  if (!r.empty()) {
    return fail(why, "SSLv2 CLIENT-HELLO: " + std::to_string(r.remaining()) + " trailing bytes after the record");
  }
  ByteReader m(body);
  uint8_t type = 0;
  ClientHelloInfo hello;
  uint16_t spec_length = 0;
  uint16_t session_id_length = 0;
  uint16_t challenge_length = 0;
  if (!m.read_u8(type) || !m.read_u16(hello.legacy_version) || !m.read_u16(spec_length) ||
      !m.read_u16(session_id_length) || !m.read_u16(challenge_length)) {
    return fail(why, "SSLv2 CLIENT-HELLO: truncated fixed fields");
  }
  if (type != 1) return fail(why, "SSLv2 CLIENT-HELLO: message type " + std::to_string(type) + " is not 1");
  if (spec_length == 0 || spec_length % 3 != 0) {
    return fail(why, "SSLv2 CLIENT-HELLO: cipher_spec_length " + std::to_string(spec_length) +
                         " is not a positive multiple of 3");
  }
  // RFC 5246 App. E.2: session_id_length 0 or 16; challenge_length 16..32.
  if (session_id_length != 0 && session_id_length != 16) {
    return fail(why,
                "SSLv2 CLIENT-HELLO: session_id_length " + std::to_string(session_id_length) + " is neither 0 nor 16");
  }
  if (challenge_length < 16 || challenge_length > 32) {
    return fail(why, "SSLv2 CLIENT-HELLO: challenge_length " + std::to_string(challenge_length) + " is outside 16..32");
  }
  std::span<const uint8_t> specs;
  if (!m.read_bytes(spec_length, specs)) return fail(why, "SSLv2 CLIENT-HELLO: truncated cipher_specs");
  if (!m.skip(session_id_length)) return fail(why, "SSLv2 CLIENT-HELLO: truncated session_id");
  if (!m.skip(challenge_length)) return fail(why, "SSLv2 CLIENT-HELLO: truncated challenge");
  if (!m.empty()) {
    return fail(why, "SSLv2 CLIENT-HELLO: " + std::to_string(m.remaining()) + " trailing bytes in the message");
  }
  ByteReader spec_reader(specs);
  uint8_t kind_high = 0;
  uint16_t kind_low = 0;
  while (spec_reader.read_u8(kind_high) && spec_reader.read_u16(kind_low)) {
    // App. E.2: a V2CipherSpec whose first byte is 0 carries a TLS CipherSuite in its last two.
    if (kind_high == 0) {
      hello.cipher_suites.push_back(kind_low);
    } else {
      hello.sslv2_cipher_kinds.push_back((static_cast<uint32_t>(kind_high) << 16) | kind_low);
    }
  }
  hello.sslv2_format = true;
  hello.record_version = wire_version::ssl2;
  note_suite_codes(hello);
  hello.grease = any_grease(hello.cipher_suites);
  hello.message_bytes = body.size();
  hello.hello_bytes = record.size();
  out = std::move(hello);
  return true;
}

ClientHelloStatus parse_client_hello_stream(std::span<const uint8_t> bytes, ClientHelloInfo& out, std::size_t& consumed,
                                            std::string& why) {
  ByteReader stream(bytes);
  uint8_t first = 0;
  if (!ByteReader(bytes).read_u8(first)) return ClientHelloStatus::need_more;
  if ((first & 0x80) != 0) {
    // SSL 2.0 record, 2-byte header: 15-bit length, then msg_type 1 (CLIENT-HELLO).
    uint16_t header = 0;
    uint8_t type = 0;
    ByteReader head(bytes);
    if (!head.read_u16(header) || !head.read_u8(type)) return ClientHelloStatus::need_more;
    if (type != 1) {
      why = "not a ClientHello: SSLv2-style header with message type " + std::to_string(type);
      return ClientHelloStatus::not_tls;
    }
    std::span<const uint8_t> record;
    if (!ByteReader(bytes).read_bytes(2 + (header & 0x7fffu), record)) return ClientHelloStatus::need_more;
    if (!parse_sslv2_client_hello(record, out, why)) return ClientHelloStatus::malformed;
    consumed = record.size();
    return ClientHelloStatus::complete;
  }

  std::vector<uint8_t> message;  // handshake bytes gathered from the records so far
  std::size_t used = 0;
  uint16_t first_record_version = 0;
  bool first_record = true;
  while (true) {
    uint8_t content_type = 0;
    uint16_t version = 0;
    ByteReader fragment;
    ByteReader record = stream;
    if (!record.read_u8(content_type)) return ClientHelloStatus::need_more;
    if (content_type != static_cast<uint8_t>(ContentType::handshake)) {
      why = (first_record ? "not a ClientHello: first record has content type "
                          : "ClientHello: record of content type ") +
            std::to_string(content_type) + " inside the handshake message";
      return first_record ? ClientHelloStatus::not_tls : ClientHelloStatus::malformed;
    }
    if (!record.read_u16(version)) return ClientHelloStatus::need_more;
    if ((version >> 8) != 3) {
      why = "not a ClientHello: record version " + hex16(version) + " has a major version other than 3";
      return first_record ? ClientHelloStatus::not_tls : ClientHelloStatus::malformed;
    }
    uint16_t length = 0;
    if (!ByteReader(record).read_u16(length)) return ClientHelloStatus::need_more;
    if (length > kMaxPlaintextRecord) {
      why = "ClientHello: record length " + std::to_string(length) + " exceeds 2^14";
      return first_record ? ClientHelloStatus::not_tls : ClientHelloStatus::malformed;
    }
    // RFC 8446 §5.1: handshake records MUST NOT be zero-length.
    if (length == 0) {
      why = "ClientHello: zero-length handshake record";
      return ClientHelloStatus::malformed;
    }
    if (!record.read_vector16(fragment)) return ClientHelloStatus::need_more;
    if (first_record) first_record_version = version;
    first_record = false;
    message.insert(message.end(), fragment.rest().begin(), fragment.rest().end());
    used += kRecordHeader + length;
    stream = record;

    ByteReader header(message);
    uint8_t handshake = 0;
    uint32_t body_length = 0;
    if (!header.read_u8(handshake)) continue;
    if (handshake != handshake_type::client_hello) {
      why = "not a ClientHello: first handshake message has type " + std::to_string(handshake);
      return ClientHelloStatus::not_tls;
    }
    if (!header.read_u24(body_length)) continue;
    if (kHandshakeHeader + body_length > kMaxClientHelloBytes) {
      why = "ClientHello: message of " + std::to_string(body_length) + " bytes exceeds the " +
            std::to_string(kMaxClientHelloBytes) + "-byte limit";
      return ClientHelloStatus::malformed;
    }
    std::span<const uint8_t> body;
    if (!header.read_bytes(body_length, body)) continue;
    // The hello ends a record: a client sends nothing else in the records of its first flight.
    if (!header.empty()) {
      why = "ClientHello: " + std::to_string(header.remaining()) + " handshake bytes after the message in its record";
      return ClientHelloStatus::malformed;
    }
    ClientHelloInfo hello;
    if (!parse_client_hello_body(body, hello, why)) return ClientHelloStatus::malformed;
    hello.record_version = first_record_version;
    hello.hello_bytes = used;
    out = std::move(hello);
    consumed = used;
    return ClientHelloStatus::complete;
  }
}

}  // namespace tlsready::codec
