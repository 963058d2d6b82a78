#include "winreg/reg_value_parser.h"

#include <span>

#include "common/hex.h"
#include "common/text.h"
#include "winreg/registry_path.h"
#include "winreg/text_decoding.h"

namespace tlsready::winreg {

namespace {

// A .reg file's blanks are spaces and tabs only.
std::string_view trim(std::string_view s) { return text::trim_view(s, " \t"); }

// Drops a trailing "; comment" from unquoted data.
std::string_view strip_comment(std::string_view s) { return trim(s.substr(0, s.find(';'))); }

int hex_digit(char c) { return hex::digit_value(c); }

bool starts_with_ignoring_case(std::string_view s, std::string_view prefix) { return text::istarts_with(s, prefix); }

std::string unknown_type(std::string_view what, std::string_view shown_name) {
  return "unknown value type " + quote_excerpt(what) + " in " + std::string(shown_name) +
         " (expected \"text\", dword:, hex:, hex(0)..hex(b): or -)";
}

std::optional<std::string> parse_hex_bytes(std::string_view list, std::string_view shown_name,
                                           std::vector<uint8_t>& out) {
  list = strip_comment(list);
  if (list.empty()) return std::nullopt;
  size_t start = 0;
  while (start <= list.size()) {
    const size_t comma = list.find(',', start);
    const size_t end = comma == std::string_view::npos ? list.size() : comma;
    const auto item = trim(list.substr(start, end - start));
    const bool last = comma == std::string_view::npos;
    if (item.empty()) {
      if (last && start > 0) break;  // a trailing comma
      return "empty hex byte in " + std::string(shown_name);
    }
    const int hi = hex_digit(item[0]);
    const int lo = item.size() == 2 ? hex_digit(item[1]) : 0;
    if (item.size() > 2 || hi < 0 || lo < 0) return "bad hex byte " + quote_excerpt(item) + " in " + std::string(shown_name);
    out.push_back(static_cast<uint8_t>(item.size() == 2 ? hi * 16 + lo : hi));
    if (last) break;
    start = comma + 1;
  }
  return std::nullopt;
}

}  // namespace

bool parse_quoted(std::string_view text, size_t& pos, std::string& out) {
  if (pos >= text.size() || text[pos] != '"') return false;
  std::string value;
  for (size_t i = pos + 1; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"') {
      out = std::move(value);
      pos = i + 1;
      return true;
    }
    if (c == '\\' && i + 1 < text.size() && (text[i + 1] == '\\' || text[i + 1] == '"')) {
      value.push_back(text[++i]);
      continue;
    }
    value.push_back(c);
  }
  return false;
}

bool is_hex_data(std::string_view data) {
  data = trim(data);
  return starts_with_ignoring_case(data, "hex:") || starts_with_ignoring_case(data, "hex(");
}

std::optional<std::string> parse_value_data(std::string_view data, std::string_view shown_name, ValueSyntax syntax,
                                            ValueData& out) {
  out = ValueData{};
  data = trim(data);
  if (data.empty()) return "missing value data for " + std::string(shown_name);

  if (data.front() == '"') {
    size_t pos = 0;
    std::string text;
    if (!parse_quoted(data, pos, text)) return "unterminated string in " + std::string(shown_name);
    const auto rest = trim(data.substr(pos));
    if (!rest.empty() && rest.front() != ';')
      return "unexpected text " + quote_excerpt(rest) + " after the string of " + std::string(shown_name);
    out.type = ValueType::sz;
    out.bytes = utf8_to_utf16le(text);
    out.bytes.push_back(0);
    out.bytes.push_back(0);
    return std::nullopt;
  }

  if (data.front() == '-') {
    if (!strip_comment(data.substr(1)).empty()) return unknown_type(data, shown_name);
    out.remove = true;
    return std::nullopt;
  }

  const size_t colon = data.find(':');
  if (colon == std::string_view::npos) return unknown_type(data, shown_name);
  const auto type = data.substr(0, colon);
  const auto body = data.substr(colon + 1);

  if (starts_with_ignoring_case(type, "dword") && type.size() == 5) {
    const auto digits = strip_comment(body);
    if (digits.empty() || digits.size() > 8) {
      return "bad dword " + quote_excerpt(digits) + " in " + std::string(shown_name) + " (expected 1 to 8 hex digits)";
    }
    uint32_t v = 0;
    for (const char c : digits) {
      const int d = hex_digit(c);
      if (d < 0) {
        return "bad dword " + quote_excerpt(digits) + " in " + std::string(shown_name) + " (expected 1 to 8 hex digits)";
      }
      v = (v << 4) | static_cast<uint32_t>(d);
    }
    out.type = ValueType::dword;
    out.bytes = {static_cast<uint8_t>(v), static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v >> 16),
                 static_cast<uint8_t>(v >> 24)};
    return std::nullopt;
  }

  if (!starts_with_ignoring_case(type, "hex")) return unknown_type(type, shown_name);
  uint32_t kind = 3;  // hex: is REG_BINARY
  if (type.size() > 3) {
    const auto spec = type.substr(3);
    if (spec.size() < 3 || spec.front() != '(' || spec.back() != ')' || spec.size() > 10) return unknown_type(type, shown_name);
    kind = 0;
    for (const char c : spec.substr(1, spec.size() - 2)) {
      const int d = hex_digit(c);
      if (d < 0) return unknown_type(type, shown_name);
      kind = (kind << 4) | static_cast<uint32_t>(d);
    }
    if (kind > static_cast<uint32_t>(ValueType::qword)) return unknown_type(type, shown_name);
  }
  out.type = static_cast<ValueType>(kind);
  if (auto error = parse_hex_bytes(body, shown_name, out.bytes)) return error;
  if (syntax.regedit4 &&
      (out.type == ValueType::sz || out.type == ValueType::expand_sz || out.type == ValueType::multi_sz)) {
    // REGEDIT4 writes these as ANSI bytes; the registry holds them as UTF-16LE.
    out.bytes = utf8_to_utf16le(windows1252_to_utf8(out.bytes));
  }
  return std::nullopt;
}

}  // namespace tlsready::winreg
