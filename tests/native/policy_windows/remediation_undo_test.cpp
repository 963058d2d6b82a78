// The undo of a remediation (remediation_undo_reg): for every scenario export, importing the fix
// and then the undo gives back every value the fix touched as the export held it -- present
// values with their type and bytes, absent values absent, keys the fix created gone.

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>

#include "model/finding_json.h"
#include "policy/windows/remediation.h"
#include "policy/windows/windows_audit.h"
#include "policy_windows/registry_builder.h"
#include "winreg/reg_file.h"

using namespace tlsready::policy::windows;
using tlsready::policy::Finding;
using tlsready::policy::PriorValue;
using tlsready::winreg::Registry;
namespace fs = std::filesystem;

namespace {

Registry load_scenario(const std::string& name) {
  Registry registry;
  auto error = tlsready::winreg::load_reg_file(testing::scenario_dir() + "/" + name + ".reg", registry);
  REQUIRE_FALSE(error);
  return registry;
}

void import_text(const std::string& text, Registry& into) {
  auto error = tlsready::winreg::parse_reg_file(
      std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(text.data()), text.size()), into);
  INFO(text);
  REQUIRE_FALSE(error);
}

}  // namespace

TEST_CASE("undo: fix then undo gives back every value the export held", "[policy_windows][remediation][undo]") {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(testing::scenario_dir())) {
    if (entry.path().extension() == ".reg") names.push_back(entry.path().stem().string());
  }
  std::sort(names.begin(), names.end());
  REQUIRE(names.size() >= 5);
  for (const std::string& name : names) {
    DYNAMIC_SECTION(name) {
      const Registry original = load_scenario(name);
      const WindowsAudit audit = audit_windows(original, std::nullopt);
      const std::string undo = remediation_undo_reg(audit.findings);
      CHECK(undo == remediation_undo_reg(audit.findings));  // deterministic
      Registry registry = original;
      import_text(remediation_reg(audit.findings), registry);
      import_text(undo, registry);
      for (const Finding& finding : audit.findings) {
        for (const auto& change : finding.registry_changes) {
          INFO(finding.id << ": " << change.key << "\\" << change.value_name);
          const auto* was = original.find_value(change.key, change.value_name);
          const auto* now = registry.find_value(change.key, change.value_name);
          switch (change.before.state) {
            case PriorValue::State::present:
              REQUIRE(was != nullptr);
              REQUIRE(now != nullptr);
              CHECK(now->type == was->type);
              CHECK(now->data == was->data);
              break;
            case PriorValue::State::value_absent:
              CHECK(was == nullptr);
              CHECK(now == nullptr);
              break;
            case PriorValue::State::key_absent:
              CHECK(original.find_key(change.key) == nullptr);
              CHECK(registry.find_key(change.key) == nullptr);  // the fix created it; the undo removed it
              break;
            case PriorValue::State::unknown:
              CHECK(undo.find(change.key) != std::string::npos);  // named in a comment
              break;
          }
        }
      }
    }
  }
}

