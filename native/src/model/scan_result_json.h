// The one JSON form of the scan result model (schema: native/schema/endpoint-scan.schema.json).
// Nullable fields are std::optional and become JSON null; enums become their frozen names.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "model/scan_result.h"

namespace tlsready::model {

void to_json(nlohmann::json& j, const TargetSpec& value);
void to_json(nlohmann::json& j, const ProbeError& value);
void to_json(nlohmann::json& j, const Refusal& value);
void to_json(nlohmann::json& j, const CheckOutcome& value);
void to_json(nlohmann::json& j, const CipherSuiteFacts& value);
void to_json(nlohmann::json& j, const CertificateInfo& value);
void to_json(nlohmann::json& j, const CertificateProblem& value);
void to_json(nlohmann::json& j, const CertificateResult& value);
void to_json(nlohmann::json& j, const SessionFacts& value);
void to_json(nlohmann::json& j, const Intolerance& value);
void to_json(nlohmann::json& j, const Weakness& value);
void to_json(nlohmann::json& j, const EndpointResult& value);

// One protocol as the endpoint document shows it: its suites and groups described by the
// endpoint's suite_facts and group_names (a code without facts shows its hex code and nulls).
nlohmann::json protocol_json(const ProtocolResult& protocol, const std::vector<CipherSuiteFacts>& suites,
                             const std::vector<NamedCode>& groups);

}  // namespace tlsready::model
