// The one JSON form of the scan result model (schema: native/schema/endpoint-scan.schema.json).
#pragma once

#include <nlohmann/json.hpp>

#include "model/scan_result.h"

namespace tlsready::model {

void to_json(nlohmann::json& j, const TargetSpec& value);
void to_json(nlohmann::json& j, const ProbeError& value);
void to_json(nlohmann::json& j, const ProtocolResult& value);
void to_json(nlohmann::json& j, const CertificateResult& value);
void to_json(nlohmann::json& j, const SessionFacts& value);
void to_json(nlohmann::json& j, const Intolerance& value);
void to_json(nlohmann::json& j, const Weakness& value);
// Includes "weaknesses", computed from the result by model/weaknesses.h.
void to_json(nlohmann::json& j, const EndpointResult& value);

// A cipher suite as the model shows it: code, IANA and OpenSSL names, its properties and weaknesses.
nlohmann::json cipher_suite_json(uint16_t code);

}  // namespace tlsready::model
