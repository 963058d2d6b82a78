// What happens when one client profile meets one server: the forecast computes it from facts, the
// simulation observes it on the wire; both fill this type so a test can compare them field by field.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/protocol_version.h"

namespace tlsready::model {

// Frozen numbers (C ABI, JSON "status"): never renumbered; append new values.
enum class ClientOutcomeStatus : int { connects = 0, fails = 1, unknown = 2 };

// Why a client fails (JSON "reason"); frozen snake_case names, append new ones.
enum class ClientFailure : int {
  none = 0,
  no_common_version = 1,                  // the server accepts none of the client's versions
  no_common_suite = 2,                    // nothing the client offers is accepted at the negotiated version
  no_common_group = 3,                    // ECDHE/TLS 1.3 only and no shared group
  dh_too_small = 4,                       // the client refuses the server's DHE prime
  dh_too_large = 5,                       // the client cannot handle the server's DHE prime (Java 6/7 over 1024)
  certificate_key_rejected = 6,           // the server key is outside the client's size limits
  certificate_signature_unsupported = 7,  // SHA-2 chain for a client without SHA-2, SHA-1 for a client refusing it
  sni_required = 8,                       // the server needs server_name, the client sends none
  hello_rejected = 9,      // the server (or a middlebox) drops the client's hello shape (size, suite count)
  server_alert = 10,       // simulation: the server refused with an alert the rules above do not explain
  connection_failed = 11,  // simulation: no answer (reset, timeout)
};

constexpr std::string_view to_string(ClientOutcomeStatus status) {
  switch (status) {
    case ClientOutcomeStatus::connects: return "connects";
    case ClientOutcomeStatus::fails: return "fails";
    case ClientOutcomeStatus::unknown: return "unknown";
  }
  return "unknown";
}

constexpr std::string_view to_string(ClientFailure failure) {
  switch (failure) {
    case ClientFailure::none: return "none";
    case ClientFailure::no_common_version: return "no_common_version";
    case ClientFailure::no_common_suite: return "no_common_suite";
    case ClientFailure::no_common_group: return "no_common_group";
    case ClientFailure::dh_too_small: return "dh_too_small";
    case ClientFailure::dh_too_large: return "dh_too_large";
    case ClientFailure::certificate_key_rejected: return "certificate_key_rejected";
    case ClientFailure::certificate_signature_unsupported: return "certificate_signature_unsupported";
    case ClientFailure::sni_required: return "sni_required";
    case ClientFailure::hello_rejected: return "hello_rejected";
    case ClientFailure::server_alert: return "server_alert";
    case ClientFailure::connection_failed: return "connection_failed";
  }
  return "none";
}

struct ClientOutcome {
  std::string client_id;
  std::string client_name;
  ClientOutcomeStatus status = ClientOutcomeStatus::unknown;
  std::optional<ProtocolVersion> version;  // negotiated, when it connects
  std::optional<uint16_t> cipher_suite;
  std::optional<uint16_t> group;
  ClientFailure reason = ClientFailure::none;
  std::string detail;  // for people: "offers TLSv1.0 at most; the server accepts TLSv1.2 and TLSv1.3"
  std::string method;  // "forecast" or "simulation"
  // Added for the simulation that re-uses a scan (probe/client_simulation_plan.h): "simulated"
  // (a connection was made for this client) or "from_scan" (the scan already decided it, no
  // connection); empty for a plain forecast or simulation (the JSON then has no "source").
  std::string source;
};

}  // namespace tlsready::model
