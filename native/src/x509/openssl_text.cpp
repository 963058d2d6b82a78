// Text conversions shared by the x509 room: ASN.1 times, untrusted strings, the error queue.
#include <array>
#include <ctime>
#include <string>

#include <openssl/err.h>

#include "common/hex.h"
#include "common/time_format.h"

#include "x509/certificate_details.h"

namespace tlsready::x509 {

namespace {


void append_escaped_byte(std::string& out, unsigned char byte) { out += "\\x" + hex::digits(byte, 2, hex::Case::upper); }

// Length of the valid UTF-8 sequence starting at bytes[i], 0 when it is not one.
size_t utf8_sequence_length(std::string_view bytes, size_t i) {
  const auto at = [&](size_t k) { return static_cast<unsigned char>(bytes[k]); };
  const unsigned char lead = at(i);
  size_t length = 0;
  uint32_t code_point = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
    code_point = lead & 0x1Fu;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    code_point = lead & 0x0Fu;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    code_point = lead & 0x07u;
  } else {
    return 0;
  }
  if (i + length > bytes.size()) return 0;
  for (size_t k = 1; k < length; ++k) {
    const unsigned char next = at(i + k);
    if ((next & 0xC0u) != 0x80u) return 0;
    code_point = (code_point << 6) | (next & 0x3Fu);
  }
  const bool overlong = (length == 3 && code_point < 0x800) || (length == 4 && code_point < 0x10000);
  const bool surrogate = code_point >= 0xD800 && code_point <= 0xDFFF;
  if (overlong || surrogate || code_point > 0x10FFFF) return 0;
  return length;
}

}  // namespace

std::string asn1_time_to_iso8601(const ASN1_TIME* time) {
  std::tm tm{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) return {};
  return time_format::iso8601_utc(tm);
}

std::string time_to_iso8601(std::time_t time) { return time_format::iso8601_utc(time); }

std::optional<std::time_t> asn1_time_to_time_t(const ASN1_TIME* time) {
  std::tm tm{};
  if (time == nullptr || ASN1_TIME_to_tm(time, &tm) != 1) return std::nullopt;
  return time_format::utc_to_time_t(tm);
}

std::string sanitize_utf8(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  size_t i = 0;
  while (i < bytes.size()) {
    const auto byte = static_cast<unsigned char>(bytes[i]);
    if (byte < 0x80) {
      if (byte < 0x20 || byte == 0x7F) {
        append_escaped_byte(out, byte);
      } else {
        out += static_cast<char>(byte);
      }
      ++i;
      continue;
    }
    const size_t length = utf8_sequence_length(bytes, i);
    if (length == 0) {
      append_escaped_byte(out, byte);
      ++i;
    } else {
      out.append(bytes.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::string take_openssl_errors() {
  std::string text;
  unsigned long code = 0;
  while ((code = ERR_get_error()) != 0) {
    std::string one;
    if (const char* reason = ERR_reason_error_string(code); reason != nullptr) {
      one = reason;
    } else {
      std::array<char, 256> buffer{};
      ERR_error_string_n(code, buffer.data(), buffer.size());
      one = buffer.data();
    }
    if (text.find(one) != std::string::npos) continue;  // the same reason pushed twice
    if (!text.empty()) text += "; ";
    text += one;
  }
  ERR_clear_error();
  return text;
}

}  // namespace tlsready::x509
