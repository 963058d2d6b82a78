// Effective OpenSSL client/server defaults: contexts built the way an application gets them,
// read back through the public API, then checked with in-memory handshakes.
#include "policy/linux/openssl_defaults.h"

#include <algorithm>
#include <cstring>
#include <memory>

#include <openssl/conf.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include "common/hex.h"

namespace tlsready::policy::linux {

namespace {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* object) const noexcept {
    Free(object);
  }
};
using SslCtxPtr = std::unique_ptr<SSL_CTX, Deleter<&SSL_CTX_free>>;
using SslPtr = std::unique_ptr<SSL, Deleter<&SSL_free>>;
using LibCtxPtr = std::unique_ptr<OSSL_LIB_CTX, Deleter<&OSSL_LIB_CTX_free>>;
using PkeyPtr = std::unique_ptr<EVP_PKEY, Deleter<&EVP_PKEY_free>>;
using X509Ptr = std::unique_ptr<X509, Deleter<&X509_free>>;
using ConfCtxPtr = std::unique_ptr<SSL_CONF_CTX, Deleter<&SSL_CONF_CTX_free>>;

struct CipherStackDeleter {
  void operator()(STACK_OF(SSL_CIPHER) * stack) const noexcept { sk_SSL_CIPHER_free(stack); }
};
using CipherStackPtr = std::unique_ptr<STACK_OF(SSL_CIPHER), CipherStackDeleter>;

struct VersionInfo {
  int version;
  model::ProtocolVersion model_version;
  std::uint64_t no_option;
};

constexpr VersionInfo kVersions[] = {
#ifndef OPENSSL_NO_SSL3
    {SSL3_VERSION, model::ProtocolVersion::ssl3, SSL_OP_NO_SSLv3},
#endif
    {TLS1_VERSION, model::ProtocolVersion::tls1_0, SSL_OP_NO_TLSv1},
    {TLS1_1_VERSION, model::ProtocolVersion::tls1_1, SSL_OP_NO_TLSv1_1},
    {TLS1_2_VERSION, model::ProtocolVersion::tls1_2, SSL_OP_NO_TLSv1_2},
    {TLS1_3_VERSION, model::ProtocolVersion::tls1_3, SSL_OP_NO_TLSv1_3},
};

struct OptionName {
  std::uint64_t bit;
  const char* name;
};

constexpr OptionName kOptionNames[] = {
    {SSL_OP_NO_SSLv3, "NO_SSLv3"},
    {SSL_OP_NO_TLSv1, "NO_TLSv1"},
    {SSL_OP_NO_TLSv1_1, "NO_TLSv1_1"},
    {SSL_OP_NO_TLSv1_2, "NO_TLSv1_2"},
    {SSL_OP_NO_TLSv1_3, "NO_TLSv1_3"},
    {SSL_OP_CIPHER_SERVER_PREFERENCE, "CIPHER_SERVER_PREFERENCE"},
    {SSL_OP_PRIORITIZE_CHACHA, "PRIORITIZE_CHACHA"},
    {SSL_OP_NO_COMPRESSION, "NO_COMPRESSION"},
    {SSL_OP_ENABLE_MIDDLEBOX_COMPAT, "ENABLE_MIDDLEBOX_COMPAT"},
    {SSL_OP_NO_RENEGOTIATION, "NO_RENEGOTIATION"},
    {SSL_OP_LEGACY_SERVER_CONNECT, "LEGACY_SERVER_CONNECT"},
    {SSL_OP_ALLOW_UNSAFE_LEGACY_RENEGOTIATION, "ALLOW_UNSAFE_LEGACY_RENEGOTIATION"},
    {SSL_OP_NO_TICKET, "NO_TICKET"},
    {SSL_OP_NO_ENCRYPT_THEN_MAC, "NO_ENCRYPT_THEN_MAC"},
    {SSL_OP_ALLOW_NO_DHE_KEX, "ALLOW_NO_DHE_KEX"},
    {SSL_OP_NO_EXTENDED_MASTER_SECRET, "NO_EXTENDED_MASTER_SECRET"},
    {SSL_OP_IGNORE_UNEXPECTED_EOF, "IGNORE_UNEXPECTED_EOF"},
    {SSL_OP_ENABLE_KTLS, "ENABLE_KTLS"},
};

// What the permissive peer offers; the first that completes a handshake is reported.
struct PeerVariant {
  PeerOffer offer;
  const char* cipher_list;
};

