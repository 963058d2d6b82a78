#include "policy/policy_audit.h"

#include <filesystem>
#include <stdexcept>
#include <utility>
#include <variant>

#include "common/text.h"
#include "model/finding_json.h"
#include "policy/linux/linux_audit.h"
#include "policy/linux_audit_json.h"
#include "policy/windows/remediation.h"
#include "policy/windows_report.h"
#include "winreg/input_file.h"
#include "winreg/reg_file.h"
#include "winreg/registry_snapshot.h"

namespace tlsready::policy {
namespace {

[[noreturn]] void reject(const std::string& message) { throw std::invalid_argument(message); }

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

void load_input(const std::string& path, winreg::Registry& registry) {
  if (ends_with(path, ".json")) {
    auto read = winreg::read_input_file(path);
    if (auto* problem = std::get_if<winreg::InputFileError>(&read)) reject(problem->message);
    const auto& bytes = std::get<std::vector<uint8_t>>(read);
    nlohmann::json snapshot = nlohmann::json::parse(bytes.begin(), bytes.end(), nullptr, false);
    const std::string shown = text::escape_for_message(path);
    if (snapshot.is_discarded()) reject(shown + ": not valid JSON");
    if (auto error = winreg::from_snapshot(snapshot, registry)) reject(shown + ": " + error->message);
    return;
  }
  // load_reg_file's messages already name the file and line ("x.reg:5: bad hex byte ...").
  if (auto error = winreg::load_reg_file(path, registry)) reject(error->message);
}

}  // namespace

model::PolicyReport audit_registry_files(const std::vector<std::string>& paths, const std::string& os_version) {
  if (paths.empty()) reject("no registry export given");
  // The version is checked before any file is read: a typo in it is the cheaper error to show.
  const auto os = os_version_option(os_version);
  winreg::Registry registry;
  for (const auto& path : paths) load_input(path, registry);
  model::PolicySource source;
  source.type = model::PolicySource::Type::registry_export;
  source.paths = paths;
  return windows_report(registry, os, std::move(source));
}

model::PolicyReport audit_linux_root(const std::string& root, const std::string& openssl_conf) {
  if (root.empty()) reject("no root directory given (use / for this machine)");
  std::error_code error;
  if (!std::filesystem::is_directory(root, error)) reject("'" + root + "' is not a directory");
  linux::LinuxAuditOptions options;
  if (!openssl_conf.empty()) options.openssl_conf = openssl_conf;
  options.include_process = std::filesystem::equivalent(root, "/", error);
  linux::LinuxAudit audit = linux::audit_linux(root, options);
  model::PolicyReport report;
  report.platform = model::PolicyPlatform::linux_unix;
  report.source.type = model::PolicySource::Type::root;
  report.source.root = root;
  report.linux_section = nlohmann::json(audit);
  report.findings = std::move(audit.findings);
  return report;
}

std::string remediation_text(const nlohmann::json& report_or_findings, const std::string& format) {
  const nlohmann::json& list = report_or_findings.is_object() ? report_or_findings.at("findings") : report_or_findings;
  if (!list.is_array()) reject("remediation needs a policy report or an array of findings");
  std::vector<Finding> findings;
  try {
    findings = list.get<std::vector<Finding>>();
  } catch (const nlohmann::json::exception& error) {
    reject(std::string("the findings are not in tlsready's form: ") + error.what());
  }
  if (format == "reg") return windows::remediation_reg(findings);
  if (format == "ps1") return windows::remediation_ps1(findings);
  if (format == "undo-reg") return windows::remediation_undo_reg(findings);
  reject("unknown remediation format " + text::quote_for_message(format) + " (reg, ps1 or undo-reg)");
}

}  // namespace tlsready::policy
