#pragma once
// Test helper: a few built registries that between them reach the rarer Windows rules the .reg
// corpus does not (half-set and invalid values, client/server mismatches, every weak cipher, small
// key sizes, .NET and WinHTTP views that differ, an Exchange server, weak and unknown suites in the
// cipher suite order, an empty curve order). Audited at every Windows generation they give almost
// every Windows finding id and variant.

#include <string>
#include <utility>
#include <vector>

#include "policy_windows/registry_builder.h"

namespace tlsready::policy::windows::testing {

inline const std::string kNetFramework = R"(HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\.NETFramework\)";
inline const std::string kNetFrameworkWow = R"(HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\Microsoft\.NETFramework\)";
inline const std::string kWinHttp =
    R"(HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp)";
inline const std::string kWinHttpWow =
    R"(HKEY_LOCAL_MACHINE\SOFTWARE\WOW6432Node\Microsoft\Windows\CurrentVersion\Internet Settings\WinHttp)";
inline const std::string kInternetSettings =
    R"(HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\Windows\CurrentVersion\Internet Settings)";
inline const std::string kSuitePolicy =
    R"(HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\Cryptography\Configuration\SSL\00010002)";
inline const std::string kSuiteLocal =
    R"(HKEY_LOCAL_MACHINE\SYSTEM\CurrentControlSet\Control\Cryptography\Configuration\Local\SSL\00010002)";

inline std::vector<std::pair<std::string, winreg::Registry>> synthetic_registries() {
  std::vector<std::pair<std::string, winreg::Registry>> out;
  const std::vector<std::string> protocols = {"SSL 2.0", "SSL 3.0", "TLS 1.0",  "TLS 1.1",
                                              "TLS 1.2", "TLS 1.3", "DTLS 1.0", "DTLS 1.2"};
  {  // Everything on: legacy protocols, TLS 1.3 where unsupported, weak ciphers, small keys, weak suites.
    RegistryBuilder b;
    for (const auto& p : protocols) {
      for (const char* role : {"Client", "Server"}) {
        b.dword(protocol_key(p, role), "Enabled", 1).dword(protocol_key(p, role), "DisabledByDefault", 0);
      }
    }
    for (const char* cipher :
         {"NULL", "RC4 128/128", "RC4 40/128", "DES 56/56", "RC2 128/128", "Triple DES 168", "Triple DES 168/168"}) {
      b.dword(kSchannel + "\\Ciphers\\" + cipher, "Enabled", 0xffffffff);
    }
    b.dword(kSchannel + "\\Hashes\\MD5", "Enabled", 0xffffffff);
    b.dword(kSchannel + "\\KeyExchangeAlgorithms\\Diffie-Hellman", "ServerMinKeyBitLength", 1024);
    b.dword(kSchannel + "\\KeyExchangeAlgorithms\\Diffie-Hellman", "ClientMinKeyBitLength", 512);
    b.dword(kSchannel + "\\KeyExchangeAlgorithms\\PKCS", "ClientMinKeyBitLength", 1024);
    for (const std::string& base : {kNetFramework, kNetFrameworkWow}) {
      for (const char* version : {"v2.0.50727", "v4.0.30319"}) {
        b.dword(base + version, "SchUseStrongCrypto", 0).dword(base + version, "SystemDefaultTlsVersions", 0);
      }
    }
    b.dword(kWinHttp, "DefaultSecureProtocols", 0xA0).dword(kWinHttpWow, "DefaultSecureProtocols", 0xA0);
    b.dword(kInternetSettings, "SecureProtocols", 0xA8);
    b.sz(kSuitePolicy, "Functions", "TLS_RSA_WITH_RC4_128_SHA,TLS_RSA_WITH_3DES_EDE_CBC_SHA,NOT_A_SUITE");
    b.multi_sz(kSuitePolicy, "EccCurves", {});
    out.emplace_back("all_on", b.registry());
  }
  {  // Half set, invalid types, client/server mismatches, TLS 1.2 off, .NET values that differ.
    RegistryBuilder b;
    for (const auto& p : protocols) {
      b.dword(protocol_key(p, "Client"), "Enabled", 1);           // half set
      b.dword(protocol_key(p, "Server"), "Enabled", 2);           // not 0/1
      b.sz(protocol_key(p, "Server"), "DisabledByDefault", "1");  // wrong type
    }
    b.dword(protocol_key("TLS 1.2", "Client"), "Enabled", 0);
    b.dword(protocol_key("TLS 1.2", "Client"), "DisabledByDefault", 1);
    for (const char* version : {"v2.0.50727", "v4.0.30319"}) {
      b.dword(kNetFramework + version, "SchUseStrongCrypto", 2)
          .sz(kNetFramework + version, "SystemDefaultTlsVersions", "1");
      b.dword(kNetFrameworkWow + version, "SchUseStrongCrypto", 1)
          .dword(kNetFrameworkWow + version, "SystemDefaultTlsVersions", 1);
    }
    b.dword(kWinHttp, "DefaultSecureProtocols", 0x800).dword(kWinHttpWow, "DefaultSecureProtocols", 0x2A0);
    b.sz(kSuiteLocal, "Functions", "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
    out.emplace_back("half_invalid", b.registry());
  }
  {  // TLS 1.2 and 1.3 off by default, legacy on request, an Exchange server, one unknown suite.
    RegistryBuilder b;
    for (const auto& p : protocols) {
      for (const char* role : {"Client", "Server"}) {
        b.dword(protocol_key(p, role), "Enabled", 1).dword(protocol_key(p, role), "DisabledByDefault", 1);
      }
    }
    b.dword(protocol_key("TLS 1.3", "Server"), "Enabled", 0);
    b.key(R"(HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\ExchangeServer\v15\Setup)");
    b.dword(kNetFramework + "v4.0.30319", "SchUseStrongCrypto", 1);
    b.sz(kSuitePolicy, "Functions", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,NOT_A_SUITE");
    out.emplace_back("off_by_default_exchange", b.registry());
  }
  {  // TLS 1.3 disabled where supported, without Exchange; no .NET keys.
    RegistryBuilder b;
    for (const char* role : {"Client", "Server"}) {
      b.dword(protocol_key("TLS 1.3", role), "Enabled", 0).dword(protocol_key("TLS 1.3", role), "DisabledByDefault", 1);
    }
    out.emplace_back("tls13_off", b.registry());
  }
  {  // Invalid client values, TLS 1.2 server disabled, invalid 32-bit .NET switches.
    RegistryBuilder b;
    for (const auto& p : protocols) {
      b.sz(protocol_key(p, "Client"), "Enabled", "1").dword(protocol_key(p, "Client"), "DisabledByDefault", 5);
    }
    b.dword(protocol_key("TLS 1.2", "Server"), "Enabled", 0)
        .dword(protocol_key("TLS 1.2", "Server"), "DisabledByDefault", 1);
    for (const char* version : {"v2.0.50727", "v4.0.30319"}) {
      b.dword(kNetFramework + version, "SchUseStrongCrypto", 1)
          .dword(kNetFramework + version, "SystemDefaultTlsVersions", 1);
      b.dword(kNetFrameworkWow + version, "SchUseStrongCrypto", 3)
          .sz(kNetFrameworkWow + version, "SystemDefaultTlsVersions", "1");
    }
    out.emplace_back("client_invalid", b.registry());
  }
  return out;
}

// The Windows generations every built registry is audited at.
inline const std::vector<std::string>& all_generations() {
  static const std::vector<std::string> names = {"win7",  "win8",       "win81",      "server2012", "server2016",
                                                 "win10", "server2019", "server2022", "win11",      "server2025"};
  return names;
}

}  // namespace tlsready::policy::windows::testing
