// .NET Framework generations, WinHTTP DefaultSecureProtocols and WinINet SecureProtocols.

#include <catch2/catch.hpp>

#include "policy/windows/dotnet_state.h"
#include "policy/windows/winhttp_state.h"
#include "policy/windows/wininet_state.h"
#include "policy_windows/registry_builder.h"

using namespace tlsready::policy::windows;
using testing::protocol_key;
using testing::RegistryBuilder;

namespace {

const std::string kV4 = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319";
const std::string kV4Wow = "HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\v4.0.30319";
const std::string kV2 = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\v2.0.50727";

std::vector<Protocol> protos(std::initializer_list<Protocol> list) { return list; }

struct Machine {
  RegistryBuilder b;
  WindowsVersion os;
  explicit Machine(const char* version) : os(parse_windows_version(version)) {}
  DotNetState dotnet() const {
    SchannelState s = read_schannel_state(b.registry(), os);
    return read_dotnet_state(b.registry(), s);
  }
};

}  // namespace

TEST_CASE("dotnet: framework generations without any switch", "[policy_windows][dotnet]") {
  Machine m("2019");
  m.b.key(kV4).key(kV2);
  DotNetState d = m.dotnet();
  CHECK_FALSE(d.wow64_present);
  CHECK(d.generation(DotNetGeneration::net35, RegistryView::native).protocols == protos({Protocol::ssl3, Protocol::tls10}));
  CHECK(d.generation(DotNetGeneration::net40_452, RegistryView::native).protocols ==
        protos({Protocol::ssl3, Protocol::tls10}));
  CHECK(d.generation(DotNetGeneration::net46x, RegistryView::native).protocols ==
        protos({Protocol::tls10, Protocol::tls11, Protocol::tls12}));
  // 4.7+: OS defaults; Server 2019 uses TLS 1.0-1.2 by default (SSL 3.0 is off by default there).
  const DotNetGenerationState& g47 = d.generation(DotNetGeneration::net47plus, RegistryView::native);
  CHECK(g47.protocols == protos({Protocol::tls10, Protocol::tls11, Protocol::tls12}));
  CHECK_THAT(g47.mode, Catch::Contains("OS defaults"));
  CHECK_FALSE(d.generation(DotNetGeneration::net47plus, RegistryView::wow64).applicable);
}

TEST_CASE("dotnet: SchUseStrongCrypto and SystemDefaultTlsVersions", "[policy_windows][dotnet]") {
  SECTION("SystemDefaultTlsVersions = 1 hands the choice to Schannel, strong crypto drops SSL 3.0") {
    Machine m("win7");
    m.b.dword(kV4, "SystemDefaultTlsVersions", 1).dword(kV4, "SchUseStrongCrypto", 1);
    DotNetState d = m.dotnet();
    // Windows 7 defaults: TLS 1.2 client is DisabledByDefault, so the OS offers TLS 1.0 only.
    CHECK(d.generation(DotNetGeneration::net40_452, RegistryView::native).protocols == protos({Protocol::tls10}));
  }
  SECTION("Windows 7 with TLS 1.2 client on by default") {
    Machine m("win7");
    m.b.dword(kV4, "SystemDefaultTlsVersions", 1).dword(kV4, "SchUseStrongCrypto", 1)
        .dword(protocol_key("TLS 1.2", "Client"), "DisabledByDefault", 0);
    DotNetState d = m.dotnet();
    CHECK(d.generation(DotNetGeneration::net40_452, RegistryView::native).protocols ==
          protos({Protocol::tls10, Protocol::tls12}));
  }
  SECTION("an explicit 0 turns a 4.6+/4.7+ default off") {
    Machine m("2016");
    m.b.dword(kV4, "SchUseStrongCrypto", 0).dword(kV4, "SystemDefaultTlsVersions", 0);
    DotNetState d = m.dotnet();
    CHECK(d.generation(DotNetGeneration::net46x, RegistryView::native).protocols ==
          protos({Protocol::ssl3, Protocol::tls10}));  // SSL 3.0 off by default, but the framework asks for it
    CHECK(d.generation(DotNetGeneration::net47plus, RegistryView::native).falls_back_to_legacy());
  }
  SECTION("Schannel Enabled = 0 wins over the framework's request") {
    Machine m("2016");
    m.b.dword(kV4, "SchUseStrongCrypto", 1).dword(protocol_key("TLS 1.0", "Client"), "Enabled", 0)
        .dword(protocol_key("TLS 1.1", "Client"), "Enabled", 0);
    DotNetState d = m.dotnet();
    CHECK(d.generation(DotNetGeneration::net40_452, RegistryView::native).protocols == protos({Protocol::tls12}));
  }
  SECTION(".NET 3.5 ignores SchUseStrongCrypto for its defaults") {
    Machine m("2012r2");
    m.b.dword(kV2, "SchUseStrongCrypto", 1);
    CHECK(m.dotnet().generation(DotNetGeneration::net35, RegistryView::native).protocols ==
          protos({Protocol::ssl3, Protocol::tls10}));
  }
  SECTION("the WOW6432Node view is separate") {
    Machine m("2019");
    m.b.dword(kV4, "SchUseStrongCrypto", 1).key(kV4Wow);
    DotNetState d = m.dotnet();
    CHECK(d.wow64_present);
    CHECK(d.key("v4.0.30319", RegistryView::wow64).present);
    CHECK_FALSE(d.key("v2.0.50727", RegistryView::wow64).present);
    CHECK(d.generation(DotNetGeneration::net40_452, RegistryView::native).has_tls12());
    CHECK_FALSE(d.generation(DotNetGeneration::net40_452, RegistryView::wow64).has_tls12());
  }
}

