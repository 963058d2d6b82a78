#include "winreg/live_registry.h"

#ifdef _WIN32

#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>

#include <cstdint>
#include <span>
#include <string_view>

#include "winreg/registry_path.h"
#include "winreg/text_decoding.h"

namespace tlsready::winreg {

namespace {

// Registry depth is limited to 512 levels by Windows; stop there whatever happens.
constexpr int max_depth = 512;

std::wstring widen(std::string_view utf8) {
  const auto bytes = utf8_to_utf16le(utf8);
  std::wstring out(bytes.size() / 2, L'\0');
  for (size_t i = 0; i < out.size(); ++i) out[i] = static_cast<wchar_t>(bytes[2 * i] | (bytes[2 * i + 1] << 8));
  return out;
}

std::string narrow(const wchar_t* text, size_t length) {
  std::vector<uint8_t> bytes(length * 2);
  for (size_t i = 0; i < length; ++i) {
    bytes[2 * i] = static_cast<uint8_t>(static_cast<uint16_t>(text[i]) & 0xFF);
    bytes[2 * i + 1] = static_cast<uint8_t>(static_cast<uint16_t>(text[i]) >> 8);
  }
  return utf16le_to_utf8(bytes);
}

std::string describe(LONG status) {
  wchar_t* buffer = nullptr;
  const DWORD length = FormatMessageW(
      FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS, nullptr,
      static_cast<DWORD>(status), 0, reinterpret_cast<wchar_t*>(&buffer), 0, nullptr);
  std::string text = length > 0 && buffer != nullptr ? narrow(buffer, length) : std::string();
  if (buffer != nullptr) LocalFree(buffer);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r' || text.back() == ' ' || text.back() == '.'))
    text.pop_back();
  return "Win32 error " + std::to_string(status) + (text.empty() ? "" : " (" + text + ")");
}

HKEY hive(std::string_view long_name) {
  if (long_name == "HKEY_LOCAL_MACHINE") return HKEY_LOCAL_MACHINE;
  if (long_name == "HKEY_CURRENT_USER") return HKEY_CURRENT_USER;
  if (long_name == "HKEY_CLASSES_ROOT") return HKEY_CLASSES_ROOT;
  if (long_name == "HKEY_USERS") return HKEY_USERS;
  return HKEY_CURRENT_CONFIG;
}

class KeyHandle {
 public:
  KeyHandle() = default;
  KeyHandle(const KeyHandle&) = delete;
  KeyHandle& operator=(const KeyHandle&) = delete;
  ~KeyHandle() {
    if (key_ != nullptr) RegCloseKey(key_);
  }
  HKEY* out() { return &key_; }
  HKEY get() const { return key_; }

