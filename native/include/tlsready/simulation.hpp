// Client simulation re-using a scan: the "client_impact" document of one endpoint-scan document
// whose outcomes are observed on the wire (each profile's hello sent to the endpoint), except those
// the scan already decides (a profile offering only versions the scan saw refused), which are taken
// from the scan without connecting. Each outcome's "source" says which ("simulated" / "from_scan");
// the document's "simulation" object counts the connections made. A what-if is forecast (a change
// cannot be observed), and "breaks" compares the observed outcomes with it.
//
// `options_json`: the scan options object (timeout, connections_per_endpoint, ...; "" or "{}" for
// the defaults), read as a scan request's options are. `cancel`, when given, is polled: setting it
// stops within about 200 ms and the clients not yet simulated come back unknown ("cancelled").
//
// Errors: a document that is not an endpoint-scan document, bad options, an unknown what-if change
// or client id throws std::invalid_argument naming the input; network trouble is each outcome's.
// Thread-safety: calls share no state.
#pragma once

#include <atomic>
#include <string>
#include <vector>

namespace tlsready {

std::string client_simulation_document(const std::string& scan_document, const std::string& options_json = "",
                                       const std::string& what_if = "", const std::vector<std::string>& client_ids = {},
                                       const std::atomic<bool>* cancel = nullptr);

}  // namespace tlsready
