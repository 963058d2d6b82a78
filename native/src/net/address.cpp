// Name resolution (getaddrinfo) and host[:port] parsing. No global state: every call owns its
// addrinfo list.
#include "net/address.h"

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <memory>
#include <string_view>

#include "common/hex.h"
#include "net/platform_socket.h"

namespace tlsready::net {

namespace {

constexpr size_t kMaxHostLength = 253;  // RFC 1035 §2.3.4 (presentation form without the root dot)
constexpr size_t kMaxLabelLength = 63;  // RFC 1035 §2.3.4

std::string quoted(std::string_view text) {
  // Inputs are quoted in messages; control characters are escaped so a message stays one line.
  std::string out = "\"";
  for (char c : text.substr(0, 300)) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u >= 0x7f) {  // control bytes and non-ASCII never reach a terminal raw
      out += "\\x" + hex::digits(u, 2, hex::Case::lower);
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

bool is_ipv4_literal(const std::string& host) {
  // inet_pton takes exactly four decimal numbers 0-255 without leading zeros (POSIX).
  in_addr v4{};
  return inet_pton(AF_INET, host.c_str(), &v4) == 1;
}

bool is_ipv6_literal(const std::string& host) {
  // A zone index ("::1%lo") is accepted by getaddrinfo but not by inet_pton.
  const size_t percent = host.find('%');
  if (percent != std::string::npos) {
    const std::string_view zone = std::string_view(host).substr(percent + 1);
    if (zone.empty()) return false;
    for (char c : zone) {
      const auto u = static_cast<unsigned char>(c);
      if (u <= 0x20 || u >= 0x7f || c == ':' || c == '%' || c == '[' || c == ']' || c == '/') return false;
    }
  }
  const std::string address = host.substr(0, percent);
  in6_addr v6{};
  return inet_pton(AF_INET6, address.c_str(), &v6) == 1;
}

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The last label of a name looks like the end of an IPv4 address when it is a decimal number
// or "0x" hex: no top-level domain is all-numeric (RFC 3696 §2), and resolvers read such text
// as an address (inet_aton), so it is never a name.
bool numeric_label(std::string_view label) {
  if (all_digits(label)) return true;
  if (label.size() < 2 || label[0] != '0' || (label[1] != 'x' && label[1] != 'X')) return false;
  for (char c : label.substr(2)) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// `what` names the input in messages: "host" or "server name (SNI)".
std::optional<Failure> check_name(const std::string& input, std::string_view name, const std::string& what) {
  if (name.empty()) return invalid("empty " + what + " in " + quoted(input));
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u == 0x7f) return invalid(what + " " + quoted(input) + " contains a space or control character");
    if (u >= 0x80) {
      return invalid(what + " " + quoted(input) +
                     " contains non-ASCII characters; give an internationalized name in its IDNA form (xn--...)");
    }
    const bool allowed = std::isalnum(u) || c == '-' || c == '.' || c == '_';
    if (!allowed) {
      return invalid(what + " " + quoted(input) + " contains '" + std::string(1, c) + "', which a host name cannot");
    }
  }
  if (name.back() == '.') name.remove_suffix(1);  // the root: "localhost." is "localhost"
  if (name.empty()) return invalid("empty " + what + " in " + quoted(input));
  if (name.size() > kMaxHostLength) {
    return invalid(what + " " + quoted(input) + " is longer than " + std::to_string(kMaxHostLength) + " characters");
  }
  std::string_view last;
  for (std::string_view rest = name;;) {
    const size_t dot = rest.find('.');
    const std::string_view label = rest.substr(0, dot);
    // RFC 1035 §2.3.4: labels of 1-63 octets; RFC 952/1123: no '-' at either end.
    if (label.empty()) return invalid(what + " " + quoted(input) + " has an empty label (\"..\" or a leading dot)");
    if (label.size() > kMaxLabelLength) {
      return invalid(what + " " + quoted(input) + " has a label longer than " + std::to_string(kMaxLabelLength) +
                     " characters");
    }
    if (label.front() == '-' || label.back() == '-') {
      return invalid(what + " " + quoted(input) + " has a label that starts or ends with '-'");
    }
    last = label;
    if (dot == std::string_view::npos) break;
    rest = rest.substr(dot + 1);
  }
  if (numeric_label(last)) {
    in_addr v4{};
    const std::string text(name);
    if (platform::read_inet_aton(text.c_str(), v4)) {
      char dotted[INET_ADDRSTRLEN] = {};
      inet_ntop(AF_INET, &v4, dotted, sizeof dotted);
      return invalid(what + " " + quoted(input) + " is not a dotted-quad IPv4 address; it would be read as " + dotted +
                     ": write " + dotted);
    }
    return invalid(what + " " + quoted(input) +
                   " is neither a host name nor an IPv4 address (write four decimal numbers 0-255, e.g. 127.0.0.1)");
  }
  return std::nullopt;
}

// `host` is what check_host checks after removing brackets; `input` is what the caller wrote.
std::optional<Failure> validate_host(const std::string& input, const std::string& host, bool bracketed) {
  if (host.empty()) return invalid("empty host in " + quoted(input));
  if (bracketed) {
    if (!is_ipv6_literal(host)) return invalid("not an IPv6 address inside brackets in " + quoted(input));
    return std::nullopt;
  }
  if (is_ipv4_literal(host) || is_ipv6_literal(host)) return std::nullopt;
  if (host.find(':') != std::string::npos) return invalid("host " + quoted(input) + " is not an IPv6 address");
  return check_name(input, host, "host");
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

std::string gai_text(int rc, int saved_errno) { return platform::resolver_error_text(rc, saved_errno); }

// "::1:443" is both the address ::1:443 and port 443 of ::1: refuse to guess (RFC 3986 §3.2.2
// brackets IPv6 in authorities for exactly this reason).
std::optional<Failure> reject_ambiguous_port(const std::string& text) {
  const size_t colon = text.rfind(':');
  const std::string_view tail = std::string_view(text).substr(colon + 1);
  if (text.find('%') != std::string::npos || !all_digits(tail) || tail.size() > 5) return std::nullopt;
  const std::string address = text.substr(0, colon);
  if (!is_ipv6_literal(address)) return std::nullopt;
  const std::string port(tail);
  return invalid("ambiguous target " + quoted(text) + ": for port " + port + " of " + address + " write [" + address +
                 "]:" + port + "; for the address " + text + " write [" + text + "]");
}

// URLs are not targets (yet): say which form to write instead of misparsing the scheme.
std::optional<Failure> reject_url(const std::string& text) {
  const size_t scheme_end = text.find("://");
  if (scheme_end == std::string::npos) return std::nullopt;
  const std::string scheme = text.substr(0, scheme_end);
  std::string authority = text.substr(scheme_end + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (const size_t at = authority.rfind('@'); at != std::string::npos) authority = authority.substr(at + 1);
  const size_t close = authority.rfind(']');
  const bool has_port = authority.find(':', close == std::string::npos ? 0 : close) != std::string::npos;
  if (!has_port && !authority.empty() && (scheme == "https" || scheme == "HTTPS")) authority += ":443";
  std::string message = "target " + quoted(text) + " is a URL; give host:port";
  if (!authority.empty()) message += " (here " + quoted(authority) + ")";
  return invalid(message);
}

}  // namespace

bool is_ip_literal(const std::string& host) {
  std::string bare;
  if (!strip_brackets(host, bare) || bare.empty()) return false;
  if (bare.size() != host.size()) return is_ipv6_literal(bare);  // brackets only around IPv6
  return is_ipv4_literal(bare) || is_ipv6_literal(bare);
}

std::optional<Failure> check_host(const std::string& host) {
  std::string bare;
  if (!strip_brackets(host, bare)) return invalid("unbalanced brackets in host " + quoted(host));
  return validate_host(host, bare, bare.size() != host.size());
}

std::optional<Failure> check_server_name(const std::string& name) {
  const std::string what = "server name (SNI)";
  if (is_ip_literal(name) || (!name.empty() && name.front() == '[')) {
    return invalid(what + " " + quoted(name) +
                   " is an IP address; RFC 6066 §3 permits only host names in SNI (give none to send none)");
  }
  if (name.find(':') != std::string::npos) return invalid(what + " " + quoted(name) + " is not a host name");
  if (auto failure = check_name(name, name, what)) return failure;
  if (name.back() == '.') {
    return invalid(what + " " + quoted(name) + " ends with a dot; RFC 6066 §3: write it without");
  }
  return std::nullopt;
}

std::string default_server_name(const std::string& host) {
  if (is_ip_literal(host) || check_host(host)) return "";
  return !host.empty() && host.back() == '.' ? host.substr(0, host.size() - 1) : host;
}

std::optional<Failure> resolve(const std::string& host, uint16_t port, std::vector<ResolvedAddress>& out) {
  out.clear();
  std::string bare;
  if (!strip_brackets(host, bare)) return invalid("unbalanced brackets in host " + quoted(host));
  const bool bracketed = bare.size() != host.size();
  if (auto failure = validate_host(host, bare, bracketed)) return failure;
  if (port == 0) return invalid("port 0 is not a valid port for host " + quoted(host));
  const bool literal = bracketed || is_ipv4_literal(bare) || is_ipv6_literal(bare);

  if (auto failure = platform::ensure_started()) return failure;  // Winsock: before getaddrinfo
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
    if (platform::resolver_no_name(rc)) {
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
    if (platform::resolver_out_of_memory(rc))
      return Failure{FailureKind::internal, "resolving " + quoted(host) + ": " + text};
    if (literal) return invalid("cannot use address " + quoted(host) + ": " + text);
    return Failure{FailureKind::name_not_resolved, "cannot resolve " + quoted(host) + ": " + text};
  }

  for (const addrinfo* entry = list.get(); entry != nullptr; entry = entry->ai_next) {
    if (entry->ai_family != AF_INET && entry->ai_family != AF_INET6) continue;
    if (entry->ai_addrlen > sizeof(sockaddr_storage)) continue;
    ResolvedAddress address;
    std::memcpy(&address.storage, entry->ai_addr, entry->ai_addrlen);
    address.length = static_cast<socklen_t>(entry->ai_addrlen);
    address.family = entry->ai_family;
    char text[NI_MAXHOST] = {};
    if (getnameinfo(entry->ai_addr, static_cast<socklen_t>(entry->ai_addrlen), text, sizeof text, nullptr, 0,
                    NI_NUMERICHOST) != 0)
      continue;
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
  if (auto failure = reject_url(text)) return failure;
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
      if (auto failure = reject_ambiguous_port(text)) return failure;
      host = text;
    }
  }

  if (text.find(']') != std::string::npos && view.front() != '[') return invalid("unexpected ']' in " + quoted(text));
  if (auto failure = validate_host(text, host, view.front() == '[')) return failure;
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
