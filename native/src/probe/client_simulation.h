// Client simulation: each client profile's first hello (probe/client_simulation_hello.h) is sent
// to the server as that client would send it, the server's first flight is read (ServerHello,
// Certificate, ServerKeyExchange) or its refusal, and the outcome is decided as the client would
// decide it, with the rules the forecast uses (assess/client_rules.h). One connection per profile;
// nothing from an earlier scan is re-used yet (re-using the scan's connections where the answer is
// already known is a later optimisation).
//
// What the simulation sees and what it cannot: TLS <= 1.2 shows version, suite, ECDHE curve or DH
// prime and the certificate chain; TLS 1.3 encrypts the certificate, so for a TLS 1.3 answer the
// certificate rules apply only to `known_certificate` (e.g. the scan's leaf) when given. A
// HelloRetryRequest naming a group the client offered counts as that group (the client would send
// its second hello with it). A refusal is read as assess::failure_for_alert says; a connection that
// is reset, closed or silent after the hello is hello_rejected; one that never connects is
// connection_failed.
//
// Concurrency: at most options.connections_per_endpoint profiles at once (like the versions of one
// endpoint in a scan), each on its own connection; outcomes keep the order of `clients`. Time: each
// connection is bounded by options.timeout, the whole simulation by endpoint_budget(options).
// Cancel: setting *cancel stops within 200 ms; profiles not yet simulated come back with status
// unknown and detail "cancelled". Nothing throws for network trouble (it is each outcome's
// reason); bad input (port 0, empty host) is std::invalid_argument.
// Thread-safety: independent calls may run concurrently.
#pragma once

#include <atomic>
#include <optional>
#include <string>
#include <vector>

#include "assess/client_rules.h"
#include "common/failure.h"
#include "model/client_outcome.h"
#include "model/client_profile.h"
#include "model/target.h"
#include "probe/scan_options.h"

namespace tlsready::probe {

// Certificate facts known from elsewhere (a scan of the same endpoint), for TLS 1.3 answers.
struct KnownCertificate {
  std::optional<std::string> key_type;
  std::optional<int> key_bits;
  std::optional<std::string> signature_hash;
  bool chain_has_sha1_signature = false;
};

struct SimulationResult {
  std::vector<model::ClientOutcome> outcomes;  // one per profile, in the order given
  std::string address;                         // the address connected to ("127.0.0.1"); empty if none
  int connections = 0;                         // TCP connections made
  std::optional<Failure> error;                // the target could not be resolved (every outcome unknown)
  double elapsed_ms = 0;
};

SimulationResult simulate_clients(const model::TargetSpec& target, const std::vector<model::ClientProfile>& clients,
                                  const ScanOptions& options, const std::atomic<bool>* cancel = nullptr,
                                  const std::optional<KnownCertificate>& known_certificate = std::nullopt);

}  // namespace tlsready::probe