constexpr PeerVariant kPeerVariants[] = {
    {PeerOffer::every_suite, "ALL:COMPLEMENTOFALL:@SECLEVEL=0"},
    {PeerOffer::rsa_key_transport, "kRSA:@SECLEVEL=0"},
    {PeerOffer::ecdhe_rsa, "kECDHE+aRSA:@SECLEVEL=0"},
    {PeerOffer::ecdhe_ecdsa, "kECDHE+aECDSA:@SECLEVEL=0"},
    {PeerOffer::dhe, "kDHE:@SECLEVEL=0"},
};

constexpr const char* kAllTls13Suites =
    "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:TLS_AES_128_CCM_SHA256:"
    "TLS_AES_128_CCM_8_SHA256";
constexpr const char* kBroadGroups = "X25519:P-256:P-384:P-521:X448:ffdhe2048:ffdhe3072:ffdhe4096:ffdhe6144:ffdhe8192";
constexpr const char* kBroadSigalgs =
    "ECDSA+SHA256:ECDSA+SHA384:ECDSA+SHA512:ECDSA+SHA224:ECDSA+SHA1:rsa_pss_rsae_sha256:rsa_pss_rsae_sha384:"
    "rsa_pss_rsae_sha512:RSA+SHA256:RSA+SHA384:RSA+SHA512:RSA+SHA224:RSA+SHA1";

// Everything on this thread's error queue as text, and the queue emptied.
std::string drain_errors() {
  std::string text;
  unsigned long code = 0;
  while ((code = ERR_get_error()) != 0) {
    const char* reason = ERR_reason_error_string(code);
    std::string item = reason != nullptr ? reason : "error " + std::to_string(ERR_GET_REASON(code));
    if (text.find(item) != std::string::npos) continue;
    if (!text.empty()) text += "; ";
    text += item;
  }
  return text;
}

// The security level this libssl was built to start from (Debian builds with
// -DOPENSSL_TLS_SECURITY_LEVEL=2; upstream 3.0/3.1 default to 1, 3.2+ to 2).
int built_in_security_level() {
  const std::string flags = OpenSSL_version(OPENSSL_CFLAGS);
  const std::string marker = "-DOPENSSL_TLS_SECURITY_LEVEL=";
  const std::size_t at = flags.find(marker);
  if (at != std::string::npos && at + marker.size() < flags.size()) {
    const char digit = flags[at + marker.size()];
    if (digit >= '0' && digit <= '5') return digit - '0';
  }
  const unsigned int major = OPENSSL_version_major();
  const unsigned int minor = OPENSSL_version_minor();
  return (major > 3 || (major == 3 && minor >= 2)) ? 2 : 1;
}

// --- probe credentials: made once per process, loaded into each library context ------------

struct ProbeCredentials {
  std::vector<unsigned char> rsa_key, rsa_cert, ec_key, ec_cert;
  std::string error;
};

std::vector<unsigned char> der_of_key(EVP_PKEY* key) {
  const int length = i2d_PrivateKey(key, nullptr);
  if (length <= 0) return {};
  std::vector<unsigned char> der(static_cast<std::size_t>(length));
  unsigned char* out = der.data();
  i2d_PrivateKey(key, &out);
  return der;
}

std::vector<unsigned char> der_of_cert(X509* cert) {
  const int length = i2d_X509(cert, nullptr);
  if (length <= 0) return {};
  std::vector<unsigned char> der(static_cast<std::size_t>(length));
  unsigned char* out = der.data();
  i2d_X509(cert, &out);
  return der;
}

X509Ptr self_signed(EVP_PKEY* key) {
  X509Ptr cert(X509_new());
  if (!cert) return nullptr;
  X509_set_version(cert.get(), X509_VERSION_3);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 7L * 24 * 3600);
  X509_set_pubkey(cert.get(), key);
  X509_NAME* name = X509_get_subject_name(cert.get());
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                             reinterpret_cast<const unsigned char*>("tlsready policy probe"), -1, -1, 0);
  X509_set_issuer_name(cert.get(), name);
  if (X509_sign(cert.get(), key, EVP_sha256()) <= 0) return nullptr;
  return cert;
}

