// Small ASCII text helpers every parser room needs (config files, .reg files, CSV tables).
// Locale-independent on purpose: configuration keywords are ASCII.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>

namespace tlsready::text {

std::string trim(std::string_view text);            // without leading/trailing ASCII white space
std::string to_lower_ascii(std::string_view text);  // A-Z lowered, other bytes kept
std::string to_upper_ascii(std::string_view text);  // a-z raised, other bytes kept

// Text quoted from untrusted input (a file, a parameter) for an error message, so that the message
// shows what was there without sending it raw to a terminal: in single quotes, at most `limit`
// code points with "..." when cut. Printable UTF-8 is kept; control characters (C0, DEL, C1),
// bidirectional overrides and invisible format characters become \n, \r, \t, \0, \xNN or
// \u{NNNN}; bytes that are not UTF-8 become \xNN; a backslash or quote inside is escaped.
std::string quote_for_message(std::string_view text, std::size_t limit = 60);

// Decodes one UTF-8 code point at `pos` (strict, RFC 3629 §3: no overlongs, surrogates or values
// past U+10FFFF). Returns the code point and its length, or length 0 for a byte that starts none.
std::pair<char32_t, std::size_t> decode_utf8(std::string_view text, std::size_t pos);
// The same escaping without the quotes and without a length limit (paths in messages).
std::string escape_for_message(std::string_view text);

}  // namespace tlsready::text
