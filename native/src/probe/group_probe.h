// Which key-exchange groups a server accepts.
// TLS 1.3: offer groups with no key share; the server names one in a HelloRetryRequest
// (RFC 8446 §4.1.4); remove it and ask again until it refuses.
// TLS <= 1.2: offer only the ECDHE suites it accepted and a shrinking curve list; the curve is in
// its ServerKeyExchange (RFC 8422 §5.4). DHE: whether the server needs an FFDHE group listed.
#pragma once

#include <cstdint>
#include <vector>

#include "model/scan_result.h"
#include "probe/evidence.h"
#include "probe/probe_context.h"

namespace tlsready::probe {

void probe_tls13_groups(ProbeContext& context, model::ProtocolResult& tls13, Evidence& evidence);
void probe_ecdhe_groups(ProbeContext& context, model::ProtocolResult& protocol, Evidence& evidence);
// TLS 1.0-1.2 with DHE suites accepted: one hello offering them with supported_groups listing the
// ECDHE curves and no FFDHE group (RFC 7919 §4). Sets protocol.dhe_needs_ffdhe: true when the
// server refuses it with an alert, false when it answers with one of those DHE suites, unset
// otherwise (no DHE suite, or an answer that tells nothing).
void probe_dhe_needs_ffdhe(ProbeContext& context, model::ProtocolResult& protocol, Evidence& evidence);

}  // namespace tlsready::probe
