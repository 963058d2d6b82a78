#include "winreg/registry_path.h"

#include <array>

#include "common/text.h"
#include "winreg/text_decoding.h"

namespace tlsready::winreg {

namespace {

struct RootName {
  std::string_view name;
  std::string_view long_name;
  bool always;  // accepted in files (long forms, HKLM, HKCU)
};

constexpr std::array<RootName, 10> roots = {{
    {"HKEY_LOCAL_MACHINE", "HKEY_LOCAL_MACHINE", true},
    {"HKEY_CURRENT_USER", "HKEY_CURRENT_USER", true},
    {"HKEY_CLASSES_ROOT", "HKEY_CLASSES_ROOT", true},
    {"HKEY_USERS", "HKEY_USERS", true},
    {"HKEY_CURRENT_CONFIG", "HKEY_CURRENT_CONFIG", true},
    {"HKLM", "HKEY_LOCAL_MACHINE", true},
    {"HKCU", "HKEY_CURRENT_USER", true},
    {"HKCR", "HKEY_CLASSES_ROOT", false},
    {"HKU", "HKEY_USERS", false},
    {"HKCC", "HKEY_CURRENT_CONFIG", false},
}};

bool ascii_equal_ignoring_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
    if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 'a' + 'A');
    if (x != y) return false;
  }
  return true;
}

char32_t upper(char32_t cp) {
  if (cp >= 'a' && cp <= 'z') return cp - 0x20;
  if (cp < 0xE0) return cp;
  if (cp <= 0xFE) return cp == 0xF7 ? cp : cp - 0x20;
  if (cp == 0xFF) return 0x178;
  // Latin Extended-A: upper/lower pairs, upper first, except 0139-0148 and 0179-017E.
  if ((cp >= 0x100 && cp <= 0x12F) || (cp >= 0x132 && cp <= 0x137) || (cp >= 0x14A && cp <= 0x177))
    return (cp % 2 == 1) ? cp - 1 : cp;
  if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17E)) return (cp % 2 == 0) ? cp - 1 : cp;
  if (cp >= 0x3B1 && cp <= 0x3C9 && cp != 0x3C2) return cp - 0x20;
  if (cp >= 0x430 && cp <= 0x44F) return cp - 0x20;
  if (cp >= 0x450 && cp <= 0x45F) return cp - 0x50;
  return cp;
}

// The folded form of the code point at `pos` (advancing past it); an invalid byte stands for
// itself, kept apart from every code point.
char32_t folded_unit(std::string_view text, size_t& pos) {
  const size_t start = pos;
  const char32_t cp = next_code_point(text, pos);
  if (cp == 0xFFFD && pos == start + 1) return 0x110000 + static_cast<unsigned char>(text[start]);
  return upper(cp);
}

// Splits off the first path component.
std::string_view first_component(std::string_view path) { return path.substr(0, path.find('\\')); }

std::string_view trim_trailing_backslashes(std::string_view path) {
  while (!path.empty() && path.back() == '\\') path.remove_suffix(1);
  return path;
}

}  // namespace

std::optional<std::string_view> long_root_name(std::string_view root, ShortRoots accepted) {
  for (const auto& r : roots) {
    if ((r.always || accepted == ShortRoots::all) && ascii_equal_ignoring_case(root, r.name)) return r.long_name;
  }
  return std::nullopt;
}

std::string fold_case(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size());
  size_t pos = 0;
  while (pos < utf8.size()) {
    const auto c = static_cast<unsigned char>(utf8[pos]);
    if (c < 0x80) {
      out.push_back((c >= 'a' && c <= 'z') ? static_cast<char>(c - 0x20) : static_cast<char>(c));
      ++pos;
      continue;
    }
    const size_t start = pos;
    const char32_t cp = next_code_point(utf8, pos);
    if (cp == 0xFFFD && pos == start + 1) {
      out.push_back(static_cast<char>(c));  // an invalid byte compares as itself
      continue;
    }
    append_utf8(out, upper(cp));
  }
  return out;
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  // fold_case keeps the byte length (every mapping stays within its UTF-8 length), so a length
  // mismatch settles it; otherwise compare code point by code point without allocating.
  if (a.size() != b.size()) return false;
  size_t i = 0;
  size_t j = 0;
  while (i < a.size() && j < b.size()) {
    const auto ca = static_cast<unsigned char>(a[i]);
    const auto cb = static_cast<unsigned char>(b[j]);
    if (ca < 0x80 && cb < 0x80) {
      if (upper(ca) != upper(cb)) return false;
      ++i;
      ++j;
      continue;
    }
    if (folded_unit(a, i) != folded_unit(b, j)) return false;
  }
  return i == a.size() && j == b.size();
}

std::string display_path(std::string_view path, ShortRoots accepted) {
  path = trim_trailing_backslashes(path);
  const auto root = first_component(path);
  const auto long_name = long_root_name(root, accepted);
  if (!long_name) return std::string(path);
  std::string out(*long_name);
  out.append(path.substr(root.size()));
  return out;
}

std::optional<std::string> check_key_path(std::string_view path, std::string& canonical) {
  if (path.empty()) return std::string("empty key path");
  const auto trimmed = trim_trailing_backslashes(path);
  const auto root = first_component(trimmed);
  if (!long_root_name(root, ShortRoots::hklm_hkcu)) {
    return "unknown root key " + quote_excerpt(root) +
           " (expected HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER, HKEY_CLASSES_ROOT, HKEY_USERS, "
           "HKEY_CURRENT_CONFIG, HKLM or HKCU)";
  }
  if (trimmed.find("\\\\") != std::string_view::npos) return "empty subkey name in " + quote_excerpt(path);
  canonical = display_path(trimmed, ShortRoots::hklm_hkcu);
  return std::nullopt;
}

std::string quote_excerpt(std::string_view text, size_t limit) { return text::quote_for_message(text, limit); }

}  // namespace tlsready::winreg
