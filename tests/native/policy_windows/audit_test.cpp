// audit_windows rules that the scenario corpus does not reach, and the audit's own contract.

#include <algorithm>
#include <catch2/catch.hpp>
#include <set>

#include "policy/windows/windows_audit.h"
#include "policy_windows/registry_builder.h"

using namespace tlsready::policy::windows;
using tlsready::policy::Finding;
using tlsready::policy::Severity;
using testing::protocol_key;
using testing::RegistryBuilder;

namespace {

std::set<std::string> ids(const WindowsAudit& audit) {
  std::set<std::string> out;
  for (const Finding& f : audit.findings) out.insert(f.id);
  return out;
}

bool has(const WindowsAudit& audit, const std::string& id) { return audit.find(id) != nullptr; }

const std::string kPolicy(kCipherSuitePolicyKey);
const std::string kWinHttp = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp";
const std::string kWinHttpWow =
    "HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp";
const std::string kInternet = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings";
const std::string kV4 = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319";

}  // namespace

TEST_CASE("audit: OS from the parameter overrides the registry", "[policy_windows][audit]") {
  RegistryBuilder b;
  b.sz(std::string(kCurrentVersionKey), "CurrentBuild", "7601");
  WindowsAudit audit = audit_windows(b.registry(), parse_windows_version("server2022"));
  CHECK(audit.os.family == OsFamily::server2022);
  CHECK_FALSE(has(audit, "SCHANNEL-TLS12-CLIENT-OFF-BY-DEFAULT"));
  CHECK_THROWS_AS(audit_windows(RegistryBuilder().registry(), std::nullopt), OsVersionError);
}

TEST_CASE("audit: findings are ordered by severity then id, ids unique", "[policy_windows][audit]") {
  RegistryBuilder b;
  WindowsAudit audit = audit_windows(b.registry(), parse_windows_version("win7"));
  REQUIRE(audit.findings.size() > 5);
  for (std::size_t i = 1; i < audit.findings.size(); ++i) {
    const Finding& a = audit.findings[i - 1];
    const Finding& c = audit.findings[i];
    CHECK((static_cast<int>(a.severity) > static_cast<int>(c.severity) ||
           (a.severity == c.severity && a.id < c.id)));
  }
  CHECK(ids(audit).size() == audit.findings.size());
  // No .NET / WinHTTP WOW64 findings without a WOW6432Node or .NET keys; the gap is reported.
  for (const Finding& f : audit.findings) {
    CHECK(f.id.find("WOW64") == std::string::npos);
    if (f.id.rfind("DOTNET", 0) == 0) CHECK(f.id == "DOTNET-NOT-EXPORTED");
  }
  const Finding* gap = audit.find("DOTNET-NOT-EXPORTED");
  REQUIRE(gap != nullptr);
  CHECK(gap->severity == Severity::info);
  CHECK(gap->registry_changes.empty());
}

TEST_CASE("audit: TLS 1.2 disabled outright is critical", "[policy_windows][audit]") {
  RegistryBuilder b;
  b.dword(protocol_key("TLS 1.2", "Server"), "Enabled", 0).dword(protocol_key("TLS 1.2", "Server"), "DisabledByDefault", 1);
  WindowsAudit audit = audit_windows(b.registry(), parse_windows_version("2019"));
  const Finding* f = audit.find("SCHANNEL-TLS12-SERVER-DISABLED");
  REQUIRE(f != nullptr);
  CHECK(f->severity == Severity::critical);
  CHECK_THAT(f->why, Catch::Contains("Microsoft 365") && Catch::Contains("2020"));
  REQUIRE(f->registry_changes.size() == 2);
  CHECK(f->registry_changes[0].key == protocol_key("TLS 1.2", "Server"));
  CHECK(f->registry_changes[0].value_name == "Enabled");
  CHECK(f->registry_changes[0].type == "REG_DWORD");
  CHECK(f->registry_changes[0].data == "1");
  CHECK(f->registry_changes[1].data == "0");
  CHECK(f->evidence[0].observed == "Enabled = 0 (REG_DWORD)");
  CHECK(has(audit, "SCHANNEL-TLS12-CLIENT-SERVER-MISMATCH"));
  CHECK(audit.findings.front().id == "SCHANNEL-TLS12-SERVER-DISABLED");
}