 private:
  HKEY key_ = nullptr;
};

RegFileError error(const std::string& path, const std::string& what, LONG status) {
  return RegFileError{0, what + " " + path + ": " + describe(status)};
}

std::optional<RegFileError> read_values(HKEY key, const std::string& path, Registry& into) {
  DWORD max_name = 0;
  DWORD max_data = 0;
  LONG status = RegQueryInfoKeyW(key, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, nullptr, &max_name,
                                 &max_data, nullptr, nullptr);
  if (status != ERROR_SUCCESS) return error(path, "cannot query", status);
  std::vector<wchar_t> name(max_name + 1);
  std::vector<uint8_t> data(max_data == 0 ? 1 : max_data);
  int retries = 0;
  for (DWORD index = 0;;) {
    DWORD name_length = static_cast<DWORD>(name.size());
    DWORD data_length = static_cast<DWORD>(data.size());
    DWORD type = 0;
    status = RegEnumValueW(key, index, name.data(), &name_length, nullptr, &type, data.data(), &data_length);
    if (status == ERROR_NO_MORE_ITEMS) break;
    if (status == ERROR_MORE_DATA) {  // a value grew since RegQueryInfoKeyW: grow and ask again
      name.resize(name.size() * 2);
      if (data_length > data.size()) {
        data.resize(data_length);
      } else {
        data.resize(data.size() * 2);
      }
      if (++retries > 16) return error(path, "cannot read values of", status);
      continue;
    }
    if (status != ERROR_SUCCESS) return error(path, "cannot read values of", status);
    Value value;
    value.name = narrow(name.data(), name_length);
    value.type = static_cast<ValueType>(type);
    value.data.assign(data.begin(), data.begin() + data_length);
    into.set_value(path, std::move(value));
    ++index;
    retries = 0;
  }
  return std::nullopt;
}

std::optional<RegFileError> read_tree(HKEY parent, const std::wstring& subkey, const std::string& path, REGSAM view,
                                      int depth, Registry& into) {
  KeyHandle key;
  const LONG status = RegOpenKeyExW(parent, subkey.c_str(), 0, KEY_READ | view, key.out());
  if (status == ERROR_FILE_NOT_FOUND) return std::nullopt;
  if (status != ERROR_SUCCESS) return error(path, "cannot open", status);
  into.ensure_key(path);
  if (auto e = read_values(key.get(), path, into)) return e;
  if (depth >= max_depth) return std::nullopt;

  // Collect the subkey names first: reading them while enumerating could skip some.
  DWORD max_subkey = 0;
  LONG info = RegQueryInfoKeyW(key.get(), nullptr, nullptr, nullptr, nullptr, &max_subkey, nullptr, nullptr, nullptr,
                               nullptr, nullptr, nullptr);
  if (info != ERROR_SUCCESS) return error(path, "cannot query", info);
  std::vector<wchar_t> name(max_subkey + 1);
  std::vector<std::wstring> children;
  for (DWORD index = 0;;) {
    DWORD length = static_cast<DWORD>(name.size());
    const LONG rc = RegEnumKeyExW(key.get(), index, name.data(), &length, nullptr, nullptr, nullptr, nullptr);
    if (rc == ERROR_NO_MORE_ITEMS) break;
    if (rc == ERROR_MORE_DATA && name.size() < 65536) {
      name.resize(name.size() * 2);
      continue;
    }
    if (rc != ERROR_SUCCESS) return error(path, "cannot list subkeys of", rc);
    children.emplace_back(name.data(), length);
    ++index;
  }
  for (const auto& child : children) {
    const std::string child_path = path + "\\" + narrow(child.data(), child.size());
    if (auto e = read_tree(key.get(), child, child_path, view, depth + 1, into)) return e;
  }
  return std::nullopt;
}

}  // namespace

std::optional<RegFileError> read_live_registry(const std::vector<std::string>& roots, Registry& into) {
  for (const auto& root : roots) {
    std::string canonical;
    if (auto problem = check_key_path(root, canonical)) return RegFileError{0, *problem};
    // Split "HIVE\\a\\WOW6432Node\\b" into the hive, the path to open and the view to use.
    const size_t slash = canonical.find('\\');
    const std::string hive_name = canonical.substr(0, slash);
    std::string rest = slash == std::string::npos ? std::string() : canonical.substr(slash + 1);
    REGSAM view = KEY_WOW64_64KEY;
    std::string opened;
    size_t start = 0;
    while (start <= rest.size() && !rest.empty()) {
      const size_t end = rest.find('\\', start);
      const std::string part = rest.substr(start, end == std::string::npos ? std::string::npos : end - start);
      if (equal_ignoring_case(part, "WOW6432Node")) {
        view = KEY_WOW64_32KEY;
      } else {
        if (!opened.empty()) opened.push_back('\\');
        opened += part;
      }
      if (end == std::string::npos) break;
      start = end + 1;
    }
    if (auto e = read_tree(hive(hive_name), widen(opened), canonical, view, 0, into)) return e;
  }
  return std::nullopt;
}

}  // namespace tlsready::winreg

#else  // !_WIN32

namespace tlsready::winreg {

std::optional<RegFileError> read_live_registry(const std::vector<std::string>& roots, Registry& into) {
  (void)roots;
  (void)into;
  return RegFileError{0, "the live registry is only readable on Windows"};
}

}  // namespace tlsready::winreg

#endif
