// SSLv2 (draft-hickman-netscape-ssl-00): one CLIENT-HELLO offering every SSLv2 cipher kind; a
// SERVER-HELLO means the server still speaks it, and lists the kinds it shares with us.
#pragma once

#include "model/scan_result.h"
#include "probe/evidence.h"
#include "probe/probe_context.h"

namespace tlsready::probe {

model::ProtocolResult probe_sslv2(ProbeContext& context, Evidence& evidence);

}  // namespace tlsready::probe
