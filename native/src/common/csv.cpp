#include "common/csv.h"

namespace tlsready::csv {
namespace {

// Reads records one at a time; `pos` is always at the start of a line.
class Reader {
 public:
  Reader(std::string_view text, const Options& options) : text_(text), options_(options) {}

  std::vector<Record> all() {
    std::vector<Record> records;
    while (pos_ < text_.size()) {
      const std::string_view line = current_line();
      if ((options_.skip_blank_lines && line.empty()) || (options_.skip_comment_lines && !line.empty() && line.front() == '#')) {
        next_line();
        continue;
      }
      records.push_back(record());
    }
    return records;
  }

 private:
  // The line at pos_ without its CRLF/LF.
  std::string_view current_line() const {
    std::size_t end = text_.find('\n', pos_);
    if (end == std::string_view::npos) end = text_.size();
    std::string_view line = text_.substr(pos_, end - pos_);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    return line;
  }

  void next_line() {
    const std::size_t end = text_.find('\n', pos_);
    pos_ = end == std::string_view::npos ? text_.size() : end + 1;
    ++line_;
  }

  // At a line break (or the end): consumes it and reports whether the record ends here.
  bool at_record_end() {
    if (pos_ == text_.size()) return true;
    if (text_[pos_] == '\n') {
      ++pos_, ++line_;
      return true;
    }
    if (text_[pos_] == '\r' && (pos_ + 1 == text_.size() || text_[pos_ + 1] == '\n')) {
      pos_ += pos_ + 1 == text_.size() ? 1 : 2;
      ++line_;
      return true;
    }
    return false;
  }

  Record record() {
    Record out;
    out.line = line_;
    const std::size_t start = pos_;
    std::size_t text_end = pos_;
    while (true) {
      bool quoted = false;
      std::string field;
      if (pos_ < text_.size() && text_[pos_] == '"') {
        quoted = true;
        field = quoted_field(out.line);
      } else {
        while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' &&
               !(text_[pos_] == '\r' && (pos_ + 1 == text_.size() || text_[pos_ + 1] == '\n'))) {
          field += text_[pos_++];
        }
      }
      out.fields.push_back(std::move(field));
      out.quoted.push_back(quoted);
      if (pos_ < text_.size() && text_[pos_] == ',') {
        ++pos_;
        continue;
      }
      text_end = pos_;
      if (at_record_end()) break;
      throw CsvSyntaxError(line_, "characters after the closing quote of field " + std::to_string(out.fields.size()));
    }
    out.text = text_.substr(start, text_end - start);
    return out;
  }

  // RFC 4180 §2.5-2.7: pos_ at the opening quote; returns the value, pos_ after the closing quote.
  std::string quoted_field(std::size_t record_line) {
    std::string field;
    ++pos_;
    while (true) {
      if (pos_ >= text_.size()) {
        throw CsvSyntaxError(record_line, "a quoted field has no closing quote");
      }
      const char c = text_[pos_++];
      if (c == '"') {
        if (pos_ < text_.size() && text_[pos_] == '"') {
          field += '"';
          ++pos_;
          continue;
        }
        return field;
      }
      if (c == '\n') ++line_;
      field += c;
    }
  }

  std::string_view text_;
  Options options_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

}  // namespace

bool Record::any_quoted() const {
  for (bool q : quoted)
    if (q) return true;
  return false;
}

CsvSyntaxError::CsvSyntaxError(std::size_t line, const std::string& message)
    : std::runtime_error("line " + std::to_string(line) + ": " + message), line_(line), reason_(message) {}

std::vector<Record> read(std::string_view text, const Options& options) { return Reader(text, options).all(); }

}  // namespace tlsready::csv
