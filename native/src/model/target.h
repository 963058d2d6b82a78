// What a scan is asked to probe: one endpoint and how to reach TLS on it. The one target type of
// the probe engine (requests) and of the result (the target as resolved and probed).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tlsready::model {

// The plaintext dialogue before the ClientHello (net/starttls.h runs it). Numbers are frozen.
enum class StartTls : int { none = 0, smtp = 1, imap = 2, pop3 = 3, ftp = 4, ldap = 5, postgres = 6 };

inline constexpr std::array<StartTls, 7> kAllStartTls = {
    StartTls::none, StartTls::smtp, StartTls::imap, StartTls::pop3, StartTls::ftp, StartTls::ldap, StartTls::postgres};

// "none", "smtp", ...; "unknown" for a number that is no enumerator.
std::string_view to_string(StartTls protocol);
// The names above, case-insensitive; nullopt for anything else.
std::optional<StartTls> parse_starttls(std::string_view name);

struct TargetSpec {
  std::string host;  // name, IPv4 literal or IPv6 literal
  uint16_t port = 443;
  // Name sent in SNI and checked against the certificate. In a request: nullopt = the host when it is
  // a name; in a result: what was sent (nullopt: none, e.g. for an IP literal).
  std::optional<std::string> sni;
  // In a request: nullopt = implied by the port (25 smtp, 143 imap, ...); in a result always set.
  std::optional<StartTls> starttls;
};

}  // namespace tlsready::model
