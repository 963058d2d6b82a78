// The scenario corpus (tests/data/reg/scenarios): real `reg export` files (UTF-16LE and REGEDIT4)
// audited end to end, compared with hand-written expectations, then remediated: the generated
// .reg file must parse back and, layered over the export, clear every fixable finding.

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "model/protocol_version.h"
#include "policy/windows/remediation.h"
#include "policy/windows/windows_audit.h"
#include "policy_windows/registry_builder.h"
#include "winreg/reg_file.h"

using namespace tlsready::policy::windows;
using tlsready::policy::Finding;
using tlsready::policy::Severity;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> scenario_names() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(testing::scenario_dir())) {
    if (entry.path().extension() == ".reg") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

tlsready::winreg::Registry load(const std::string& name) {
  tlsready::winreg::Registry registry;
  auto error = tlsready::winreg::load_reg_file(testing::scenario_dir() + "/" + name + ".reg", registry);
  INFO(name << ": " << (error ? error->message + " at line " + std::to_string(error->line) : std::string()));
  REQUIRE_FALSE(error);
  return registry;
}

nlohmann::json expected(const std::string& name) {
  std::ifstream in(testing::scenario_dir() + "/" + name + ".expected.json");
  REQUIRE(in);
  return nlohmann::json::parse(in);
}

std::set<std::string> ids(const std::vector<Finding>& findings) {
  std::set<std::string> out;
  for (const Finding& f : findings) out.insert(f.id);
  return out;
}

std::string join(const std::set<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : ", ") + i;
  return out;
}

std::string protocols_text(const std::vector<Protocol>& protocols) { return describe_protocols(protocols); }

}  // namespace

TEST_CASE("scenarios: the corpus is complete", "[policy_windows][scenarios]") {
  auto names = scenario_names();
  CHECK(names.size() >= 10);
  for (const auto& name : names) {
    INFO(name);
    CHECK(fs::exists(testing::scenario_dir() + "/" + name + ".expected.json"));
  }
  // Most exports are regedit's UTF-16LE with BOM; some are ANSI REGEDIT4.
  int utf16 = 0, regedit4 = 0;
  for (const auto& name : names) {
    auto bytes = testing::read_bytes(testing::scenario_dir() + "/" + name + ".reg");
    REQUIRE(bytes.size() > 8);
    if (bytes[0] == 0xFF && bytes[1] == 0xFE) ++utf16;
    else if (std::string(bytes.begin(), bytes.begin() + 8) == "REGEDIT4") ++regedit4;
  }
  CHECK(utf16 >= 6);
  CHECK(regedit4 >= 2);
}