TEST_CASE("undo: states come from the export; uncovered keys are unknown, not absent",
          "[policy_windows][remediation][undo]") {
  const std::string client = testing::protocol_key("TLS 1.2", "Client");
  Registry registry;
  registry.ensure_key(testing::kSchannel + "\\Protocols");
  registry.ensure_key(client);
  registry.set_value(client, {"Enabled", tlsready::winreg::ValueType::dword, {0, 0, 0, 0}});
  std::vector<Finding> findings(1);
  findings[0].id = "TEST-FINDING";
  findings[0].registry_changes = {
      {client, "Enabled", "REG_DWORD", "1", {}},
      {client, "DisabledByDefault", "REG_DWORD", "0", {}},
      {testing::protocol_key("TLS 1.2", "Server"), "Enabled", "REG_DWORD", "1", {}},
      {"HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\v4.0.30319", "SchUseStrongCrypto", "REG_DWORD", "1", {}},
  };
  record_prior_values(registry, findings);
  const auto& changes = findings[0].registry_changes;
  CHECK(changes[0].before.state == PriorValue::State::present);
  CHECK(changes[0].before.type_code == 4);
  CHECK(changes[1].before.state == PriorValue::State::value_absent);
  CHECK(changes[2].before.state == PriorValue::State::key_absent);  // TLS 1.2\Server under the exported Protocols
  CHECK(changes[3].before.state == PriorValue::State::unknown);     // .NET key: not in this export

  const std::string undo = remediation_undo_reg(findings);
  CHECK(undo.rfind("Windows Registry Editor Version 5.00\r\n", 0) == 0);
  CHECK(undo.find("\"Enabled\"=dword:00000000\r\n") != std::string::npos);
  CHECK(undo.find("\"DisabledByDefault\"=-\r\n") != std::string::npos);
  CHECK(undo.find("[-" + testing::protocol_key("TLS 1.2", "Server") + "]\r\n") != std::string::npos);
  CHECK(undo.find("not restorable from the export") != std::string::npos);
  CHECK(undo.find("SchUseStrongCrypto=") == std::string::npos);
  CHECK(undo.find("\"SchUseStrongCrypto\"=") == std::string::npos);

  // the state survives the report's JSON (the Python front passes the report back as JSON)
  nlohmann::json json = findings;
  CHECK(json[0]["registry_changes"][0]["before"] == nlohmann::json{{"state", "present"}, {"type_code", 4}, {"data_hex", "00000000"}});
  CHECK(json[0]["registry_changes"][2]["before"] == nlohmann::json{{"state", "key_absent"}});
  CHECK(remediation_undo_reg(json.get<std::vector<Finding>>()) == undo);
}

TEST_CASE("undo: values of any type are written back exactly", "[policy_windows][remediation][undo]") {
  const std::string key = testing::kSchannel + "\\Protocols\\TLS 1.0\\Client";
  Registry registry;
  registry.ensure_key(key);
  registry.set_value(key, {"Text", tlsready::winreg::ValueType::sz, testing::utf16("a \"q\" \\ b")});
  registry.set_value(key, {"Wide", tlsready::winreg::ValueType::sz, testing::utf16("\xc3\xa9t\xc3\xa9")});
  registry.set_value(key, {"Bin", tlsready::winreg::ValueType::binary, {1, 2, 3}});
  registry.set_value(key, {"Q", tlsready::winreg::ValueType::qword, {1, 0, 0, 0, 0, 0, 0, 0}});
  registry.set_value(key, {"Odd", tlsready::winreg::ValueType::dword, {1, 2}});
  std::vector<Finding> findings(1);
  findings[0].id = "TEST-FINDING";
  for (const char* name : {"Text", "Wide", "Bin", "Q", "Odd"}) findings[0].registry_changes.push_back({key, name, "REG_DWORD", "1", {}});
  record_prior_values(registry, findings);
  Registry restored = registry;
  import_text(remediation_reg(findings), restored);
  import_text(remediation_undo_reg(findings), restored);
  for (const char* name : {"Text", "Wide", "Bin", "Q", "Odd"}) {
    INFO(name);
    REQUIRE(restored.find_value(key, name) != nullptr);
    CHECK(restored.find_value(key, name)->type == registry.find_value(key, name)->type);
    CHECK(restored.find_value(key, name)->data == registry.find_value(key, name)->data);
  }
}

TEST_CASE("remediation script saves each value before changing it, inside its ShouldProcess guard",
          "[policy_windows][remediation][undo]") {
  std::vector<Finding> findings(1);
  findings[0].id = "TEST-FINDING";
  findings[0].registry_changes = {{testing::protocol_key("TLS 1.2", "Client"), "Enabled", "REG_DWORD", "1", {}}};
  const std::string ps1 = remediation_ps1(findings);
  CHECK(ps1.find("[string]$BackupPath,") != std::string::npos);
  CHECK(ps1.find(".PARAMETER BackupPath") != std::string::npos);
  const auto guard = ps1.find("if ($PSCmdlet.ShouldProcess(");
  const auto save = ps1.find("Save-TlsReadyBackup -Key");
  const auto write = ps1.find("New-ItemProperty -LiteralPath");
  REQUIRE(guard != std::string::npos);
  REQUIRE(save != std::string::npos);
  CHECK(guard < save);
  CHECK(save < write);
  CHECK(ps1.find("\n\n") == std::string::npos);  // CRLF throughout, no bare LF
  for (std::size_t i = ps1.find('\n'); i != std::string::npos; i = ps1.find('\n', i + 1)) {
    REQUIRE(i > 0);
    CHECK(ps1[i - 1] == '\r');
  }
}
