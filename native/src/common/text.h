// Small ASCII text helpers every parser room needs (config files, .reg files, CSV tables).
// Locale-independent on purpose: configuration keywords are ASCII.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tlsready::text {

inline constexpr std::string_view kAsciiSpace = " \t\n\r\f\v";

std::string trim(std::string_view text);            // without leading/trailing ASCII white space
// A view without the leading/trailing characters in `blanks` (".reg" files trim only " \t").
std::string_view trim_view(std::string_view text, std::string_view blanks = kAsciiSpace);
bool iequals(std::string_view a, std::string_view b);                    // ASCII case-insensitive
bool istarts_with(std::string_view text, std::string_view prefix);       // ASCII case-insensitive
bool iends_with(std::string_view text, std::string_view suffix);         // ASCII case-insensitive
// The pieces between `separator`s, as views into `text`; "" gives {} (not {""}).
std::vector<std::string_view> split(std::string_view text, char separator);
// split() into `parts` (cleared first), reusing its capacity: for readers that split every line of a file.
void split_into(std::string_view text, char separator, std::vector<std::string_view>& parts);
// The parts with `separator` between each two: {"a", "b"} and ", " give "a, b".
std::string join(const std::vector<std::string>& parts, std::string_view separator);
std::string join(const std::vector<std::string_view>& parts, std::string_view separator);
std::string to_lower_ascii(std::string_view text);  // A-Z lowered, other bytes kept
std::string to_upper_ascii(std::string_view text);  // a-z raised, other bytes kept

// Decodes one UTF-8 code point at `pos` (strict, RFC 3629 §3: no overlongs, surrogates or values
// past U+10FFFF). Returns the code point and its length, or length 0 for a byte that starts none.
// `pos` must be < text.size().
std::pair<char32_t, std::size_t> decode_utf8(std::string_view text, std::size_t pos);

// Text quoted from untrusted input (a file, a parameter) for an error message, so that the message
// shows what was there without sending it raw to a terminal: in single quotes, at most `limit`
// code points with "..." when cut. Printable UTF-8 is kept; control characters (C0, DEL, C1),
// bidirectional overrides and invisible format characters become \n, \r, \t, \0, \xNN or
// \u{NNNN}; bytes that are not UTF-8 become \xNN; a backslash or quote inside is escaped.
std::string quote_for_message(std::string_view text, std::size_t limit = 60);
// The same escaping without the quotes and without a length limit (paths in messages).
std::string escape_for_message(std::string_view text);

}  // namespace tlsready::text
