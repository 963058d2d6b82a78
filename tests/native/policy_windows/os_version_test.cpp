// WindowsVersion: parameter strings, the registry's CurrentVersion key, family boundaries.

#include <catch2/catch.hpp>

#include "policy/windows/os_version.h"
#include "policy_windows/registry_builder.h"

using namespace tlsready::policy::windows;
using testing::RegistryBuilder;

namespace {
const std::string kCv(kCurrentVersionKey);
}

TEST_CASE("os_version: numeric parameters map to families", "[policy_windows][os_version]") {
  CHECK(parse_windows_version("6.1.7601").family == OsFamily::win7_2008r2);
  CHECK(parse_windows_version("6.2.9200").family == OsFamily::win8_2012);
  CHECK(parse_windows_version("6.3.9600").family == OsFamily::win81_2012r2);
  CHECK(parse_windows_version("10.0.10240").family == OsFamily::win10_2016_2019);
  CHECK(parse_windows_version("10.0.19045").family == OsFamily::win10_2016_2019);
  CHECK(parse_windows_version("10.0.22000").family == OsFamily::win11);
  CHECK(parse_windows_version("10.0.26100").family == OsFamily::win11);
  CHECK(parse_windows_version("10.0.26100:server").family == OsFamily::server2025);
  CHECK(parse_windows_version("10.0.25398").family == OsFamily::server2022);

  WindowsVersion v = parse_windows_version("10.0.17763.4252:server");
  CHECK(v.build == 17763);
  CHECK(v.ubr == 4252u);
  CHECK(v.is_server());
  CHECK(v.product_name == "Windows Server 2019");
  CHECK(v.source == "parameter: 10.0.17763.4252:server");

  // 20348 exists only as a server build.
  WindowsVersion s2022 = parse_windows_version("10.0.20348");
  CHECK(s2022.is_server());
  CHECK(s2022.family == OsFamily::server2022);
  CHECK(s2022.describe() == "Windows Server 2022 (10.0.20348, server, family server2022)");
}

TEST_CASE("os_version: release names", "[policy_windows][os_version]") {
  CHECK(parse_windows_version("win7").family == OsFamily::win7_2008r2);
  CHECK(parse_windows_version("server2008r2").is_server());
  CHECK(parse_windows_version("Windows 8.1").family == OsFamily::win81_2012r2);
  CHECK(parse_windows_version("2012r2").build == 9600);
  CHECK(parse_windows_version("server2016").build == 14393);
  CHECK(parse_windows_version("Server2019").build == 17763);
  CHECK(parse_windows_version("windows-server-2022").family == OsFamily::server2022);
  CHECK(parse_windows_version("win11").family == OsFamily::win11);
  CHECK(parse_windows_version("WIN10").family == OsFamily::win10_2016_2019);
  CHECK(parse_windows_version("server2025").family == OsFamily::server2025);
  CHECK(parse_windows_version("2025").is_server());
}

TEST_CASE("os_version: unknown and unsupported versions fail clearly", "[policy_windows][os_version]") {
  CHECK_THROWS_WITH(parse_windows_version("win95"), Catch::Contains("unknown Windows version 'win95'") &&
                                                        Catch::Contains("server2019"));
  CHECK_THROWS_AS(parse_windows_version(""), OsVersionError);
  CHECK_THROWS_AS(parse_windows_version("10.0"), OsVersionError);
  CHECK_THROWS_AS(parse_windows_version("10.0.abc"), OsVersionError);
  CHECK_THROWS_AS(parse_windows_version("6.1.9600"), OsVersionError);  // version and build disagree
  CHECK_THROWS_WITH(parse_windows_version("6.0.6002"), Catch::Contains("predates Windows 7"));
  CHECK_THROWS_WITH(parse_windows_version("5.2.3790"), Catch::Contains("predates Windows 7"));
  CHECK_THROWS_AS(parse_windows_version("10.0.17763:desktop"), OsVersionError);
  CHECK_THROWS_AS(parse_windows_version("server11"), OsVersionError);
}