ProbeCredentials make_probe_credentials() {
  ProbeCredentials creds;
  PkeyPtr rsa(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048)));
  PkeyPtr ec(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"));
  if (!rsa || !ec) {
    creds.error = "cannot generate the probe keys: " + drain_errors();
    return creds;
  }
  X509Ptr rsa_cert = self_signed(rsa.get());
  X509Ptr ec_cert = self_signed(ec.get());
  if (!rsa_cert || !ec_cert) {
    creds.error = "cannot sign the probe certificates: " + drain_errors();
    return creds;
  }
  creds.rsa_key = der_of_key(rsa.get());
  creds.rsa_cert = der_of_cert(rsa_cert.get());
  creds.ec_key = der_of_key(ec.get());
  creds.ec_cert = der_of_cert(ec_cert.get());
  drain_errors();
  return creds;
}

const ProbeCredentials& probe_credentials() {
  static const ProbeCredentials creds = make_probe_credentials();
  return creds;
}

// Loads one key pair into `ctx` (in its library context). Returns "" or why it was refused.
std::string use_credential(SSL_CTX* ctx, OSSL_LIB_CTX* libctx, const std::vector<unsigned char>& key_der,
                           const std::vector<unsigned char>& cert_der) {
  const unsigned char* key_in = key_der.data();
  PkeyPtr key(d2i_AutoPrivateKey_ex(nullptr, &key_in, static_cast<long>(key_der.size()), libctx, nullptr));
  // d2i_X509 frees the object it was given when it fails, so ownership is taken only afterwards.
  X509* raw = X509_new_ex(libctx, nullptr);
  const unsigned char* cert_in = cert_der.data();
  if (raw != nullptr && d2i_X509(&raw, &cert_in, static_cast<long>(cert_der.size())) == nullptr) raw = nullptr;
  X509Ptr cert(raw);
  if (!key || !cert) return "cannot load the probe credential: " + drain_errors();
  if (SSL_CTX_use_certificate(ctx, cert.get()) != 1 || SSL_CTX_use_PrivateKey(ctx, key.get()) != 1) {
    return drain_errors();
  }
  return "";
}

// --- contexts -----------------------------------------------------------------------------------

// Whether libssl holds a system_default for this process (then every SSL_CTX starts from it).
bool process_has_system_default() {
  SslCtxPtr probe(SSL_CTX_new(TLS_method()));
  if (!probe) {
    drain_errors();
    return false;
  }
  ERR_set_mark();
  const int rc = SSL_CTX_config(probe.get(), "system_default");
  const unsigned long last = ERR_peek_last_error();
  ERR_pop_to_mark();
  // Only an unknown name raises SSL_R_INVALID_CONFIGURATION_NAME; a system_default with a bad
  // command fails without any error queued (unless config_diagnostics is on).
  return rc == 1 || last == 0 || ERR_GET_REASON(last) != SSL_R_INVALID_CONFIGURATION_NAME;
}

// Undoes what a process-wide system_default put into a new context, as far as the API allows.
void reset_to_library_defaults(SSL_CTX* ctx, int security_level) {
  SSL_CTX_set_min_proto_version(ctx, 0);
  SSL_CTX_set_max_proto_version(ctx, 0);
  SSL_CTX_clear_options(ctx, SSL_CTX_get_options(ctx));
  SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_ENABLE_MIDDLEBOX_COMPAT);
  SSL_CTX_set_cipher_list(ctx, OSSL_default_cipher_list());
  SSL_CTX_set_ciphersuites(ctx, OSSL_default_ciphersuites());
  SSL_CTX_set_security_level(ctx, security_level);
  drain_errors();
}

