// Reads back, through read_live_registry, the values run_wine_tests.sh wrote into the Wine
// prefix's registry with `wine reg add` just before starting this program: the SCHANNEL
// protocol switches, the .NET strong-crypto switches in both registry views, and the cipher
// suite policy. Unlike tests/native/winreg/live_registry_test.cpp (which writes its own scratch
// key with the Win32 API), the data here comes from a different program, under HKLM, and
// partly from the 32-bit view, as an administrator's `reg add` or a GPO would leave it.
//
// The script passes a fresh marker in TLSREADY_WINE_RUN_ID and writes it to the registry too,
// so a stale prefix from an earlier run cannot make these tests pass.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

#include "winreg/live_registry.h"
#include "winreg/registry_model.h"

#ifdef _WIN32

namespace winreg = tlsready::winreg;
using winreg::Registry;
using winreg::ValueType;

namespace {

const std::string schannel = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL";
const std::string dotnet = "HKLM\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319";
const std::string dotnet_32 = "HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319";
const std::string cipher_policy = "HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002";
const std::string scratch = "HKLM\\SOFTWARE\\tlsready-wine-test";

Registry read_ok(const std::vector<std::string>& roots) {
  Registry registry;
  const auto error = winreg::read_live_registry(roots, registry);
  INFO((error ? error->message : std::string()));
  REQUIRE_FALSE(error.has_value());
  return registry;
}

const winreg::Value& value_of(const Registry& registry, const std::string& key, const std::string& name) {
  const winreg::Value* value = registry.find_value(key, name);
  INFO(key << " \"" << name << "\"");
  REQUIRE(value != nullptr);
  return *value;
}

}  // namespace

TEST_CASE("wine: the registry holds this run's values", "[wine]") {
  const char* run_id = std::getenv("TLSREADY_WINE_RUN_ID");
  INFO("run this program through tests/windows/run_wine_tests.sh, which writes the registry first");
  REQUIRE(run_id != nullptr);
  const Registry registry = read_ok({scratch});
  const auto& marker = value_of(registry, scratch, "RunId");
  CHECK(marker.type == ValueType::sz);
  CHECK(marker.as_string().value_or("<not a string>") == std::string(run_id));
}

TEST_CASE("wine: SCHANNEL protocol switches written by reg add read back", "[wine]") {
  const Registry registry = read_ok({schannel});
  const std::string tls10_server = schannel + "\\Protocols\\TLS 1.0\\Server";
  const std::string tls12_client = schannel + "\\Protocols\\TLS 1.2\\Client";

  const auto& enabled = value_of(registry, tls10_server, "Enabled");
  CHECK(enabled.type == ValueType::dword);
  CHECK(enabled.data == std::vector<uint8_t>{0, 0, 0, 0});
  CHECK(enabled.as_dword() == 0u);
  const auto& disabled_by_default = value_of(registry, tls10_server, "DisabledByDefault");
  CHECK(disabled_by_default.type == ValueType::dword);
  CHECK(disabled_by_default.as_dword() == 1u);
  // 0xffffffff is how old guidance spells "enabled": all 32 bits, no sign trouble.
  const auto& client_enabled = value_of(registry, tls12_client, "Enabled");
  CHECK(client_enabled.type == ValueType::dword);
  CHECK(client_enabled.data == std::vector<uint8_t>{0xff, 0xff, 0xff, 0xff});
  CHECK(registry.dword(tls12_client, "enabled") == 0xffffffffu);

  // The script deleted Protocols before writing, so exactly these keys are there, stored
  // under the long hive name and in the case reg add used.
  CHECK(registry.subkeys(schannel + "\\Protocols") == std::vector<std::string>{"TLS 1.0", "TLS 1.2"});
  CHECK(registry.subkeys(schannel + "\\Protocols\\TLS 1.0") == std::vector<std::string>{"Server"});
  CHECK(registry.find_key(tls10_server)->path ==
        "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols\\TLS 1.0\\Server");
  CHECK(registry.find_key(tls10_server)->values.size() == 2);
  CHECK(registry.find_key(tls12_client)->values.size() == 1);
}

