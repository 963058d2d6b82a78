// The one JSON form of the scan result model (schema: native/schema/endpoint-scan.schema.json).
// Nullable fields are std::optional and become JSON null; enums become their frozen names.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>
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

// The document's group names are registry names; the model has no registry, so the reader is
// given the lookup (assess/scan_document.h passes the registry's).
using GroupCodeLookup = std::function<std::optional<uint16_t>(std::string_view name)>;

// Reads an endpoint-scan document back (a saved --json line), strictly: every object must have
// exactly the fields of the schema, every enumerated value must be known, `status` must agree
// with `error`. Throws std::invalid_argument naming the field ("protocols[3].cipher_suites[0].code:
// ..."). Round trip: to_json(endpoint_result_from_json(d)) == d for every document this build
// writes. Not kept by the document, so not restored: the per-version intolerances (the document
// has them merged; each comes back on the protocol of its first version) and CertificateInfo::
// self_issued (set from subject == issuer).
EndpointResult endpoint_result_from_json(const nlohmann::json& document, const GroupCodeLookup& group_code);

}  // namespace tlsready::model
