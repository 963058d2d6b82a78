#include "logs/log_line_pattern.h"

#include <stdexcept>

namespace tlsready::logs {
namespace {

std::size_t index_of(LogField field) { return static_cast<std::size_t>(field); }

bool escaped_at(std::string_view line, std::size_t at) {
  std::size_t backslashes = 0;
  while (at > backslashes && line[at - backslashes - 1] == '\\') ++backslashes;
  return backslashes % 2 == 1;
}

bool is_address(LogField field) { return field == LogField::client_address || field == LogField::server; }

}  // namespace

void LogLinePattern::add_literal(std::string_view text) {
  if (text.empty()) return;
  if (!pieces_.empty() && !pieces_.back().is_field) {
    pieces_.back().text += text;
    return;
  }
  pieces_.push_back({false, LogField::ignored, std::string(text)});
}

void LogLinePattern::add_field(LogField field, std::string_view name) {
  if (!pieces_.empty() && pieces_.back().is_field)
    throw std::invalid_argument(pieces_.back().text + " and " + std::string(name) +
                                " have no text between them: where one ends cannot be told");
  pieces_.push_back({true, field, std::string(name)});
}

bool LogLinePattern::has(LogField field) const {
  for (const Piece& piece : pieces_)
    if (piece.is_field && piece.field == field) return true;
  return false;
}

bool LogLinePattern::match(std::string_view line, Values& values) const {
  values.fill({});
  std::size_t pos = 0;
  for (std::size_t i = 0; i < pieces_.size(); ++i) {
    const Piece& piece = pieces_[i];
    if (!piece.is_field) {
      if (line.substr(pos, piece.text.size()) != piece.text) return false;
      pos += piece.text.size();
      continue;
    }
    std::size_t end = line.size();
    if (i + 1 < pieces_.size()) {  // the next piece is a literal (fields never follow fields)
      const std::string& next = pieces_[i + 1].text;
      if (is_address(piece.field) && next.front() == ':') {
        std::size_t blank = line.find_first_of(" \t", pos);
        if (blank == std::string_view::npos) blank = line.size();
        end = line.rfind(next, blank);
        if (end == std::string_view::npos || end < pos) return false;
      } else {
        end = line.find(next, pos);
        while (end != std::string_view::npos && next.front() == '"' && escaped_at(line, end))
          end = line.find(next, end + 1);
        if (end == std::string_view::npos) return false;
      }
    }
    std::string_view value = line.substr(pos, end - pos);
    if (value == "-") value = {};
    const std::size_t slot = index_of(piece.field);
    if (piece.field != LogField::ignored && values[slot].empty()) values[slot] = value;
    pos = end;
  }
  return pos == line.size();
}

}  // namespace tlsready::logs
