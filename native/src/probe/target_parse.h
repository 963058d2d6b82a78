// Targets written the way admins write them: "host", "host:port", "[v6]:port" and URLs
// ("https://host:8443/path", "smtp://mail", "ldaps://dc1", ...) whose scheme names the STARTTLS
// dialogue and the default port (native/data/url_schemes.csv). The one parser of target text for
// every front: the scan request (probe/scan_request.h), hence the C ABI and PowerShell, and the
// Python binding's parse_target. Thread-safe (the scheme table is read-only after its first use).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/target.h"

namespace tlsready::probe {

struct UrlScheme {
  std::string name;          // lower case: "https", "smtp", ...
  model::StartTls starttls;  // none: TLS from the first byte
  uint16_t default_port = 0;
};

// The table of native/data/url_schemes.csv, in file order.
const std::vector<UrlScheme>& url_schemes();
// The scheme, ASCII case-insensitive; nullptr when the table has no such scheme.
const UrlScheme* find_url_scheme(std::string_view name);

struct ParsedTarget {
  std::string host;  // name or literal, IPv6 without brackets
  uint16_t port = 443;
  // A URL's scheme always sets it (https: none); host[:port] text leaves it to the port.
  std::optional<model::StartTls> starttls;
  bool from_url = false;
};

// Parses target text. "host[:port]" forms go through net::parse_host_port (port 443 by default);
// "scheme://[user@]host[:port][/path][?query][#fragment]" is a URL: the path, query and fragment
// are ignored, a user name or password is refused (a target carries none), the host is checked by
// net::check_host. Throws std::invalid_argument naming the input: target "<text>": unknown
// scheme "<s>" (known: ...), no host after "<s>://", port must be 1..65535, got "<p>", write an
// IPv6 address in brackets, ...
ParsedTarget parse_target(const std::string& text);

// The STARTTLS a request scans `text` with: a URL's (its scheme decides), else `given` (nullopt: implied
// by the port). A URL and a different `given` protocol throw std::invalid_argument naming both:
// target "imap://mail" implies starttls "imap", but starttls "smtp" was given.
std::optional<model::StartTls> starttls_for(const ParsedTarget& parsed, const std::string& text,
                                            std::optional<model::StartTls> given);

// "host:port" as a request names it again ("[::1]:443" for IPv6).
std::string host_port_text(const std::string& host, uint16_t port);

}  // namespace tlsready::probe
