#pragma once
// Which Windows the audited registry belongs to: read from
// HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion or given as a parameter ("6.1.7601",
// "10.0.17763", "10.0.26100:server", "server2019", "win11"). The family decides which default
// tables apply (native/data/windows_*.csv).

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "winreg/registry_model.h"

namespace tlsready::policy::windows {

// Windows generations whose TLS defaults differ. Client and server releases of the same kernel
// share a family up to Windows 10 / Server 2019; from build 20348 on they are told apart.
enum class OsFamily {
  win7_2008r2,      // 6.1, builds 7600/7601
  win8_2012,        // 6.2, build 9200
  win81_2012r2,     // 6.3, build 9600
  win10_2016_2019,  // 10.0, builds 10240..19045 (Server 2016 = 14393, Server 2019 = 17763)
  server2022,       // 10.0, server builds 20348..26099 (Server 2022, Server 23H2 = 25398)
  win11,            // 10.0, client builds 22000..
  server2025,       // 10.0, server builds 26100..
};

enum class InstallationType { client, server };

struct WindowsVersion {
  std::string product_name;       // as read ("Windows Server 2019 Datacenter") or canonical
  int major = 0;                  // 6 or 10
  int minor = 0;                  // 1, 2, 3 or 0
  int build = 0;                  // CurrentBuildNumber, e.g. 17763
  uint32_t ubr = 0;               // update build revision (0 when unknown)
  InstallationType installation_type = InstallationType::client;
  std::optional<std::string> display_version;  // "21H2", "1809" (ReleaseId); nullopt when the export has neither
  OsFamily family = OsFamily::win10_2016_2019;
  std::string source;             // "registry: HKEY_LOCAL_MACHINE\...\CurrentVersion" or "parameter: win11"

  bool is_server() const { return installation_type == InstallationType::server; }
  // "Windows Server 2019 (10.0.17763.4252, server)"
  std::string describe() const;
};

// Thrown for an unknown or unsupported version and for a registry without the CurrentVersion key.
class OsVersionError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

std::string_view family_name(OsFamily family);             // "win7_2008r2"
std::optional<OsFamily> family_from_name(std::string_view name);
// The family of a build; throws OsVersionError for builds before Windows 7 / 2008 R2.
OsFamily family_for_build(int major, int minor, int build, InstallationType type);
// "Windows Server 2019", "Windows 10, version 1809", ... from the numbers alone.
std::string canonical_product_name(int build, InstallationType type);

// Parses "6.1.7601", "10.0.17763", "10.0.26100:server" / ":client", "10.0.17763.4252", or a
// name: win7 2008r2 win8 2012 win81 2012r2 win10 2016 2019 2022 win11 2025 (also with a
// "server"/"windows"/"win" prefix, e.g. "server2019", "windows11"). ASCII case-insensitive.
WindowsVersion parse_windows_version(std::string_view text);

inline constexpr std::string_view kCurrentVersionKey =
    "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion";

// Reads kCurrentVersionKey. Throws OsVersionError when the key or a usable build number is missing.
WindowsVersion windows_version_from_registry(const winreg::Registry& registry);

}  // namespace tlsready::policy::windows
