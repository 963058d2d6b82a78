// The Windows policy audit over the live registry (policy_audit.h: audit_live_registry).
#if defined(_WIN32)
#include <windows.h>
#endif

#include <stdexcept>
#include <utility>
#include <vector>

#include "policy/policy_audit.h"
#include "policy/windows_report.h"
#include "winreg/live_registry.h"
#include "winreg/registry_model.h"

namespace tlsready::policy {

const std::vector<std::string>& live_registry_roots() {
  // Every key policy/windows/*_state.cpp and os_version.cpp read, both registry views where the
  // audit compares them (the 32-bit view is stored under WOW6432Node, as `reg export` shows it).
  static const std::vector<std::string> roots = {
      R"(HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\SecurityProviders\SCHANNEL)",
      R"(HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\Cryptography\Configuration\Local\SSL)",
      R"(HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Cryptography\Configuration\SSL)",
      R"(HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\.NETFramework)",
      R"(HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\Microsoft\.NETFramework)",
      R"(HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings)",
      R"(HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Internet Settings)",
      R"(HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Windows\CurrentVersion\Internet Settings)",
      R"(HKEY_CURRENT_USER\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings)",
      R"(HKEY_CURRENT_USER\SOFTWARE\Policies\Microsoft\Windows\CurrentVersion\Internet Settings)",
      R"(HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\ExchangeServer\v15\Setup)",
  };
  return roots;
}

namespace {

// The OS version (os_version.cpp) is in the values of ...\Windows NT\CurrentVersion. Only its
// values are read: its subtree holds Perflib\<language>, which Windows serves from the
// performance-data provider and Wine refuses (error 6), and nothing the audit needs.
void read_os_version_values(winreg::Registry& registry) {
#if defined(_WIN32)
  const char* const kCurrentVersion = R"(HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows NT\CurrentVersion)";
  HKEY key = nullptr;
  if (RegOpenKeyExW(HKEY_LOCAL_MACHINE, LR"(SOFTWARE\Microsoft\Windows NT\CurrentVersion)", 0,
                    KEY_QUERY_VALUE | KEY_WOW64_64KEY, &key) != ERROR_SUCCESS) {
    return;  // absent: the audit says which key or option is missing
  }
  registry.ensure_key(kCurrentVersion);
  std::vector<wchar_t> name(16384);
  std::vector<BYTE> data(65536);
  for (DWORD index = 0;; ++index) {
    DWORD name_length = static_cast<DWORD>(name.size());
    DWORD data_length = static_cast<DWORD>(data.size());
    DWORD type = 0;
    const LONG status = RegEnumValueW(key, index, name.data(), &name_length, nullptr, &type, data.data(), &data_length);
    if (status == ERROR_NO_MORE_ITEMS) break;
    if (status != ERROR_SUCCESS) continue;  // a value larger than 64 KiB is no version number
    const int utf8_length =
        WideCharToMultiByte(CP_UTF8, 0, name.data(), static_cast<int>(name_length), nullptr, 0, nullptr, nullptr);
    std::string utf8(static_cast<size_t>(utf8_length), '\0');
    WideCharToMultiByte(CP_UTF8, 0, name.data(), static_cast<int>(name_length), utf8.data(), utf8_length, nullptr,
                        nullptr);
    winreg::Value value;
    value.name = utf8;
    value.type = static_cast<winreg::ValueType>(type);
    value.data.assign(data.begin(), data.begin() + data_length);
    registry.set_value(kCurrentVersion, std::move(value));
  }
  RegCloseKey(key);
#else
  (void)registry;
#endif
}

}  // namespace

model::PolicyReport audit_live_registry(const std::string& os_version) {
  const auto os = os_version_option(os_version);
  winreg::Registry registry;
  if (auto error = winreg::read_live_registry(live_registry_roots(), registry)) {
    throw std::invalid_argument(error->message);
  }
  read_os_version_values(registry);
  model::PolicySource source;
  source.type = model::PolicySource::Type::live_registry;
  return windows_report(registry, os, std::move(source));
}

}  // namespace tlsready::policy
