// The public C++ face of readiness verdicts: an endpoint-scan document (native/schema/
// endpoint-scan.schema.json, e.g. a saved `tlsready scan --json` line) judged against a policy (a
// built-in id such as "m365", a policy file path, or an inline policy document; native/schema/
// policy.schema.json) gives a verdict document (native/schema/verdict.schema.json); verdicts give a
// summary. No network: saved scans are judged offline.
//
// Errors: bad input throws std::invalid_argument whose message names it: the policy ("unknown
// policy 'm366' (built-in: ...)", "mine.json: rules[2].suites[0]: unknown cipher suite ..."), the
// scan document and its field ("scan document 3: endpoint-scan document: protocols[1]...").
//
// Thread-safety: every function may be called from any thread at any time; calls share no state
// (the built-in policies are parsed once, thread-safely).
#pragma once

#include <atomic>
#include <string>
#include <vector>

namespace tlsready {

// The schema_version of the verdict and verdict-summary documents ("1.0").
std::string verdict_schema_version();

// One verdict document.
std::string verdict(const std::string& scan_document_json, const std::string& policy);
// One verdict document per scan document, the policy resolved once ("scan document N" in errors, from 1).
std::vector<std::string> verdicts(const std::vector<std::string>& scan_documents_json, const std::string& policy);
// The verdict's clients section (verdict.schema.json "clients"): who connects to the endpoint and
// who fails, the client outcomes of the client_impact document (tlsready/clients.hpp) placed after
// the verdict's own fields.
struct VerdictClients {
  // false: forecast from the scan document, no network. true: each client's hello sent to the
  // scanned endpoint, re-using the scan where it decides (tlsready/simulation.hpp): each outcome's
  // "source" is "simulated" or "from_scan".
  bool simulate = false;
  std::string what_if;                  // a what-if ("no-tls10,no-tls11"); "" for none
  std::vector<std::string> client_ids;  // empty: every built-in profile
  std::string simulation_options_json;  // with simulate: the scan options object ("" for the defaults)
};
// One verdict document with its clients section. `cancel` (simulate only) is polled: setting it
// stops the simulation within about 200 ms, the clients not yet simulated coming back unknown.
// Bad input throws std::invalid_argument naming it; simulation options without simulate too.
std::string verdict(const std::string& scan_document_json, const std::string& policy, const VerdictClients& clients,
                    const std::atomic<bool>* cancel = nullptr);
// A verdict document (this library's, e.g. verdict() above) with the clients section taken from a
// client_impact document already computed for the same endpoint (so a front that shows both the
// impact and the verdict forecasts or simulates once). A clients section it had is replaced.
std::string verdict_with_clients(const std::string& verdict_json, const std::string& client_impact_json);

// A verdict_summary document over a JSON array of verdict documents.
std::string verdict_summary(const std::string& verdicts_json);

// The built-in policies as a JSON array of {"id", "name", "description", "sources", "milestones"}.
std::string policy_list();
// The policy document (JSON) a reference names, validated: a built-in's as compiled in.
std::string policy_document(const std::string& policy);

}  // namespace tlsready
