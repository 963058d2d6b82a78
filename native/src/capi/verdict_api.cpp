// tlsr_verdict*, tlsr_policy_list, tlsr_policy_document: readiness verdicts of saved endpoint-scan
// documents against policies (native/include/tlsready/verdict.hpp), offline.
#include <string>

#include "boundary.h"
#include "tlsready/verdict.hpp"

namespace {

using tlsready::capi::guarded;
using tlsready::capi::require;

}  // namespace

extern "C" {

TLSR_API tlsr_status tlsr_verdict(const char* scan_json, const char* policy, char** out_verdict_json) {
  tlsready::capi::clear_out(out_verdict_json);
  return guarded([&] {
    require(out_verdict_json, "out_verdict_json");
    require(scan_json, "scan_json");
    require(policy, "policy");
    *out_verdict_json = tlsready::capi::copy_out(tlsready::verdict(scan_json, policy));
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_verdict_summary(const char* verdicts_json, char** out_summary_json) {
  tlsready::capi::clear_out(out_summary_json);
  return guarded([&] {
    require(out_summary_json, "out_summary_json");
    require(verdicts_json, "verdicts_json");
    *out_summary_json = tlsready::capi::copy_out(tlsready::verdict_summary(verdicts_json));
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_policy_list(char** out_policies_json) {
  tlsready::capi::clear_out(out_policies_json);
  return guarded([&] {
    require(out_policies_json, "out_policies_json");
    *out_policies_json = tlsready::capi::copy_out(tlsready::policy_list());
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_policy_document(const char* policy, char** out_policy_json) {
  tlsready::capi::clear_out(out_policy_json);
  return guarded([&] {
    require(out_policy_json, "out_policy_json");
    require(policy, "policy");
    *out_policy_json = tlsready::capi::copy_out(tlsready::policy_document(policy));
    return TLSR_OK;
  });
}

}  // extern "C"
