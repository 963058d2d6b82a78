// A summary over many verdicts (assess/verdict_summary.h computes it; JSON form in verdict_json.h).
#pragma once

#include <string>
#include <vector>

#include "model/finding.h"

namespace tlsready::model {

struct SummaryFinding {
  std::string id;
  std::string title;
  Severity severity = Severity::info;
  int endpoints = 0;                  // how many endpoints have it
  std::vector<std::string> subjects;  // which, in input order
};

struct VerdictSummary {
  std::vector<std::string> policies;  // the policy ids judged (one, normally)
  int endpoints = 0;
  int ready = 0;
  int ready_with_warnings = 0;
  int not_ready = 0;
  int unknown = 0;
  std::vector<SummaryFinding> top_findings;  // most endpoints first, then severity
};

}  // namespace tlsready::model
