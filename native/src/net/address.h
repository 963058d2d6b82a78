// Name resolution and address text for IPv4 and IPv6 targets.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/failure.h"
#include "net/platform_socket.h"  // sockaddr_storage, socklen_t (POSIX or Winsock)

namespace tlsready::net {

struct ResolvedAddress {
  sockaddr_storage storage{};
  socklen_t length = 0;
  std::string text;  // "127.0.0.1" or "::1" (no brackets)
  int family = 0;    // AF_INET or AF_INET6
};

// Resolves host (a name, an IPv4 literal or an IPv6 literal with or without brackets) and
// port. Literals never touch DNS. Failures: invalid_target (anything check_host rejects),
// name_not_resolved (with getaddrinfo's message and the name).
std::optional<Failure> resolve(const std::string& host, uint16_t port, std::vector<ResolvedAddress>& out);

// True when `host` is an IPv4 or IPv6 literal (SNI must not carry those, RFC 6066 §3).
bool is_ip_literal(const std::string& host);

// A host as a target may be: an IPv6 literal (bare or in brackets, optional "%zone"), a
// dotted-quad IPv4 literal (four decimal numbers, as inet_pton reads them), or a host name
// (RFC 1123 §2.1 letters, digits, '-', plus '_' seen on real hosts; labels of 1-63 bytes that
// do not start or end with '-'; at most 253 bytes, RFC 1035 §2.3.4; one trailing root dot).
// Rejected with invalid_target naming the input: the short, decimal, octal and hex IPv4 forms
// inet_aton would accept ("127.1", "2130706433", "0177.0.0.1", message shows the dotted quad
// they mean), a name whose last label is numeric, spaces, control and non-ASCII characters
// (give internationalized names in IDNA A-label form, "xn--..."), empty labels.
std::optional<Failure> check_host(const std::string& host);

// A server name for SNI (RFC 6066 §3): a host name as check_host accepts, never an IP literal
// and without the trailing dot.
std::optional<Failure> check_server_name(const std::string& name);

// The SNI to send when the caller gave none: `host` when it is a host name (without a trailing
// dot), "" for an IP literal or anything check_host rejects (RFC 6066 §3).
std::string default_server_name(const std::string& host);

// Parses "host:port", "[v6]:port", "host" (uses default_port), the host checked by check_host.
// Returns invalid_target with the input named when the text cannot be a target, and rejects
// ambiguous forms: an unbracketed IPv6 literal ending in ":digits" ("::1:443", message shows
// "[::1]:443") and URLs ("https://host:port/", message shows "host:port").
struct HostPort {
  std::string host;
  uint16_t port = 0;
};
std::optional<Failure> parse_host_port(const std::string& text, uint16_t default_port, HostPort& out);

}  // namespace tlsready::net
