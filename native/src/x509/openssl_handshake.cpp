// A full TLS handshake with OpenSSL over a borrowed socket, bounded by a timeout, reporting
// what only a finished handshake shows. Never throws; every OpenSSL error becomes text.
#include "x509/openssl_handshake.h"

#include <algorithm>

#include <array>
#include <chrono>
#include <exception>
#include <string>
#include <system_error>

#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/tls1.h>

#include "net/platform_socket.h"  // sockets, poll and errno on POSIX or Winsock
#include "x509/certificate_details.h"
#include "x509/openssl_ptr.h"
#include "x509/socket_bio.h"
#include "x509/stapled_ocsp.h"

namespace tlsready::x509 {

namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kTls13Ciphersuites = "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256";

// Puts the socket in non-blocking mode for the handshake and (POSIX) restores its flags afterwards.
using net::platform::NonBlockingScope;
using net::platform::SocketError;

std::string errno_text(int error) { return net::platform::error_text(error); }

bool is_ip_literal(const std::string& text) {
  unsigned char buffer[16];
  return inet_pton(AF_INET, text.c_str(), buffer) == 1 || inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

// The SNI to send, or "" when none: empty names and IP literals ("[::1]" included) are not sent.
std::string sni_name(std::string name) {
  if (name.size() >= 2 && name.front() == '[' && name.back() == ']') return {};
  if (!name.empty() && name.back() == '.') name.pop_back();
  if (name.empty() || is_ip_literal(name)) return {};
  return name;
}

// ALPN wire format: each name prefixed by its length; unusable names (empty, > 255) skipped.
std::vector<unsigned char> alpn_wire(const std::vector<std::string>& protocols) {
  std::vector<unsigned char> wire;
  for (const auto& protocol : protocols) {
    if (protocol.empty() || protocol.size() > 255) continue;
    wire.push_back(static_cast<unsigned char>(protocol.size()));
    wire.insert(wire.end(), protocol.begin(), protocol.end());
  }
  return wire;
}

std::string with_reason(std::string text, const std::string& reason) {
  if (!reason.empty()) text += ": " + reason;
  return text;
}

SslCtxPtr make_context(const HandshakeOptions& options, std::string& failure) {
  SslCtxPtr context(SSL_CTX_new(TLS_client_method()));
  if (!context) {
    failure = with_reason("cannot create the OpenSSL context", take_openssl_errors());
    return nullptr;
  }
  SSL_CTX_set_verify(context.get(), SSL_VERIFY_NONE, nullptr);  // the chain is judged by analyze_chain
  // 0: the lowest / highest versions this OpenSSL build supports.
  SSL_CTX_set_min_proto_version(context.get(), 0);
  SSL_CTX_set_max_proto_version(context.get(), 0);
  // OpenSSL 3 refuses servers without RFC 5746 by default; we connect and report it instead.
  SSL_CTX_set_options(context.get(), SSL_OP_LEGACY_SERVER_CONNECT);
  const int level = options.security_level < 0 ? 0 : (options.security_level > 5 ? 5 : options.security_level);
  SSL_CTX_set_security_level(context.get(), level);
  const std::string cipher_list = "ALL:@SECLEVEL=" + std::to_string(level);
  if (SSL_CTX_set_cipher_list(context.get(), cipher_list.c_str()) != 1 ||
      SSL_CTX_set_ciphersuites(context.get(), kTls13Ciphersuites) != 1) {
    failure = with_reason("cannot configure the OpenSSL cipher lists", take_openssl_errors());
    return nullptr;
  }
  return context;
}

SslPtr make_connection(SSL_CTX* context, const HandshakeOptions& options, SocketBioState* socket, std::string& failure) {
  SslPtr ssl(SSL_new(context));
  if (!ssl) {
    failure = with_reason("cannot create the OpenSSL connection", take_openssl_errors());
    return nullptr;
  }
  const std::string sni = sni_name(options.server_name);
  if (!sni.empty() && SSL_set_tlsext_host_name(ssl.get(), sni.c_str()) != 1) {
    failure = with_reason("cannot set the server name '" + sni + "'", take_openssl_errors());
    return nullptr;
  }
  const std::vector<unsigned char> alpn = alpn_wire(options.alpn);
  // SSL_set_alpn_protos returns 0 on success.
  if (!alpn.empty() && SSL_set_alpn_protos(ssl.get(), alpn.data(), static_cast<unsigned int>(alpn.size())) != 0) {
    failure = with_reason("cannot set the ALPN list", take_openssl_errors());
    return nullptr;
  }
  if (options.request_ocsp && SSL_set_tlsext_status_type(ssl.get(), TLSEXT_STATUSTYPE_ocsp) != 1) {
    failure = with_reason("cannot request OCSP stapling", take_openssl_errors());
    return nullptr;
  }
  BIO* bio = new_socket_bio(socket);
  if (bio == nullptr) {
    failure = with_reason("cannot create the socket BIO", take_openssl_errors());
    return nullptr;
  }
  SSL_set_bio(ssl.get(), bio, bio);  // one reference, owned by the connection from now on
  SSL_set_connect_state(ssl.get());
  return ssl;
}

std::string handshake_error(SSL* ssl, int result, const SocketBioState& socket) {
  const int error = SSL_get_error(ssl, result);
  const std::string reasons = take_openssl_errors();
  if (net::platform::classify(socket.last_errno) == SocketError::reset) {
    return with_reason("the peer reset the connection during the TLS handshake (" + errno_text(socket.last_errno) + ")",
                       reasons);
  }
  if (socket.last_errno != 0) {
    return with_reason("connection error during the TLS handshake: " + errno_text(socket.last_errno), reasons);
  }
  if (socket.peer_closed) {
    return reasons.empty() ? "the peer closed the connection during the TLS handshake"
                           : "the peer closed the connection during the TLS handshake (" + reasons + ")";
  }
  switch (error) {
    case SSL_ERROR_ZERO_RETURN:
      return "the peer closed the TLS connection (close_notify) during the handshake";
    case SSL_ERROR_SSL:
      return with_reason("TLS handshake failed", reasons.empty() ? "unspecified OpenSSL error" : reasons);
    case SSL_ERROR_SYSCALL:
      return with_reason("TLS handshake failed: socket error", reasons);
    default:
      return with_reason("TLS handshake failed (OpenSSL error " + std::to_string(error) + ")", reasons);
  }
}

// Drives SSL_connect, polling the socket while OpenSSL waits; "" on success, else why not.
std::string run_handshake(SSL* ssl, int fd, std::chrono::milliseconds timeout, const std::atomic<bool>* cancel,
                          const SocketBioState& socket) {
  // One deadline for the whole handshake: bytes that trickle in do not extend it.
  const Clock::time_point deadline = Clock::now() + timeout;
  constexpr std::chrono::milliseconds kSlice{200};  // how soon a cancel is noticed
  const auto timed_out = [&] {
    return "TLS handshake timeout: no complete handshake within " + std::to_string(timeout.count()) + " ms";
  };
  for (;;) {
    ERR_clear_error();
    const int result = SSL_connect(ssl);
    if (result == 1) return {};
    const int error = SSL_get_error(ssl, result);
    bool for_write = false;
    if (error == SSL_ERROR_WANT_READ) {
      for_write = false;
    } else if (error == SSL_ERROR_WANT_WRITE) {
      for_write = true;
    } else {
      return handshake_error(ssl, result, socket);
    }
    for (;;) {
      const auto remaining = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
      if (remaining.count() <= 0) return timed_out();
      if (cancel != nullptr && cancel->load(std::memory_order_relaxed)) return "TLS handshake cancelled";
      const int ready = net::platform::wait_ready(fd, for_write, static_cast<int>(std::min(remaining, kSlice).count()));
      if (ready > 0) break;  // readable / writable / error / hang-up: let OpenSSL find out which
      if (ready == 0) continue;  // a slice passed: check the deadline and the cancel flag again
      const int wait_error = net::platform::last_error();
      if (net::platform::classify(wait_error) != SocketError::interrupted) {
        return "waiting for the socket failed: " + errno_text(wait_error);
      }
    }
  }
}

std::vector<uint8_t> certificate_der(X509* cert) {
  const int length = i2d_X509(cert, nullptr);
  if (length <= 0) return {};
  std::vector<uint8_t> der(static_cast<size_t>(length));
  unsigned char* cursor = der.data();
  if (i2d_X509(cert, &cursor) != length) return {};
  return der;
}

std::vector<std::vector<uint8_t>> served_chain(SSL* ssl) {
  std::vector<std::vector<uint8_t>> chain;
  // Client side: the chain as the server sent it, leaf first.
  STACK_OF(X509)* served = SSL_get_peer_cert_chain(ssl);
  if (served != nullptr) {
    const int count = sk_X509_num(served);
    for (int i = 0; i < count; ++i) {
      std::vector<uint8_t> der = certificate_der(sk_X509_value(served, i));
      if (!der.empty()) chain.push_back(std::move(der));
    }
  } else if (X509* leaf = SSL_get0_peer_certificate(ssl); leaf != nullptr) {
    std::vector<uint8_t> der = certificate_der(leaf);
    if (!der.empty()) chain.push_back(std::move(der));
  }
  return chain;
}

std::string negotiated_group(SSL* ssl) {
  const int nid = static_cast<int>(SSL_get_negotiated_group(ssl));
  if (nid > 0 && (nid & TLSEXT_nid_unknown) == 0) {
    if (const char* name = SSL_group_to_name(ssl, nid); name != nullptr) return name;
  }
  // TLS 1.2 and older: the server's ephemeral key tells the group.
  EVP_PKEY* raw_key = nullptr;
  if (SSL_get_peer_tmp_key(ssl, &raw_key) != 1 || raw_key == nullptr) return {};
  const EvpPkeyPtr key(raw_key);
  std::array<char, 80> group{};
  size_t length = 0;
  if (EVP_PKEY_get_utf8_string_param(key.get(), OSSL_PKEY_PARAM_GROUP_NAME, group.data(), group.size(), &length) ==
          1 &&
      length > 0) {
    return std::string(group.data(), length);
  }
  switch (EVP_PKEY_get_base_id(key.get())) {
    case EVP_PKEY_X25519:
      return "x25519";
    case EVP_PKEY_X448:
      return "x448";
    case EVP_PKEY_DH:
    case EVP_PKEY_DHX:
      return "DH-" + std::to_string(EVP_PKEY_get_bits(key.get()));  // an unnamed (custom) DH group
    default:
      return {};
  }
}

void read_facts(SSL* ssl, const HandshakeOptions& options, HandshakeFacts& facts) {
  const int version = SSL_version(ssl);
  facts.protocol_version = static_cast<uint16_t>(version);
  if (const SSL_CIPHER* cipher = SSL_get_current_cipher(ssl); cipher != nullptr) {
    facts.cipher_suite = SSL_CIPHER_get_protocol_id(cipher);
  }
  facts.chain_der = served_chain(ssl);

  const unsigned char* alpn = nullptr;
  unsigned int alpn_length = 0;
  SSL_get0_alpn_selected(ssl, &alpn, &alpn_length);
  if (alpn != nullptr && alpn_length > 0) {
    facts.alpn_selected = sanitize_utf8(std::string_view(reinterpret_cast<const char*>(alpn), alpn_length));
  }

  if (options.request_ocsp) {
    const unsigned char* response = nullptr;
    const long length = SSL_get_tlsext_status_ocsp_resp(ssl, &response);
    if (length > 0 && response != nullptr) {
      facts.ocsp_stapled = true;
      const std::vector<uint8_t> no_leaf;
      const StapledOcspStatus status =
          read_stapled_ocsp(response, static_cast<size_t>(length), facts.chain_der.empty() ? no_leaf : facts.chain_der[0]);
      facts.ocsp_status = status.status;
      facts.ocsp_detail = status.detail;
    }
  }

  // TLS 1.3 has no renegotiation (nothing insecure to negotiate) and always binds the master
  // secret to the handshake transcript (RFC 8446 section 7.1): both hold by construction.
  const bool tls13 = version == TLS1_3_VERSION;
  facts.secure_renegotiation = tls13 || SSL_get_secure_renegotiation_support(ssl) == 1;
  facts.extended_master_secret = tls13 || SSL_get_extms_support(ssl) == 1;
  facts.negotiated_group = negotiated_group(ssl);
  ERR_clear_error();
}

void handshake(int fd, const HandshakeOptions& options, HandshakeFacts& facts) {
  if (fd < 0) {
    facts.failure = "invalid socket descriptor " + std::to_string(fd);
    return;
  }
  const NonBlockingScope non_blocking(fd);
  if (!non_blocking.valid()) {
    facts.failure = "invalid socket descriptor " + std::to_string(fd) + ": " + errno_text(net::platform::last_error());
    return;
  }
  if (!non_blocking.non_blocking()) {
    facts.failure =
        "cannot make socket " + std::to_string(fd) + " non-blocking: " + errno_text(net::platform::last_error());
    return;
  }
  const SslCtxPtr context = make_context(options, facts.failure);
  if (!context) return;
  SocketBioState socket;
  socket.fd = fd;
  const SslPtr ssl = make_connection(context.get(), options, &socket, facts.failure);
  if (!ssl) return;

  facts.failure = run_handshake(ssl.get(), fd, options.timeout, options.cancel, socket);
  if (!facts.failure.empty()) return;
  facts.completed = true;
  read_facts(ssl.get(), options, facts);
  // Polite close: send close_notify once, do not wait for the peer's.
  SSL_shutdown(ssl.get());
}

}  // namespace

HandshakeFacts openssl_handshake(int fd, const HandshakeOptions& options) {
  HandshakeFacts facts;
  ERR_clear_error();
  try {
    handshake(fd, options, facts);
  } catch (const std::exception& error) {
    facts = HandshakeFacts{};
    facts.failure = std::string("internal error during the TLS handshake: ") + error.what();
  } catch (...) {
    facts = HandshakeFacts{};
    facts.failure = "internal error during the TLS handshake";
  }
  ERR_clear_error();
  return facts;
}

bool openssl_offers_suite(uint16_t suite) {
  static const std::vector<uint16_t> offered = [] {
    std::vector<uint16_t> codes;
    std::string failure;
    SslCtxPtr context = make_context(HandshakeOptions{}, failure);
    if (!context) return codes;
    STACK_OF(SSL_CIPHER)* ciphers = SSL_CTX_get_ciphers(context.get());
    for (int i = 0; i < sk_SSL_CIPHER_num(ciphers); ++i)
      codes.push_back(SSL_CIPHER_get_protocol_id(sk_SSL_CIPHER_value(ciphers, i)));
    ERR_clear_error();
    return codes;
  }();
  return std::find(offered.begin(), offered.end(), suite) != offered.end();
}

}  // namespace tlsready::x509
