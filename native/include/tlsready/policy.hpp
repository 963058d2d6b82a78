// The public C++ face of the local-policy audits: inputs by path, one local-policy report out as
// its JSON document (native/schema/local-policy.schema.json), and the remediation text of a report.
//
// Errors: bad input (no path, a missing or malformed .reg file, an unknown OS version, a report
// that is not JSON) throws std::invalid_argument naming the file, line or value; an audit that this
// build cannot do (the live registry off Windows) throws tlsready::Unsupported.
//
// Thread-safety: every function may be called from any thread at any time; calls share no state.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace tlsready {

// Thrown for a feature this platform or build does not have.
class Unsupported : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// `reg export` files and/or JSON registry snapshots (*.json), layered in the order given.
// `os_version` ("10.0.17763", "win7", "server2019", ...; "" = read it from the export).
std::string audit_registry_files(const std::vector<std::string>& paths, const std::string& os_version);

// The Linux/Unix TLS configuration under `root` ("/" for this machine, or a mounted image);
// `openssl_conf` stands for OPENSSL_CONF ("" when unset): the caller reads the environment.
std::string audit_linux_root(const std::string& root, const std::string& openssl_conf);

// The running machine's registry (Windows). Throws Unsupported elsewhere.
std::string audit_live_registry(const std::string& os_version);

// The remediation for a report (or a bare findings array) as text: "reg", "ps1" or "undo-reg".
std::string remediation(const std::string& report_json, const std::string& format);

}  // namespace tlsready
