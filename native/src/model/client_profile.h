// A TLS client as data (native/data/clients/*.csv, one row per client, each citing its source):
// what it offers and what it accepts. The forecast (assess/client_forecast.h) judges it against a
// ServerProfile without connecting; the simulation (probe room) sends its ClientHello, built by our
// codec from these fields, and judges the answer with the same rules. The local-policy report of a
// machine becomes ClientProfiles too (one per stack: SCHANNEL, .NET per framework, WinHTTP, OpenSSL,
// Java), so "will this machine reach Microsoft 365" is the same computation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/protocol_version.h"

namespace tlsready::model {

// How the first hello is framed: a TLS record, or the SSL 2.0 CLIENT-HELLO that IE 6 on XP and
// Java 6 send to reach SSLv3/TLS servers (RFC 5246 Appendix E.2).
enum class HelloFormat : int { tls = 0, sslv2_compatible = 1 };

struct ClientProfile {
  std::string id;          // stable, lower-case: "ie-11-win7", "java-6u45", "openssl-3.0", "dotnet-4.5-default"
  std::string name;        // for people: "Internet Explorer 11 on Windows 7"
  std::string category;    // "browser", "windows_stack", "runtime", "library", "mail_client", "mobile_os", "tool"
  bool synthetic = false;  // built from documented defaults (no captured hello exists)
  std::string source;      // where the facts come from (a URL or a document title)
  bool cannot_use_tls12 = false;  // on Microsoft's list of clients unable to use TLS 1.2

  ProtocolVersion min_version = ProtocolVersion::tls1_0;  // the default range it offers
  ProtocolVersion max_version = ProtocolVersion::tls1_2;
  HelloFormat hello_format = HelloFormat::tls;
  std::vector<uint16_t> cipher_suites;         // in the order offered (TLS 1.3 suites included)
  std::vector<uint16_t> extensions;            // in the order sent
  std::vector<uint16_t> groups;                // supported_groups, in order; empty: none sent
  std::vector<uint16_t> signature_algorithms;  // signature_algorithms, in order; empty: none sent
  std::vector<std::string> alpn;               // protocols offered; empty: no ALPN
  bool sends_sni = true;
  // The real hello's size in bytes (record header included) without its server_name host name,
  // RFC 7685 padding and resumption pre_shared_key, from a capture; nullopt: not captured (the
  // size is estimated from the lists). The simulation pads its hello to it (assess::client_hello_bytes).
  std::optional<int> hello_bytes;

  // What it accepts from the server (nullopt: no limit known).
  std::optional<int> min_dh_bits;          // refuses a smaller DHE prime (OpenSSL 3.x: 2048 at level 2? see row)
  std::optional<int> max_dh_bits;          // cannot handle a larger one (Java 6/7: 1024)
  std::optional<int> min_rsa_bits;         // refuses a smaller RSA server key
  std::optional<int> max_rsa_bits;         // cannot handle a larger one
  std::optional<int> min_ecdsa_bits;       // refuses a smaller EC key
  bool supports_sha2_certificates = true;  // false: cannot verify SHA-256 signed chains (XP before SP3)
  bool accepts_sha1_certificates = true;   // false: refuses SHA-1 signed leaves/intermediates
  bool requires_forward_secrecy = false;   // refuses RSA key transport (e.g. a strict client)
  bool requires_aead = false;              // refuses CBC suites (e.g. a hardened requests config)
};

}  // namespace tlsready::model
