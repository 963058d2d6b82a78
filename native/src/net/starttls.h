// Plaintext STARTTLS dialogues that come before the TLS handshake: SMTP (RFC 3207), IMAP
// (RFC 2595 / 9051 §6.2.1), POP3 (RFC 2595 §4), FTP AUTH TLS (RFC 4217 §4), LDAP StartTLS
// (RFC 4511 §4.14, extended request OID 1.3.6.1.4.1.1466.20037), PostgreSQL SSLRequest
// (PostgreSQL protocol docs, message flow "SSL Session Encryption").
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/failure.h"
#include "net/connection.h"

namespace tlsready::net {

enum class StartTls { none, smtp, imap, pop3, ftp, ldap, postgres };

std::string_view to_string(StartTls protocol);
std::optional<StartTls> parse_starttls(std::string_view name);  // "smtp", "imap", ... (case-insensitive)
// The protocol implied by a well-known port: 25/587 smtp, 143 imap, 110 pop3, 21 ftp, 389 ldap,
// 5432 postgres; none otherwise (465/993/995/636 are implicit TLS).
StartTls starttls_for_port(uint16_t port);

// Runs the dialogue on a fresh connection. On success the next byte to send is the ClientHello.
// Failures: starttls_failed (with the server's line quoted), timeout, connection_reset, ...
std::optional<Failure> negotiate_starttls(Connection& connection, StartTls protocol,
                                          const std::string& client_name, std::chrono::milliseconds timeout);

}  // namespace tlsready::net
