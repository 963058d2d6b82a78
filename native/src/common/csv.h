// The one CSV reader (RFC 4180) for the data tables in native/data and any other CSV input.
//
// Records end in CRLF or LF; the final line break is optional (RFC 4180 §2.2). A field in double
// quotes may hold commas, line breaks and doubled quotes ("" is one quote, §2.5-2.7); a quote
// inside an unquoted field is kept as a character. Fields are returned as written: no blank is
// trimmed (§2.4: spaces are part of a field). The data tables' dialect adds '#' comment lines
// and skipped blank lines (Options). The callers check their own columns and wrap CsvSyntaxError
// in their own error type. No dependencies; thread-safe (no state).
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace tlsready::csv {

struct Options {
  bool skip_comment_lines = true;  // a line whose first character is '#' (outside a quoted field) is no record
  bool skip_blank_lines = true;    // an empty line (before its line break) is no record
};

struct Record {
  std::size_t line = 0;                // 1-based line on which the record starts
  std::string_view text;               // the record as written, without its line break
  std::vector<std::string> fields;     // unquoted values
  std::vector<bool> quoted;            // per field: it was written in double quotes
  bool any_quoted() const;
};

// A quoted field that never ends, or characters between a closing quote and the next comma.
class CsvSyntaxError : public std::runtime_error {
 public:
  CsvSyntaxError(std::size_t line, const std::string& message);
  std::size_t line() const noexcept { return line_; }
  const std::string& reason() const noexcept { return reason_; }  // the message without "line N: "

 private:
  std::size_t line_;
  std::string reason_;
};

// Every record of `text`, in order. Throws CsvSyntaxError naming the line.
std::vector<Record> read(std::string_view text, const Options& options = {});

}  // namespace tlsready::csv
