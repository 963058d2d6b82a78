// The answer to "is this ready for <policy>": a readiness level and the findings of the rules that
// failed (model/finding.h: id from the one catalogue, severity, evidence from the scan or report,
// the fix). Filled by the assess room (assess/verdict.h) from a scan result or a local-policy report
// and a policy (native/data/policies/*.json, schema native/schema/policy.schema.json).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "model/client_outcome.h"
#include "model/finding.h"

namespace tlsready::model {

// Frozen numbers (C ABI, JSON "readiness"); append new values, never renumber.
enum class Readiness : int { ready = 0, ready_with_warnings = 1, not_ready = 2, unknown = 3 };

constexpr std::string_view to_string(Readiness readiness) {
  switch (readiness) {
    case Readiness::ready: return "ready";
    case Readiness::ready_with_warnings: return "ready_with_warnings";
    case Readiness::not_ready: return "not_ready";
    case Readiness::unknown: return "unknown";
  }
  return "unknown";
}

struct Verdict {
  std::string policy;       // policy id: "m365", "mozilla-intermediate", or the user's file's id
  std::string policy_name;  // for people
  std::string subject;      // what was judged: "127.0.0.1:8443", "local policy (registry export a.reg)"
  Readiness readiness = Readiness::unknown;
  std::vector<Finding> findings;  // the rules that failed, worst first
  // Why a rule could not be judged (the scan ended in an error, a check did not conclude): each
  // entry names the rule's finding id and the missing facts. Non-empty whenever readiness is unknown.
  std::vector<std::string> inconclusive;
  std::vector<ClientOutcome> clients;  // client impact, when asked for
};

}  // namespace tlsready::model
