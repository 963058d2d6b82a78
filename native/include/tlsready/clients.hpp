// The public C++ face of client impact: which TLS clients connect to a scanned endpoint, and which
// would break after a change ("what-if": no-tls10,no-tls11 / no-suite:0x000A / no-3des ...),
// forecast from the endpoint-scan document's facts without connecting. Documents in and out are
// JSON (native/schema/endpoint-scan.schema.json in, native/schema/client-impact.schema.json out).
//
// Errors: a document that is not an endpoint-scan document, an unknown what-if change or an
// unknown client id throws std::invalid_argument naming the input.
//
// Thread-safety: every function may be called from any thread at any time; calls share no state.
#pragma once

#include <string>
#include <vector>

namespace tlsready {

// The schema_version of the client-impact documents this build writes.
std::string client_impact_schema_version();

// The built-in client profiles: the "client_profiles" document.
std::string client_profiles_document();

// The "client_impact" document of one endpoint-scan document; `what_if` "" for none. `client_ids`
// limits the clients (empty: every built-in profile).
std::string client_impact_document(const std::string& scan_document, const std::string& what_if = "",
                                   const std::vector<std::string>& client_ids = {});

// The "client_impact_summary" document over many endpoint-scan documents: which clients fail or
// would break where.
std::string client_impact_summary_document(const std::vector<std::string>& scan_documents,
                                           const std::string& what_if = "",
                                           const std::vector<std::string>& client_ids = {});

}  // namespace tlsready
