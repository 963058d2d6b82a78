// The certificate handshake: one full OpenSSL handshake for the chain as served (the only way to
// see it in TLS 1.3), stapled OCSP, ALPN and session facts; when OpenSSL cannot negotiate with
// the server (3DES/RC4-only, SSLv3), the chain captured from our own hellos is used instead.
#pragma once

#include <ctime>

#include "model/scan_result.h"
#include "probe/evidence.h"
#include "probe/probe_context.h"

namespace tlsready::probe {

void probe_certificate(ProbeContext& context, const Evidence& evidence, std::time_t now,
                       model::EndpointResult& result);

}  // namespace tlsready::probe
