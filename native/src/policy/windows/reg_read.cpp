#include "policy/windows/reg_read.h"


namespace tlsready::policy::windows::detail {

std::string type_name(winreg::ValueType type) {
  switch (type) {
    case winreg::ValueType::none: return "REG_NONE";
    case winreg::ValueType::sz: return "REG_SZ";
    case winreg::ValueType::expand_sz: return "REG_EXPAND_SZ";
    case winreg::ValueType::binary: return "REG_BINARY";
    case winreg::ValueType::dword: return "REG_DWORD";
    case winreg::ValueType::dword_big_endian: return "REG_DWORD_BIG_ENDIAN";
    case winreg::ValueType::link: return "REG_LINK";
    case winreg::ValueType::multi_sz: return "REG_MULTI_SZ";
    case winreg::ValueType::resource_list: return "REG_RESOURCE_LIST";
    case winreg::ValueType::full_resource_descriptor: return "REG_FULL_RESOURCE_DESCRIPTOR";
    case winreg::ValueType::resource_requirements_list: return "REG_RESOURCE_REQUIREMENTS_LIST";
    case winreg::ValueType::qword: return "REG_QWORD";
  }
  return "REG_" + std::to_string(static_cast<uint32_t>(type));
}

namespace {

std::string number_text(uint32_t value) {
  return value <= 65535 ? std::to_string(value) : hex32(value);
}

}  // namespace

std::string DwordReading::location() const { return key + "\\" + name; }

std::string DwordReading::observed() const {
  if (!present) return "absent";
  if (!wrong_type) return number_text(value.value_or(0)) + " (REG_DWORD)";
  if (value) return number_text(*value) + " (" + type_name(type) + ", not REG_DWORD)";
  return "unusable " + type_name(type) + " value (ignored: not a REG_DWORD)";
}

DwordReading read_dword(const winreg::Registry& registry, const std::string& key, const std::string& name) {
  DwordReading reading;
  reading.key = key;
  reading.name = name;
  const winreg::Value* value = registry.find_value(key, name);
  if (value == nullptr) return reading;
  reading.present = true;
  reading.type = value->type;
  reading.wrong_type = value->type != winreg::ValueType::dword;
  if (value->type == winreg::ValueType::dword || value->type == winreg::ValueType::binary ||
      value->type == winreg::ValueType::none) {
    reading.value = value->as_dword();
  }
  return reading;
}

bool key_or_subkey_exists(const winreg::Registry& registry, const std::string& key) {
  const std::string prefix = winreg::Registry::normalize(key);
  const auto& keys = registry.keys();
  if (keys.count(prefix) != 0) return true;
  const std::string below = prefix + "\\";
  auto it = keys.lower_bound(below);
  return it != keys.end() && it->first.compare(0, below.size(), below) == 0;
}

std::string StringListReading::location() const { return key + "\\" + name; }

std::string StringListReading::observed() const {
  if (!present) return "absent";
  std::string shown;
  const std::size_t limit = 6;
  for (std::size_t i = 0; i < items.size() && i < limit; ++i) {
    if (i) shown += ", ";
    shown += items[i];
  }
  if (items.size() > limit) shown += ", ... (" + std::to_string(items.size() - limit) + " more)";
  return std::to_string(items.size()) + (items.size() == 1 ? " entry (" : " entries (") + type_name(type) +
         ")" + (shown.empty() ? "" : ": " + shown);
}

StringListReading read_string_list(const winreg::Registry& registry, const std::string& key, const std::string& name) {
  StringListReading reading;
  reading.key = key;
  reading.name = name;
  const winreg::Value* value = registry.find_value(key, name);
  if (value == nullptr) return reading;
  reading.present = true;
  reading.type = value->type;
  std::vector<std::string> raw;
  if (value->type == winreg::ValueType::multi_sz) {
    if (auto list = value->as_multi_string()) raw = *list;
  } else if (value->type == winreg::ValueType::sz || value->type == winreg::ValueType::expand_sz) {
    if (auto text = value->as_string()) {
      std::size_t start = 0;
      while (start <= text->size()) {
        std::size_t comma = text->find(',', start);
        if (comma == std::string::npos) comma = text->size();
        raw.push_back(text->substr(start, comma - start));
        start = comma + 1;
      }
    }
  }
  for (const std::string& item : raw) {
    std::string cleaned = trim(item);
    if (!cleaned.empty()) reading.items.push_back(std::move(cleaned));
  }
  return reading;
}

}  // namespace tlsready::policy::windows::detail
