#include "probe/check_outcome.h"

#include <string>

#include "probe/scan_options.h"

namespace tlsready::probe {

std::optional<Failure> early_stop(const ProbeContext& context) {
  if (context.user_cancelled()) return Failure{FailureKind::cancelled, "scan cancelled"};
  if (auto reason = context.stop_reason()) return reason;
  if (context.budget_spent()) {
    return Failure{FailureKind::endpoint_timeout, "the endpoint's time budget of " +
                                                      std::to_string(endpoint_budget(context.options()).count()) +
                                                      " ms ran out; the results found until then are kept"};
  }
  return std::nullopt;
}

model::CheckOutcome unfinished_check(const ProbeContext& context) {
  if (auto stop = early_stop(context)) return model::CheckOutcome::failed(stop->kind, stop->message);
  return model::CheckOutcome::completed();
}

bool hello_not_asked(FailureKind kind) {
  switch (kind) {
    case FailureKind::invalid_target:
    case FailureKind::name_not_resolved:
    case FailureKind::connection_refused:
    case FailureKind::network_unreachable:
    case FailureKind::starttls_failed:
    case FailureKind::cancelled:
    case FailureKind::endpoint_timeout:
    case FailureKind::internal: return true;
    case FailureKind::timeout:
    case FailureKind::connection_reset:
    case FailureKind::connection_closed:
    case FailureKind::not_tls:
    case FailureKind::handshake_refused:
    case FailureKind::protocol_error:
    case FailureKind::flight_limit_exceeded: return false;
  }
  return true;
}

model::CheckOutcome protocol_check(const ProbeContext& context, const model::ProtocolResult& protocol,
                                   const std::optional<Failure>& refusing_failure) {
  if (!protocol.accepted && refusing_failure && hello_not_asked(refusing_failure->kind))
    return model::CheckOutcome::failed(refusing_failure->kind, refusing_failure->message);
  if (context.cancelled()) return unfinished_check(context);
  return model::CheckOutcome::completed();
}

}  // namespace tlsready::probe