SslCtxPtr permissive_peer(OSSL_LIB_CTX* libctx, bool server, const PeerVariant& variant, bool broad_sigalgs,
                          std::string* error) {
  SslCtxPtr ctx(SSL_CTX_new_ex(libctx, nullptr, server ? TLS_server_method() : TLS_client_method()));
  if (!ctx) {
    *error = drain_errors();
    return nullptr;
  }
  SSL_CTX_set_min_proto_version(ctx.get(), 0);
  SSL_CTX_set_max_proto_version(ctx.get(), 0);
  SSL_CTX_clear_options(ctx.get(), SSL_OP_NO_SSL_MASK | SSL_OP_NO_RENEGOTIATION);
  if (SSL_CTX_set_cipher_list(ctx.get(), variant.cipher_list) != 1) {
    *error = "no suite matches '" + std::string(variant.cipher_list) + "'";
    drain_errors();
    return nullptr;
  }
  SSL_CTX_set_security_level(ctx.get(), 0);
  SSL_CTX_set_ciphersuites(ctx.get(), kAllTls13Suites);
  if (SSL_CTX_set1_groups_list(ctx.get(), kBroadGroups) != 1) drain_errors();
  if (broad_sigalgs && SSL_CTX_set1_sigalgs_list(ctx.get(), kBroadSigalgs) != 1) drain_errors();
  if (server) {
    SSL_CTX_set_dh_auto(ctx.get(), 1);
    const ProbeCredentials& creds = probe_credentials();
    if (!creds.error.empty()) {
      *error = creds.error;
      return nullptr;
    }
    const std::string rsa = use_credential(ctx.get(), libctx, creds.rsa_key, creds.rsa_cert);
    const std::string ec = use_credential(ctx.get(), libctx, creds.ec_key, creds.ec_cert);
    if (!rsa.empty() && !ec.empty()) {
      *error = "the permissive peer refused both probe certificates: " + rsa;
      return nullptr;
    }
  }
  drain_errors();
  return ctx;
}

struct HandshakeOutcome {
  bool ok = false;
  int version = 0;  // SSL_version
  std::string cipher;
  std::string error;
  std::vector<std::string> client_groups;  // as the server saw them
};

// One handshake over a BIO pair. `pin_client`/`pin_server`: 0, or the only version that side may use.
HandshakeOutcome handshake(SSL_CTX* client_ctx, SSL_CTX* server_ctx, int pin_client, int pin_server) {
  HandshakeOutcome outcome;
  drain_errors();
  SslPtr client(SSL_new(client_ctx));
  SslPtr server(SSL_new(server_ctx));
  BIO* client_bio = nullptr;
  BIO* server_bio = nullptr;
  if (!client || !server || BIO_new_bio_pair(&client_bio, 0, &server_bio, 0) != 1) {
    outcome.error = "cannot set up the in-memory handshake: " + drain_errors();
    return outcome;
  }
  SSL_set_bio(client.get(), client_bio, client_bio);
  SSL_set_bio(server.get(), server_bio, server_bio);
  if (pin_client != 0) {
    SSL_set_min_proto_version(client.get(), pin_client);
    SSL_set_max_proto_version(client.get(), pin_client);
  }
  if (pin_server != 0) {
    SSL_set_min_proto_version(server.get(), pin_server);
    SSL_set_max_proto_version(server.get(), pin_server);
  }
  SSL_set_connect_state(client.get());
  SSL_set_accept_state(server.get());
  bool client_done = false;
  bool server_done = false;
  for (int round = 0; round < 64 && !(client_done && server_done); ++round) {
    if (!client_done) {
      const int rc = SSL_do_handshake(client.get());
      if (rc == 1) {
        client_done = true;
      } else {
        const int why = SSL_get_error(client.get(), rc);
        if (why != SSL_ERROR_WANT_READ && why != SSL_ERROR_WANT_WRITE) break;
      }
    }
    if (!server_done) {
      const int rs = SSL_do_handshake(server.get());
      if (rs == 1) {
        server_done = true;
      } else {
        const int why = SSL_get_error(server.get(), rs);
        if (why != SSL_ERROR_WANT_READ && why != SSL_ERROR_WANT_WRITE) break;
      }
    }
  }
  outcome.ok = client_done && server_done;
  if (outcome.ok) {
    outcome.version = SSL_version(client.get());
    outcome.cipher = SSL_get_cipher_name(client.get());
    const auto count = static_cast<int>(SSL_get1_groups(server.get(), nullptr));
    if (count > 0) {
      std::vector<int> groups(static_cast<std::size_t>(count));
      SSL_get1_groups(server.get(), groups.data());
      for (int id : groups) {
        const char* name = SSL_group_to_name(server.get(), id);
        outcome.client_groups.emplace_back(name != nullptr ? name : "group " + std::to_string(id));
      }
    }
    drain_errors();
  } else {
    outcome.error = drain_errors();
    if (outcome.error.empty()) outcome.error = "handshake did not complete";
  }
  return outcome;
}

