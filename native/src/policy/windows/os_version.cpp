#include "policy/windows/os_version.h"

#include <array>
#include <charconv>
#include <vector>

#include "common/text.h"
#include "policy/windows/reg_read.h"

namespace tlsready::policy::windows {

namespace {

using detail::iequals;
using detail::to_lower_ascii;

struct FamilyName {
  OsFamily family;
  std::string_view name;
};

constexpr std::array<FamilyName, 7> kFamilyNames = {{
    {OsFamily::win7_2008r2, "win7_2008r2"},
    {OsFamily::win8_2012, "win8_2012"},
    {OsFamily::win81_2012r2, "win81_2012r2"},
    {OsFamily::win10_2016_2019, "win10_2016_2019"},
    {OsFamily::server2022, "server2022"},
    {OsFamily::win11, "win11"},
    {OsFamily::server2025, "server2025"},
}};

// Named versions accepted as a parameter: canonical build and installation type.
struct NamedVersion {
  std::string_view name;
  int major, minor, build;
  InstallationType type;
};

constexpr std::array<NamedVersion, 12> kNamedVersions = {{
    {"7", 6, 1, 7601, InstallationType::client},
    {"2008r2", 6, 1, 7601, InstallationType::server},
    {"8", 6, 2, 9200, InstallationType::client},
    {"2012", 6, 2, 9200, InstallationType::server},
    {"81", 6, 3, 9600, InstallationType::client},
    {"2012r2", 6, 3, 9600, InstallationType::server},
    {"10", 10, 0, 19045, InstallationType::client},
    {"2016", 10, 0, 14393, InstallationType::server},
    {"2019", 10, 0, 17763, InstallationType::server},
    {"2022", 10, 0, 20348, InstallationType::server},
    {"11", 10, 0, 22631, InstallationType::client},
    {"2025", 10, 0, 26100, InstallationType::server},
}};

std::optional<int> parse_int(std::string_view text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  int value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::vector<std::string_view> split_dots(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t dot = text.find('.', start);
    if (dot == std::string_view::npos) {
      parts.push_back(text.substr(start));
      break;
    }
    parts.push_back(text.substr(start, dot - start));
    start = dot + 1;
  }
  return parts;
}

// Builds of released Windows versions (client and server), the only builds a parameter may name:
// an unknown build (a typo, an Insider build) would otherwise fall silently into the newest family.
// Source: Microsoft Learn, "Windows 10 release information", "Windows 11 release information",
// "Windows Server release information" (build numbers of each GA release).
constexpr std::array<int, 25> kReleasedBuilds = {
    7600,  7601,                                              // Windows 7 / Server 2008 R2 (RTM, SP1)
    9200,  9600,                                              // 8 / 2012, 8.1 / 2012 R2
    10240, 10586, 14393, 15063, 16299, 17134, 17763, 18362,  // Windows 10 1507..1903, Server 2016/2019
    18363, 19041, 19042, 19043, 19044, 19045,                // Windows 10 1909..22H2
    20348, 25398,                                             // Server 2022, Server 23H2
    22000, 22621, 22631, 26100, 26200};                       // Windows 11 21H2..25H2, Server 2025

constexpr std::string_view kAcceptedForms =
    "accepted: major.minor.build[.ubr][:server|:client] with a released build (6.1.7600, 6.1.7601, 6.2.9200, "
    "6.3.9600, 10.0.10240 .. 10.0.19045, 10.0.20348, 10.0.22000, 10.0.22621, 10.0.22631, 10.0.25398, "
    "10.0.26100, 10.0.26200), or a name: win7 2008r2 win8 2012 win81 2012r2 win10 2016 2019 2022 win11 2025 "
    "(also server2019, windows11, \"windows server 2022\")";

[[noreturn]] void unknown(std::string_view text, std::string_view why) {
  throw OsVersionError("unknown Windows version " + text::quote_for_message(text) + ": " + std::string(why) + "; " +
                       std::string(kAcceptedForms));
}

bool is_released_build(int build) {
  for (int released : kReleasedBuilds)
    if (released == build) return true;
  return false;
}

WindowsVersion make_version(int major, int minor, int build, InstallationType type, std::string source) {
  WindowsVersion version;
  version.major = major;
  version.minor = minor;
  version.build = build;
  version.installation_type = type;
  version.family = family_for_build(major, minor, build, type);
  version.product_name = canonical_product_name(build, type);
  version.source = std::move(source);
  return version;
}

std::string registry_string(const winreg::Registry& registry, const std::string& name) {
  const winreg::Value* value = registry.find_value(std::string(kCurrentVersionKey), name);
  if (value == nullptr) return {};
  if (auto text = value->as_string()) return detail::trim(*text);
  return {};
}

}  // namespace

std::string_view family_name(OsFamily family) {
  for (const auto& entry : kFamilyNames) {
    if (entry.family == family) return entry.name;
  }
  return "unknown";
}

std::optional<OsFamily> family_from_name(std::string_view name) {
  for (const auto& entry : kFamilyNames) {
    if (iequals(entry.name, name)) return entry.family;
  }
  return std::nullopt;
}

OsFamily family_for_build(int major, int minor, int build, InstallationType type) {
  if (build >= 7600 && build < 9200) return OsFamily::win7_2008r2;
  if (build >= 9200 && build < 9600) return OsFamily::win8_2012;
  if (build >= 9600 && build < 10240) return OsFamily::win81_2012r2;
  if (build >= 10240) {
    if (type == InstallationType::server) {
      if (build >= 26100) return OsFamily::server2025;
      if (build >= 20348) return OsFamily::server2022;
      return OsFamily::win10_2016_2019;
    }
    if (build >= 22000) return OsFamily::win11;
    return OsFamily::win10_2016_2019;
  }
  throw OsVersionError("Windows " + std::to_string(major) + "." + std::to_string(minor) + "." +
                       std::to_string(build) +
                       " predates Windows 7 / Server 2008 R2 (build 7600): its TLS defaults are not modelled");
}

std::string canonical_product_name(int build, InstallationType type) {
  const bool server = type == InstallationType::server;
  if (build < 9200) return server ? "Windows Server 2008 R2" : "Windows 7";
  if (build < 9600) return server ? "Windows Server 2012" : "Windows 8";
  if (build < 10240) return server ? "Windows Server 2012 R2" : "Windows 8.1";
  if (server) {
    if (build >= 26100) return "Windows Server 2025";
    if (build >= 25398) return "Windows Server, version 23H2";
    if (build >= 20348) return "Windows Server 2022";
    if (build >= 17763 && build < 18362) return "Windows Server 2019";
    if (build >= 14393 && build < 16299) return "Windows Server 2016";
    return "Windows Server (build " + std::to_string(build) + ")";
  }
  if (build >= 22000) return "Windows 11";
  return "Windows 10";
}

std::string WindowsVersion::describe() const {
  std::string text = product_name.empty() ? canonical_product_name(build, installation_type) : product_name;
  text += " (" + std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(build);
  if (ubr != 0) text += "." + std::to_string(ubr);
  if (display_version) text += ", " + *display_version;
  text += is_server() ? ", server" : ", client";
  text += ", family " + std::string(family_name(family)) + ")";
  return text;
}

WindowsVersion parse_windows_version(std::string_view input) {
  const std::string text = detail::to_lower_ascii(detail::trim(input));
  if (text.empty()) unknown(input, "empty");

  // Numeric forms, optionally with ":server" / ":client".
  if (text[0] >= '0' && text[0] <= '9' && text.find('.') != std::string::npos) {
    std::string_view numbers = text;
    std::optional<InstallationType> type;
    if (std::size_t colon = text.find(':'); colon != std::string::npos) {
      std::string_view suffix = std::string_view(text).substr(colon + 1);
      if (suffix == "server") type = InstallationType::server;
      else if (suffix == "client") type = InstallationType::client;
      else unknown(input, "the suffix after ':' must be 'server' or 'client'");
      numbers = std::string_view(text).substr(0, colon);
    }
    auto parts = split_dots(numbers);
    if (parts.size() < 3 || parts.size() > 4) unknown(input, "want major.minor.build[.ubr]");
    auto major = parse_int(parts[0]);
    auto minor = parse_int(parts[1]);
    auto build = parse_int(parts[2]);
    std::optional<int> ubr = parts.size() == 4 ? parse_int(parts[3]) : std::optional<int>(0);
    if (!major || !minor || !build || !ubr) unknown(input, "not a number");
    const bool consistent = (*major == 6 && *minor == 1 && *build >= 7600 && *build < 9200) ||
                            (*major == 6 && *minor == 2 && *build >= 9200 && *build < 9600) ||
                            (*major == 6 && *minor == 3 && *build >= 9600 && *build < 10240) ||
                            (*major == 10 && *minor == 0 && *build >= 10240);
    if (*major < 6 || (*major == 6 && *minor < 1) || (*major == 6 && *minor <= 3 && *build < 7600)) {
      throw OsVersionError("Windows " + std::string(numbers) +
                           " predates Windows 7 / Server 2008 R2: its TLS defaults are not modelled");
    }
    if (!consistent) unknown(input, "version and build number do not match a Windows release");
    if (!is_released_build(*build)) unknown(input, "build " + std::to_string(*build) + " is not a released Windows build");
    // Build 20348 and 25398 exist only as servers.
    InstallationType resolved = type.value_or((*build >= 20348 && *build < 22000) || *build == 25398
                                                  ? InstallationType::server
                                                  : InstallationType::client);
    WindowsVersion version = make_version(*major, *minor, *build, resolved, "parameter: " + std::string(input));
    version.ubr = static_cast<uint32_t>(*ubr);
    return version;
  }

  // Named forms: [windows|win|server|windows-server][-_ ]NAME
  std::string name = text;
  std::optional<InstallationType> wanted;
  for (std::string_view prefix : {"windows server", "windows-server", "windows_server", "windowsserver", "server",
                                  "windows", "win"}) {
    if (name.compare(0, prefix.size(), prefix) == 0) {
      if (prefix.find("server") != std::string_view::npos) wanted = InstallationType::server;
      name = name.substr(prefix.size());
      break;
    }
  }
  std::string compact;
  for (char c : name) {
    if (c != ' ' && c != '-' && c != '_' && c != '.') compact += c;
  }
  for (const auto& named : kNamedVersions) {
    if (compact == named.name) {
      if (wanted && *wanted != named.type) unknown(input, "no such server release");
      return make_version(named.major, named.minor, named.build, named.type, "parameter: " + std::string(input));
    }
  }
  unknown(input, "not a known release name");
}

WindowsVersion windows_version_from_registry(const winreg::Registry& registry) {
  const std::string key(kCurrentVersionKey);
  if (registry.find_key(key) == nullptr) {
    throw OsVersionError(
        "the export does not say which Windows it comes from: it has no " + key +
        " key. Add that key to the export (on the machine: reg export \"HKLM\\SOFTWARE\\Microsoft\\Windows "
        "NT\\CurrentVersion\" currentversion.reg, then pass both files) or name the version with --os-version / "
        "os_version= (e.g. win10, server2019, 10.0.17763)");
  }
  std::string build_text = registry_string(registry, "CurrentBuildNumber");
  if (build_text.empty()) build_text = registry_string(registry, "CurrentBuild");
  auto build = parse_int(build_text);
  if (!build) {
    throw OsVersionError(key + " has no usable CurrentBuildNumber/CurrentBuild value" +
                         (build_text.empty() ? std::string() : " ('" + build_text + "')"));
  }
  int major = 6, minor = 1;
  auto major_dword = registry.dword(key, "CurrentMajorVersionNumber");
  auto minor_dword = registry.dword(key, "CurrentMinorVersionNumber");
  if (major_dword) {
    major = static_cast<int>(*major_dword);
    minor = static_cast<int>(minor_dword.value_or(0));
  } else if (*build >= 10240) {
    major = 10;
    minor = 0;
  } else {
    std::string current = registry_string(registry, "CurrentVersion");  // "6.1"; Windows 10+ still says 6.3
    auto parts = split_dots(current);
    if (parts.size() == 2 && parse_int(parts[0]) && parse_int(parts[1])) {
      major = *parse_int(parts[0]);
      minor = *parse_int(parts[1]);
    } else {
      major = 6;
      minor = *build >= 9600 ? 3 : *build >= 9200 ? 2 : 1;
    }
  }
  std::string installation = registry_string(registry, "InstallationType");
  std::string product = registry_string(registry, "ProductName");
  InstallationType type = InstallationType::client;
  if (!installation.empty()) {
    // "Client", "Server", "Server Core", "Nano Server"
    type = detail::to_lower_ascii(installation).find("server") != std::string::npos ? InstallationType::server
                                                                       : InstallationType::client;
  } else if (detail::to_lower_ascii(product).find("server") != std::string::npos) {
    type = InstallationType::server;
  }

  WindowsVersion version = make_version(major, minor, *build, type, "registry: " + key);
  // Windows 11 still reports "Windows 10 ..." as ProductName; keep the registry's text but say 11.
  if (!product.empty()) {
    version.product_name = product;
    if (version.family == OsFamily::win11 && product.rfind("Windows 10", 0) == 0) {
      version.product_name = "Windows 11" + product.substr(10);
    }
  }
  if (auto ubr = registry.dword(key, "UBR")) version.ubr = *ubr;
  std::string display_version = registry_string(registry, "DisplayVersion");
  if (display_version.empty()) display_version = registry_string(registry, "ReleaseId");
  if (!display_version.empty()) version.display_version = std::move(display_version);
  return version;
}

}  // namespace tlsready::policy::windows
