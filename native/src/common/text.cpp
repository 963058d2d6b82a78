#include "common/text.h"

#include <utility>

#include "common/hex.h"

namespace tlsready::text {
namespace {

char lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

void append_byte_escape(std::string& out, unsigned char byte) { out += "\\x" + hex::digits(byte, 2, hex::Case::lower); }

// Characters a terminal would act on or that hide text: C0/DEL/C1 controls, bidirectional
// embeddings, overrides and isolates (the "Trojan Source" set), zero-width and BOM characters.
bool is_hidden_or_control(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2069) || cp == 0xFEFF;
}

void append_escaped(std::string& out, std::string_view text, std::size_t limit) {
  std::size_t pos = 0;
  std::size_t shown = 0;
  while (pos < text.size()) {
    if (shown == limit) {
      out += "...";
      return;
    }
    ++shown;
    const auto [cp, length] = decode_utf8(text, pos);
    if (length == 0) {
      append_byte_escape(out, static_cast<unsigned char>(text[pos]));
      ++pos;
      continue;
    }
    switch (cp) {
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case 0: out += "\\0"; break;
      default:
        if (cp < 0x80 && is_hidden_or_control(cp)) {
          append_byte_escape(out, static_cast<unsigned char>(cp));
        } else if (is_hidden_or_control(cp)) {
          out += "\\u{" + hex::digits(cp, 4, hex::Case::lower) + "}";
        } else {
          out.append(text.substr(pos, length));
        }
    }
    pos += length;
  }
}

}  // namespace

std::pair<char32_t, std::size_t> decode_utf8(std::string_view text, std::size_t pos) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) return {lead, 1};
  std::size_t length = 0;
  char32_t cp = 0;
  char32_t minimum = 0;
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2, cp = lead & 0x1Fu, minimum = 0x80;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3, cp = lead & 0x0Fu, minimum = 0x800;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4, cp = lead & 0x07u, minimum = 0x10000;
  } else {
    return {0, 0};
  }
  if (text.size() - pos < length) return {0, 0};
  for (std::size_t i = 1; i < length; ++i) {
    const auto c = static_cast<unsigned char>(text[pos + i]);
    if ((c & 0xC0) != 0x80) return {0, 0};
    cp = (cp << 6) | (c & 0x3Fu);
  }
  if (cp < minimum || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return {0, 0};
  return {cp, length};
}

std::string quote_for_message(std::string_view text, std::size_t limit) {
  std::string out = "'";
  append_escaped(out, text, limit);
  out += '\'';
  return out;
}

std::string escape_for_message(std::string_view text) {
  std::string out;
  append_escaped(out, text, static_cast<std::size_t>(-1));
  return out;
}

std::string trim(std::string_view text) { return std::string(trim_view(text)); }

std::string_view trim_view(std::string_view text, std::string_view blanks) {
  while (!text.empty() && blanks.find(text.front()) != std::string_view::npos) text.remove_prefix(1);
  while (!text.empty() && blanks.find(text.back()) != std::string_view::npos) text.remove_suffix(1);
  return text;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

bool istarts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && iequals(text.substr(0, prefix.size()), prefix);
}

bool iends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && iequals(text.substr(text.size() - suffix.size()), suffix);
}

namespace {

template <typename Part>
std::string join_parts(const std::vector<Part>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i != 0) out += separator;
    out += parts[i];
  }
  return out;
}

}  // namespace

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  return join_parts(parts, separator);
}

std::string join(const std::vector<std::string_view>& parts, std::string_view separator) {
  return join_parts(parts, separator);
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  split_into(text, separator, parts);
  return parts;
}

void split_into(std::string_view text, char separator, std::vector<std::string_view>& parts) {
  parts.clear();
  if (text.empty()) return;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    if (end == std::string_view::npos) {
      parts.push_back(text.substr(start));
      return;
    }
    parts.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

std::string to_lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = lower(c);
  return out;
}

std::string to_upper_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

}  // namespace tlsready::text