CipherSuite describe(const SSL_CIPHER* cipher) {
  CipherSuite suite;
  suite.iana = SSL_CIPHER_get_protocol_id(cipher);
  suite.openssl_name = SSL_CIPHER_get_name(cipher);
  const char* standard = SSL_CIPHER_standard_name(cipher);
  suite.iana_name = standard != nullptr ? standard : "";
  suite.min_version = SSL_CIPHER_get_version(cipher);
  const char* kx = OBJ_nid2sn(SSL_CIPHER_get_kx_nid(cipher));
  const char* auth = OBJ_nid2sn(SSL_CIPHER_get_auth_nid(cipher));
  suite.key_exchange = kx != nullptr ? kx : "";
  suite.authentication = auth != nullptr ? auth : "";
  suite.strength_bits = SSL_CIPHER_get_bits(cipher, nullptr);
  const int enc = SSL_CIPHER_get_cipher_nid(cipher);
  if (enc == NID_undef) suite.weaknesses.emplace_back("NULL encryption");
  if (enc == NID_rc4 || enc == NID_rc4_40) suite.weaknesses.emplace_back("RC4");
  if (enc == NID_des_ede3_cbc) suite.weaknesses.emplace_back("3DES (64-bit block, Sweet32)");
  if (enc == NID_des_cbc) suite.weaknesses.emplace_back("single DES");
  if (enc == NID_rc2_cbc || enc == NID_rc2_40_cbc) suite.weaknesses.emplace_back("RC2");
  if (enc == NID_idea_cbc) suite.weaknesses.emplace_back("IDEA (64-bit block)");
  if (SSL_CIPHER_get_auth_nid(cipher) == NID_auth_null) suite.weaknesses.emplace_back("anonymous (no authentication)");
  if (SSL_CIPHER_get_digest_nid(cipher) == NID_md5) suite.weaknesses.emplace_back("MD5 MAC");
  if (suite.strength_bits > 0 && suite.strength_bits < 64) suite.weaknesses.emplace_back("export-grade key");
  return suite;
}

bool is_tls13_suite(const SSL_CIPHER* cipher) { return std::strcmp(SSL_CIPHER_get_version(cipher), "TLSv1.3") == 0; }

model::ProtocolVersion lowest_supported() { return kVersions[0].model_version; }

std::string bound_text(int version, bool lower) {
  if (version == 0) {
    return lower
               ? "none set (lowest the library supports: " + std::string(model::display_name(lowest_supported())) + ")"
               : "none set (highest the library supports: TLSv1.3)";
  }
  return protocol_version_name(version);
}

RoleSettings read_role(SSL_CTX* ctx, bool server) {
  RoleSettings role;
  role.role = server ? "server" : "client";
  role.min_version = static_cast<int>(SSL_CTX_get_min_proto_version(ctx));
  role.max_version = static_cast<int>(SSL_CTX_get_max_proto_version(ctx));
  role.min_version_text = bound_text(role.min_version, true);
  role.max_version_text = bound_text(role.max_version, false);
  role.security_level = SSL_CTX_get_security_level(ctx);
  role.options = SSL_CTX_get_options(ctx);
  for (const auto& option : kOptionNames) {
    if ((role.options & option.bit) == option.bit) role.option_names.emplace_back(option.name);
  }
  for (const auto& v : kVersions) {
    const bool above_min = role.min_version == 0 || v.version >= role.min_version;
    const bool below_max = role.max_version == 0 || v.version <= role.max_version;
    if (above_min && below_max && (role.options & v.no_option) == 0) role.enabled_versions.push_back(v.model_version);
  }
  if (STACK_OF(SSL_CIPHER)* all = SSL_CTX_get_ciphers(ctx)) {
    for (int i = 0; i < sk_SSL_CIPHER_num(all); ++i) {
      const SSL_CIPHER* cipher = sk_SSL_CIPHER_value(all, i);
      if (is_tls13_suite(cipher)) {
        role.tls13_ciphersuites.emplace_back(SSL_CIPHER_get_name(cipher));
      } else {
        role.configured_ciphers.push_back(describe(cipher));
      }
    }
  }
  SslPtr ssl(SSL_new(ctx));
  if (ssl) {
    CipherStackPtr usable(SSL_get1_supported_ciphers(ssl.get()));
    if (usable) {
      for (int i = 0; i < sk_SSL_CIPHER_num(usable.get()); ++i) {
        const SSL_CIPHER* cipher = sk_SSL_CIPHER_value(usable.get(), i);
        if (!is_tls13_suite(cipher)) role.usable_ciphers.push_back(describe(cipher));
      }
    }
  }
  drain_errors();
  return role;
}

