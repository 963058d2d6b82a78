#include "winreg/text_decoding.h"

#include <algorithm>
#include <optional>

#include "common/text.h"

namespace tlsready::winreg {

namespace {

constexpr char32_t replacement = 0xFFFD;

// windows-1252 bytes 0x80..0x9F; the five undefined ones map to the C1 control of the same
// value, as Windows' own conversion does.
constexpr char16_t cp1252_high[32] = {
    0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,  // 80-87
    0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,  // 88-8F
    0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,  // 90-97
    0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,  // 98-9F
};

}  // namespace

void append_utf8(std::string& out, char32_t cp) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = replacement;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

char32_t next_code_point(std::string_view text, size_t& pos) {
  const auto [cp, length] = text::decode_utf8(text, pos);
  if (length == 0) {  // not UTF-8 here: one replacement character for the one byte
    ++pos;
    return replacement;
  }
  pos += length;
  return cp;
}

std::string sanitize_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  size_t pos = 0;
  while (pos < text.size()) append_utf8(out, next_code_point(text, pos));
  return out;
}

namespace {

std::string utf16_to_utf8(std::span<const uint8_t> bytes, bool big_endian) {
  std::string out;
  out.reserve(bytes.size() / 2);
  const size_t units = bytes.size() / 2;
  const size_t low_byte = big_endian ? 1 : 0;
  auto unit = [&](size_t i) {
    return static_cast<char16_t>(bytes[2 * i + low_byte] | (bytes[2 * i + 1 - low_byte] << 8));
  };
  for (size_t i = 0; i < units; ++i) {
    const char16_t u = unit(i);
    if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units) {
      const char16_t low = unit(i + 1);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        append_utf8(out, 0x10000 + ((static_cast<char32_t>(u - 0xD800) << 10) | (low - 0xDC00u)));
        ++i;
        continue;
      }
    }
    append_utf8(out, (u >= 0xD800 && u <= 0xDFFF) ? replacement : u);
  }
  return out;
}

// Without a BOM: in the first 64 code units, ASCII text in UTF-16 has one zero byte per unit.
// Most units with a zero high byte and a non-zero low byte means UTF-16 of that byte order.
std::optional<TextEncoding> guess_utf16(std::span<const uint8_t> bytes) {
  const size_t units = std::min<size_t>(bytes.size() / 2, 64);
  if (units < 2) return std::nullopt;
  size_t le = 0, be = 0;
  for (size_t i = 0; i < units; ++i) {
    const uint8_t first = bytes[2 * i], second = bytes[2 * i + 1];
    if (first != 0 && second == 0) ++le;
    if (first == 0 && second != 0) ++be;
  }
  if (le * 4 >= units * 3) return TextEncoding::utf16le;
  if (be * 4 >= units * 3) return TextEncoding::utf16be;
  return std::nullopt;
}

bool is_valid_non_ascii_utf8(std::span<const uint8_t> bytes) {
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  bool non_ascii = false;
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t start = pos;
    const char32_t cp = next_code_point(text, pos);
    if (cp == replacement && !(pos - start == 3 && text.substr(start, 3) == "\xEF\xBF\xBD")) return false;
    if (cp >= 0x80) non_ascii = true;
  }
  return non_ascii;
}

}  // namespace

std::string utf16le_to_utf8(std::span<const uint8_t> bytes) { return utf16_to_utf8(bytes, false); }
std::string utf16be_to_utf8(std::span<const uint8_t> bytes) { return utf16_to_utf8(bytes, true); }

std::string windows1252_to_utf8(std::span<const uint8_t> bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (const uint8_t b : bytes) append_utf8(out, (b >= 0x80 && b <= 0x9F) ? cp1252_high[b - 0x80] : b);
  return out;
}

std::vector<uint8_t> utf8_to_utf16le(std::string_view text) {
  std::vector<uint8_t> out;
  out.reserve(text.size() * 2);
  auto put = [&out](char32_t u) {
    out.push_back(static_cast<uint8_t>(u & 0xFF));
    out.push_back(static_cast<uint8_t>((u >> 8) & 0xFF));
  };
  size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = next_code_point(text, pos);
    if (cp >= 0x10000) {
      put(0xD800 + ((cp - 0x10000) >> 10));
      put(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      put(cp);
    }
  }
  return out;
}

std::string describe_encoding(const DecodedText& text) {
  const char* bom = text.had_bom ? " with BOM" : " without BOM";
  switch (text.encoding) {
    case TextEncoding::utf16le: return std::string("UTF-16LE") + bom;
    case TextEncoding::utf16be: return std::string("UTF-16BE") + bom;
    case TextEncoding::utf8: return std::string("UTF-8") + bom;
    case TextEncoding::ansi: break;
  }
  return "ANSI (windows-1252)";
}

DecodedText decode_reg_text(std::span<const uint8_t> bytes) {
  DecodedText result;
  std::optional<TextEncoding> utf16;
  std::span<const uint8_t> body = bytes;
  if (bytes.size() >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE) {
    utf16 = TextEncoding::utf16le;
    body = bytes.subspan(2);
    result.had_bom = true;
  } else if (bytes.size() >= 2 && bytes[0] == 0xFE && bytes[1] == 0xFF) {
    utf16 = TextEncoding::utf16be;
    body = bytes.subspan(2);
    result.had_bom = true;
  } else if (bytes.size() >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF) {
    result.encoding = TextEncoding::utf8;
    result.had_bom = true;
    body = bytes.subspan(3);
    result.utf8 = sanitize_utf8(std::string_view(reinterpret_cast<const char*>(body.data()), body.size()));
    return result;
  } else {
    utf16 = guess_utf16(bytes);
  }
  if (utf16) {
    result.encoding = *utf16;
    result.odd_byte_count = body.size() % 2 != 0;
    result.utf8 = *utf16 == TextEncoding::utf16le ? utf16le_to_utf8(body) : utf16be_to_utf8(body);
  } else if (is_valid_non_ascii_utf8(bytes)) {
    // An editor's UTF-8 without BOM: windows-1252 text is almost never valid UTF-8 by accident.
    result.encoding = TextEncoding::utf8;
    result.utf8.assign(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  } else {
    result.encoding = TextEncoding::ansi;
    result.utf8 = windows1252_to_utf8(bytes);
  }
  return result;
}

}  // namespace tlsready::winreg
