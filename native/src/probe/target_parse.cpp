#include "probe/target_parse.h"

#include <stdexcept>

#include "common/text.h"
#include "net/address.h"
#include "registry/csv_table.h"

namespace tlsready::registry::embedded {
std::string_view url_schemes_csv();  // generated from native/data/url_schemes.csv
}  // namespace tlsready::registry::embedded

namespace tlsready::probe {
namespace {

[[noreturn]] void reject(const std::string& message) { throw std::invalid_argument(message); }

// The input as messages show it: in double quotes, control bytes and non-ASCII escaped, cut at 300
// bytes (the same form as net/address.cpp's messages).
std::string quoted(std::string_view text) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char c : text.substr(0, 300)) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20 || u >= 0x7f) {
      out += "\\x";
      out += kHex[u >> 4];
      out += kHex[u & 0xF];
    } else {
      out += c;
    }
  }
  if (text.size() > 300) out += "...";
  return out + '"';
}

std::vector<UrlScheme> load_schemes() {
  const auto table = registry::detail::parse_csv(registry::embedded::url_schemes_csv(), "url_schemes.csv",
                                                 {"scheme", "starttls", "default_port"});
  std::vector<UrlScheme> schemes;
  for (const auto& row : table.rows) {
    const std::string& name = row.fields[0];
    if (name.empty() || text::to_lower_ascii(name) != name)
      registry::detail::fail(table, row, "scheme", "must be lower case");
    for (const UrlScheme& seen : schemes) {
      if (seen.name == name) registry::detail::fail(table, row, "scheme", "is listed twice");
    }
    const auto starttls = model::parse_starttls(row.fields[1]);
    if (!starttls) registry::detail::fail(table, row, "starttls", "is not a STARTTLS protocol of model/target.h");
    const std::string& port_text = row.fields[2];
    unsigned long port = 0;
    if (port_text.empty() || port_text.size() > 5 || port_text.find_first_not_of("0123456789") != std::string::npos ||
        (port = std::stoul(port_text)) < 1 || port > 65535)
      registry::detail::fail(table, row, "default_port", "must be 1..65535");
    schemes.push_back({name, *starttls, static_cast<uint16_t>(port)});
  }
  return schemes;
}

std::string known_schemes() {
  std::string names;
  for (const UrlScheme& scheme : url_schemes()) names += (names.empty() ? "" : ", ") + scheme.name;
  return names;
}

// "scheme://authority[/path...]" with the scheme from the table.
ParsedTarget parse_url(const std::string& text, size_t scheme_end) {
  const std::string named = "target " + quoted(text);
  const std::string scheme_text = text.substr(0, scheme_end);
  const UrlScheme* scheme = find_url_scheme(scheme_text);
  if (scheme == nullptr)
    reject(named + ": unknown scheme " + quoted(scheme_text) + " (known: " + known_schemes() + ")");
  const std::string prefix = scheme->name + "://";

  // RFC 3986 §3.2: the authority ends at the first '/', '?' or '#'.
  std::string_view authority = std::string_view(text).substr(scheme_end + 3);
  authority = authority.substr(0, authority.find_first_of("/?#"));
  if (authority.find('@') != std::string_view::npos) reject(named + ": a target carries no user name or password");

  std::string host;
  std::optional<std::string_view> port_text;
  if (!authority.empty() && authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) reject(named + ": '[' without ']' around the IPv6 address");
    host = std::string(authority.substr(1, close - 1));
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty() && after.front() != ':')
      reject(named + ": unexpected " + quoted(after) + " after the IPv6 address");
    if (!after.empty()) port_text = after.substr(1);
    if (host.empty()) reject(named + ": no host after \"" + prefix + "\"");
    if (!net::is_ip_literal("[" + host + "]"))
      reject(named + ": " + quoted(host) + " inside brackets is not an IPv6 address");
    if (auto failure = net::check_host(host)) reject(named + ": " + failure->message);
  } else {
    const size_t colon = authority.find(':');
    if (colon != std::string_view::npos && authority.find(':', colon + 1) != std::string_view::npos)
      reject(named + ": write an IPv6 address in brackets, like \"" + prefix + "[::1]:443\"");
    host = std::string(authority.substr(0, colon));
    if (colon != std::string_view::npos) port_text = authority.substr(colon + 1);
    if (host.empty()) reject(named + ": no host after \"" + prefix + "\"");
    if (auto failure = net::check_host(host)) reject(named + ": " + failure->message);
  }

  ParsedTarget parsed{host, scheme->default_port, scheme->starttls, true};
  if (port_text) {
    const std::string_view digits = *port_text;
    unsigned long port = 0;
    if (digits.empty() || digits.size() > 5 || digits.find_first_not_of("0123456789") != std::string_view::npos ||
        (port = std::stoul(std::string(digits))) < 1 || port > 65535)
      reject(named + ": port must be 1..65535, got " + quoted(digits));
    parsed.port = static_cast<uint16_t>(port);
  }
  return parsed;
}

}  // namespace

const std::vector<UrlScheme>& url_schemes() {
  static const std::vector<UrlScheme> schemes = load_schemes();
  return schemes;
}

const UrlScheme* find_url_scheme(std::string_view name) {
  for (const UrlScheme& scheme : url_schemes()) {
    if (text::iequals(scheme.name, name)) return &scheme;
  }
  return nullptr;
}

ParsedTarget parse_target(const std::string& text) {
  // RFC 3986 §3.1: a scheme is a letter then letters, digits, '+', '-', '.'; "://" ends it here.
  if (const size_t scheme_end = text.find("://"); scheme_end != std::string::npos) return parse_url(text, scheme_end);
  net::HostPort host_port;
  if (auto failure = net::parse_host_port(text, 443, host_port)) reject(failure->message);
  return ParsedTarget{host_port.host, host_port.port, std::nullopt, false};
}

std::optional<model::StartTls> starttls_for(const ParsedTarget& parsed, const std::string& text,
                                            std::optional<model::StartTls> given) {
  if (!parsed.from_url) return given;
  // The scheme says which dialogue to speak; a different one given beside it is a mistake.
  if (given && parsed.starttls && *given != *parsed.starttls) {
    reject("target " + quoted(text) + " implies starttls \"" + std::string(model::to_string(*parsed.starttls)) +
           "\", but starttls \"" + std::string(model::to_string(*given)) + "\" was given");
  }
  return parsed.starttls;
}

std::string host_port_text(const std::string& host, uint16_t port) {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

}  // namespace tlsready::probe