// Fills role.handshakes: for each version, the role under test against a permissive peer pinned
// to that version, trying peer variants until one completes.
void probe_role(RoleSettings& role, SSL_CTX* under_test, OSSL_LIB_CTX* libctx, bool broad_sigalgs) {
  const bool testing_server = role.role == "server";
  std::vector<SslCtxPtr> peers;
  std::vector<PeerOffer> offers;
  for (const auto& variant : kPeerVariants) {
    std::string error;
    SslCtxPtr peer = permissive_peer(libctx, !testing_server, variant, broad_sigalgs, &error);
    if (!peer) {
      if (&variant == &kPeerVariants[0]) role.notes.push_back("permissive peer unavailable: " + error);
      continue;
    }
    peers.push_back(std::move(peer));
    offers.push_back(variant.offer);
  }
  if (peers.empty()) return;
  for (const auto& v : kVersions) {
    HandshakeResult result;
    result.version = v.model_version;
    const std::size_t variants = v.version == TLS1_3_VERSION ? 1 : peers.size();
    for (std::size_t i = 0; i < variants; ++i) {
      const HandshakeOutcome outcome = testing_server ? handshake(peers[i].get(), under_test, v.version, 0)
                                                      : handshake(under_test, peers[i].get(), 0, v.version);
      if (outcome.ok && outcome.version == v.version) {
        result.negotiated = true;
        result.cipher = outcome.cipher;
        result.peer = offers[i];
        result.failure.reset();
        if (!testing_server && role.groups.empty()) role.groups = outcome.client_groups;
        break;
      }
      result.failure = outcome.ok ? "negotiated " + protocol_version_name(outcome.version) + " instead" : outcome.error;
    }
    if (result.negotiated) {
      if (!role.lowest_negotiated) role.lowest_negotiated = result.version;
      role.highest_negotiated = result.version;
    }
    role.handshakes.push_back(std::move(result));
  }
}

// Gives the server under test the probe certificates its security level accepts.
void equip_server(SSL_CTX* server, OSSL_LIB_CTX* libctx, RoleSettings& role) {
  const ProbeCredentials& creds = probe_credentials();
  if (!creds.error.empty()) {
    role.notes.push_back(creds.error);
    return;
  }
  const std::string rsa = use_credential(server, libctx, creds.rsa_key, creds.rsa_cert);
  const std::string ec = use_credential(server, libctx, creds.ec_key, creds.ec_cert);
  if (!rsa.empty()) role.notes.push_back("the RSA-2048/SHA-256 probe certificate was refused (" + rsa + ")");
  if (!ec.empty()) role.notes.push_back("the P-256/SHA-256 probe certificate was refused (" + ec + ")");
  role.notes.push_back("server handshakes use RSA-2048 and P-256 probe certificates; a server with other keys may "
                       "negotiate differently");
}

std::string applied_error(int rv) {
  if (rv == -2) return "unknown command";
  if (rv == -3) return "missing value";
  std::string text = drain_errors();
  return text.empty() ? "refused" : text;
}

// Applies `commands` to `ctx` like libssl's ssl_do_config() does for system_default.
void apply_commands(SSL_CTX* ctx, bool server, OSSL_LIB_CTX* libctx, const std::vector<SslConfCommand>& commands,
                    std::vector<AppliedCommand>& applied) {
  ConfCtxPtr cctx(SSL_CONF_CTX_new());
  if (!cctx) return;
  SSL_CONF_CTX_set_flags(cctx.get(), SSL_CONF_FLAG_FILE | SSL_CONF_FLAG_SHOW_ERRORS |
                                         (server ? SSL_CONF_FLAG_SERVER : SSL_CONF_FLAG_CLIENT));
  SSL_CONF_CTX_set_ssl_ctx(cctx.get(), ctx);
  OSSL_LIB_CTX* previous = libctx != nullptr ? OSSL_LIB_CTX_set0_default(libctx) : nullptr;
  for (std::size_t i = 0; i < commands.size(); ++i) {
    drain_errors();
    const int rv = SSL_CONF_cmd(cctx.get(), commands[i].command.c_str(), commands[i].value.c_str());
    if (applied.size() <= i) applied.push_back(AppliedCommand{commands[i], false, false, ""});
    AppliedCommand& record = applied[i];
    (server ? record.accepted_server : record.accepted_client) = rv > 0;
    if (rv <= 0 && record.error.empty()) record.error = applied_error(rv);
  }
  SSL_CONF_CTX_finish(cctx.get());
  if (libctx != nullptr) OSSL_LIB_CTX_set0_default(previous);
  drain_errors();
}

