#include "logs/line_source.h"

#include <algorithm>
#include <cstring>

namespace tlsready::logs {
namespace {
constexpr std::size_t kBlockBytes = 256 * 1024;
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
}  // namespace

LineSource::LineSource(std::istream& input, std::size_t max_line_bytes)
    : input_(input), max_line_bytes_(std::max<std::size_t>(max_line_bytes, 1)), block_(kBlockBytes) {}

bool LineSource::fill() {
  if (eof_) return false;
  input_.read(block_.data(), static_cast<std::streamsize>(block_.size()));
  const auto got = static_cast<std::size_t>(input_.gcount());
  begin_ = 0;
  end_ = got;
  bytes_read_ += got;
  if (got == 0) eof_ = true;
  return got > 0;
}

bool LineSource::next(Line& line) {
  line_.clear();
  bool cut = false;
  bool any = false;
  for (;;) {
    if (begin_ == end_ && !fill()) break;
    if (at_start_) {
      // A byte-order mark can only be at the very start; a block is far longer than the mark.
      if (end_ - begin_ >= kUtf8Bom.size() &&
          std::memcmp(block_.data() + begin_, kUtf8Bom.data(), kUtf8Bom.size()) == 0)
        begin_ += kUtf8Bom.size();
      at_start_ = false;
      if (begin_ == end_) continue;
    }
    any = true;
    const char* start = block_.data() + begin_;
    const char* newline = static_cast<const char*>(std::memchr(start, '\n', end_ - begin_));
    const std::size_t length = newline ? static_cast<std::size_t>(newline - start) : end_ - begin_;
    const std::size_t room = max_line_bytes_ > line_.size() ? max_line_bytes_ - line_.size() : 0;
    line_.append(start, std::min(length, room));
    if (length > room) cut = true;
    begin_ += length;
    if (newline) {
      ++begin_;  // past the '\n'
      if (!line_.empty() && line_.back() == '\r' && !cut) line_.pop_back();
      line.text = line_;
      line.number = ++number_;
      line.cut = cut;
      line.unterminated = false;
      return true;
    }
  }
  if (!any) return false;
  if (!line_.empty() && line_.back() == '\r' && !cut) line_.pop_back();
  line.text = line_;
  line.number = ++number_;
  line.cut = cut;
  line.unterminated = true;
  return true;
}

}  // namespace tlsready::logs
