// Tests of the winreg room's in-memory model: case-insensitive paths and names, hive short
// forms, key deletion with subkeys, value replacement, and the typed accessors over raw bytes.
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "winreg/registry_model.h"
#include "winreg/text_decoding.h"

namespace winreg = tlsready::winreg;
using winreg::Registry;
using winreg::Value;
using winreg::ValueType;

namespace {

const std::string schannel = "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL";

Value dword_value(const std::string& name, uint32_t v) {
  return Value{name, ValueType::dword,
               {static_cast<uint8_t>(v), static_cast<uint8_t>(v >> 8), static_cast<uint8_t>(v >> 16),
                static_cast<uint8_t>(v >> 24)}};
}

std::vector<uint8_t> utf16z(const std::string& text) {
  auto bytes = winreg::utf8_to_utf16le(text);
  bytes.push_back(0);
  bytes.push_back(0);
  return bytes;
}

}  // namespace

TEST_CASE("normalize maps short hives, upper-cases and trims trailing backslashes", "[winreg]") {
  CHECK(Registry::normalize("HKLM\\Software\\x") == "HKEY_LOCAL_MACHINE\\SOFTWARE\\X");
  CHECK(Registry::normalize("hkcu\\Software\\") == "HKEY_CURRENT_USER\\SOFTWARE");
  CHECK(Registry::normalize("hkey_local_machine\\a\\\\") == "HKEY_LOCAL_MACHINE\\A");
  CHECK(Registry::normalize("HKCR\\.reg") == "HKEY_CLASSES_ROOT\\.REG");
  CHECK(Registry::normalize("HKLM") == "HKEY_LOCAL_MACHINE");
  // Not a hive: left alone apart from case.
  CHECK(Registry::normalize("HKLMX\\a") == "HKLMX\\A");
  // Windows compares beyond ASCII too.
  CHECK(Registry::normalize("HKCU\\grüße\\привет") == "HKEY_CURRENT_USER\\GRÜßE\\ПРИВЕТ");
}

TEST_CASE("keys are found case-insensitively and keep the case first written", "[winreg]") {
  Registry registry;
  auto& key = registry.ensure_key("HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Client");
  CHECK(key.path == schannel + "\\Protocols\\TLS 1.0\\Client");
  auto& again = registry.ensure_key(schannel + "\\PROTOCOLS\\tls 1.0\\client\\");
  CHECK(&again == &key);
  CHECK(again.path == schannel + "\\Protocols\\TLS 1.0\\Client");
  CHECK(registry.keys().size() == 1);
  CHECK(registry.find_key("hklm\\system\\currentcontrolset\\control\\securityproviders\\schannel\\protocols\\TLS 1.0\\CLIENT") == &key);
  CHECK(registry.find_key(schannel + "\\Protocols\\TLS 1.1\\Client") == nullptr);
  // ensure_key creates only the key itself.
  CHECK(registry.find_key(schannel + "\\Protocols") == nullptr);
}

TEST_CASE("values: set replaces by case-insensitive name, delete removes, dword reads", "[winreg]") {
  Registry registry;
  const std::string client = schannel + "\\Protocols\\TLS 1.0\\Client";
  registry.set_value(client, dword_value("Enabled", 1));
  registry.set_value(client, dword_value("DisabledByDefault", 0));
  registry.set_value(client, dword_value("ENABLED", 0));
  const auto* key = registry.find_key(client);
  REQUIRE(key != nullptr);
  REQUIRE(key->values.size() == 2);
  CHECK(key->values[0].name == "Enabled");  // the name as first written
  CHECK(registry.dword(client, "enabled") == 0u);
  CHECK(registry.dword("HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Client",
                       "DisabledByDefault") == 0u);
  CHECK_FALSE(registry.dword(client, "Missing").has_value());
  CHECK_FALSE(registry.dword(client + "\\Nope", "Enabled").has_value());

  registry.delete_value(client, "ENABLED");
  CHECK(registry.find_value(client, "Enabled") == nullptr);
  CHECK(registry.find_value(client, "DisabledByDefault") != nullptr);
  registry.delete_value(schannel + "\\Nowhere", "Enabled");  // no key: nothing happens, nothing created
  CHECK(registry.find_key(schannel + "\\Nowhere") == nullptr);

  registry.set_value(client, Value{"", ValueType::sz, utf16z("default")});
  CHECK(registry.find_value(client, "")->as_string() == "default");
}

TEST_CASE("delete_key removes the key and its subkeys only", "[winreg]") {
  Registry registry;
  registry.ensure_key(schannel + "\\Protocols\\SSL 3.0");
  registry.ensure_key(schannel + "\\Protocols\\SSL 3.0\\Client");
  registry.ensure_key(schannel + "\\Protocols\\SSL 3.0\\Server");
  registry.ensure_key(schannel + "\\Protocols\\SSL 3.0 Extra");  // shares the prefix, not a subkey
  registry.ensure_key(schannel + "\\Protocols\\TLS 1.2\\Client");
  registry.delete_key("hklm\\system\\currentcontrolset\\control\\securityproviders\\schannel\\protocols\\ssl 3.0\\");
  CHECK(registry.find_key(schannel + "\\Protocols\\SSL 3.0") == nullptr);
  CHECK(registry.find_key(schannel + "\\Protocols\\SSL 3.0\\Client") == nullptr);
  CHECK(registry.find_key(schannel + "\\Protocols\\SSL 3.0\\Server") == nullptr);
  CHECK(registry.find_key(schannel + "\\Protocols\\SSL 3.0 Extra") != nullptr);
  CHECK(registry.find_key(schannel + "\\Protocols\\TLS 1.2\\Client") != nullptr);
  CHECK(registry.keys().size() == 2);
}

