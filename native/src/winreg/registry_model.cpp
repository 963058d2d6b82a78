#include "winreg/registry_model.h"

#include <algorithm>
#include <set>
#include <span>

#include "winreg/registry_path.h"
#include "winreg/text_decoding.h"

namespace tlsready::winreg {

namespace {

uint64_t little_endian(std::span<const uint8_t> bytes) {
  uint64_t v = 0;
  for (size_t i = bytes.size(); i-- > 0;) v = (v << 8) | bytes[i];
  return v;
}

bool raw_type(ValueType type) { return type == ValueType::binary || type == ValueType::none; }

// UTF-16 code units of `data` up to (not including) the first NUL unit, from `offset`.
size_t string_end(const std::vector<uint8_t>& data, size_t offset) {
  size_t i = offset;
  while (i + 1 < data.size() && (data[i] != 0 || data[i + 1] != 0)) i += 2;
  return std::min(i, data.size() - data.size() % 2);
}

}  // namespace

std::optional<uint32_t> Value::as_dword() const {
  if (data.size() != 4) return std::nullopt;
  if (type == ValueType::dword || raw_type(type)) return static_cast<uint32_t>(little_endian(data));
  if (type == ValueType::dword_big_endian)
    return static_cast<uint32_t>((uint32_t{data[0]} << 24) | (uint32_t{data[1]} << 16) | (uint32_t{data[2]} << 8) | data[3]);
  return std::nullopt;
}

std::optional<uint64_t> Value::as_qword() const {
  if (data.size() != 8) return std::nullopt;
  if (type == ValueType::qword || raw_type(type)) return little_endian(data);
  return std::nullopt;
}

std::optional<std::string> Value::as_string() const {
  if (type != ValueType::sz && type != ValueType::expand_sz) return std::nullopt;
  const size_t end = string_end(data, 0);
  return utf16le_to_utf8(std::span<const uint8_t>(data.data(), end));
}

std::optional<std::vector<std::string>> Value::as_multi_string() const {
  if (type != ValueType::multi_sz) return std::nullopt;
  std::vector<std::string> strings;
  size_t pos = 0;
  const size_t even = data.size() - data.size() % 2;
  while (pos < even) {
    const size_t end = string_end(data, pos);
    if (end == pos) break;  // the empty string ends the list
    strings.push_back(utf16le_to_utf8(std::span<const uint8_t>(data.data() + pos, end - pos)));
    pos = end + 2;
  }
  return strings;
}

const Value* Key::find_value(const std::string& name) const {
  for (const auto& v : values) {
    if (equal_ignoring_case(v.name, name)) return &v;
  }
  return nullptr;
}

std::string Registry::normalize(const std::string& path) {
  return fold_case(display_path(path, ShortRoots::all));
}

Key& Registry::ensure_key(const std::string& path) {
  auto [it, inserted] = keys_.try_emplace(normalize(path));
  if (inserted) it->second.path = display_path(path, ShortRoots::all);
  return it->second;
}

void Registry::delete_key(const std::string& path) {
  const std::string key = normalize(path);
  keys_.erase(key);
  const std::string prefix = key + "\\";
  auto it = keys_.lower_bound(prefix);
  while (it != keys_.end() && it->first.compare(0, prefix.size(), prefix) == 0) it = keys_.erase(it);
}

void Registry::set_value(const std::string& key_path, Value value) {
  Key& key = ensure_key(key_path);
  for (auto& existing : key.values) {
    if (equal_ignoring_case(existing.name, value.name)) {
      existing.type = value.type;  // keeps the name as first written, like Windows
      existing.data = std::move(value.data);
      return;
    }
  }
  key.values.push_back(std::move(value));
}

void Registry::delete_value(const std::string& key_path, const std::string& name) {
  auto it = keys_.find(normalize(key_path));
  if (it == keys_.end()) return;
  auto& values = it->second.values;
  values.erase(std::remove_if(values.begin(), values.end(),
                              [&](const Value& v) { return equal_ignoring_case(v.name, name); }),
               values.end());
}

const Key* Registry::find_key(const std::string& path) const {
  auto it = keys_.find(normalize(path));
  return it == keys_.end() ? nullptr : &it->second;
}

const Value* Registry::find_value(const std::string& key_path, const std::string& name) const {
  const Key* key = find_key(key_path);
  return key == nullptr ? nullptr : key->find_value(name);
}

std::optional<uint32_t> Registry::dword(const std::string& key_path, const std::string& name) const {
  const Value* value = find_value(key_path, name);
  return value == nullptr ? std::nullopt : value->as_dword();
}

std::vector<std::string> Registry::subkeys(const std::string& path) const {
  // Every key below `path` names a direct subkey, whether or not that subkey was written itself.
  const std::string prefix = normalize(path) + "\\";
  std::vector<std::string> names;
  std::set<std::string> seen;
  for (auto it = keys_.lower_bound(prefix); it != keys_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
       ++it) {
    const size_t end = it->first.find('\\', prefix.size());
    const size_t length = (end == std::string::npos ? it->first.size() : end) - prefix.size();
    if (!seen.insert(it->first.substr(prefix.size(), length)).second) continue;
    // The display path has the same components as the normalized one; count backslashes to find it.
    const std::string& shown = it->second.path;
    const size_t depth = static_cast<size_t>(std::count(prefix.begin(), prefix.end(), '\\'));
    size_t start = 0;
    for (size_t n = 0; n < depth && start != std::string::npos; ++n) {
      start = shown.find('\\', start);
      if (start != std::string::npos) ++start;
    }
    if (start == std::string::npos) continue;
    const size_t stop = shown.find('\\', start);
    names.push_back(shown.substr(start, stop == std::string::npos ? std::string::npos : stop - start));
  }
  return names;
}

}  // namespace tlsready::winreg
