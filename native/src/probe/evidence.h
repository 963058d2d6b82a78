// Facts the probes notice on the way (extensions in ServerHellos, the served certificate chain,
// key-exchange parameters) so later steps need no extra connections. One Evidence per thread:
// not thread-safe (see merge_evidence).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "probe/hello_attempt.h"

namespace tlsready::probe {

struct Evidence {
  std::vector<std::vector<uint8_t>> raw_chain;  // first TLS <= 1.2 Certificate message seen
  std::optional<bool> secure_renegotiation;     // renegotiation_info in a TLS <= 1.2 ServerHello
  std::optional<bool> extended_master_secret;   // extended_master_secret in a TLS <= 1.2 ServerHello
  std::optional<bool> ocsp_stapling;            // status_request answered in a TLS <= 1.2 ServerHello
  std::optional<std::vector<uint8_t>> ocsp_response;
  std::vector<Failure> failures;                // every transport-level failure, in order
};

// Folds `later` into `into` as if its attempts had come after those of `into`: probes that ran
// in parallel, each with its own Evidence, merged in a fixed order give a deterministic result.
void merge_evidence(const Evidence& later, Evidence& into);

// Records what `attempt` shows about the server (TLS <= 1.2 hellos only tell extensions in clear).
void collect_evidence(const HelloAttempt& attempt, Evidence& evidence);

}  // namespace tlsready::probe
