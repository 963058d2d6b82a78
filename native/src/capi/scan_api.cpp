// tlsr_scan_*: a thin loop over tlsready::ScanSession (native/include/tlsready/scan.hpp).
#include <chrono>
#include <memory>
#include <string>

#include "boundary.h"
#include "tlsready/scan.hpp"

struct tlsr_scan {
  std::unique_ptr<tlsready::ScanSession> session;
};

namespace {

using tlsready::capi::guarded;
using tlsready::capi::reject;
using tlsready::capi::require;

std::chrono::milliseconds timeout_of(int timeout_ms) {
  if (timeout_ms == -1) return tlsready::ScanSession::kWaitForever;
  if (timeout_ms < 0)
    reject("timeout_ms: " + std::to_string(timeout_ms) +
           " (use milliseconds >= 0, or -1 to wait until a result comes)");
  return std::chrono::milliseconds(timeout_ms);
}

}  // namespace

extern "C" {

TLSR_API tlsr_status tlsr_scan_start(const char* request_json, tlsr_scan** out_scan) {
  tlsready::capi::clear_out(out_scan);
  return guarded([&] {
    require(out_scan, "out_scan");
    require(request_json, "request_json");
    auto scan = std::make_unique<tlsr_scan>();
    scan->session = tlsready::ScanSession::start(request_json);
    *out_scan = scan.release();
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_scan_next(tlsr_scan* scan, int timeout_ms, size_t* out_index, char** out_result_json) {
  tlsready::capi::clear_out(out_result_json);
  if (out_index != nullptr) *out_index = 0;
  return guarded([&] {
    require(scan, "scan");
    require(out_result_json, "out_result_json");
    const tlsready::ScanSession::Next next = scan->session->next(timeout_of(timeout_ms));
    switch (next.kind) {
      case tlsready::ScanSession::Next::Kind::timed_out:
        tlsready::capi::set_last_error("no endpoint finished within " + std::to_string(timeout_ms) + " ms");
        return TLSR_ERR_TIMEOUT;
      case tlsready::ScanSession::Next::Kind::finished:
        tlsready::capi::set_last_error("the scan is finished: every result has been handed out");
        return TLSR_ERR_DONE;
      case tlsready::ScanSession::Next::Kind::result: break;
    }
    *out_result_json = tlsready::capi::copy_out(next.document);
    if (out_index != nullptr) *out_index = next.index;
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_scan_cancel(tlsr_scan* scan) {
  return guarded([&] {
    require(scan, "scan");
    scan->session->cancel();
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_scan_progress(tlsr_scan* scan, size_t* out_target_count, size_t* out_completed_count,
                                        int* out_cancelled) {
  if (out_target_count != nullptr) *out_target_count = 0;
  if (out_completed_count != nullptr) *out_completed_count = 0;
  if (out_cancelled != nullptr) *out_cancelled = 0;
  return guarded([&] {
    require(scan, "scan");
    if (out_target_count != nullptr) *out_target_count = scan->session->target_count();
    if (out_completed_count != nullptr) *out_completed_count = scan->session->completed_count();
    if (out_cancelled != nullptr) *out_cancelled = scan->session->cancelled() ? 1 : 0;
    return TLSR_OK;
  });
}

TLSR_API void tlsr_scan_free(tlsr_scan* scan) {
  // The session's destructor cancels and joins; it does not throw (probe/scan_session.h).
  (void)guarded([&] {
    delete scan;
    return TLSR_OK;
  });
}

}  // extern "C"
