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

// The hash of an OpenSSL signature algorithm long name, lower case: "sha256WithRSAEncryption" ->
// "sha256", "ecdsa-with-SHA384" -> "sha384", "sha1WithRSAEncryption" -> "sha1", "md5WithRSAEncryption"
// -> "md5"; "intrinsic" for Ed25519/Ed448; nullopt when not recognised.
std::optional<std::string> signature_hash_of(std::string_view signature_algorithm);

}  // namespace tlsready::assess
