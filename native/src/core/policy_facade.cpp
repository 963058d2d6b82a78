// tlsready's public policy functions (native/include/tlsready/policy.hpp) over the policy room.
// nlohmann::json(...) takes whatever the room returns (its JSON, or a typed report with a to_json).
#include <nlohmann/json.hpp>

#include <stdexcept>

#include "policy/policy_audit.h"
#include "tlsready/policy.hpp"

namespace tlsready {
namespace {

std::string dumped(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

std::string audit_registry_files(const std::vector<std::string>& paths, const std::string& os_version) {
  return dumped(nlohmann::json(policy::audit_registry_files(paths, os_version)));
}

std::string audit_linux_root(const std::string& root, const std::string& openssl_conf) {
  return dumped(nlohmann::json(policy::audit_linux_root(root, openssl_conf)));
}

std::string audit_live_registry(const std::string& os_version) {
#ifdef _WIN32
  return dumped(nlohmann::json(policy::audit_live_registry(os_version)));
#else
  (void)os_version;
  throw Unsupported("the live registry is only readable on Windows; audit `reg export` files instead");
#endif
}

std::string remediation(const std::string& report_json, const std::string& format) {
  const nlohmann::json report = nlohmann::json::parse(report_json, nullptr, false);
  if (report.is_discarded()) throw std::invalid_argument("report: not valid JSON");
  try {
    return policy::remediation_text(report, format);
  } catch (const nlohmann::json::exception& error) {
    // A JSON document that is not a report ({"no": "findings"}): the caller's input, named.
    throw std::invalid_argument(std::string("report: not a local-policy report: ") + error.what());
  }
}

}  // namespace tlsready
