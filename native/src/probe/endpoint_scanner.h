// Scans one endpoint: resolve, probe every protocol version, enumerate suites and groups, check
// the certificate. Never throws for anything the network or the server does: an endpoint that
// cannot be scanned yields a result whose `error` says why (and how long it took).
// Thread-safe: each call keeps its state on its own stack.
#pragma once

#include <atomic>

#include "model/scan_result.h"
#include "probe/scan_options.h"

namespace tlsready::probe {

model::EndpointResult scan_endpoint(const model::TargetSpec& target, const ScanOptions& options,
                                    const std::atomic<bool>* cancel = nullptr);

}  // namespace tlsready::probe
