// Name resolution and address text for IPv4 and IPv6 targets.
#pragma once

#include <sys/socket.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/failure.h"

namespace tlsready::net {

struct ResolvedAddress {
  sockaddr_storage storage{};
  socklen_t length = 0;
  std::string text;  // "127.0.0.1" or "::1" (no brackets)
  int family = 0;    // AF_INET or AF_INET6
};

// Resolves host (a name, an IPv4 literal or an IPv6 literal with or without brackets) and
// port. Literals never touch DNS. Failures: invalid_target (empty/overlong/bad characters),
// name_not_resolved (with getaddrinfo's message and the name).
std::optional<Failure> resolve(const std::string& host, uint16_t port, std::vector<ResolvedAddress>& out);

// True when `host` is an IPv4 or IPv6 literal (SNI must not carry those, RFC 6066 §3).
bool is_ip_literal(const std::string& host);

// Parses "host:port", "[v6]:port", "host" (uses default_port). Returns invalid_target with the
// input named when the text cannot be a target.
struct HostPort {
  std::string host;
  uint16_t port = 0;
};
std::optional<Failure> parse_host_port(const std::string& text, uint16_t default_port, HostPort& out);

}  // namespace tlsready::net
