#pragma once
// Test helper: builds a winreg::Registry value by value (ASCII text only).

#include <cstdint>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "policy/windows/os_version.h"
#include "winreg/reg_file.h"
#include "winreg/registry_model.h"

namespace tlsready::policy::windows::testing {

inline std::vector<uint8_t> utf16(const std::string& text, bool terminate = true) {
  std::vector<uint8_t> out;
  for (unsigned char c : text) {
    out.push_back(c);
    out.push_back(0);
  }
  if (terminate) {
    out.push_back(0);
    out.push_back(0);
  }
  return out;
}

class RegistryBuilder {
 public:
  RegistryBuilder& dword(const std::string& key, const std::string& name, uint32_t value) {
    std::vector<uint8_t> data = {static_cast<uint8_t>(value), static_cast<uint8_t>(value >> 8),
                                 static_cast<uint8_t>(value >> 16), static_cast<uint8_t>(value >> 24)};
    registry_.set_value(key, winreg::Value{name, winreg::ValueType::dword, data});
    return *this;
  }
  RegistryBuilder& binary(const std::string& key, const std::string& name, std::vector<uint8_t> data) {
    registry_.set_value(key, winreg::Value{name, winreg::ValueType::binary, std::move(data)});
    return *this;
  }
  RegistryBuilder& sz(const std::string& key, const std::string& name, const std::string& text) {
    registry_.set_value(key, winreg::Value{name, winreg::ValueType::sz, utf16(text)});
    return *this;
  }
  RegistryBuilder& multi_sz(const std::string& key, const std::string& name, const std::vector<std::string>& items) {
    std::vector<uint8_t> data;
    for (const std::string& item : items) {
      auto part = utf16(item);
      data.insert(data.end(), part.begin(), part.end());
    }
    data.push_back(0);
    data.push_back(0);
    registry_.set_value(key, winreg::Value{name, winreg::ValueType::multi_sz, data});
    return *this;
  }
  RegistryBuilder& key(const std::string& path) {
    registry_.ensure_key(path);
    return *this;
  }
  const winreg::Registry& registry() const { return registry_; }
  winreg::Registry& registry() { return registry_; }

 private:
  winreg::Registry registry_;
};

inline const std::string kSchannel = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL";
inline std::string protocol_key(const std::string& protocol, const std::string& role) {
  return kSchannel + "\\Protocols\\" + protocol + "\\" + role;
}

inline std::string scenario_dir() { return std::string(TLSREADY_SOURCE_DIR) + "/tests/data/reg/scenarios"; }

inline std::vector<uint8_t> read_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<uint8_t>(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

}  // namespace tlsready::policy::windows::testing
