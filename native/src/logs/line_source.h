// Lines of a log file read in fixed-size blocks, so that memory stays flat whatever the file or
// line length: a line longer than the limit is cut at the limit (and flagged), the rest of it
// skipped. LF or CRLF line ends; a UTF-8 byte-order mark at the start is dropped; a last line
// without a line end (a log still being written, or cut off) is returned like the others and
// flagged. Not thread-safe: one reader per stream.
#pragma once

#include <cstddef>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace tlsready::logs {

struct Line {
  std::string_view text;      // without its line end; valid until the next call to next()
  std::size_t number = 0;     // 1-based
  bool cut = false;           // longer than the limit: text holds its first max_line_bytes bytes
  bool unterminated = false;  // the last line of the input, without a line end
};

class LineSource {
 public:
  static constexpr std::size_t kDefaultMaxLineBytes = 64 * 1024;

  explicit LineSource(std::istream& input, std::size_t max_line_bytes = kDefaultMaxLineBytes);

  // The next line, or false at the end of the input (or when the stream fails).
  bool next(Line& line);
  std::size_t bytes_read() const { return bytes_read_; }

 private:
  bool fill();

  std::istream& input_;
  std::size_t max_line_bytes_;
  std::vector<char> block_;
  std::size_t begin_ = 0;  // unread bytes are block_[begin_, end_)
  std::size_t end_ = 0;
  std::string line_;  // the line being assembled across blocks
  std::size_t number_ = 0;
  std::size_t bytes_read_ = 0;
  bool at_start_ = true;
  bool eof_ = false;
};

}  // namespace tlsready::logs