TEST_CASE("audit: TLS 1.3 rules", "[policy_windows][audit]") {
  SECTION("enabled in the registry before Windows supports it") {
    RegistryBuilder b;
    b.dword(protocol_key("TLS 1.3", "Server"), "Enabled", 1).dword(protocol_key("TLS 1.3", "Server"), "DisabledByDefault", 0);
    WindowsAudit audit = audit_windows(b.registry(), parse_windows_version("2019"));
    const Finding* f = audit.find("SCHANNEL-TLS13-SERVER-ENABLED-UNSUPPORTED-OS");
    REQUIRE(f != nullptr);
    CHECK(f->severity == Severity::medium);
    CHECK_FALSE(has(audit, "SCHANNEL-TLS13-CLIENT-ENABLED-UNSUPPORTED-OS"));
    CHECK_FALSE(has(audit, "SCHANNEL-TLS13-CLIENT-SERVER-MISMATCH"));
  }
  SECTION("off by default on Server 2022 counts as disabled") {
    RegistryBuilder b;
    b.dword(protocol_key("TLS 1.3", "Client"), "DisabledByDefault", 1);
    WindowsAudit audit = audit_windows(b.registry(), parse_windows_version("2022"));
    CHECK(has(audit, "SCHANNEL-TLS13-CLIENT-DISABLED"));
    CHECK(has(audit, "SCHANNEL-TLS13-CLIENT-HALF-SET"));
    CHECK(has(audit, "SCHANNEL-TLS13-CLIENT-SERVER-MISMATCH"));
  }
  SECTION("Exchange: TLS 1.3 must be off, and off is not a finding") {
    RegistryBuilder b;
    b.key(std::string(kExchangeSetupKey));
    for (const char* role : {"Client", "Server"}) {
      b.dword(protocol_key("TLS 1.3", role), "Enabled", 0).dword(protocol_key("TLS 1.3", role), "DisabledByDefault", 1);
    }
    WindowsAudit audit = audit_windows(b.registry(), parse_windows_version("2022"));
    CHECK(audit.exchange_installed);
    for (const Finding& f : audit.findings) CHECK(f.id.find("TLS13") == std::string::npos);
  }
}

