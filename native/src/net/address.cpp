// Name resolution (getaddrinfo) and host[:port] parsing. No global state: every call owns its
// addrinfo list.
#include "net/address.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <memory>
#include <string_view>
#include <system_error>

namespace tlsready::net {

namespace {

constexpr size_t kMaxHostLength = 253;  // RFC 1035 §2.3.4 (presentation form without the root dot)

std::string quoted(std::string_view text) {
  // Inputs are quoted in messages; control characters are escaped so a message stays one line.
  std::string out = "\"";
  for (char c : text.substr(0, 300)) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u == 0x7f) {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 0xf];
    } else {
      out += c;
    }
  }
  if (text.size() > 300) out += "...";
  out += '"';
  return out;
}

Failure invalid(std::string message) { return Failure{FailureKind::invalid_target, std::move(message)}; }

// Removes one pair of surrounding brackets ("[::1]" -> "::1"). Returns false for a lone bracket.
bool strip_brackets(const std::string& host, std::string& out) {
  const bool opens = !host.empty() && host.front() == '[';
  const bool closes = !host.empty() && host.back() == ']';
  if (opens != closes) return false;
  out = opens ? host.substr(1, host.size() - 2) : host;
  return true;
}

std::optional<Failure> validate_host(const std::string& input, const std::string& host) {
  if (host.empty()) return invalid("empty host in " + quoted(input));
  if (host.size() > kMaxHostLength) {
    return invalid("host " + quoted(input) + " is longer than " + std::to_string(kMaxHostLength) + " characters");
  }
  for (char c : host) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return invalid("host " + quoted(input) + " contains a space or control character");
  }
  return std::nullopt;
}

bool is_ipv4_literal(const std::string& host) {
  in_addr v4{};
  return inet_pton(AF_INET, host.c_str(), &v4) == 1;
}

bool is_ipv6_literal(const std::string& host) {
  // A zone index ("::1%lo") is accepted by getaddrinfo but not by inet_pton.
  const std::string address = host.substr(0, host.find('%'));
  in6_addr v6{};
  return inet_pton(AF_INET6, address.c_str(), &v6) == 1;
}

std::optional<Failure> parse_port(const std::string& input, std::string_view digits, uint16_t& port) {
  if (digits.empty()) return invalid("missing port in " + quoted(input));
  for (char c : digits) {
    if (c < '0' || c > '9') return invalid("port is not a number in " + quoted(input));
  }
  if (digits.size() > 5) return invalid("port out of range (1-65535) in " + quoted(input));
  unsigned value = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (value == 0 || value > 65535) return invalid("port out of range (1-65535) in " + quoted(input));
  port = static_cast<uint16_t>(value);
  return std::nullopt;
}

struct AddrinfoDeleter {
  void operator()(addrinfo* list) const { freeaddrinfo(list); }
};
using AddrinfoList = std::unique_ptr<addrinfo, AddrinfoDeleter>;

int lookup(const std::string& host, const std::string& service, int flags, AddrinfoList& out) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_protocol = IPPROTO_TCP;
  hints.ai_flags = flags;
  addrinfo* list = nullptr;
  const int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &list);
  out.reset(rc == 0 ? list : nullptr);
  return rc;
}

std::string gai_text(int rc, int saved_errno) {
  if (rc == EAI_SYSTEM) return std::generic_category().message(saved_errno);
  return gai_strerror(rc);
}

}  // namespace

bool is_ip_literal(const std::string& host) {
  std::string bare;
  if (!strip_brackets(host, bare) || bare.empty()) return false;
  if (bare.size() != host.size()) return is_ipv6_literal(bare);  // brackets only around IPv6
  return is_ipv4_literal(bare) || is_ipv6_literal(bare);
}

