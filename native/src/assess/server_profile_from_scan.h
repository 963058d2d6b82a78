// A scan result's facts as the forecast needs them (model::ServerProfile): the accepted versions
// with their suites in the server's order when it has one, groups (known only when the group probes
// completed), the DH prime, the leaf certificate's key and signature hash, and the hello shapes the
// server refuses (hello size, suite count). Pure function of the result.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/scan_result.h"
#include "model/server_profile.h"

namespace tlsready::assess {

model::ServerProfile server_profile_from_scan(const model::EndpointResult& result);

// signature_hash_of (the hash of a certificate signature algorithm) is in assess/client_rules.h.

}  // namespace tlsready::assess
