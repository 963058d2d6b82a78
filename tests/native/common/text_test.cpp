// The shared ASCII text helpers (common/text.h): case-insensitive comparison, trimming, splitting.
#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/text.h"

namespace text = tlsready::text;
using Views = std::vector<std::string_view>;

TEST_CASE("iequals_folds_ascii_only", "[common][text]") {
  CHECK(text::iequals("MinProtocol", "minprotocol"));
  CHECK(text::iequals("", ""));
  CHECK_FALSE(text::iequals("TLSv1", "TLSv1.1"));
  CHECK_FALSE(text::iequals("a", "b"));
  CHECK_FALSE(text::iequals("\xC9", "\xE9"));  // Latin-1 É/é are bytes, not letters
  CHECK(text::iequals("[\\]", "[\\]"));
  CHECK_FALSE(text::iequals("@", "`"));        // 0x40/0x60 differ by the case bit but are no letters
}

TEST_CASE("istarts_with_and_iends_with", "[common][text]") {
  CHECK(text::istarts_with("HEX(7):00", "hex("));
  CHECK(text::istarts_with("abc", ""));
  CHECK_FALSE(text::istarts_with("he", "hex"));
  CHECK(text::iends_with("openssl.CNF", ".cnf"));
  CHECK(text::iends_with(".cnf", ".cnf"));
  CHECK_FALSE(text::iends_with("cnf", ".cnf"));
}

TEST_CASE("trim_and_trim_view", "[common][text]") {
  CHECK(text::trim(" \t x y \r\n") == "x y");
  CHECK(text::trim("   ").empty());
  CHECK(text::trim_view("\t a \r", " \t") == "a \r");  // .reg files trim spaces and tabs only
  CHECK(text::trim_view("", " ").empty());
  CHECK(text::trim_view("  ", " ").empty());
}

TEST_CASE("split_keeps_empty_pieces_but_not_an_empty_text", "[common][text]") {
  CHECK(text::split("", ';').empty());
  CHECK(text::split("a", ';') == Views{"a"});
  CHECK(text::split("a;;b;", ';') == Views{"a", "", "b", ""});
}

TEST_CASE("case_conversion_is_ascii_only", "[common][text]") {
  CHECK(text::to_lower_ascii("SHA256-RSA\xC9") == "sha256-rsa\xC9");
  CHECK(text::to_upper_ascii("tls_aes\xE9") == "TLS_AES\xE9");
}

TEST_CASE("join_puts_the_separator_between_parts_only", "[common][text]") {
  CHECK(text::join(std::vector<std::string>{}, ", ").empty());
  CHECK(text::join(std::vector<std::string>{"a"}, ", ") == "a");
  CHECK(text::join(std::vector<std::string>{"", "b", ""}, ",") == ",b,");
  CHECK(text::join(std::vector<std::string_view>{"code", "name"}, ",") == "code,name");
}