TEST_CASE("winhttp: DefaultSecureProtocols and OS defaults", "[policy_windows][winhttp]") {
  const std::string native = winhttp_key(RegistryView::native);
  const std::string wow = winhttp_key(RegistryView::wow64);
  SECTION("Windows 7 default lacks TLS 1.2") {
    RegistryBuilder b;
    WindowsVersion os = parse_windows_version("win7");
    SchannelState s = read_schannel_state(b.registry(), os);
    WinHttpState w = read_winhttp_state(b.registry(), os, s, true);
    CHECK(w.needs_kb3140245);
    CHECK(w.native.mask == 0x0A0u);
    CHECK_FALSE(w.native.has_tls12());
    CHECK(w.wow64.applicable);
    CHECK(w.native.describe() == "0x000000A0 (SSLv3, TLSv1.0) OS default; usable after Schannel: SSLv3, TLSv1.0");
  }
  SECTION("0xA00 adds TLS 1.1/1.2; WinHTTP asks explicitly, so DisabledByDefault does not block it") {
    RegistryBuilder b;
    b.dword(native, "DefaultSecureProtocols", 0xA00);
    WindowsVersion os = parse_windows_version("win7");
    SchannelState s = read_schannel_state(b.registry(), os);
    WinHttpState w = read_winhttp_state(b.registry(), os, s, false);
    CHECK(w.native.from_registry);
    CHECK(w.native.protocols == protos({Protocol::tls11, Protocol::tls12}));
    CHECK_FALSE(w.wow64.applicable);
  }
  SECTION("Schannel Enabled = 0 removes a protocol from the mask") {
    RegistryBuilder b;
    b.dword(wow, "DefaultSecureProtocols", 0x800).dword(protocol_key("TLS 1.2", "Client"), "Enabled", 0);
    WindowsVersion os = parse_windows_version("2012r2");
    SchannelState s = read_schannel_state(b.registry(), os);
    WinHttpState w = read_winhttp_state(b.registry(), os, s, true);
    CHECK(w.wow64.protocols.empty());
    CHECK(w.native.protocols == protos({Protocol::tls10, Protocol::tls11}));
  }
}

TEST_CASE("wininet: SecureProtocols precedence", "[policy_windows][wininet]") {
  const std::string policy = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings";
  const std::string user = "HKEY_CURRENT_USER\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings";
  const std::string machine = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings";
  WindowsVersion os = parse_windows_version("2016");
  RegistryBuilder b;
  {
    SchannelState s = read_schannel_state(b.registry(), os);
    WinInetState w = read_wininet_state(b.registry(), os, s);
    CHECK(w.winning_source == -1);
    CHECK(w.mask == 0xA80u);
    CHECK(w.has_tls12());
  }
  b.dword(machine, "SecureProtocols", 0xA0).dword(user, "SecureProtocols", 0x28);
  {
    SchannelState s = read_schannel_state(b.registry(), os);
    WinInetState w = read_wininet_state(b.registry(), os, s);
    CHECK(w.mask == 0x28u);  // the user's setting beats the machine's
    CHECK_FALSE(w.has_tls12());
  }
  b.dword(policy, "SecureProtocols", 0x2800);
  {
    SchannelState s = read_schannel_state(b.registry(), os);
    WinInetState w = read_wininet_state(b.registry(), os, s);
    CHECK(w.winning_source == 0);
    CHECK(w.protocols == protos({Protocol::tls12}));  // no TLS 1.3 in Schannel on 2016
    CHECK_THAT(w.describe(), Catch::Contains("Policies"));
  }
}
