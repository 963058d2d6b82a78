// The public C++ face of target text: "host", "host:port", "[v6]:port" and URLs whose scheme names
// the STARTTLS dialogue and the default port ("smtp://mail", "https://host:8443/path"; the table is
// native/data/url_schemes.csv). A scan request reads its target strings with the same parser, so a
// front that checks a target here and the scan that gets it agree, with the same messages.
//
// Errors: text that is no target throws std::invalid_argument naming it (target "gopher://x":
// unknown scheme "gopher" (known: ...)). Thread-safety: any thread, any time.
#pragma once

#include <string>

namespace tlsready {

// One target as a scan request reads it: {"host", "port", "target": "host:port" ("[v6]:port"),
// "starttls": name or null (implied by the port), "url": true when written as a URL}. `starttls`
// ("" = none given) is checked against a URL's scheme as a request checks it.
std::string parse_target_json(const std::string& text, const std::string& starttls = "");

// The URL schemes, a JSON array of {"scheme", "starttls", "default_port"} in the table's order.
std::string url_schemes_json();

}  // namespace tlsready
