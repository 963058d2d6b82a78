// What the OpenSSL that tlsready links will actually do as a TLS client and as a TLS server when
// an application takes the defaults: protocol bounds, security level, options, the cipher suites
// left usable after the security level, TLS 1.3 suites, and, measured rather than inferred, which
// protocol versions a handshake completes at. Two sources:
//  * the running process: default library context after OPENSSL_init_ssl() loaded its config;
//  * an openssl.cnf under an audited root: its system_default commands (openssl_conf.h) applied
//    with SSL_CONF_cmd to contexts of a private OSSL_LIB_CTX, so the process's own configuration
//    is neither used nor changed. (OSSL_LIB_CTX_load_config() is not used on purpose: libssl keeps
//    the ssl_conf module's data in process-global storage, so loading another file into any
//    library context replaces the system_default of every context in the process.)
// The version check is a real handshake over an in-memory BIO pair against a deliberately
// permissive peer (security level 0, every suite, both RSA-2048 and P-256 certificates). It
// matters on OpenSSL 3: security level >= 1 makes TLS 1.0/1.1 fail whenever a SHA-1/MD5-SHA1
// signature is needed, yet a client still completes TLS 1.0 with a server that picks RSA key
// transport, so "SECLEVEL blocks TLS 1.0" is only true for servers. No network is used.
#pragma once

#ifdef linux
#undef linux  // GNU dialects predefine `linux` as 1; this room's namespace needs the plain word
#endif

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/protocol_version.h"
#include "policy/linux/openssl_conf.h"

namespace tlsready::policy::linux {

struct CipherSuite {
  std::uint16_t iana = 0;            // SSL_CIPHER_get_protocol_id, e.g. 0xC02F
  std::string openssl_name;          // "ECDHE-RSA-AES128-GCM-SHA256"
  std::string iana_name;             // "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"
  std::string min_version;           // "TLSv1.2", as SSL_CIPHER_get_version reports it
  std::string key_exchange;          // "kx-ecdhe", "kx-rsa", ... (OpenSSL short names)
  std::string authentication;        // "auth-rsa", "auth-null", ...
  int strength_bits = 0;
  std::vector<std::string> weaknesses;  // "NULL encryption", "anonymous (no authentication)", "RC4", "3DES", ...
};

// What the permissive peer offers, tried in this order; the first that completes is reported.
enum class PeerOffer {
  every_suite,        // ALL:COMPLEMENTOFALL
  rsa_key_transport,  // kRSA only
  ecdhe_rsa,          // ECDHE suites with the RSA certificate
  ecdhe_ecdsa,        // ECDHE suites with the ECDSA certificate
  dhe,                // DHE suites only
};

// "every suite", "RSA key transport suites only", ...: the words evidence uses.
std::string_view peer_offer_label(PeerOffer offer);
// "every_suite", "rsa_key_transport", ...: the report's `peer` values.
std::string_view peer_offer_token(PeerOffer offer);

struct HandshakeResult {
  model::ProtocolVersion version = model::ProtocolVersion::tls1_2;
  bool negotiated = false;
  std::optional<std::string> cipher;   // the suite, when negotiated
  std::optional<PeerOffer> peer;       // what the peer offered, when negotiated
  std::optional<std::string> failure;  // OpenSSL's reason for the last failed attempt, when not negotiated
};

struct RoleSettings {
  std::string role;                // "client" or "server"
  int min_version = 0;             // SSL_CTX_get_min_proto_version (= the wire code): 0 = no lower bound set
  int max_version = 0;
  std::string min_version_text;  // "TLSv1.2", or "none set (lowest the library supports: TLSv1.0)"
  std::string max_version_text;
  int security_level = 0;
  std::uint64_t options = 0;
  std::vector<std::string> option_names;       // "NO_TLSv1", "CIPHER_SERVER_PREFERENCE", ...
  std::vector<model::ProtocolVersion> enabled_versions;  // bounds and NO_* options only, before the security level
  std::vector<CipherSuite> configured_ciphers;  // TLS <= 1.2 suites of SSL_CTX_get_ciphers
  std::vector<CipherSuite> usable_ciphers;      // of those, what the security level and version range leave
  std::vector<std::string> tls13_ciphersuites;
  std::vector<std::string> groups;   // the client's supported_groups as a handshake showed them (client only)
  std::vector<HandshakeResult> handshakes;  // lowest version first
  std::optional<model::ProtocolVersion> lowest_negotiated;
  std::optional<model::ProtocolVersion> highest_negotiated;
  std::vector<std::string> notes;

  std::optional<model::ProtocolVersion> min_bound() const;  // nullopt: no lower bound set
  std::optional<model::ProtocolVersion> max_bound() const;
  const HandshakeResult* handshake(model::ProtocolVersion version) const;
  bool negotiates(model::ProtocolVersion version) const;
  bool enables(model::ProtocolVersion version) const;  // in enabled_versions
};

struct AppliedCommand {
  SslConfCommand command;
  bool accepted_client = false;  // SSL_CONF_cmd returned > 0 on the client context
  bool accepted_server = false;
  std::string error;             // libssl's reason when refused ("unknown command", "no cipher match", ...)
};

struct OpenSslDefaults {
  std::string library_version;          // OpenSSL_version(OPENSSL_VERSION)
  int library_default_security_level = 1;  // built in (OPENSSL_TLS_SECURITY_LEVEL), absent any config
  model::ProtocolVersion lowest_supported_version = model::ProtocolVersion::tls1_0;  // SSLv3 when built with it
  std::string source;                   // "process" or "file"
  std::string config_file;              // display path of the file evaluated / the process loaded
  std::string config_file_reason;
  std::vector<std::string> chain;       // openssl_conf -> ssl_conf -> system_default, with locations
  std::optional<std::string> system_default_section;
  std::optional<std::string> not_applied_reason;  // why no system_default applies
  std::vector<AppliedCommand> commands;
  RoleSettings client;
  RoleSettings server;
  std::vector<std::string> notes;
  std::optional<std::string> error;     // the evaluation itself failed (no context could be made)

  const AppliedCommand* last_command(std::string_view command, bool tls_only = true) const;
};

struct EvaluationOptions {
  bool handshakes = true;  // run the in-memory handshakes (about 40, a few ms each)
};

// The document's name for an OpenSSL protocol version constant ("TLSv1.0", "TLSv1.2"; the constants
// are the wire codes), or "unknown (0x...)".
std::string protocol_version_name(int version);

// This process: OPENSSL_init_ssl(OPENSSL_INIT_LOAD_CONFIG), then default contexts. The config
// file is the one libcrypto chose (CONF_get1_default_config_file: OPENSSL_CONF or OPENSSLDIR).
OpenSslDefaults openssl_process_defaults(const EvaluationOptions& options = {});

// The system_default of an already parsed openssl.cnf, applied in a private library context.
OpenSslDefaults evaluate_openssl_conf(const OpenSslConfReport& report, const EvaluationOptions& options = {});

// Convenience: find and parse the openssl.cnf under `root`, then evaluate it.
OpenSslDefaults evaluate_openssl_conf(const std::filesystem::path& root, const OpenSslConfOptions& conf_options,
                                      const EvaluationOptions& options = {});

// Applies arbitrary SSL_CONF commands (file syntax) in a private library context: for callers that
// have commands from elsewhere, and for tests.
OpenSslDefaults evaluate_ssl_conf_commands(const std::vector<SslConfCommand>& commands,
                                           const EvaluationOptions& options = {});

}  // namespace tlsready::policy::linux