std::optional<Failure> resolve(const std::string& host, uint16_t port, std::vector<ResolvedAddress>& out) {
  out.clear();
  std::string bare;
  if (!strip_brackets(host, bare)) return invalid("unbalanced brackets in host " + quoted(host));
  if (auto failure = validate_host(host, bare)) return failure;
  if (port == 0) return invalid("port 0 is not a valid port for host " + quoted(host));
  const bool bracketed = bare.size() != host.size();
  const bool literal = bracketed ? is_ipv6_literal(bare) : (is_ipv4_literal(bare) || is_ipv6_literal(bare));
  if (bracketed && !literal) return invalid("brackets around something that is not an IPv6 address: " + quoted(host));

  const std::string service = std::to_string(port);
  AddrinfoList list;
  int rc = 0;
  int saved_errno = 0;
  if (literal) {
    // Literals never touch DNS, and AI_ADDRCONFIG would refuse "::1" on a host without a
    // global IPv6 address.
    rc = lookup(bare, service, AI_NUMERICHOST | AI_NUMERICSERV, list);
    saved_errno = errno;
  } else {
    rc = lookup(bare, service, AI_ADDRCONFIG | AI_NUMERICSERV, list);
    saved_errno = errno;
    // AI_ADDRCONFIG ignores loopback interfaces: on a machine with only "lo" it would refuse
    // "localhost" itself. Ask again without it before calling the name unresolvable.
    if (rc == EAI_NONAME || rc == EAI_ADDRFAMILY || rc == EAI_NODATA) {
      AddrinfoList retry;
      const int retry_rc = lookup(bare, service, AI_NUMERICSERV, retry);
      if (retry_rc == 0) {
        rc = 0;
        list = std::move(retry);
      }
    }
  }
  if (rc != 0) {
    const std::string text = gai_text(rc, saved_errno);
    if (rc == EAI_MEMORY) return Failure{FailureKind::internal, "resolving " + quoted(host) + ": " + text};
    if (literal) return invalid("cannot use address " + quoted(host) + ": " + text);
    return Failure{FailureKind::name_not_resolved, "cannot resolve " + quoted(host) + ": " + text};
  }

  for (const addrinfo* entry = list.get(); entry != nullptr; entry = entry->ai_next) {
    if (entry->ai_family != AF_INET && entry->ai_family != AF_INET6) continue;
    if (entry->ai_addrlen > sizeof(sockaddr_storage)) continue;
    ResolvedAddress address;
    std::memcpy(&address.storage, entry->ai_addr, entry->ai_addrlen);
    address.length = entry->ai_addrlen;
    address.family = entry->ai_family;
    char text[NI_MAXHOST] = {};
    if (getnameinfo(entry->ai_addr, entry->ai_addrlen, text, sizeof text, nullptr, 0, NI_NUMERICHOST) != 0) continue;
    address.text = text;
    bool duplicate = false;  // /etc/hosts may list an address twice
    for (const auto& seen : out) duplicate = duplicate || seen.text == address.text;
    if (!duplicate) out.push_back(std::move(address));
  }
  if (out.empty()) {
    return Failure{FailureKind::name_not_resolved, "cannot resolve " + quoted(host) + ": no IPv4 or IPv6 address"};
  }
  return std::nullopt;
}

std::optional<Failure> parse_host_port(const std::string& text, uint16_t default_port, HostPort& out) {
  std::string host;
  std::string_view port_text;
  bool has_port = false;
  const std::string_view view = text;

  if (text.empty()) return invalid("empty target \"\"");
  if (view.front() == '[') {
    const size_t close = view.find(']');
    if (close == std::string_view::npos) return invalid("missing ']' in " + quoted(text));
    host = std::string(view.substr(1, close - 1));
    const std::string_view rest = view.substr(close + 1);
    if (!rest.empty()) {
      if (rest.front() != ':') return invalid("unexpected text after ']' in " + quoted(text));
      has_port = true;
      port_text = rest.substr(1);
    }
    if (!is_ipv6_literal(host)) return invalid("not an IPv6 address inside brackets in " + quoted(text));
  } else {
    const size_t first = view.find(':');
    if (first == std::string_view::npos) {
      host = text;
    } else if (view.find(':', first + 1) == std::string_view::npos) {
      host = std::string(view.substr(0, first));
      has_port = true;
      port_text = view.substr(first + 1);
    } else {
      // Two or more colons: only a bare IPv6 literal makes sense ("::1"); "[v6]:port" is the
      // way to give it a port.
      if (!is_ipv6_literal(text)) return invalid("cannot parse " + quoted(text) + " (write IPv6 as [address]:port)");
      host = text;
    }
  }

  if (auto failure = validate_host(text, host)) return failure;
  if (text.find(']') != std::string::npos && view.front() != '[') return invalid("unexpected ']' in " + quoted(text));
  uint16_t port = default_port;
  if (has_port) {
    if (auto failure = parse_port(text, port_text, port)) return failure;
  } else if (port == 0) {
    return invalid("no port in " + quoted(text));
  }
  out.host = std::move(host);
  out.port = port;
  return std::nullopt;
}

}  // namespace tlsready::net
