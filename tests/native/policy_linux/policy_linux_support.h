// Helpers for the Linux policy tests: the fixture roots under tests/data/linux_roots, scratch
// roots built per test, and finding-id checks.
#pragma once

#ifdef linux
#undef linux
#endif

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <system_error>
#include <unistd.h>

#include "policy/linux/linux_audit.h"

namespace tlsready::policy::linux::testing {

inline std::filesystem::path fixture_root(const std::string& name) {
  return std::filesystem::path(TLSREADY_SOURCE_DIR) / "tests" / "data" / "linux_roots" / name;
}

// A directory under the system temp dir, removed with everything in it at scope exit.
class ScratchRoot {
 public:
  ScratchRoot() {
    static std::atomic<int> counter{0};
    path_ = std::filesystem::temp_directory_path() /
            ("tlsready-policy-linux-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchRoot() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchRoot(const ScratchRoot&) = delete;
  ScratchRoot& operator=(const ScratchRoot&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes `text` at `inside` (an absolute path as the root sees it).
  void write(const std::string& inside, const std::string& text) const {
    const auto file = path_ / inside.substr(1);
    std::filesystem::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << text;
  }
  void symlink(const std::string& inside, const std::string& target) const {
    const auto link = path_ / inside.substr(1);
    std::filesystem::create_directories(link.parent_path());
    std::filesystem::create_symlink(target, link);
  }

 private:
  std::filesystem::path path_;
};

inline std::set<std::string> ids_of(const LinuxAudit& audit) {
  const auto ids = audit.finding_ids();
  return {ids.begin(), ids.end()};
}

inline bool any_at_least(const LinuxAudit& audit, Severity severity) {
  return std::any_of(audit.findings.begin(), audit.findings.end(),
                     [&](const Finding& f) { return static_cast<int>(f.severity) >= static_cast<int>(severity); });
}

inline bool evidence_mentions(const Finding& finding, const std::string& text) {
  return std::any_of(finding.evidence.begin(), finding.evidence.end(), [&](const Evidence& e) {
    return e.location.find(text) != std::string::npos || e.observed.find(text) != std::string::npos;
  });
}

}  // namespace tlsready::policy::linux::testing
