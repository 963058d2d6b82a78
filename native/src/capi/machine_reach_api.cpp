// tlsr_machine_reach: will this machine's TLS stacks reach a policy's servers (a local-policy report
// document against a policy's server side; native/include/tlsready/machine_reach.hpp), offline.
#include <string>

#include "boundary.h"
#include "tlsready/machine_reach.hpp"

namespace {

using tlsready::capi::guarded;
using tlsready::capi::require;

}  // namespace

extern "C" {

TLSR_API tlsr_status tlsr_machine_reach(const char* report_json, const char* policy, char** out_reach_json) {
  tlsready::capi::clear_out(out_reach_json);
  return guarded([&] {
    require(out_reach_json, "out_reach_json");
    require(report_json, "report_json");
    require(policy, "policy");
    *out_reach_json = tlsready::capi::copy_out(tlsready::machine_reach(report_json, policy));
    return TLSR_OK;
  });
}

}  // extern "C"
