// Every finding id the policy audits emit for the test corpus (each .reg export under
// tests/data/reg/scenarios and tests/data/reg/format, each prepared root under
// tests/data/linux_roots) must be an active row of native/data/ledgers/finding_ids.csv, in the
// right room: a new id cannot ship without its ledger row, and a retired id cannot come back.

#ifdef linux
#undef linux
#endif

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ledgers/ledger_reader.h"
#include "policy/linux/linux_audit.h"
#include "policy/windows/os_version.h"
#include "policy/windows/windows_audit.h"
#include "winreg/reg_file.h"

namespace fs = std::filesystem;

namespace {

struct FindingLedger {
  std::map<std::string, std::string> active;  // id -> room
  std::set<std::string> retired;
};

FindingLedger finding_ledger() {
  FindingLedger ledger;
  for (const auto& row : tlsready::testing::read_ledger("finding_ids.csv")) {
    const std::string& id = row.at("id");
    INFO("finding_ids.csv: " << id);
    REQUIRE_FALSE(ledger.active.count(id) + ledger.retired.count(id));  // an id is listed once
    REQUIRE((row.at("room") == "windows" || row.at("room") == "linux" || row.at("room") == "verdict"));
    CHECK_FALSE(row.at("since_version").empty());
    if (row.at("status") == "retired") {
      ledger.retired.insert(id);
    } else {
      REQUIRE(row.at("status") == "active");
      ledger.active[id] = row.at("room");
    }
  }
  return ledger;
}

std::vector<fs::path> files_with_extension(const fs::path& dir, const std::string& extension) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().extension() == extension) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

const fs::path kData = fs::path(TLSREADY_SOURCE_DIR) / "tests" / "data";

// id -> the corpus input that produced it first.
std::map<std::string, std::string> windows_ids() {
  std::map<std::string, std::string> ids;
  for (const char* folder : {"scenarios", "format"}) {
    for (const auto& path : files_with_extension(kData / "reg" / folder, ".reg")) {
      tlsready::winreg::Registry registry;
      if (tlsready::winreg::load_reg_file(path.string(), registry)) continue;  // malformed on purpose
      // An export without CurrentVersion is audited as Server 2019.
      std::optional<tlsready::policy::windows::WindowsVersion> os;
      try {
        (void)tlsready::policy::windows::audit_windows(registry, std::nullopt);
      } catch (const std::exception&) {
        os = tlsready::policy::windows::parse_windows_version("server2019");
      }
      for (const auto& f : tlsready::policy::windows::audit_windows(registry, os).findings) {
        ids.emplace(f.id, path.filename().string());
      }
    }
  }
  return ids;
}

std::map<std::string, std::string> linux_ids() {
  std::map<std::string, std::string> ids;
  for (const auto& entry : fs::directory_iterator(kData / "linux_roots")) {
    if (!entry.is_directory()) continue;
    for (const auto& f : tlsready::policy::linux::audit_linux(entry.path()).findings) {
      ids.emplace(f.id, entry.path().filename().string());
    }
  }
  return ids;
}

void check_in_ledger(const std::map<std::string, std::string>& emitted, const FindingLedger& ledger,
                     const std::string& room) {
  for (const auto& [id, source] : emitted) {
    INFO(room << " audit of " << source << " emits " << id);
    CHECK_FALSE(ledger.retired.count(id));  // a retired id came back
    auto row = ledger.active.find(id);
    CHECK(row != ledger.active.end());  // append a row to native/data/ledgers/finding_ids.csv
    if (row != ledger.active.end()) CHECK(row->second == room);
  }
}

}  // namespace

TEST_CASE("every finding id the Windows audit emits for the .reg corpus is in the ledger", "[ledgers][policy]") {
  const auto emitted = windows_ids();
  CHECK(emitted.size() >= 20);
  check_in_ledger(emitted, finding_ledger(), "windows");
}

TEST_CASE("every finding id the Linux audit emits for the prepared roots is in the ledger", "[ledgers][policy]") {
  const auto emitted = linux_ids();
  CHECK(emitted.size() >= 10);
  check_in_ledger(emitted, finding_ledger(), "linux");
}

TEST_CASE("finding ids in the ledger are upper-case words joined by hyphens", "[ledgers][policy]") {
  for (const auto& [id, room] : finding_ledger().active) {
    INFO(id);
    CHECK(!id.empty());
    CHECK(id.front() != '-');
    CHECK(id.back() != '-');
    CHECK(std::all_of(id.begin(), id.end(),
                      [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'; }));
  }
}

TEST_CASE("the policy schema lists exactly the ledger's active finding ids, both ways", "[ledgers][policy][schema]") {
  std::ifstream in(std::string(TLSREADY_SOURCE_DIR) + "/native/schema/local-policy.schema.json");
  REQUIRE(in);
  const auto schema = nlohmann::json::parse(in);
  std::set<std::string> in_schema;
  for (const auto& id : schema.at("$defs").at("finding_id").at("enum")) in_schema.insert(id.get<std::string>());
  const FindingLedger ledger = finding_ledger();
  for (const auto& [id, room] : ledger.active) {
    if (room == "verdict") continue;  // readiness policies' ids: verdict.schema.json documents
    INFO("ledger id missing from the schema's $defs.finding_id: " << id);
    CHECK(in_schema.count(id) == 1);
  }
  for (const auto& id : in_schema) {
    INFO("schema id that is not an active ledger row: " << id);
    CHECK(ledger.active.count(id) == 1);
  }
}