TEST_CASE("scenarios: audit matches the expected findings and states", "[policy_windows][scenarios]") {
  for (const std::string& name : scenario_names()) {
    DYNAMIC_SECTION(name) {
      tlsready::winreg::Registry registry = load(name);
      nlohmann::json want = expected(name);
      WindowsAudit audit = audit_windows(registry, std::nullopt);

      CHECK(std::string(family_name(audit.os.family)) == want["os"]["family"].get<std::string>());
      CHECK(audit.os.build == want["os"]["build"].get<int>());
      CHECK(audit.os.is_server() == want["os"]["server"].get<bool>());
      CHECK_THAT(audit.os.source, Catch::StartsWith("registry: "));

      std::set<std::string> got = ids(audit.findings);
      std::set<std::string> exp;
      for (const auto& id : want["findings"]) exp.insert(id.get<std::string>());
      std::set<std::string> missing, extra;
      std::set_difference(exp.begin(), exp.end(), got.begin(), got.end(), std::inserter(missing, missing.end()));
      std::set_difference(got.begin(), got.end(), exp.begin(), exp.end(), std::inserter(extra, extra.end()));
      INFO("missing: " << join(missing));
      INFO("unexpected: " << join(extra));
      CHECK(missing.empty());
      CHECK(extra.empty());

      std::string max = audit.findings.empty() ? "none" : std::string(to_string(audit.findings.front().severity));
      CHECK(max == want["max_severity"].get<std::string>());
      if (want.contains("severities")) {
        for (auto& [id, severity] : want["severities"].items()) {
          const Finding* f = audit.find(id);
          INFO(id);
          REQUIRE(f != nullptr);
          CHECK(std::string(to_string(f->severity)) == severity.get<std::string>());
        }
      }

      if (want.contains("schannel")) {
        for (auto& [protocol_name, roles] : want["schannel"].items()) {
          for (Protocol p : kProtocols) {
            if (protocol_key_name(p) != protocol_name) continue;
            INFO(protocol_name);
            CHECK(std::string(role_status_name(audit.schannel.protocol(p).client.status())) == roles["client"].get<std::string>());
            CHECK(std::string(role_status_name(audit.schannel.protocol(p).server.status())) == roles["server"].get<std::string>());
          }
        }
      }
      if (want.contains("dotnet")) {
        for (const auto& item : want["dotnet"]) {
          bool matched = false;
          for (const DotNetGenerationState& g : audit.dotnet.generations) {
            if (generation_name(g.generation) != item["generation"].get<std::string>() ||
                view_name(g.view) != item["view"].get<std::string>()) {
              continue;
            }
            matched = true;
            std::string want_protocols;
            for (const auto& p : item["protocols"]) {
              // The expectations keep the registry's spelling ("TLS 1.0"); the audit writes "TLSv1.0".
              const auto version = tlsready::model::parse_any_version_name(p.get<std::string>());
              REQUIRE(version.has_value());
              want_protocols +=
                  (want_protocols.empty() ? "" : ", ") + std::string(tlsready::model::display_name(*version));
            }
            INFO(item["generation"] << " " << item["view"] << ": " << g.mode);
            CHECK(g.applicable);
            CHECK(protocols_text(g.protocols) == want_protocols);
          }
          CHECK(matched);
        }
      }
      if (want.contains("winhttp")) {
        CHECK(tlsready::policy::windows::detail::hex32(audit.winhttp.native.mask) == want["winhttp"]["native"].get<std::string>());
        CHECK(tlsready::policy::windows::detail::hex32(audit.winhttp.wow64.mask) == want["winhttp"]["wow64"].get<std::string>());
      }
      if (want.contains("cipher_groups")) {
        for (auto& [group, offered] : want["cipher_groups"].items()) {
          for (CipherGroup g : kWeakCipherGroups) {
            if (cipher_group_token(g) != group) continue;
            INFO(group << ": " << audit.schannel.cipher_group(g).reason);
            CHECK(audit.schannel.cipher_group(g).offered == offered.get<bool>());
          }
        }
      }

      // Every finding explains itself.
      for (const Finding& f : audit.findings) {
        INFO(f.id);
        CHECK_FALSE(f.title.empty());
        CHECK_FALSE(f.evidence.empty());
        CHECK_FALSE(f.why.empty());
        CHECK_FALSE(f.fix.empty());
        CHECK_FALSE(f.references.empty());
        for (const auto& e : f.evidence) {
          CHECK_FALSE(e.location.empty());
          CHECK_FALSE(e.observed.empty());
        }
      }
    }
  }
}

TEST_CASE("scenarios: remediation parses back and clears every fixable finding", "[policy_windows][scenarios]") {
  for (const std::string& name : scenario_names()) {
    DYNAMIC_SECTION(name) {
      tlsready::winreg::Registry registry = load(name);
      WindowsAudit before = audit_windows(registry, std::nullopt);
      const std::string reg = remediation_reg(before.findings);
      const std::string ps1 = remediation_ps1(before.findings);
      CHECK(reg == remediation_reg(before.findings));  // deterministic
      CHECK(ps1 == remediation_ps1(before.findings));

      // Parses on its own ...
      tlsready::winreg::Registry fixes;
      auto error = tlsready::winreg::parse_reg_file(
          std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(reg.data()), reg.size()), fixes);
      INFO(reg);
      REQUIRE_FALSE(error);
      // ... and layered over the export clears the findings that carried registry changes.
      error = tlsready::winreg::parse_reg_file(
          std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(reg.data()), reg.size()), registry);
      REQUIRE_FALSE(error);
      WindowsAudit after = audit_windows(registry, std::nullopt);
      std::set<std::string> left;
      for (const Finding& f : after.findings) {
        if (!f.registry_changes.empty()) left.insert(f.id);
      }
      INFO("still open after remediation: " << join(left));
      CHECK(left.empty());
      for (const Finding& f : after.findings) {
        INFO(f.id);
        CHECK(static_cast<int>(f.severity) <= static_cast<int>(Severity::info));
      }
      CHECK(remediation_reg(after.findings).find("; nothing to change") != std::string::npos);
    }
  }
}
