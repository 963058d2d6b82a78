// Local policy audits as the fronts call them: inputs by path, one typed report out
// (model/policy_report.h; its JSON form model/policy_report_json.h, schema
// native/schema/local-policy.schema.json). Bad input (a malformed .reg file, an unknown OS
// version, wrong JSON) throws std::invalid_argument naming the file, line and problem.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/policy_report.h"
#include "model/policy_report_json.h"

namespace tlsready::policy {

using model::kPolicySchemaVersion;

// Audits `reg export` files (and/or JSON snapshots: *.json), layered in the order given.
// `os_version` ("10.0.17763", "win7", "server2019", ...) overrides the OS found in the export.
model::PolicyReport audit_registry_files(const std::vector<std::string>& paths, const std::string& os_version);

// Audits the running machine's live registry (Windows only; elsewhere std::invalid_argument
// "the live registry is only readable on Windows"): the keys the Windows audit reads
// (live_registry_roots) are copied with winreg::read_live_registry, and the values of
// HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion (the OS version), then audited as an export
// would be. `os_version` as above; "" takes it from the registry. source.type "live_registry".
model::PolicyReport audit_live_registry(const std::string& os_version);
const std::vector<std::string>& live_registry_roots();

// Audits the Linux/Unix TLS configuration under `root` ("/" for this machine, or a mounted
// image). `openssl_conf` stands for OPENSSL_CONF ("" when unset); the front reads the environment.
model::PolicyReport audit_linux_root(const std::string& root, const std::string& openssl_conf);

// Remediation for the findings of a report (or a bare findings array): "reg", "ps1", or
// "undo-reg" (the .reg file that puts back what "reg" changes, from each change's `before`).
std::string remediation_text(const nlohmann::json& report_or_findings, const std::string& format);

}  // namespace tlsready::policy
