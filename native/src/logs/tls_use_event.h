// One TLS use seen in a log: who connected, to what, when, with which protocol version and
// algorithms, and where the line is. Every log source (IIS, Exchange, web servers, captures) fills
// the same event, so summaries and fronts read one shape (schema native/schema/tls-use-event.schema.json).
// Empty strings and nullopt mean "the source does not say". Plain values; thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "model/protocol_version.h"

namespace tlsready::logs {

struct TlsUseEvent {
  std::string time;            // ISO-8601 UTC ("2026-11-30T08:15:02Z"); "" when unknown
  std::string client_address;  // the peer's IP address as logged
  std::optional<uint16_t> client_port;
  std::string user;         // authenticated user name
  std::string user_agent;   // HTTP User-Agent (IIS's '+' for spaces decoded)
  std::string client_name;  // the name the client gave itself (SMTP EHLO/HELO)
  std::string server;       // the logging server's name or address
  std::optional<uint16_t> server_port;
  std::string site;                                // IIS site, Exchange connector, virtual host
  std::string resource;                            // the URI stem, mailbox verb: what was used
  std::optional<model::ProtocolVersion> protocol;  // nullopt: unknown value (see protocol_raw)
  std::string protocol_raw;                        // the value as the source wrote it ("40", "TLSv1")
  std::string cipher;                              // bulk cipher ("AES-256", "3DES", "RC4")
  std::string hash;                                // MAC hash ("SHA1", "SHA256"); "" for AEAD or unknown
  std::string key_exchange;                        // "RSA", "DHE", "ECDHE"
  std::string suite;                               // IANA name of an OpenSSL suite name; "" unknown (IIS)
  std::optional<bool> offered_tls12_suites;        // offered a TLS 1.2-only suite (nginx $ssl_ciphers)
  std::string source_format;                       // "iis", "exchange-smtp", ...
  std::string source_file;                         // the file as the user named it
  std::size_t source_line = 0;                     // 1-based line in that file
};

// Whether the event used a version older than TLS 1.2 (what the switch-off removes).
inline bool uses_legacy_protocol(const TlsUseEvent& event) {
  return event.protocol && model::wire_code(*event.protocol) < model::wire_code(model::ProtocolVersion::tls1_2);
}

}  // namespace tlsready::logs
