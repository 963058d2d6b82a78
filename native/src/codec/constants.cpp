// Alert description names: RFC 8446 §6 (TLS 1.3 registry), plus values used by SSLv3/TLS 1.0-1.2
// that TLS 1.3 reserved (RFC 6101 §5.4.2, RFC 5246 §7.2, RFC 6066 §9, RFC 7507 §2).
#include "codec/constants.h"


#include "common/hex.h"

namespace tlsready::codec {

std::string alert_description_name(uint8_t description) {
  switch (description) {
    case 0: return "close_notify";
    case 10: return "unexpected_message";
    case 20: return "bad_record_mac";
    case 21: return "decryption_failed";  // reserved since TLS 1.2
    case 22: return "record_overflow";
    case 30: return "decompression_failure";  // reserved since TLS 1.3
    case 40: return "handshake_failure";
    case 41: return "no_certificate";  // SSLv3 only
    case 42: return "bad_certificate";
    case 43: return "unsupported_certificate";
    case 44: return "certificate_revoked";
    case 45: return "certificate_expired";
    case 46: return "certificate_unknown";
    case 47: return "illegal_parameter";
    case 48: return "unknown_ca";
    case 49: return "access_denied";
    case 50: return "decode_error";
    case 51: return "decrypt_error";
    case 60: return "export_restriction";  // reserved since TLS 1.1
    case 70: return "protocol_version";
    case 71: return "insufficient_security";
    case 80: return "internal_error";
    case 86: return "inappropriate_fallback";
    case 90: return "user_canceled";
    case 100: return "no_renegotiation";  // reserved since TLS 1.3
    case 109: return "missing_extension";
    case 110: return "unsupported_extension";
    case 111: return "certificate_unobtainable";  // RFC 6066, reserved since TLS 1.3
    case 112: return "unrecognized_name";
    case 113: return "bad_certificate_status_response";
    case 114: return "bad_certificate_hash_value";  // RFC 6066, reserved since TLS 1.3
    case 115: return "unknown_psk_identity";
    case 116: return "certificate_required";
    case 120: return "no_application_protocol";
    default: break;
  }
  return "unknown(" + hex::code8(description) + ")";
}

}  // namespace tlsready::codec
