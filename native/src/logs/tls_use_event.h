// One TLS use seen in a log: who connected, to what, when, with which protocol version and
// algorithms, and where the line is. Every log source (IIS, Exchange, web servers, captures) fills
// the same event, so summaries and fronts read one shape (schema native/schema/tls-use-event.schema.json).
// Empty strings and nullopt mean "the source does not say". Plain values; thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/protocol_version.h"

namespace tlsready::logs {

// Who the client is when the source logs no identity: facts of the ClientHello it sent (packet
// captures; the capture listener next). Filled by the pcap reader from codec/client_hello_parser.h
// and the hellos room (JA3/JA4, nearest client profile). Plain values.
struct ClientHelloFacts {
  std::string ja3;                                       // Salesforce JA3 string, GREASE removed
  std::string ja3_hash;                                  // its MD5
  std::string ja4;                                       // FoxIO JA4
  std::string sni;                                       // server_name host name; "" when none was sent
  std::optional<model::ProtocolVersion> max_version;     // the best the hello offers
  std::string max_version_raw;                           // "0x0304": the wire code, also when unknown
  std::vector<model::ProtocolVersion> offered_versions;  // oldest first
  std::vector<uint16_t> suites;                          // as offered, GREASE removed
  bool fallback_scsv = false;                            // TLS_FALLBACK_SCSV (0x5600) offered
  bool fallback_retry = false;        // so: a modern client retrying lower, not a legacy client (RFC 7507)
  bool sslv2_format = false;          // an SSL 2.0 CLIENT-HELLO (RFC 5246 App. E.2)
  std::string matched_profile;        // nearest built-in client profile id; "" when none
  std::optional<double> match_score;  // 1.0 exact
  bool match_exact = false;
  std::optional<bool> can_do_tls12;  // nullopt: neither the hello nor a trusted profile tells
  std::string can_do_tls12_basis;
  std::optional<uint16_t> chosen_suite;  // the ServerHello's cipher suite, when the capture holds it
  // The rest of the hello as sent (GREASE removed), for the capture listener's records.
  std::string legacy_version_raw;              // ClientHello.legacy_version, "0x0303"
  std::vector<uint16_t> extensions;            // extension types in the order sent
  std::vector<uint16_t> supported_groups;      // RFC 8446 §4.2.7
  std::vector<uint16_t> signature_algorithms;  // RFC 8446 §4.2.3
  std::vector<std::string> alpn;               // RFC 7301 protocol names, in order
  bool renegotiation_scsv = false;             // TLS_EMPTY_RENEGOTIATION_INFO_SCSV 0x00FF (RFC 5746 §3.3)
};

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
  std::optional<ClientHelloFacts> client_hello;    // captures: the client's hello (line = packet number)
};

// Whether the event used a version older than TLS 1.2 (what the switch-off removes). A hello with
// TLS_FALLBACK_SCSV is a modern client retrying lower after a failed handshake (RFC 7507 §1): it
// would connect with TLS 1.2 once the server offers it, so it is not legacy use (the summary still
// counts its protocol under "protocols"; the event says fallback_retry).
inline bool uses_legacy_protocol(const TlsUseEvent& event) {
  if (event.client_hello && event.client_hello->fallback_retry) return false;
  return event.protocol && model::wire_code(*event.protocol) < model::wire_code(model::ProtocolVersion::tls1_2);
}

}  // namespace tlsready::logs
