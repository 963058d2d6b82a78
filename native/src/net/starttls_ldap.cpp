// LDAP StartTLS (RFC 4511 §4.14): an ExtendedRequest naming OID 1.3.6.1.4.1.1466.20037, answered
// by an ExtendedResponse whose resultCode 0 means "start the TLS handshake now". LDAP uses BER
// with definite lengths only (RFC 4511 §5.1); the reader below accepts nothing else and never
// reads past the message it was given.
#include <array>
#include <string>

#include "common/hex.h"

#include "net/starttls_dialogue.h"

namespace tlsready::net::detail {

namespace {

constexpr std::string_view kStartTlsOid = "1.3.6.1.4.1.1466.20037";
constexpr std::string_view kNoticeOfDisconnectionOid = "1.3.6.1.4.1.1466.20036";

constexpr uint8_t kSequence = 0x30;
constexpr uint8_t kInteger = 0x02;
constexpr uint8_t kEnumerated = 0x0a;
constexpr uint8_t kOctetString = 0x04;
constexpr uint8_t kExtendedRequest = 0x77;   // [APPLICATION 23], constructed
constexpr uint8_t kExtendedResponse = 0x78;  // [APPLICATION 24], constructed
constexpr uint8_t kRequestName = 0x80;       // [0], primitive
constexpr uint8_t kReferral = 0xa3;          // [3], constructed
constexpr uint8_t kResponseName = 0x8a;      // [10], primitive

// Bounds-checked BER: single-byte tags, definite lengths of up to 4 length octets.
class BerReader {
 public:
  explicit BerReader(std::span<const uint8_t> bytes) : rest_(bytes) {}
  bool empty() const { return rest_.empty(); }
  uint8_t peek_tag() const { return rest_.empty() ? 0 : rest_[0]; }

  // Reads one element; on failure `error` says why and the reader is unchanged.
  bool read(uint8_t& tag, std::span<const uint8_t>& value, std::string& error) {
    if (rest_.size() < 2) return fail(error, "truncated element");
    tag = rest_[0];
    if ((tag & 0x1f) == 0x1f) return fail(error, "multi-byte tag");
    size_t length = rest_[1];
    size_t header = 2;
    if (length & 0x80) {
      const size_t octets = length & 0x7f;
      if (octets == 0) return fail(error, "indefinite length (not allowed in LDAP)");
      if (octets > 4) return fail(error, "length field of " + std::to_string(octets) + " octets");
      if (rest_.size() < 2 + octets) return fail(error, "truncated length");
      length = 0;
      for (size_t i = 0; i < octets; ++i) length = (length << 8) | rest_[2 + i];
      header += octets;
    }
    if (length > rest_.size() - header) return fail(error, "element longer than its container");
    value = rest_.subspan(header, length);
    rest_ = rest_.subspan(header + length);
    return true;
  }

  bool expect(uint8_t wanted, std::span<const uint8_t>& value, std::string_view what, std::string& error) {
    uint8_t tag = 0;
    BerReader copy = *this;
    if (!copy.read(tag, value, error)) {
      error = std::string(what) + ": " + error;
      return false;
    }
    if (tag != wanted) {
      error = std::string(what) + ": tag " + hex(tag) + " where " + hex(wanted) + " was expected";
      return false;
    }
    *this = copy;
    return true;
  }

  static std::string hex(uint8_t byte) { return tlsready::hex::code8(byte); }

