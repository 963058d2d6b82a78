// tlsr_verdict*, tlsr_policy_list, tlsr_policy_document: readiness verdicts of saved endpoint-scan
// documents against policies (native/include/tlsready/verdict.hpp), offline.
#include <memory>
#include <string>

#include "boundary.h"
#include "tlsready/verdict.hpp"

namespace {

using tlsready::capi::guarded;
using tlsready::capi::require;

}  // namespace

extern "C" {

TLSR_API tlsr_status tlsr_cancel_new(tlsr_cancel** out_cancel) {
  tlsready::capi::clear_out(out_cancel);
  return guarded([&] {
    require(out_cancel, "out_cancel");
    *out_cancel = std::make_unique<tlsr_cancel>().release();
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_cancel_request(tlsr_cancel* cancel) {
  return guarded([&] {
    require(cancel, "cancel");
    cancel->requested.store(true);
    return TLSR_OK;
  });
}

TLSR_API void tlsr_cancel_free(tlsr_cancel* cancel) { delete cancel; }

TLSR_API tlsr_status tlsr_verdict_clients(const char* scan_json, const char* policy, int simulate,
                                          const char* options_json, const char* what_if, const char* const* client_ids,
                                          size_t client_count, tlsr_cancel* cancel, char** out_verdict_json) {
  tlsready::capi::clear_out(out_verdict_json);
  return guarded([&] {
    require(out_verdict_json, "out_verdict_json");
    require(scan_json, "scan_json");
    require(policy, "policy");
    if (simulate != 0 && simulate != 1)
      tlsready::capi::reject("simulate: " + std::to_string(simulate) + " (0: forecast, 1: simulate)");
    tlsready::VerdictClients clients;
    clients.simulate = simulate == 1;
    clients.what_if = what_if == nullptr ? "" : what_if;
    clients.client_ids = tlsready::capi::string_list(client_ids, client_count, "client_ids");
    clients.simulation_options_json = options_json == nullptr ? "" : options_json;
    if (!clients.simulate && cancel != nullptr)
      tlsready::capi::reject("cancel: given without simulate (a forecast makes no connection to cancel)");
    *out_verdict_json =
        tlsready::capi::copy_out(tlsready::verdict(scan_json, policy, clients, tlsready::capi::cancel_flag(cancel)));
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_verdict_with_clients(const char* verdict_json, const char* client_impact_json,
                                               char** out_verdict_json) {
  tlsready::capi::clear_out(out_verdict_json);
  return guarded([&] {
    require(out_verdict_json, "out_verdict_json");
    require(verdict_json, "verdict_json");
    require(client_impact_json, "client_impact_json");
    *out_verdict_json = tlsready::capi::copy_out(tlsready::verdict_with_clients(verdict_json, client_impact_json));
    return TLSR_OK;
  });
}

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
