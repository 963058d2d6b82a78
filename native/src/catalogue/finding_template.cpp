#include "catalogue/finding_template.h"

namespace tlsready::catalogue {
namespace {

bool name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }
bool key_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

struct Placeholder {
  std::size_t begin = 0;  // the '{'
  std::size_t end = 0;    // one past the '}'
  bool shared = false;    // {@key}
  std::string_view name;  // without braces and '@'
};

// The placeholder starting at `at` (text[at] == '{'), if it is one.
std::optional<Placeholder> placeholder_at(std::string_view text, std::size_t at) {
  Placeholder p;
  p.begin = at;
  std::size_t pos = at + 1;
  if (pos < text.size() && text[pos] == '@') {
    p.shared = true;
    ++pos;
  }
  const std::size_t start = pos;
  while (pos < text.size() && (p.shared ? key_char(text[pos]) : name_char(text[pos]))) ++pos;
  if (pos == start || pos >= text.size() || text[pos] != '}') return std::nullopt;
  p.name = text.substr(start, pos - start);
  p.end = pos + 1;
  return p;
}

template <typename Visit>
void for_each_placeholder(std::string_view text, Visit visit) {
  for (std::size_t at = text.find('{'); at != std::string_view::npos; at = text.find('{', at + 1)) {
    if (auto p = placeholder_at(text, at)) visit(*p);
  }
}

std::string render_depth(std::string_view text, const Values& values, const SharedTextLookup& shared, int depth) {
  std::string out;
  std::size_t copied = 0;
  for_each_placeholder(text, [&](const Placeholder& p) {
    if (p.begin < copied) return;
    std::optional<std::string> replacement;
    if (p.shared) {
      if (depth < 4) {
        if (auto found = shared(p.name)) replacement = render_depth(*found, values, shared, depth + 1);
      }
    } else {
      for (const auto& [name, value] : values) {
        if (name == p.name) {
          replacement = value;
          break;
        }
      }
    }
    if (!replacement) return;
    out.append(text.substr(copied, p.begin - copied));
    out += *replacement;
    copied = p.end;
  });
  out.append(text.substr(copied));
  return out;
}

}  // namespace

std::string render(std::string_view text, const Values& values, const SharedTextLookup& shared) {
  return render_depth(text, values, shared, 0);
}

std::vector<std::string> value_placeholders(std::string_view text) {
  std::vector<std::string> out;
  for_each_placeholder(text, [&](const Placeholder& p) {
    if (!p.shared) out.emplace_back(p.name);
  });
  return out;
}

std::vector<std::string> shared_text_keys(std::string_view text) {
  std::vector<std::string> out;
  for_each_placeholder(text, [&](const Placeholder& p) {
    if (p.shared) out.emplace_back(p.name);
  });
  return out;
}

}  // namespace tlsready::catalogue
