// Scan requests as the fronts give them (JSON options, "host:port" strings), validated with errors
// that name the field and the value. These throw std::invalid_argument: bad arguments at the
// API edge are the caller's to fix, unlike anything a server does.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/target.h"
#include "probe/scan_options.h"

namespace tlsready::probe {

// Keys: timeout (seconds, per step), endpoint_timeout (seconds, per endpoint; null: derived),
// concurrency, connections_per_endpoint, ca_file, use_system_trust_store, enumerate_cipher_suites,
// enumerate_groups, check_certificate. Unknown keys and wrong types are rejected.
ScanOptions options_from_json(const nlohmann::json& options);

// "host:port", "[v6]:port" or "host" (port 443), with optional SNI and STARTTLS overrides ("" or
// null: the defaults -- the host as SNI when it is a name, STARTTLS implied by the port).
model::TargetSpec target_from_text(const std::string& text, const std::string& sni = "",
                                   const std::string& starttls = "");
// A string as above, an object {"host", "port", "sni", "starttls"}, or {"target": "host:port",
// "sni", "starttls"}.
model::TargetSpec target_from_json(const nlohmann::json& target);
std::vector<model::TargetSpec> targets_from_json(const nlohmann::json& targets);

}  // namespace tlsready::probe
