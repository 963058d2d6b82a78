#include "probe/client_simulation_plan.h"

#include <algorithm>

#include "assess/client_forecast.h"
#include "assess/server_profile_from_scan.h"
#include "model/check_status.h"
#include "model/protocol_version.h"

namespace tlsready::probe {
namespace {

bool scan_saw_some_version_accepted(const model::EndpointResult& scan) {
  return std::any_of(scan.protocols.begin(), scan.protocols.end(), [](const auto& p) { return p.accepted; });
}

// The scan probed `version` to a conclusion and the server refused it.
bool scan_saw_refused(const model::EndpointResult& scan, model::ProtocolVersion version) {
  for (const auto& protocol : scan.protocols) {
    if (protocol.version != model::wire_code(version)) continue;
    return !protocol.accepted && protocol.check.status == model::CheckStatus::completed;
  }
  return false;  // not probed: the scan does not know
}

KnownCertificate known_certificate_of(const model::ServerProfile& server) {
  KnownCertificate known;
  known.key_type = server.certificate_key_type;
  known.key_bits = server.certificate_key_bits;
  known.signature_hash = server.certificate_signature_hash;
  known.chain_has_sha1_signature = server.chain_has_sha1_signature;
  return known;
}

std::optional<model::ClientOutcome> decided(const model::ClientProfile& client, const model::EndpointResult& scan,
                                            const model::ServerProfile& server) {
  if (scan.error || !scan_saw_some_version_accepted(scan)) return std::nullopt;
  for (model::ProtocolVersion version : model::kAllProtocolVersions) {
    if (model::wire_code(version) < model::wire_code(client.min_version) ||
        model::wire_code(version) > model::wire_code(client.max_version))
      continue;
    if (!scan_saw_refused(scan, version)) return std::nullopt;
  }
  model::ClientOutcome outcome = assess::forecast(client, server);
  if (outcome.status != model::ClientOutcomeStatus::fails) return std::nullopt;  // the rules disagree: ask the wire
  outcome.status = model::ClientOutcomeStatus::fails;
  outcome.reason = model::ClientFailure::no_common_version;
  outcome.version.reset();
  outcome.cipher_suite.reset();
  outcome.group.reset();
  outcome.source = "from_scan";
  return outcome;
}

}  // namespace

std::optional<model::ClientOutcome> outcome_from_scan(const model::ClientProfile& client,
                                                      const model::EndpointResult& scan) {
  return decided(client, scan, assess::server_profile_from_scan(scan));
}

PlannedSimulation simulate_clients_after_scan(const model::EndpointResult& scan,
                                              const std::vector<model::ClientProfile>& clients,
                                              const ScanOptions& options, const std::atomic<bool>* cancel) {
  const model::ServerProfile server = assess::server_profile_from_scan(scan);
  PlannedSimulation plan;
  std::vector<std::optional<model::ClientOutcome>> answers;
  std::vector<model::ClientProfile> to_simulate;
  answers.reserve(clients.size());
  for (const auto& client : clients) {
    answers.push_back(decided(client, scan, server));
    if (answers.back()) {
      ++plan.from_scan;
    } else {
      to_simulate.push_back(client);
    }
  }
  plan.simulated = static_cast<int>(to_simulate.size());
  SimulationResult simulated;
  if (!to_simulate.empty()) {
    const std::optional<KnownCertificate> known = server.certificate_key_type || server.certificate_key_bits
                                                      ? std::optional(known_certificate_of(server))
                                                      : std::nullopt;
    simulated = simulate_clients(scan.target, to_simulate, options, cancel, known);
  }
  plan.result.address = simulated.address.empty() && scan.address ? *scan.address : simulated.address;
  plan.result.connections = simulated.connections;
  plan.result.error = simulated.error;
  plan.result.elapsed_ms = simulated.elapsed_ms;
  std::size_t next = 0;
  for (auto& answer : answers) {
    if (answer) {
      plan.result.outcomes.push_back(std::move(*answer));
    } else {
      model::ClientOutcome outcome = simulated.outcomes.at(next++);
      outcome.source = "simulated";
      plan.result.outcomes.push_back(std::move(outcome));
    }
  }
  return plan;
}

}  // namespace tlsready::probe
