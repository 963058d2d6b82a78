// The status of each sub-check of an endpoint scan (model/check_status.h): whether a protocol
// probe, the group probes, the certificate retrieval and the session facts ran to a conclusion.
#pragma once

#include <optional>

#include "common/failure.h"
#include "model/scan_result.h"
#include "probe/probe_context.h"

namespace tlsready::probe {

// Why the probes of the endpoint stopped early, if they did: the caller cancelled, a probe found
// the server unfit to go on with (ProbeContext::stop_with), or the endpoint's budget ran out.
std::optional<Failure> early_stop(const ProbeContext& context);

// A check cut short by early_stop: failed with its reason (a check whose facts are partial).
model::CheckOutcome unfinished_check(const ProbeContext& context);

// A version's probe: completed when it was accepted or refused by the server (alert, reset, close,
// timeout, an answer that is not TLS ...); failed when the hellos could not be asked
// (`refusing_failure`: connect refused, STARTTLS failed, ...) or the scan stopped during the probe.
model::CheckOutcome protocol_check(const ProbeContext& context, const model::ProtocolResult& protocol,
                                   const std::optional<Failure>& refusing_failure);

// True for failures that mean the hello never reached a server that could answer it.
bool hello_not_asked(FailureKind kind);

}  // namespace tlsready::probe