TEST_CASE("audit: cipher suite order findings", "[policy_windows][audit]") {
  SECTION("weak suites next to modern ones: only WEAK-SUITES, fix keeps the order") {
    RegistryBuilder b;
    b.sz(kPolicy, "Functions",
         "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_RSA_WITH_3DES_EDE_CBC_SHA,TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256,"
         "TLS_RSA_WITH_NULL_SHA256,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA385");
    WindowsAudit audit = audit_windows(b.registry(), parse_windows_version("2019"));
    CHECK_FALSE(has(audit, "CIPHER-SUITE-ORDER-LEGACY-ONLY"));
    const Finding* weak = audit.find("CIPHER-SUITE-ORDER-WEAK-SUITES");
    REQUIRE(weak != nullptr);
    CHECK(weak->severity == Severity::high);  // NULL
    REQUIRE(weak->registry_changes.size() == 1);
    CHECK(weak->registry_changes[0].type == "REG_SZ");
    CHECK(weak->registry_changes[0].data ==
          "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
    const Finding* unknown = audit.find("CIPHER-SUITE-ORDER-UNKNOWN-SUITES");
    REQUIRE(unknown != nullptr);
    CHECK(unknown->severity == Severity::info);
    CHECK(unknown->registry_changes.empty());
    CHECK(has(audit, "SCHANNEL-CIPHER-3DES-ENABLED"));
    CHECK(has(audit, "SCHANNEL-CIPHER-NULL-ENABLED"));
  }
  SECTION("only 3DES is medium; a Windows 7 legacy list gets the suffixed recommended order") {
    RegistryBuilder b;
    b.multi_sz(kPolicy, "Functions", {"TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"});
    WindowsAudit audit = audit_windows(b.registry(), parse_windows_version("win7"));
    const Finding* weak = audit.find("CIPHER-SUITE-ORDER-WEAK-SUITES");
    REQUIRE(weak != nullptr);
    CHECK(weak->severity == Severity::medium);
    const Finding* legacy = audit.find("CIPHER-SUITE-ORDER-LEGACY-ONLY");
    REQUIRE(legacy != nullptr);
    CHECK_THAT(legacy->registry_changes[0].data, Catch::StartsWith("TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384_P384,"));
    CHECK(legacy->registry_changes[0].data == weak->registry_changes[0].data);
    // Policy present: RC4 is not listed, so not offered even on Windows 7.
    CHECK_FALSE(has(audit, "SCHANNEL-CIPHER-RC4-ENABLED"));
  }
  SECTION("an empty EccCurves policy") {
    RegistryBuilder b;
    b.multi_sz(kPolicy, "EccCurves", {});
    WindowsAudit audit = audit_windows(b.registry(), parse_windows_version("2019"));
    const Finding* f = audit.find("CIPHER-SUITE-ECC-CURVES-EMPTY");
    REQUIRE(f != nullptr);
    CHECK(f->registry_changes[0].type == "delete");
  }
}

TEST_CASE("audit: WinHTTP and WinINet rules", "[policy_windows][audit]") {
  SECTION("legacy bits set explicitly, views differ") {
    RegistryBuilder b;
    b.dword(kWinHttp, "DefaultSecureProtocols", 0xA80).dword(kWinHttpWow, "DefaultSecureProtocols", 0x800);
    WindowsAudit audit = audit_windows(b.registry(), parse_windows_version("2016"));
    const Finding* legacy = audit.find("WINHTTP-LEGACY-PROTOCOLS");
    REQUIRE(legacy != nullptr);
    CHECK_THAT(legacy->title, Catch::Contains("TLSv1.0, TLSv1.1"));
    CHECK(legacy->registry_changes[0].data == "2048");
    CHECK_FALSE(has(audit, "WINHTTP-WOW64-LEGACY-PROTOCOLS"));
    CHECK(has(audit, "WINHTTP-WOW64-MISMATCH"));
  }
  SECTION("TLS 1.3 bit in the fix where Schannel has TLS 1.3") {
    RegistryBuilder b;
    b.dword(kWinHttp, "DefaultSecureProtocols", 0xA0);
    WindowsAudit audit = audit_windows(b.registry(), parse_windows_version("win11"));
    const Finding* f = audit.find("WINHTTP-DEFAULT-NO-TLS12");
    REQUIRE(f != nullptr);
    CHECK(f->registry_changes[0].data == "10240");  // 0x2800
    CHECK_THAT(f->fix, Catch::Contains("0x00002800 (TLSv1.2, TLSv1.3)"));
  }
  SECTION("KB3140245 named on Windows 7") {
    RegistryBuilder b;
    WindowsAudit audit = audit_windows(b.registry(), parse_windows_version("win7"));
    const Finding* f = audit.find("WINHTTP-DEFAULT-NO-TLS12");
    REQUIRE(f != nullptr);
    CHECK_THAT(f->fix, Catch::Contains("KB3140245"));
  }
  SECTION("WinINet without TLS 1.2, with SSL 3.0") {
    RegistryBuilder b;
    b.dword(kInternet, "SecureProtocols", 0xA0);
    WindowsAudit audit = audit_windows(b.registry(), parse_windows_version("2012r2"));
    const Finding* f = audit.find("WININET-NO-TLS12");
    REQUIRE(f != nullptr);
    CHECK(f->registry_changes[0].key == kInternet);
    CHECK(has(audit, "WININET-LEGACY-PROTOCOLS"));
  }
}

TEST_CASE("audit: .NET value forms", "[policy_windows][audit]") {
  RegistryBuilder b;
  b.dword(kV4, "SchUseStrongCrypto", 2).sz(kV4, "SystemDefaultTlsVersions", "1");
  WindowsAudit audit = audit_windows(b.registry(), parse_windows_version("2019"));
  CHECK(has(audit, "DOTNET-V4-VALUE-INVALID"));
  // Neither value reads as 1, so both switches count as missing.
  CHECK(has(audit, "DOTNET-V4-STRONG-CRYPTO-MISSING"));
  CHECK(has(audit, "DOTNET-V4-SYSTEM-DEFAULT-TLS-MISSING"));
  CHECK_THAT(audit.find("DOTNET-V4-STRONG-CRYPTO-MISSING")->title, Catch::Contains("is not 1"));
}

TEST_CASE("audit: key exchange with DHE switched off", "[policy_windows][audit]") {
  RegistryBuilder b;
  const std::string dh = testing::kSchannel + "\\KeyExchangeAlgorithms\\Diffie-Hellman";
  b.dword(dh, "Enabled", 0).dword(dh, "ServerMinKeyBitLength", 1024);
  WindowsAudit audit = audit_windows(b.registry(), parse_windows_version("2016"));
  CHECK_FALSE(has(audit, "SCHANNEL-DH-SERVER-MIN-WEAK"));
}
