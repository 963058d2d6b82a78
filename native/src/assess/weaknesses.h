// Weak spots of a scanned endpoint, named by frozen snake_case codes until the verdicts (with their
// finding catalogue) land. Pure functions over the model and the registry: no I/O, no OpenSSL, so
// every front gets the same answer. The codes appear in the JSON form (per cipher suite and per
// endpoint) and are listed, in this order, in native/schema/endpoint-scan.schema.json; a code is
// never renamed or reused once released.
// Thread-safe: nothing here keeps state.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/scan_result.h"
#include "registry/cipher_suite_registry.h"

namespace tlsready::assess {

// Codes of one cipher suite's weaknesses, in catalogue order; empty for a sound suite.
std::vector<std::string> suite_weaknesses(const registry::CipherSuite& suite);
// Same by code point; empty for a code the registry does not know (its properties are unknown).
std::vector<std::string> suite_weaknesses(uint16_t code);

// The weaknesses of a whole endpoint: legacy versions accepted, every suite weakness among the
// accepted suites (once per code, naming the suites), small DH primes and weak certificates.
// Computed from whatever the scan found, also for an endpoint that ended in an error.
std::vector<model::Weakness> endpoint_weaknesses(const model::EndpointResult& result);

// Every code suite_weaknesses may return, in catalogue order.
const std::vector<std::string_view>& suite_weakness_codes();
// Every code endpoint_weaknesses may return, in catalogue order (a superset of the suite codes).
const std::vector<std::string_view>& endpoint_weakness_codes();

}  // namespace tlsready::assess
