// The readiness verdict of one scanned endpoint against a policy (assess/policy.h): every rule of
// the policy is judged on the scan's facts; a failing rule gives its finding with the evidence
// (which versions, suites, groups, certificate), a rule whose facts the scan did not establish is
// listed as inconclusive. Readiness: not_ready when a not_ready rule failed; unknown when one could
// not be judged (or the scan ended in an error); ready_with_warnings when a warning rule failed
// (or could not be judged); ready otherwise.
// Pure functions: no I/O; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "assess/policy.h"
#include "model/scan_result.h"
#include "model/verdict.h"

namespace tlsready::assess {

model::Verdict judge(const model::EndpointResult& result, const Policy& policy);

// "host:port" ("[::1]:8444" for IPv6), with the STARTTLS protocol when there is one.
std::string endpoint_subject(const model::EndpointResult& result);

// Whether an accepted suite has a property of the policy schema's suite_property (weakness codes of
// assess/weaknesses.h, cbc, not_aead, not_forward_secret); false for a suite the registry does not know.
bool suite_has_property(uint16_t code, const std::string& property);

}  // namespace tlsready::assess