OpenSslDefaults base_result() {
  OpenSslDefaults result;
  result.library_version = OpenSSL_version(OPENSSL_VERSION);
  result.library_default_security_level = built_in_security_level();
  result.lowest_supported_version = lowest_supported();
  return result;
}

void copy_chain(OpenSslDefaults& result, const SystemDefaultChain& chain) {
  result.chain = chain.steps;
  result.system_default_section = chain.system_default_section;
  result.not_applied_reason = chain.broken;
  for (const auto& module : chain.other_modules) {
    result.notes.push_back("library module not evaluated by this audit: " + module);
  }
}

// The common part: contexts in `libctx` (a private one), `commands` applied on top of library
// defaults, settings read back and handshakes run.
OpenSslDefaults evaluate_in_private_context(OpenSslDefaults result, const std::vector<SslConfCommand>& commands,
                                            const EvaluationOptions& options) {
  LibCtxPtr libctx(OSSL_LIB_CTX_new());
  if (!libctx) {
    result.error = "cannot create a library context: " + drain_errors();
    return result;
  }
  const bool contaminated = process_has_system_default();
  if (contaminated) {
    result.notes.push_back(
        "this process has a system_default of its own, which libssl applies to every new context; it was reset to "
        "library defaults (protocol bounds, options, cipher lists, security level " +
        std::to_string(result.library_default_security_level) +
        ") before applying the audited file, but Groups/SignatureAlgorithms it sets cannot be reset");
  }
  SslCtxPtr client(SSL_CTX_new_ex(libctx.get(), nullptr, TLS_client_method()));
  SslCtxPtr server(SSL_CTX_new_ex(libctx.get(), nullptr, TLS_server_method()));
  if (!client || !server) {
    result.error = "cannot create SSL contexts: " + drain_errors();
    return result;
  }
  if (contaminated) {
    reset_to_library_defaults(client.get(), result.library_default_security_level);
    reset_to_library_defaults(server.get(), result.library_default_security_level);
  }
  apply_commands(client.get(), false, libctx.get(), commands, result.commands);
  apply_commands(server.get(), true, libctx.get(), commands, result.commands);
  result.client = read_role(client.get(), false);
  result.server = read_role(server.get(), true);
  if (options.handshakes) {
    equip_server(server.get(), libctx.get(), result.server);
    probe_role(result.client, client.get(), libctx.get(), contaminated);
    probe_role(result.server, server.get(), libctx.get(), contaminated);
  }
  return result;
}

}  // namespace

std::string protocol_version_name(int version) {
  const auto known =
      version > 0 && version <= 0xFFFF ? model::version_from_wire(static_cast<uint16_t>(version)) : std::nullopt;
  if (known && *known != model::ProtocolVersion::ssl2) return std::string(model::display_name(*known));
  return "unknown (" + hex::code(static_cast<unsigned>(version), 4, hex::Case::lower) + ")";
}

std::string_view peer_offer_label(PeerOffer offer) {
  switch (offer) {
    case PeerOffer::every_suite: return "every suite";
    case PeerOffer::rsa_key_transport: return "RSA key transport suites only";
    case PeerOffer::ecdhe_rsa: return "ECDHE suites with an RSA certificate only";
    case PeerOffer::ecdhe_ecdsa: return "ECDHE suites with an ECDSA certificate only";
    case PeerOffer::dhe: return "DHE suites only";
  }
  return "every suite";
}

std::string_view peer_offer_token(PeerOffer offer) {
  switch (offer) {
    case PeerOffer::every_suite: return "every_suite";
    case PeerOffer::rsa_key_transport: return "rsa_key_transport";
    case PeerOffer::ecdhe_rsa: return "ecdhe_rsa";
    case PeerOffer::ecdhe_ecdsa: return "ecdhe_ecdsa";
    case PeerOffer::dhe: return "dhe";
  }
  return "every_suite";
}

namespace {
std::optional<model::ProtocolVersion> bound(int version) {
  if (version <= 0 || version > 0xFFFF) return std::nullopt;
  return model::version_from_wire(static_cast<uint16_t>(version));
}
}  // namespace

std::optional<model::ProtocolVersion> RoleSettings::min_bound() const { return bound(min_version); }
std::optional<model::ProtocolVersion> RoleSettings::max_bound() const { return bound(max_version); }

