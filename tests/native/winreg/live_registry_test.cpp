// Tests of the live-registry reader: on Windows it writes a scratch key under HKCU with the
// Win32 API and reads it back (both views, absent roots, names beyond ASCII); elsewhere it
// must answer with its "Windows only" error.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "winreg/live_registry.h"
#include "winreg/registry_model.h"

#ifdef _WIN32
#ifndef WIN32_LEAN_AND_MEAN
#define WIN32_LEAN_AND_MEAN
#endif
#ifndef NOMINMAX
#define NOMINMAX
#endif
#include <windows.h>
#endif

namespace winreg = tlsready::winreg;
using winreg::Registry;

#ifdef _WIN32

namespace {

const wchar_t* const scratch = L"Software\\tlsready-winreg-test";

void set(HKEY key, const wchar_t* name, DWORD type, const void* data, DWORD size) {
  REQUIRE(RegSetValueExW(key, name, 0, type, static_cast<const BYTE*>(data), size) == ERROR_SUCCESS);
}

}  // namespace

TEST_CASE("the live registry: values written with the Win32 API read back", "[winreg]") {
  RegDeleteTreeW(HKEY_CURRENT_USER, scratch);
  HKEY key = nullptr;
  REQUIRE(RegCreateKeyExW(HKEY_CURRENT_USER, L"Software\\tlsready-winreg-test\\Protocols\\TLS 1.0\\Client", 0, nullptr, 0,
                          KEY_WRITE, nullptr, &key, nullptr) == ERROR_SUCCESS);
  const DWORD zero = 0;
  set(key, L"Enabled", REG_DWORD, &zero, sizeof zero);
  const wchar_t text[] = L"Gr\u00fc\u00dfe";
  set(key, L"Text", REG_SZ, text, sizeof text);
  const wchar_t list[] = L"TLS_AES_128_GCM_SHA256\0TLS_AES_256_GCM_SHA384\0";
  set(key, L"Functions", REG_MULTI_SZ, list, sizeof list);
  const unsigned long long big = 0x0123456789ABCDEFull;
  set(key, L"Big", REG_QWORD, &big, sizeof big);
  set(key, L"", REG_SZ, L"default", sizeof L"default");
  RegCloseKey(key);
  REQUIRE(RegCreateKeyExW(HKEY_CURRENT_USER, L"Software\\tlsready-winreg-test\\Caf\u00e9", 0, nullptr, 0, KEY_WRITE,
                          nullptr, &key, nullptr) == ERROR_SUCCESS);
  RegCloseKey(key);

  Registry registry;
  const auto error = winreg::read_live_registry(
      {"HKCU\\Software\\tlsready-winreg-test", "HKEY_CURRENT_USER\\Software\\tlsready-winreg-absent"}, registry);
  RegDeleteTreeW(HKEY_CURRENT_USER, scratch);
  INFO((error ? error->message : std::string()));
  REQUIRE_FALSE(error.has_value());

  const std::string client = "HKCU\\Software\\tlsready-winreg-test\\Protocols\\TLS 1.0\\Client";
  CHECK(registry.dword(client, "Enabled") == 0u);
  CHECK(registry.find_value(client, "text")->as_string() == "Grüße");
  CHECK(registry.find_value(client, "Functions")->as_multi_string() ==
        std::vector<std::string>{"TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"});
  CHECK(registry.find_value(client, "Big")->as_qword() == 0x0123456789ABCDEFull);
  CHECK(registry.find_value(client, "")->as_string() == "default");
  CHECK(registry.find_key(client)->path == "HKEY_CURRENT_USER\\Software\\tlsready-winreg-test\\Protocols\\TLS 1.0\\Client");
  CHECK(registry.subkeys("HKCU\\Software\\tlsready-winreg-test") == std::vector<std::string>{"Café", "Protocols"});
  CHECK(registry.find_key("HKCU\\Software\\tlsready-winreg-absent") == nullptr);
}

TEST_CASE("the live registry: a bad root is an error naming it", "[winreg]") {
  Registry registry;
  const auto error = winreg::read_live_registry({"HKEY_NOWHERE\\Software"}, registry);
  REQUIRE(error.has_value());
  CHECK(error->line == 0);
  CHECK_THAT(error->message, Catch::Contains("HKEY_NOWHERE"));
}

#else

TEST_CASE("the live registry is only readable on Windows", "[winreg]") {
  Registry registry;
  const auto error = winreg::read_live_registry(
      {"HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL"}, registry);
  REQUIRE(error.has_value());
  CHECK(error->line == 0);
  CHECK(error->message == "the live registry is only readable on Windows");
  CHECK(registry.keys().empty());
}

#endif
