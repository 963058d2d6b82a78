#include "assess/verdict_summary.h"

#include <algorithm>
#include <map>

namespace tlsready::assess {

model::VerdictSummary summarize(const std::vector<model::Verdict>& verdicts) {
  model::VerdictSummary summary;
  std::map<std::string, size_t> position;  // finding id -> index in top_findings
  for (const model::Verdict& verdict : verdicts) {
    ++summary.endpoints;
    if (std::find(summary.policies.begin(), summary.policies.end(), verdict.policy) == summary.policies.end())
      summary.policies.push_back(verdict.policy);
    switch (verdict.readiness) {
      case model::Readiness::ready: ++summary.ready; break;
      case model::Readiness::ready_with_warnings: ++summary.ready_with_warnings; break;
      case model::Readiness::not_ready: ++summary.not_ready; break;
      case model::Readiness::unknown: ++summary.unknown; break;
    }
    std::vector<std::string> counted;  // an endpoint counts once per id
    for (const model::Finding& finding : verdict.findings) {
      if (std::find(counted.begin(), counted.end(), finding.id) != counted.end()) continue;
      counted.push_back(finding.id);
      auto [found, inserted] = position.emplace(finding.id, summary.top_findings.size());
      if (inserted) summary.top_findings.push_back({finding.id, finding.title, finding.severity, 0, {}});
      model::SummaryFinding& entry = summary.top_findings[found->second];
      entry.severity = std::max(entry.severity, finding.severity);
      ++entry.endpoints;
      entry.subjects.push_back(verdict.subject);
    }
  }
  std::stable_sort(summary.top_findings.begin(), summary.top_findings.end(),
                   [](const model::SummaryFinding& a, const model::SummaryFinding& b) {
                     if (a.endpoints != b.endpoints) return a.endpoints > b.endpoints;
                     return a.severity > b.severity;
                   });
  return summary;
}

}  // namespace tlsready::assess