const HandshakeResult* RoleSettings::handshake(model::ProtocolVersion version) const {
  for (const auto& result : handshakes) {
    if (result.version == version) return &result;
  }
  return nullptr;
}

bool RoleSettings::negotiates(model::ProtocolVersion version) const {
  const HandshakeResult* result = handshake(version);
  return result != nullptr && result->negotiated;
}

bool RoleSettings::enables(model::ProtocolVersion version) const {
  return std::find(enabled_versions.begin(), enabled_versions.end(), version) != enabled_versions.end();
}

const AppliedCommand* OpenSslDefaults::last_command(std::string_view command, bool tls_only) const {
  SystemDefaultChain view;
  for (const auto& applied : commands) view.commands.push_back(applied.command);
  const SslConfCommand* found = view.last(command, tls_only);
  if (found == nullptr) return nullptr;
  const auto index = static_cast<std::size_t>(found - view.commands.data());
  return &commands[index];
}

OpenSslDefaults openssl_process_defaults(const EvaluationOptions& options) {
  OpenSslDefaults result = base_result();
  result.source = "process";
  if (OPENSSL_init_ssl(OPENSSL_INIT_LOAD_CONFIG, nullptr) != 1) {
    result.notes.push_back("OPENSSL_init_ssl did not load a configuration: " + drain_errors());
  }
  if (char* file = CONF_get1_default_config_file()) {
    result.config_file = file;
    OPENSSL_free(file);
  }
  result.config_file_reason = "the file libcrypto loads at initialisation (OPENSSL_CONF, else OPENSSLDIR/openssl.cnf)";
  const bool has_system_default = process_has_system_default();
  if (!result.config_file.empty()) {
    const ConfDocument document = load_openssl_conf("/", result.config_file);
    const SystemDefaultChain chain = find_system_default(document);
    copy_chain(result, chain);
    if (chain.applies() != has_system_default) {
      result.notes.push_back(
          std::string("libssl ") + (has_system_default ? "has" : "has no") +
          " system_default but the parse of " + result.config_file + (chain.applies() ? " finds one" : " finds none") +
          " (the application may have loaded another file, or the file changed since)");
    }
    if (chain.applies()) {
      // Accept/refuse of each command, on throwaway contexts (the live ones already have them).
      SslCtxPtr client(SSL_CTX_new(TLS_client_method()));
      SslCtxPtr server(SSL_CTX_new(TLS_server_method()));
      if (client && server) {
        apply_commands(client.get(), false, nullptr, chain.commands, result.commands);
        apply_commands(server.get(), true, nullptr, chain.commands, result.commands);
      }
    }
  }
  SslCtxPtr client(SSL_CTX_new(TLS_client_method()));
  SslCtxPtr server(SSL_CTX_new(TLS_server_method()));
  if (!client || !server) {
    result.error = "cannot create SSL contexts: " + drain_errors();
    return result;
  }
  result.client = read_role(client.get(), false);
  result.server = read_role(server.get(), true);
  if (options.handshakes) {
    equip_server(server.get(), nullptr, result.server);
    probe_role(result.client, client.get(), nullptr, has_system_default);
    probe_role(result.server, server.get(), nullptr, has_system_default);
  }
  return result;
}

OpenSslDefaults evaluate_openssl_conf(const OpenSslConfReport& report, const EvaluationOptions& options) {
  OpenSslDefaults result = base_result();
  result.source = "file";
  result.config_file = report.path;
  result.config_file_reason = report.chosen_because;
  copy_chain(result, report.system_default);
  if (report.path.empty()) result.not_applied_reason = report.chosen_because;
  const std::vector<SslConfCommand> none;
  return evaluate_in_private_context(std::move(result),
                                     report.system_default.applies() ? report.system_default.commands : none, options);
}

OpenSslDefaults evaluate_openssl_conf(const std::filesystem::path& root, const OpenSslConfOptions& conf_options,
                                      const EvaluationOptions& options) {
  return evaluate_openssl_conf(audit_openssl_conf(root, conf_options), options);
}

OpenSslDefaults evaluate_ssl_conf_commands(const std::vector<SslConfCommand>& commands,
                                           const EvaluationOptions& options) {
  OpenSslDefaults result = base_result();
  result.source = "commands";
  return evaluate_in_private_context(std::move(result), commands, options);
}

}  // namespace tlsready::policy::linux
