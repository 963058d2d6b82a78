// Completes a scan result with what needs the registry: the properties and weakness codes of every
// accepted suite, the names of the groups, and the endpoint's weaknesses. The probe calls it once per
// endpoint; a hand-built result (tests, fuzzers) calls it before its JSON form is written.
// Thread-safe: nothing here keeps state.
#pragma once

#include <cstdint>

#include "model/scan_result.h"

namespace tlsready::assess {

// The registry's facts about one suite; a code it does not know gets its hex code and nulls.
model::CipherSuiteFacts describe_suite(uint16_t code);

// Replaces result.suite_facts, result.group_names and result.weaknesses from result.protocols
// and result.certificate.
void describe_endpoint(model::EndpointResult& result);

}  // namespace tlsready::assess