 private:
  static bool fail(std::string& error, std::string text) {
    error = std::move(text);
    return false;
  }
  std::span<const uint8_t> rest_;
};

// Two's-complement INTEGER / ENUMERATED contents, 1 to 8 octets.
bool decode_integer(std::span<const uint8_t> value, int64_t& out) {
  if (value.empty() || value.size() > 8) return false;
  uint64_t bits = (value[0] & 0x80) ? ~uint64_t{0} : 0;
  for (uint8_t byte : value) bits = (bits << 8) | byte;
  out = static_cast<int64_t>(bits);
  return true;
}

std::string text_of(std::span<const uint8_t> value) { return std::string(value.begin(), value.end()); }

}  // namespace

std::vector<uint8_t> ldap_starttls_request() {
  std::vector<uint8_t> name(kStartTlsOid.begin(), kStartTlsOid.end());
  std::vector<uint8_t> op{kRequestName, static_cast<uint8_t>(name.size())};
  op.insert(op.end(), name.begin(), name.end());
  std::vector<uint8_t> body{kInteger, 0x01, 0x01, kExtendedRequest, static_cast<uint8_t>(op.size())};
  body.insert(body.end(), op.begin(), op.end());
  std::vector<uint8_t> message{kSequence, static_cast<uint8_t>(body.size())};
  message.insert(message.end(), body.begin(), body.end());
  return message;  // 30 1d 02 01 01 77 18 80 16 "1.3.6.1.4.1.1466.20037"
}

std::optional<std::string> parse_ldap_extended_response(std::span<const uint8_t> message, LdapExtendedResponse& out) {
  out = LdapExtendedResponse{};
  std::string error;
  BerReader outer(message);
  std::span<const uint8_t> body;
  if (!outer.expect(kSequence, body, "LDAPMessage", error)) return error;
  if (!outer.empty()) return std::string("bytes after the LDAPMessage");

  BerReader fields(body);
  std::span<const uint8_t> value;
  if (!fields.expect(kInteger, value, "messageID", error)) return error;
  if (!decode_integer(value, out.message_id) || out.message_id < 0) return std::string("messageID: bad INTEGER");

  uint8_t op_tag = 0;
  std::span<const uint8_t> op;
  if (!fields.read(op_tag, op, error)) return "protocolOp: " + error;
  if (op_tag != kExtendedResponse) {
    return "protocolOp: tag " + BerReader::hex(op_tag) + " is not an ExtendedResponse (" +
           BerReader::hex(kExtendedResponse) + ")";
  }
  // Anything after protocolOp is controls [0]; they do not change the answer.

  BerReader result(op);
  if (!result.expect(kEnumerated, value, "resultCode", error)) return error;
  if (!decode_integer(value, out.result_code)) return std::string("resultCode: bad ENUMERATED");
  if (!result.expect(kOctetString, value, "matchedDN", error)) return error;
  out.matched_dn = text_of(value);
  if (!result.expect(kOctetString, value, "diagnosticMessage", error)) return error;
  out.diagnostic = text_of(value);
  if (result.peek_tag() == kReferral && !result.expect(kReferral, value, "referral", error)) return error;
  if (result.peek_tag() == kResponseName) {
    if (!result.expect(kResponseName, value, "responseName", error)) return error;
    out.response_name = text_of(value);
  }
  // responseValue [11] may follow; StartTLS defines none, so it is not read.
  return std::nullopt;
}

std::string_view ldap_result_name(int64_t code) {
  switch (code) {
    case 0: return "success";
    case 1: return "operationsError";
    case 2: return "protocolError";
    case 3: return "timeLimitExceeded";
    case 7: return "authMethodNotSupported";
    case 8: return "strongerAuthRequired";
    case 10: return "referral";
    case 12: return "unavailableCriticalExtension";
    case 13: return "confidentialityRequired";
    case 50: return "insufficientAccessRights";
    case 51: return "busy";
    case 52: return "unavailable";
    case 53: return "unwillingToPerform";
    case 80: return "other";
    default: return "";
  }
}

std::optional<Failure> negotiate_ldap(Connection& connection, std::chrono::milliseconds timeout) {
  Dialogue dialogue(connection, "LDAP", timeout);
  const std::vector<uint8_t> request = ldap_starttls_request();
  if (auto failure = dialogue.send_bytes(request, "StartTLS request")) return failure;

  const auto deadline = dialogue.new_deadline();
  constexpr std::string_view kStep = "StartTLS response";
  // Tag and first length octet, then the long-form length octets, then exactly the contents:
  // nothing past this message is read.
  std::vector<uint8_t> message(2);
  if (auto failure = dialogue.read_exact(deadline, kStep, message)) return failure;
  if (message[0] != kSequence) {
    return dialogue.refused(kStep, "not an LDAP message (first byte " + BerReader::hex(message[0]) + ")");
  }
  size_t length = message[1];
  if (length & 0x80) {
    const size_t octets = length & 0x7f;
    if (octets == 0) return dialogue.refused(kStep, "indefinite BER length (not allowed in LDAP)");
    if (octets > 4) return dialogue.refused(kStep, "BER length field of " + std::to_string(octets) + " octets");
    message.resize(2 + octets);
    if (auto failure = dialogue.read_exact(deadline, kStep, std::span(message).subspan(2))) return failure;
    length = 0;
    for (size_t i = 0; i < octets; ++i) length = (length << 8) | message[2 + i];
  }
  if (length > kMaxLdapMessage) {
    return dialogue.refused(kStep, "response of " + std::to_string(length) + " bytes exceeds the limit of " +
                                       std::to_string(kMaxLdapMessage));
  }
  const size_t header = message.size();
  message.resize(header + length);
  if (auto failure = dialogue.read_exact(deadline, kStep, std::span(message).subspan(header))) return failure;

  LdapExtendedResponse response;
  if (auto problem = parse_ldap_extended_response(message, response)) {
    return dialogue.refused(kStep, "malformed ExtendedResponse (" + *problem + ")");
  }
  std::string code = "resultCode " + std::to_string(response.result_code);
  if (const auto name = ldap_result_name(response.result_code); !name.empty()) code += " (" + std::string(name) + ")";
  if (response.message_id == 0 &&
      (response.response_name.empty() || response.response_name == kNoticeOfDisconnectionOid)) {
    return dialogue.refused(kStep, "server sent a notice of disconnection, " + code, response.diagnostic);
  }
  if (response.message_id != 1) {
    return dialogue.refused(kStep, "response to messageID " + std::to_string(response.message_id) + ", not 1");
  }
  if (response.result_code != 0) return dialogue.refused(kStep, "server refused StartTLS, " + code, response.diagnostic);
  if (!response.response_name.empty() && response.response_name != kStartTlsOid) {
    return dialogue.refused(kStep, "response names another operation", response.response_name);
  }
  return dialogue.finish();
}

}  // namespace tlsready::net::detail
