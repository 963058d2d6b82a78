#include "common/failure.h"

namespace tlsready {

std::string_view to_string(FailureKind kind) {
  switch (kind) {
    case FailureKind::invalid_target: return "invalid_target";
    case FailureKind::name_not_resolved: return "name_not_resolved";
    case FailureKind::connection_refused: return "connection_refused";
    case FailureKind::network_unreachable: return "network_unreachable";
    case FailureKind::timeout: return "timeout";
    case FailureKind::connection_reset: return "connection_reset";
    case FailureKind::connection_closed: return "connection_closed";
    case FailureKind::not_tls: return "not_tls";
    case FailureKind::handshake_refused: return "handshake_refused";
    case FailureKind::protocol_error: return "protocol_error";
    case FailureKind::starttls_failed: return "starttls_failed";
    case FailureKind::cancelled: return "cancelled";
    case FailureKind::endpoint_timeout: return "endpoint_timeout";
    case FailureKind::flight_limit_exceeded: return "flight_limit_exceeded";
    case FailureKind::internal: return "internal";
  }
  return "internal";
}

}  // namespace tlsready
