// Registry key paths: hive (root) names, case folding as Windows compares names, and the
// validation shared by the .reg parser, the JSON snapshot and the live reader.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tlsready::winreg {

// Which short hive names a caller accepts besides the five long ones.
enum class ShortRoots {
  hklm_hkcu,  // HKLM, HKCU: what .reg files and snapshots may use
  all,        // also HKCR, HKU, HKCC: lookups
};

// "hklm" -> "HKEY_LOCAL_MACHINE"; nullopt for anything that is not a hive name.
std::optional<std::string_view> long_root_name(std::string_view root, ShortRoots accepted);

// Upper-cases ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic letters (Windows compares
// key and value names case-insensitively); other bytes are kept. For comparison only.
std::string fold_case(std::string_view utf8);
bool equal_ignoring_case(std::string_view a, std::string_view b);

// Trims trailing backslashes and writes the hive with its long name, the rest as given.
std::string display_path(std::string_view path, ShortRoots accepted);

// Checks a path from a file or snapshot: a known hive (long form, HKLM or HKCU), no empty
// subkey name. On success returns nullopt and sets `canonical` (display_path); otherwise a
// message naming the problem.
std::optional<std::string> check_key_path(std::string_view path, std::string& canonical);

// At most `limit` characters of `text` in single quotes, with "..." when cut; control and
// invisible characters and bytes that are not UTF-8 escaped (text::quote_for_message).
std::string quote_excerpt(std::string_view text, size_t limit = 60);

}  // namespace tlsready::winreg
