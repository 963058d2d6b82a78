// Client simulation that re-uses a scan (issue 13, "re-use the scan's connections where the answer
// is already known; count the connections"): with the scan of the same endpoint at hand, a profile
// whose outcome the scan already decides is answered from the scan without connecting, and only the
// rest are simulated (probe/client_simulation.h).
//
// Decided by the scan: every version the profile can offer (min_version..max_version) was probed to
// a conclusion and refused, while the server accepts some other version: the client fails with
// no_common_version whatever its hello holds (the forecast's answer and detail, method "forecast").
// Every other profile is simulated, with the scan's certificate as the known certificate for
// TLS 1.3 answers. Each outcome says which it was in `source`: "from_scan" or "simulated".
// A scan with an error, or that saw no version accepted, decides nothing: every profile is simulated.
//
// Concurrency, time, cancel and errors: as simulate_clients (only the simulated profiles connect;
// result.connections counts them). Thread-safety: independent calls may run concurrently.
#pragma once

#include <atomic>
#include <optional>
#include <vector>

#include "model/client_outcome.h"
#include "model/client_profile.h"
#include "model/scan_result.h"
#include "probe/client_simulation.h"
#include "probe/scan_options.h"

namespace tlsready::probe {

// The scan's answer for one profile, or nullopt when it must be simulated. Pure.
std::optional<model::ClientOutcome> outcome_from_scan(const model::ClientProfile& client,
                                                      const model::EndpointResult& scan);

struct PlannedSimulation {
  SimulationResult result;  // outcomes in the order of `clients`; connections: simulated profiles only
  int from_scan = 0;        // profiles answered from the scan
  int simulated = 0;        // profiles simulated
};

// The scan's target is the endpoint simulated.
PlannedSimulation simulate_clients_after_scan(const model::EndpointResult& scan,
                                              const std::vector<model::ClientProfile>& clients,
                                              const ScanOptions& options, const std::atomic<bool>* cancel = nullptr);

}  // namespace tlsready::probe
