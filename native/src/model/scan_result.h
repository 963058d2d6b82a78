// The result model of one endpoint scan. One JSON form (scan_result_json.cpp), described by
// native/schema/endpoint-scan.schema.json; every front shows these names unchanged. Plain values:
// no OpenSSL, registry or policy types. The probe fills the facts; the assess room
// (native/src/assess) fills what needs the registry (suite properties, group names, weaknesses).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/failure.h"
#include "model/certificate.h"
#include "model/check_status.h"
#include "model/protocol_version.h"
#include "model/refusal.h"
#include "model/target.h"

namespace tlsready::model {

inline constexpr const char* kSchemaVersion = "2.0";

struct ProbeError {
  FailureKind kind = FailureKind::internal;
  std::string message;
  double elapsed_ms = 0;
};

// A ClientHello shape the server (or a middlebox before it) refuses although it accepts the
// same offer in another shape: real clients that send that shape fail. Found per version by
// probe_protocol; the endpoint document lists them merged over versions (endpoint_intolerances).
struct Intolerance {
  std::string kind;                   // "hello_size", "suite_count" or "extension"
  std::vector<uint16_t> versions;     // wire values of the versions where it was seen
  std::optional<int> limit;           // hello_size: largest hello answered (bytes, record included);
                                      // suite_count: most suites answered in one hello
  std::optional<int> refused_at;      // hello_size: smallest hello refused (bytes); suite_count: suites
  std::optional<uint16_t> extension;  // extension: the extension type refused
  std::string detail;                 // what was refused and what was answered, for people
};

struct ProtocolResult {
  uint16_t version = 0;  // wire value: 0x0002 SSLv2 ... 0x0304 TLS 1.3
  bool accepted = false;
  std::vector<uint16_t> cipher_suites;     // accepted, in the order found (server order if it has one)
  std::vector<uint32_t> cipher_specs;      // SSLv2 only: the 3-byte cipher kinds the server offered
  std::optional<bool> server_preference;   // unknown with fewer than two suites
  std::vector<uint16_t> preference_order;  // only when server_preference is true
  std::vector<uint16_t> groups;            // TLS 1.3 key-share groups / TLS 1.2 ECDHE curves
  std::optional<int> dh_bits;              // smallest DHE prime seen
  std::optional<bool> dhe_needs_ffdhe;     // DHE only for a client listing an RFC 7919 group; unset: not asked
  std::optional<bool> downgrade_sentinel;  // RFC 8446 §4.1.3 sentinel seen in this version's hello
  std::optional<Refusal> refusal;          // how the server refused, when not accepted
  std::vector<Intolerance> intolerances;   // hello shapes refused in this version (versions = {version})
  CheckOutcome check;                      // whether this version's probe ran to a conclusion
};

// A cipher suite as the registry describes it (assess::describe fills these; the JSON form of a
// suite the result has no facts for carries its code and nulls).
struct CipherSuiteFacts {
  uint16_t code = 0;
  std::string name;  // IANA name, or the hex code when unknown
  std::optional<std::string> openssl_name;
  std::optional<std::string> key_exchange;
  std::optional<std::string> authentication;
  std::optional<std::string> cipher;
  std::optional<int> bits;
  std::optional<std::string> mac;
  std::optional<bool> weak;
  std::optional<bool> forward_secret;
  std::vector<std::string> weaknesses;  // suite weakness codes (assess/weaknesses.h)
  std::vector<ProtocolVersion> protocols;  // the versions it may be negotiated in (registry), oldest first;
                                           // empty for a code the registry does not know
};

// A code point with its registry name (groups), or its hex form when unknown.
struct NamedCode {
  uint16_t code = 0;
  std::string name;
};

struct CertificateResult {
  std::string source;  // "openssl_handshake" or "raw_handshake"
  std::string hostname;
  ChainAnalysis analysis;
};

// Whether the server refuses a hello without server_name (RFC 6066 §3). Learned with one hello
// without SNI, only when the scan sent one: nullopt when not asked or the answer told nothing.
struct SniFacts {
  std::optional<bool> required;
};

struct SessionFacts {
  std::optional<bool> secure_renegotiation;
  std::optional<bool> extended_master_secret;
  std::optional<bool> ocsp_stapling;
  std::optional<std::string> ocsp_status;
  std::vector<std::string> alpn_offered;
  std::optional<std::string> alpn_selected;
};

// One weak spot of an endpoint (assess/weaknesses.h): a frozen snake_case code and what was seen.
struct Weakness {
  std::string code;    // e.g. "tls1_0_accepted", "rsa_key_transport", "dh_below_2048"
  std::string detail;  // human-readable: which versions, suites or certificates
};

// The sub-checks after the protocol probes (each protocol carries its own).
struct EndpointChecks {
  CheckOutcome certificate;  // the chain: fetched with OpenSSL or taken from the probes' answers
  CheckOutcome session;      // the full OpenSSL handshake's facts (ALPN, OCSP, renegotiation, EMS)
  CheckOutcome groups;       // the key-exchange group probes
};

struct EndpointResult {
  TargetSpec target;
  std::optional<std::string> address;  // the IP address actually probed
  std::string started_at;              // ISO 8601 UTC
  double elapsed_ms = 0;
  int connections = 0;                    // TCP connections this scan opened
  std::optional<ProbeError> error;        // set when the endpoint could not be scanned at all
  std::vector<ProtocolResult> protocols;  // SSLv2, SSLv3, TLS 1.0 .. 1.3, always all of them
  std::optional<CertificateResult> certificate;
  SessionFacts session;
  SniFacts sni;
  EndpointChecks checks;
  std::vector<std::string> notes;  // things worth knowing that are not errors
  // Filled by assess::describe_endpoint from the registry:
  std::vector<CipherSuiteFacts> suite_facts;  // one per distinct suite in `protocols`
  std::vector<NamedCode> group_names;         // one per distinct group in `protocols`
  std::vector<Weakness> weaknesses;
};

// The intolerances of every protocol, one entry per kind (and extension) with the versions it
// was seen in; limit is the largest answered and refused_at the smallest refused over them.
std::vector<Intolerance> endpoint_intolerances(const EndpointResult& result);

}  // namespace tlsready::model