TEST_CASE("wine: a key stored in another case is found by the case-insensitive path", "[wine]") {
  // Wine's prefix already has this key, spelled "Schannel" (Windows spells it "SCHANNEL");
  // `reg add ...\SCHANNEL\...` opened it case-insensitively. Read from its parent, the key
  // keeps the stored spelling and is still found by the other one.
  const std::string providers = "HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders";
  const Registry registry = read_ok({providers});
  const auto names = registry.subkeys(providers);
  const auto found = std::find_if(names.begin(), names.end(), [](const std::string& name) {
    return name.size() == 8 && std::equal(name.begin(), name.end(), "SCHANNEL", [](char a, char b) {
             return std::toupper(static_cast<unsigned char>(a)) == b;
           });
  });
  REQUIRE(found != names.end());
  INFO("stored as " << *found);
  CHECK(registry.dword(schannel + "\\Protocols\\TLS 1.2\\Client", "Enabled") == 0xffffffffu);
  CHECK(registry.dword(providers + "\\" + *found + "\\protocols\\tls 1.0\\server", "DISABLEDBYDEFAULT") == 1u);
  CHECK(registry.find_key(schannel)->path == "HKEY_LOCAL_MACHINE\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\" + *found);
}

TEST_CASE("wine: the 32-bit view (WOW6432Node) is read apart from the native one", "[wine]") {
  // SchUseStrongCrypto: 1 written to the 64-bit view, 0 with `reg add /reg:32`.
  // SystemDefaultTlsVersions: 1 written to the 64-bit view, 0 to the explicit WOW6432Node path.
  const Registry registry = read_ok({dotnet, dotnet_32});
  CHECK(value_of(registry, dotnet, "SchUseStrongCrypto").type == ValueType::dword);
  CHECK(registry.dword(dotnet, "SchUseStrongCrypto") == 1u);
  CHECK(registry.dword(dotnet, "SystemDefaultTlsVersions") == 1u);
  CHECK(value_of(registry, dotnet_32, "SchUseStrongCrypto").type == ValueType::dword);
  CHECK(registry.dword(dotnet_32, "SchUseStrongCrypto") == 0u);
  CHECK(registry.dword(dotnet_32, "SystemDefaultTlsVersions") == 0u);
  // Two distinct keys, the 32-bit one stored under its WOW6432Node path as regedit shows it.
  REQUIRE(registry.find_key(dotnet) != registry.find_key(dotnet_32));
  CHECK(registry.find_key(dotnet_32)->path ==
        "HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319");

  // Each view alone: the native read must not pick up the 32-bit values and vice versa.
  const Registry native_only = read_ok({dotnet});
  CHECK(native_only.dword(dotnet, "SchUseStrongCrypto") == 1u);
  CHECK(native_only.find_key(dotnet_32) == nullptr);
  const Registry wow_only = read_ok({dotnet_32});
  CHECK(wow_only.dword(dotnet_32, "SchUseStrongCrypto") == 0u);
  CHECK(wow_only.find_key(dotnet) == nullptr);
}

TEST_CASE("wine: the cipher suite policy's REG_SZ and REG_MULTI_SZ read back", "[wine]") {
  const Registry registry = read_ok({cipher_policy});
  // Group Policy writes Functions as one comma-separated REG_SZ.
  const auto& functions = value_of(registry, cipher_policy, "Functions");
  CHECK(functions.type == ValueType::sz);
  CHECK(functions.as_string().value_or("<not a string>") ==
        "TLS_AES_256_GCM_SHA384,TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
  CHECK(functions.as_multi_string() == std::nullopt);
  // EccCurves is a REG_MULTI_SZ: UTF-16LE strings, each terminated, then an empty one.
  const auto& curves = value_of(registry, cipher_policy, "EccCurves");
  CHECK(curves.type == ValueType::multi_sz);
  CHECK(curves.as_multi_string() == std::vector<std::string>{"NistP384", "curve25519"});
  CHECK(curves.as_string() == std::nullopt);
  REQUIRE(curves.data.size() >= 4);
  CHECK(curves.data[curves.data.size() - 1] == 0);
  CHECK(curves.data[curves.data.size() - 2] == 0);
  CHECK(curves.data[curves.data.size() - 3] == 0);
  CHECK(curves.data[curves.data.size() - 4] == 0);
}

TEST_CASE("wine: other value types written by reg add read back", "[wine]") {
  const Registry registry = read_ok({scratch});
  // `wine reg query` shows a REG_QWORD as "(null)" (a display gap in Wine 8's reg.exe), but
  // the value is stored correctly.
  const auto& big = value_of(registry, scratch, "Big");
  CHECK(big.type == ValueType::qword);
  CHECK(big.as_qword() == 0x0123456789abcdefull);
  const auto& path = value_of(registry, scratch, "Path");
  CHECK(path.type == ValueType::expand_sz);
  CHECK(path.as_string().value_or("<not a string>") == "%SystemRoot%\\System32");  // stored unexpanded
  const auto& blob = value_of(registry, scratch, "Blob");
  CHECK(blob.type == ValueType::binary);
  CHECK(blob.data == std::vector<uint8_t>{0x01, 0x02, 0xfe, 0xff});
  // reg add turns its command line into UTF-16 with the Unix locale: the script runs it
  // under a UTF-8 locale (under LC_ALL=C the text arrives mangled).
  const auto& greeting = value_of(registry, scratch, "Greeting");
  CHECK(greeting.type == ValueType::sz);
  CHECK(greeting.as_string().value_or("<not a string>") == "Gr\xc3\xbc\xc3\x9f" "e");  // "Grüße"
  const auto& empty = value_of(registry, scratch, "");
  CHECK(empty.type == ValueType::sz);
  CHECK(empty.as_string().value_or("<not a string>") == "default");
}

#endif  // _WIN32
