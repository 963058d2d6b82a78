// Which suites a server accepts in one protocol version, and whether it imposes its order.
//
// Few connections: offer every suite of the version, remove the one the server picks, repeat
// until it refuses. That costs (accepted suites + 1) connections. When the server picks by its
// own preference, the order found is its preference order; one more hello offering the found
// suites reversed tells whether it does (RFC 5246 §7.4.1.3 leaves the choice to the server).
//
// A refusal the hello's size or shape may explain (offer_plan.h: decode_error, a close, a reset,
// silence) is not taken as final: the offer is retried in chunks of kChunkSuites, then without
// the optional extensions and padding, then in hellos under 256 bytes (silence: straight to
// those). With the first shape that gets answers the suites are enumerated chunk by chunk; when
// several chunks contributed, the server's order is found over the accepted set alone. What was
// refused is reported in ProtocolResult::intolerances.
//
// Thread-safety: one call per version may run on its own thread; the calls share only `context`
// and `evidence`, as the endpoint scanner arranges.
#pragma once

#include <cstdint>

#include "model/scan_result.h"
#include "probe/evidence.h"
#include "probe/probe_context.h"

namespace tlsready::probe {

model::ProtocolResult probe_protocol(ProbeContext& context, uint16_t version, bool enumerate_all,
                                     Evidence& evidence);

}  // namespace tlsready::probe
