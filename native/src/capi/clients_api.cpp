// tlsr_client_*: client profiles and client impact (native/include/tlsready/clients.hpp).
#include <string>
#include <vector>

#include "boundary.h"
#include "tlsready/clients.hpp"
#include "tlsready/simulation.hpp"

namespace {

using tlsready::capi::guarded;
using tlsready::capi::require;

std::vector<std::string> list_of(const char* const* items, size_t count, const char* name) {
  std::vector<std::string> list;
  if (count == 0) return list;
  require(items, name);
  list.reserve(count);
  for (size_t i = 0; i < count; ++i) {
    if (items[i] == nullptr) tlsready::capi::reject(std::string(name) + "[" + std::to_string(i) + "]: NULL");
    list.emplace_back(items[i]);
  }
  return list;
}

}  // namespace

extern "C" {

TLSR_API tlsr_status tlsr_client_profiles(char** out_json) {
  tlsready::capi::clear_out(out_json);
  return guarded([&] {
    require(out_json, "out_json");
    *out_json = tlsready::capi::copy_out(tlsready::client_profiles_document());
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_client_impact(const char* scan_json, const char* what_if, const char* const* client_ids,
                                        size_t client_count, char** out_json) {
  tlsready::capi::clear_out(out_json);
  return guarded([&] {
    require(out_json, "out_json");
    require(scan_json, "scan_json");
    const std::vector<std::string> ids = list_of(client_ids, client_count, "client_ids");
    *out_json =
        tlsready::capi::copy_out(tlsready::client_impact_document(scan_json, what_if == nullptr ? "" : what_if, ids));
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_client_impact_summary(const char* const* scan_jsons, size_t scan_count, const char* what_if,
                                                const char* const* client_ids, size_t client_count, char** out_json) {
  tlsready::capi::clear_out(out_json);
  return guarded([&] {
    require(out_json, "out_json");
    const std::vector<std::string> scans = list_of(scan_jsons, scan_count, "scan_jsons");
    const std::vector<std::string> ids = list_of(client_ids, client_count, "client_ids");
    *out_json = tlsready::capi::copy_out(
        tlsready::client_impact_summary_document(scans, what_if == nullptr ? "" : what_if, ids));
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_simulate_clients(const char* scan_json, const char* options_json, const char* what_if,
                                           const char* const* client_ids, size_t client_count, char** out_json) {
  tlsready::capi::clear_out(out_json);
  return guarded([&] {
    require(out_json, "out_json");
    require(scan_json, "scan_json");
    const std::vector<std::string> ids = list_of(client_ids, client_count, "client_ids");
    *out_json = tlsready::capi::copy_out(tlsready::client_simulation_document(
        scan_json, options_json == nullptr ? "" : options_json, what_if == nullptr ? "" : what_if, ids));
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_simulate_clients_cancellable(const char* scan_json, const char* options_json,
                                                       const char* what_if, const char* const* client_ids,
                                                       size_t client_count, tlsr_cancel* cancel, char** out_json) {
  tlsready::capi::clear_out(out_json);
  return guarded([&] {
    require(out_json, "out_json");
    require(scan_json, "scan_json");
    const std::vector<std::string> ids = tlsready::capi::string_list(client_ids, client_count, "client_ids");
    *out_json = tlsready::capi::copy_out(tlsready::client_simulation_document(
        scan_json, options_json == nullptr ? "" : options_json, what_if == nullptr ? "" : what_if, ids,
        tlsready::capi::cancel_flag(cancel)));
    return TLSR_OK;
  });
}

}  // extern "C"
