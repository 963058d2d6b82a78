// An in-memory Windows registry: keys with typed values, fed by a `reg export` file, a JSON
// snapshot or (on Windows) the live registry. Paths are case-insensitive like Windows' own,
// written with the long hive names ("HKEY_LOCAL_MACHINE\\SYSTEM\\..."); short forms (HKLM)
// are accepted on lookup. Thread-compatible; no global state.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace tlsready::winreg {

// REG_* value types (winnt.h numbering) as `reg export` writes them.
enum class ValueType : uint32_t {
  none = 0,                 // hex(0):
  sz = 1,                   // "text"
  expand_sz = 2,            // hex(2):
  binary = 3,               // hex:
  dword = 4,                // dword:
  dword_big_endian = 5,     // hex(5):
  link = 6,                 // hex(6):
  multi_sz = 7,             // hex(7):
  resource_list = 8,        // hex(8):
  full_resource_descriptor = 9,
  resource_requirements_list = 10,
  qword = 11,               // hex(b):
};

struct Value {
  std::string name;  // "" is the key's default value ("@" in .reg files)
  ValueType type = ValueType::none;
  std::vector<uint8_t> data;  // raw bytes, as stored (little-endian numbers, UTF-16LE strings)

  std::optional<uint32_t> as_dword() const;     // dword, or 4-byte binary/none data
  std::optional<uint64_t> as_qword() const;
  std::optional<std::string> as_string() const;  // sz/expand_sz decoded to UTF-8
  std::optional<std::vector<std::string>> as_multi_string() const;
};

struct Key {
  std::string path;  // as first written, e.g. "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet"
  std::vector<Value> values;
  const Value* find_value(const std::string& name) const;  // case-insensitive
};

class Registry {
 public:
  // Creates the key (and nothing else) if absent; returns it.
  Key& ensure_key(const std::string& path);
  void delete_key(const std::string& path);  // with its subkeys
  void set_value(const std::string& key_path, Value value);
  void delete_value(const std::string& key_path, const std::string& name);

  const Key* find_key(const std::string& path) const;
  const Value* find_value(const std::string& key_path, const std::string& name) const;
  std::optional<uint32_t> dword(const std::string& key_path, const std::string& name) const;
  // Direct subkey names of `path`, in the case first written.
  std::vector<std::string> subkeys(const std::string& path) const;
  const std::map<std::string, Key>& keys() const { return keys_; }  // by normalized path

  // "HKLM\\x" -> "HKEY_LOCAL_MACHINE\\X" upper-cased for lookup; also trims trailing '\\'.
  static std::string normalize(const std::string& path);

 private:
  std::map<std::string, Key> keys_;
};

}  // namespace tlsready::winreg
