// What a log reader saw besides its events, so that a summary can say how much of a file it
// understood: "12,408 lines, 9,310 TLS requests, 3,001 plain HTTP, 2 malformed (lines 77, 1204)".
// Plain values.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace tlsready::logs {

struct LogReadStats {
  static constexpr std::size_t kMaxListedLines = 10;

  std::size_t lines = 0;                     // every line, directives and blanks included
  std::size_t events = 0;                    // TLS uses returned
  std::size_t directives = 0;                // '#' lines (W3C), headers
  std::size_t plain = 0;                     // requests without TLS ('-' in IIS's crypt-protocol)
  std::size_t without_tls_fields = 0;        // requests under a header that has no TLS field (logging not enabled)
  std::size_t unknown_values = 0;            // TLS uses whose protocol value the table does not know
  std::size_t malformed = 0;                 // lines that could not be read (wrong field count, no header yet)
  std::vector<std::size_t> malformed_lines;  // the first kMaxListedLines of them
  std::size_t cut_lines = 0;                 // lines longer than the reader's limit
  bool unterminated_last_line = false;       // the file ends inside a line (still being written, or cut off)

  void note_malformed(std::size_t line) {
    ++malformed;
    if (malformed_lines.size() < kMaxListedLines) malformed_lines.push_back(line);
  }
};

nlohmann::json to_json_document(const LogReadStats& stats);

}  // namespace tlsready::logs
