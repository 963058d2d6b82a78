// Which suites a server accepts in one protocol version, and whether it imposes its order.
//
// Few connections: offer every suite of the version, remove the one the server picks, repeat
// until it refuses. That costs (accepted suites + 1) connections. When the server picks by its
// own preference, the order found is its preference order; one more hello offering the found
// suites reversed tells whether it does (RFC 5246 §7.4.1.3 leaves the choice to the server).
#pragma once

#include <cstdint>

#include "model/scan_result.h"
#include "probe/evidence.h"
#include "probe/probe_context.h"

namespace tlsready::probe {

model::ProtocolResult probe_protocol(ProbeContext& context, uint16_t version, bool enumerate_all,
                                     Evidence& evidence);

}  // namespace tlsready::probe
