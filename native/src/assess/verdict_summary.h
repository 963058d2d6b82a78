// A summary over many verdicts (a fleet's scan against one policy): how many endpoints are ready,
// ready with warnings, not ready and unknown, and the findings that occur most, with the endpoints
// that have them. Pure function; thread-safe.
#pragma once

#include <vector>

#include "model/verdict.h"
#include "model/verdict_summary.h"

namespace tlsready::assess {

model::VerdictSummary summarize(const std::vector<model::Verdict>& verdicts);

}  // namespace tlsready::assess
