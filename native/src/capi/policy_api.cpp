// tlsr_policy_*: the local-policy audits and remediation (native/include/tlsready/policy.hpp).
#include <string>
#include <vector>

#include "boundary.h"
#include "tlsready/policy.hpp"

namespace {

using tlsready::capi::guarded;
using tlsready::capi::require;

}  // namespace

extern "C" {

TLSR_API tlsr_status tlsr_policy_audit_files(const char* const* paths, size_t path_count, const char* os_version,
                                             char** out_report_json) {
  tlsready::capi::clear_out(out_report_json);
  return guarded([&] {
    require(out_report_json, "out_report_json");
    if (path_count == 0) tlsready::capi::reject("path_count: 0 (give at least one reg export file or snapshot)");
    require(paths, "paths");
    std::vector<std::string> list;
    list.reserve(path_count);
    for (size_t i = 0; i < path_count; ++i) {
      if (paths[i] == nullptr) tlsready::capi::reject("paths[" + std::to_string(i) + "]: NULL");
      list.emplace_back(paths[i]);
    }
    const std::string report = tlsready::audit_registry_files(list, os_version == nullptr ? "" : os_version);
    *out_report_json = tlsready::capi::copy_out(report);
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_policy_audit_linux(const char* root, const char* openssl_conf, char** out_report_json) {
  tlsready::capi::clear_out(out_report_json);
  return guarded([&] {
    require(out_report_json, "out_report_json");
    const std::string report =
        tlsready::audit_linux_root(root == nullptr ? "/" : root, openssl_conf == nullptr ? "" : openssl_conf);
    *out_report_json = tlsready::capi::copy_out(report);
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_policy_audit_live(const char* os_version, char** out_report_json) {
  tlsready::capi::clear_out(out_report_json);
  return guarded([&] {
    require(out_report_json, "out_report_json");
    *out_report_json = tlsready::capi::copy_out(tlsready::audit_live_registry(os_version == nullptr ? "" : os_version));
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_policy_remediation(const char* report_json, const char* format, char** out_text) {
  tlsready::capi::clear_out(out_text);
  return guarded([&] {
    require(out_text, "out_text");
    require(report_json, "report_json");
    require(format, "format");
    *out_text = tlsready::capi::copy_out(tlsready::remediation(report_json, format));
    return TLSR_OK;
  });
}

}  // extern "C"
