#pragma once
// Test helper: every finding the audits emit for the test inputs -- each .reg export of
// tests/data/reg/{scenarios,format} and each built registry of synthetic_registries.h at every
// Windows generation, and each prepared root of tests/data/linux_roots (not under Wine, which
// cannot create the roots' symlinks) -- with the input that produced it.

#ifdef linux
#undef linux
#endif

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "policy/linux/linux_audit.h"
#include "policy/synthetic_registries.h"
#include "policy/windows/os_version.h"
#include "policy/windows/windows_audit.h"
#include "winreg/reg_file.h"

namespace tlsready::policy::testing {

struct EmittedFinding {
  std::string input;  // "reg/scenarios/win11_default.reg at server2019", "linux_roots/rhel8_legacy", ...
  model::Finding finding;
};

inline std::vector<EmittedFinding> emitted_findings() {
  namespace fs = std::filesystem;
  using windows::audit_windows;
  using windows::parse_windows_version;
  std::vector<EmittedFinding> out;
  const fs::path data = fs::path(TLSREADY_SOURCE_DIR) / "tests" / "data";
  auto add_windows = [&](const winreg::Registry& registry, const std::string& name) {
    for (const std::string& os : windows::testing::all_generations()) {
      for (auto& f : audit_windows(registry, parse_windows_version(os)).findings) {
        std::string input = name;
        input += " at ";
        input += os;
        out.push_back({std::move(input), std::move(f)});
      }
    }
  };
  for (const char* folder : {"scenarios", "format"}) {
    std::vector<fs::path> paths;
    for (const auto& entry : fs::directory_iterator(data / "reg" / folder)) {
      if (entry.path().extension() == ".reg") paths.push_back(entry.path());
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
      winreg::Registry registry;
      if (winreg::load_reg_file(path.string(), registry)) continue;  // malformed on purpose
      add_windows(registry, std::string("reg/") + folder + "/" + path.filename().string());
    }
  }
  for (const auto& [name, registry] : windows::testing::synthetic_registries()) add_windows(registry, "built " + name);
#ifndef _WIN32
  for (const auto& entry : fs::directory_iterator(data / "linux_roots")) {
    if (!entry.is_directory()) continue;
    for (auto& f : linux::audit_linux(entry.path()).findings) {
      out.push_back({"linux_roots/" + entry.path().filename().string(), std::move(f)});
    }
  }
#endif
  return out;
}

}  // namespace tlsready::policy::testing
