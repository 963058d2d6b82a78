#include "winreg/reg_file.h"

#include <string_view>
#include <variant>
#include <vector>

#include "common/text.h"
#include "winreg/input_file.h"
#include "winreg/reg_value_parser.h"
#include "winreg/registry_path.h"
#include "winreg/text_decoding.h"

namespace tlsready::winreg {

namespace {

constexpr std::string_view header_v5 = "Windows Registry Editor Version 5.00";
constexpr std::string_view header_v4 = "REGEDIT4";

// A .reg file's blanks are spaces and tabs only.
constexpr std::string_view kBlanks = " \t";

std::string_view trim(std::string_view s) { return text::trim_view(s, kBlanks); }

std::string_view trim_left(std::string_view s) {
  const std::size_t first = s.find_first_not_of(kBlanks);
  return first == std::string_view::npos ? std::string_view() : s.substr(first);
}

// Lines end in LF or CRLF; the CR is dropped. A final line break ends the last line rather
// than starting an empty one, so "...\\" CRLF at the end of a file is a truncated continuation.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (true) {
    const size_t lf = text.find('\n', start);
    auto line = text.substr(start, lf == std::string_view::npos ? std::string_view::npos : lf - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    if (lf == std::string_view::npos || lf + 1 == text.size()) break;
    start = lf + 1;
  }
  return lines;
}

RegFileError error_at(size_t line_index, std::string message) {
  return RegFileError{static_cast<int>(line_index + 1), std::move(message)};
}

// "Enabled" in double quotes, as the file writes it; a very long name is cut.
std::string shown_name(const std::string& name) {
  const std::string quoted = quote_excerpt(name);  // 'name' or 'nam...'
  return "\"" + quoted.substr(1, quoted.size() - 2) + "\"";
}

enum class Section { none, key, deleted_key };

class Parser {
 public:
  Parser(std::vector<std::string_view> lines, std::string encoding, Registry& into)
      : lines_(std::move(lines)), encoding_(std::move(encoding)), into_(into) {}

  std::optional<RegFileError> run() {
    size_t i = 0;
    while (i < lines_.size() && trim(lines_[i]).empty()) ++i;
    const auto first = i < lines_.size() ? trim(lines_[i]) : std::string_view();
    if (first == header_v5) {
      syntax_.regedit4 = false;
    } else if (first == header_v4) {
      syntax_.regedit4 = true;
    } else {
      return error_at(i < lines_.size() ? i : 0,
                      "missing header: the first line must be \"Windows Registry Editor Version 5.00\" or "
                      "\"REGEDIT4\", not " +
                          quote_excerpt(first) + " (read as " + encoding_ + ")");
    }
    for (++i; i < lines_.size(); ++i) {
      const auto line = trim(lines_[i]);
      if (line.empty() || line.front() == ';' || line == header_v5 || line == header_v4) continue;
      std::optional<RegFileError> error;
      if (line.front() == '[') {
        error = key_line(i, line);
      } else if (line.front() == '"' || line.front() == '@') {
        error = value_line(i, line);
      } else {
        error = error_at(i, "unexpected line " + quote_excerpt(line) + " (expected [key], \"name\"=..., @=... or ; comment)");
      }
      if (error) return error;
    }
    return std::nullopt;
  }

 private:
  std::optional<RegFileError> key_line(size_t index, std::string_view line) {
    const size_t close = line.rfind(']');
    if (close == std::string_view::npos) return error_at(index, "unterminated key name " + quote_excerpt(line) + " (no ']')");
    const auto after = trim(line.substr(close + 1));
    if (!after.empty() && after.front() != ';')
      return error_at(index, "unexpected text " + quote_excerpt(after) + " after the key name");
    auto path = line.substr(1, close - 1);
    const bool remove = !path.empty() && path.front() == '-';
    if (remove) path.remove_prefix(1);
    std::string canonical;
    if (auto problem = check_key_path(path, canonical)) return error_at(index, *problem + " in " + quote_excerpt(line));
    if (remove) {
      into_.delete_key(canonical);
      section_ = Section::deleted_key;
    } else {
      into_.ensure_key(canonical);
      section_ = Section::key;
    }
    current_key_ = std::move(canonical);
    return std::nullopt;
  }

  std::optional<RegFileError> value_line(size_t& index, std::string_view line) {
    const size_t first_index = index;
    std::string name;
    size_t pos = 0;
    if (line.front() == '@') {
      pos = 1;
    } else if (!parse_quoted(line, pos, name)) {
      return error_at(index, "unterminated value name in " + quote_excerpt(line));
    }
    const std::string shown = line.front() == '@' ? std::string("@") : shown_name(name);
    const auto rest = trim_left(line.substr(pos));
    if (rest.empty() || rest.front() != '=')
      return error_at(index, "expected '=' after " + shown + ", found " + quote_excerpt(rest));
    if (section_ == Section::none) return error_at(index, "value " + shown + " before any [key]");

    std::string data(trim(rest.substr(1)));
    if (is_hex_data(data)) {
      // regedit wraps long hex lists: a trailing backslash continues on the next (indented) line.
      while (!data.empty() && data.back() == '\\') {
        data.pop_back();
        if (index + 1 >= lines_.size())
          return error_at(first_index, "truncated continuation: the file ends after a trailing backslash in " + shown);
        ++index;
        data.append(trim(lines_[index]));
      }
    }
    ValueData parsed;
    if (auto problem = parse_value_data(data, shown, syntax_, parsed)) return error_at(first_index, *problem);
    if (section_ == Section::deleted_key) return std::nullopt;  // regedit ignores values under [-key]
    if (parsed.remove) {
      into_.delete_value(current_key_, name);
    } else {
      into_.set_value(current_key_, Value{name, parsed.type, std::move(parsed.bytes)});
    }
    return std::nullopt;
  }

  std::vector<std::string_view> lines_;
  std::string encoding_;
  Registry& into_;
  ValueSyntax syntax_;
  Section section_ = Section::none;
  std::string current_key_;
};

}  // namespace

std::optional<RegFileError> parse_reg_file(std::span<const uint8_t> bytes, Registry& into) {
  const DecodedText text = decode_reg_text(bytes);
  auto lines = split_lines(text.utf8);
  if (text.odd_byte_count) {
    return RegFileError{static_cast<int>(lines.size()),
                        "odd byte count: a " + describe_encoding(text) + " file must have an even number of bytes"};
  }
  return Parser(std::move(lines), describe_encoding(text), into).run();
}

std::optional<RegFileError> load_reg_file(const std::string& path, Registry& into) {
  auto read = read_input_file(path);
  if (auto* problem = std::get_if<InputFileError>(&read)) return RegFileError{0, problem->message};
  auto error = parse_reg_file(std::get<std::vector<uint8_t>>(read), into);
  if (error) error->message = text::escape_for_message(path) + ":" + std::to_string(error->line) + ": " + error->message;
  return error;
}

}  // namespace tlsready::winreg
