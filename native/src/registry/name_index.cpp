#include "registry/name_index.h"

#include <algorithm>

namespace tlsready::registry::detail {
namespace {

unsigned char lower(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte >= 'A' && byte <= 'Z') ? static_cast<unsigned char>(byte - 'A' + 'a') : byte;
}

}  // namespace

bool NameIndex::CaseInsensitiveLess::operator()(std::string_view a, std::string_view b) const {
  return std::lexicographical_compare(a.begin(), a.end(), b.begin(), b.end(),
                                      [](char x, char y) { return lower(x) < lower(y); });
}

std::optional<std::size_t> NameIndex::add(std::string_view name, std::size_t index) {
  auto [it, inserted] = map_.emplace(std::string(name), index);
  if (!inserted && it->second != index) return it->second;
  return std::nullopt;
}

std::optional<std::size_t> NameIndex::find(std::string_view name) const {
  auto it = map_.find(name);
  if (it == map_.end()) return std::nullopt;
  return it->second;
}

}  // namespace tlsready::registry::detail