TEST_CASE("os_version: a build no Windows release has is refused, not guessed", "[policy_windows][os_version]") {
  // 10.0.99999 used to fall into the newest family (Windows 11) silently.
  CHECK_THROWS_WITH(parse_windows_version("10.0.99999"),
                    Catch::Contains("'10.0.99999'") && Catch::Contains("not a released Windows build") &&
                        Catch::Contains("10.0.10240") && Catch::Contains("win11"));
  CHECK_THROWS_AS(parse_windows_version("10.0.18000"), OsVersionError);  // between releases
  CHECK_THROWS_AS(parse_windows_version("6.1.8000"), OsVersionError);
  CHECK(parse_windows_version("10.0.26200").family == OsFamily::win11);
  CHECK(parse_windows_version("6.1.7600").family == OsFamily::win7_2008r2);
  // the message says "unknown Windows version" once, and escapes what it quotes
  try {
    parse_windows_version("win\x1b" "99");
    FAIL("no exception");
  } catch (const OsVersionError& error) {
    const std::string message = error.what();
    CHECK(message.find("unknown Windows version") == message.rfind("unknown Windows version"));
  }
  CHECK_THROWS_WITH(parse_windows_version(std::string("win\x1b[2J")), Catch::Contains("'win\\x1b[2J'"));
}

TEST_CASE("os_version: read from the CurrentVersion key", "[policy_windows][os_version]") {
  SECTION("Windows 7: CurrentVersion 6.1, no major/minor DWORDs") {
    RegistryBuilder b;
    b.sz(kCv, "CurrentVersion", "6.1").sz(kCv, "CurrentBuildNumber", "7601").sz(kCv, "ProductName", "Windows 7 Enterprise");
    WindowsVersion v = windows_version_from_registry(b.registry());
    CHECK(v.major == 6);
    CHECK(v.minor == 1);
    CHECK(v.family == OsFamily::win7_2008r2);
    CHECK_FALSE(v.is_server());
    CHECK(v.product_name == "Windows 7 Enterprise");
    CHECK(v.source == "registry: " + kCv);
  }
  SECTION("Server 2008 R2 told apart by ProductName when InstallationType is missing") {
    RegistryBuilder b;
    b.sz(kCv, "CurrentBuild", "7601").sz(kCv, "ProductName", "Windows Server 2008 R2 Standard");
    CHECK(windows_version_from_registry(b.registry()).is_server());
  }
  SECTION("Windows 11 still calls itself Windows 10") {
    RegistryBuilder b;
    b.sz(kCv, "CurrentBuildNumber", "22631").sz(kCv, "ProductName", "Windows 10 Enterprise")
        .sz(kCv, "InstallationType", "Client").sz(kCv, "DisplayVersion", "23H2").dword(kCv, "UBR", 3007)
        .dword(kCv, "CurrentMajorVersionNumber", 10).dword(kCv, "CurrentMinorVersionNumber", 0)
        .sz(kCv, "CurrentVersion", "6.3");
    WindowsVersion v = windows_version_from_registry(b.registry());
    CHECK(v.family == OsFamily::win11);
    CHECK(v.major == 10);
    CHECK(v.product_name == "Windows 11 Enterprise");
    CHECK(v.display_version == "23H2");
    CHECK(v.ubr == 3007u);
  }
  SECTION("Server Core 2025") {
    RegistryBuilder b;
    b.sz(kCv, "CurrentBuild", "26100").sz(kCv, "InstallationType", "Server Core").sz(kCv, "ReleaseId", "2009");
    WindowsVersion v = windows_version_from_registry(b.registry());
    CHECK(v.family == OsFamily::server2025);
    CHECK(v.display_version == "2009");
    CHECK(v.product_name == "Windows Server 2025");
  }
  SECTION("short hive names work on lookup") {
    RegistryBuilder b;
    b.sz("HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "CurrentBuild", "17763")
        .sz("HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion", "InstallationType", "Server");
    CHECK(windows_version_from_registry(b.registry()).family == OsFamily::win10_2016_2019);
  }
  SECTION("missing key or build number") {
    RegistryBuilder empty;
    CHECK_THROWS_WITH(windows_version_from_registry(empty.registry()), Catch::Contains("CurrentVersion"));
    RegistryBuilder b;
    b.sz(kCv, "ProductName", "Windows 10 Pro").sz(kCv, "CurrentBuild", "ten");
    CHECK_THROWS_WITH(windows_version_from_registry(b.registry()), Catch::Contains("'ten'"));
    RegistryBuilder old;
    old.sz(kCv, "CurrentVersion", "6.0").sz(kCv, "CurrentBuild", "6002");
    CHECK_THROWS_WITH(windows_version_from_registry(old.registry()), Catch::Contains("predates"));
  }
}

TEST_CASE("os_version: family names round-trip", "[policy_windows][os_version]") {
  for (OsFamily f : {OsFamily::win7_2008r2, OsFamily::win8_2012, OsFamily::win81_2012r2, OsFamily::win10_2016_2019,
                     OsFamily::server2022, OsFamily::win11, OsFamily::server2025}) {
    auto back = family_from_name(family_name(f));
    REQUIRE(back);
    CHECK(*back == f);
  }
  CHECK_FALSE(family_from_name("vista"));
}