TEST_CASE("subkeys lists direct children, also those only implied by deeper keys", "[winreg]") {
  Registry registry;
  registry.ensure_key(schannel + "\\Protocols");
  registry.ensure_key(schannel + "\\Protocols\\TLS 1.0\\Client");
  registry.ensure_key(schannel + "\\Protocols\\TLS 1.0\\Server");
  registry.ensure_key(schannel + "\\Protocols\\TLS 1.1");
  registry.ensure_key(schannel + "\\PROTOCOLS\\TLS 1.1\\Client");
  registry.ensure_key(schannel + "\\Protocols\\TLS 1.2\\Client");
  registry.ensure_key(schannel + "\\Ciphers\\RC4 128/128");
  const auto protocols = registry.subkeys("HKLM\\System\\CurrentControlSet\\Control\\SecurityProviders\\Schannel\\Protocols\\");
  CHECK(protocols == std::vector<std::string>{"TLS 1.0", "TLS 1.1", "TLS 1.2"});
  CHECK(registry.subkeys(schannel + "\\Protocols\\TLS 1.0") == std::vector<std::string>{"Client", "Server"});
  CHECK(registry.subkeys(schannel) == std::vector<std::string>{"Ciphers", "Protocols"});
  CHECK(registry.subkeys(schannel + "\\Ciphers") == std::vector<std::string>{"RC4 128/128"});
  CHECK(registry.subkeys(schannel + "\\Protocols\\TLS 1.2\\Client").empty());
  CHECK(registry.subkeys(schannel + "\\Nowhere").empty());
}

TEST_CASE("typed accessors read the raw bytes Windows stores", "[winreg]") {
  CHECK(dword_value("x", 0xA80).as_dword() == 0xA80u);
  CHECK(Value{"x", ValueType::binary, {1, 0, 0, 0}}.as_dword() == 1u);
  CHECK(Value{"x", ValueType::none, {0xff, 0xff, 0xff, 0xff}}.as_dword() == 0xFFFFFFFFu);
  CHECK(Value{"x", ValueType::dword_big_endian, {0, 0, 1, 0}}.as_dword() == 0x100u);
  CHECK_FALSE(Value{"x", ValueType::binary, {1, 0, 0}}.as_dword().has_value());
  CHECK_FALSE(Value{"x", ValueType::dword, {1, 0, 0, 0, 0}}.as_dword().has_value());
  CHECK_FALSE(Value{"x", ValueType::sz, {1, 0, 0, 0}}.as_dword().has_value());

  CHECK(Value{"q", ValueType::qword, {0xef, 0xcd, 0xab, 0x89, 0x67, 0x45, 0x23, 0x01}}.as_qword() == 0x0123456789ABCDEFull);
  CHECK_FALSE(Value{"q", ValueType::qword, {1, 2, 3, 4}}.as_qword().has_value());
  CHECK_FALSE(dword_value("x", 1).as_qword().has_value());

  CHECK(Value{"s", ValueType::sz, utf16z("Zürich 𝄞")}.as_string() == "Zürich 𝄞");
  CHECK(Value{"s", ValueType::expand_sz, utf16z("%SystemRoot%")}.as_string() == "%SystemRoot%");
  // Not terminated, odd length, embedded NUL: Windows tolerates all three.
  CHECK(Value{"s", ValueType::sz, {'a', 0, 'b', 0}}.as_string() == "ab");
  CHECK(Value{"s", ValueType::sz, {'a', 0, 'b'}}.as_string() == "a");
  CHECK(Value{"s", ValueType::sz, {'a', 0, 0, 0, 'b', 0, 0, 0}}.as_string() == "a");
  CHECK(Value{"s", ValueType::sz, {}}.as_string() == "");
  CHECK_FALSE(dword_value("x", 1).as_string().has_value());

  std::vector<uint8_t> list;
  for (const char* s : {"curve25519", "NistP256", "NistP384"}) {
    const auto part = utf16z(s);
    list.insert(list.end(), part.begin(), part.end());
  }
  list.push_back(0);
  list.push_back(0);
  CHECK(Value{"m", ValueType::multi_sz, list}.as_multi_string() ==
        std::vector<std::string>{"curve25519", "NistP256", "NistP384"});
  CHECK(Value{"m", ValueType::multi_sz, {0, 0}}.as_multi_string() == std::vector<std::string>{});
  CHECK(Value{"m", ValueType::multi_sz, {}}.as_multi_string() == std::vector<std::string>{});
  CHECK(Value{"m", ValueType::multi_sz, {'a', 0}}.as_multi_string() == std::vector<std::string>{"a"});
  CHECK_FALSE(Value{"m", ValueType::sz, {0, 0}}.as_multi_string().has_value());
}
