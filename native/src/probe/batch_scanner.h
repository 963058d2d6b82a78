// Scans many endpoints at once, at most `options.concurrency` at a time, and hands each result
// to `on_result` as soon as it is finished (calls are serialized, in completion order). One slow
// endpoint holds one worker, never the others. When `cancel` becomes true, endpoints not yet
// started are skipped and running ones stop at their next connection; finished results have
// already been delivered. If `on_result` throws (or anything else on a worker), the scan is
// cancelled (the flag is set) and the first exception is rethrown to the caller once every worker
// has stopped; nothing unwinds out of a worker thread. When fewer threads can be started than
// `concurrency` asks for, the ones that started scan every target.
#pragma once

#include <atomic>
#include <functional>
#include <vector>

#include "model/scan_result.h"
#include "probe/scan_options.h"

namespace tlsready::probe {

using ResultCallback = std::function<void(size_t index, const model::EndpointResult& result)>;

void scan_many(const std::vector<model::TargetSpec>& targets, const ScanOptions& options,
               const ResultCallback& on_result, std::atomic<bool>* cancel = nullptr);

}  // namespace tlsready::probe
