// Text conversions for registry data, all to and from UTF-8: a .reg file's bytes (by its BOM),
// UTF-16LE registry strings, and windows-1252 (the ANSI code page of REGEDIT4 files). Bad input
// never fails: invalid sequences and lone surrogates become U+FFFD, so the output is valid UTF-8.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tlsready::winreg {

enum class TextEncoding { ansi, utf8, utf16le, utf16be };

struct DecodedText {
  TextEncoding encoding = TextEncoding::ansi;
  bool had_bom = false;
  std::string utf8;             // the text without its BOM
  bool odd_byte_count = false;  // UTF-16 input whose last byte was dropped
};

// "UTF-16LE with BOM", "UTF-16BE without BOM", "ANSI (windows-1252)", "UTF-8 with BOM": for messages.
std::string describe_encoding(const DecodedText& text);

// FF FE -> UTF-16LE, FE FF -> UTF-16BE, EF BB BF -> UTF-8. Without a BOM, text whose first
// bytes alternate with NULs is UTF-16 (zeros at odd offsets: LE, at even offsets: BE: ASCII
// text in UTF-16 has a zero high byte), valid UTF-8 with non-ASCII characters UTF-8, anything
// else windows-1252.
DecodedText decode_reg_text(std::span<const uint8_t> bytes);

std::string utf16le_to_utf8(std::span<const uint8_t> bytes);  // a trailing odd byte is ignored
std::string utf16be_to_utf8(std::span<const uint8_t> bytes);  // likewise
std::string windows1252_to_utf8(std::span<const uint8_t> bytes);
std::string sanitize_utf8(std::string_view text);
std::vector<uint8_t> utf8_to_utf16le(std::string_view text);  // no terminator added

// Decodes one code point at `pos` and advances; an invalid byte yields U+FFFD and advances by 1.
char32_t next_code_point(std::string_view text, size_t& pos);
void append_utf8(std::string& out, char32_t cp);

}  // namespace tlsready::winreg
