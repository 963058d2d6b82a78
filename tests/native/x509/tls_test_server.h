// Local servers for the handshake tests, on 127.0.0.1 with an ephemeral port:
//  - TlsTestServer: an OpenSSL server thread (chain, ALPN, OCSP staple, version cap);
//  - RawTestServer: runs a function on each accepted socket (silent, closing, garbage peers).
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstdint>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include "x509/openssl_ptr.h"

namespace tlsready::x509::testing {

// A listening socket on 127.0.0.1, ephemeral port.
inline int listen_loopback(uint16_t& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || ::listen(fd, 16) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    ::close(fd);
    throw std::runtime_error("bind/listen on 127.0.0.1");
  }
  port = ntohs(address.sin_port);
  return fd;
}

// A connected TCP socket to 127.0.0.1:port (plain POSIX), optionally non-blocking.
inline int connect_loopback(uint16_t port, bool non_blocking) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) throw std::runtime_error("socket");
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    throw std::runtime_error("connect to 127.0.0.1");
  }
  if (non_blocking) ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
  return fd;
}

// Closes a descriptor on scope exit.
struct ScopedFd {
  int fd = -1;
  explicit ScopedFd(int descriptor) : fd(descriptor) {}
  ~ScopedFd() {
    if (fd >= 0) ::close(fd);
  }
  ScopedFd(const ScopedFd&) = delete;
  ScopedFd& operator=(const ScopedFd&) = delete;
};

// Accepts connections until destroyed, each handled on its own thread.
class AcceptLoop {
 public:
  using Handler = std::function<void(int fd)>;

  explicit AcceptLoop(Handler handler) : handler_(std::move(handler)) {
    std::signal(SIGPIPE, SIG_IGN);  // the test servers write to clients that may have gone
    listen_fd_ = listen_loopback(port_);
    thread_ = std::thread([this] { run(); });
  }
  ~AcceptLoop() {
    stop_ = true;
    thread_.join();
    for (auto& worker : workers_) worker.join();
    ::close(listen_fd_);
  }
  AcceptLoop(const AcceptLoop&) = delete;
  AcceptLoop& operator=(const AcceptLoop&) = delete;

  uint16_t port() const { return port_; }
  int accepted() const { return accepted_; }

 private:
  void run() {
    while (!stop_) {
      pollfd watched{listen_fd_, POLLIN, 0};
      if (::poll(&watched, 1, 20) <= 0) continue;
      const int client = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) continue;
      ++accepted_;
      workers_.emplace_back([this, client] {
        const timeval limit{5, 0};  // never hang a test run
        ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
        ::setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &limit, sizeof limit);
        handler_(client);
        ::close(client);
      });
    }
  }

  Handler handler_;
  uint16_t port_ = 0;
  int listen_fd_ = -1;
  std::atomic<bool> stop_{false};
  std::atomic<int> accepted_{0};
  std::thread thread_;
  std::vector<std::thread> workers_;
};

struct TlsServerConfig {
  X509* cert = nullptr;
  EVP_PKEY* key = nullptr;
  std::vector<X509*> chain;             // sent after the leaf
  int max_version = 0;                  // 0: highest; TLS1_2_VERSION to cap
  std::vector<std::string> alpn = {"h2", "http/1.1"};  // server preference; empty: no ALPN
  std::vector<uint8_t> ocsp_response;   // stapled when the client asks; empty: none
  int min_version = 0;                  // 0: lowest
  std::string cipher_list;              // TLS <= 1.2 ciphers; empty: OpenSSL's default
  std::string groups;                   // key exchange groups; empty: OpenSSL's default
  bool extended_master_secret = true;   // false: SSL_OP_NO_EXTENDED_MASTER_SECRET
};

struct ServedConnection {
  std::string sni;           // as received; empty: none
  uint16_t cipher_suite = 0;
  bool handshake_done = false;
};

class TlsTestServer {
 public:
  explicit TlsTestServer(TlsServerConfig config) : config_(std::move(config)) {
    context_.reset(SSL_CTX_new(TLS_server_method()));
    if (!context_) throw std::runtime_error("SSL_CTX_new");
    SSL_CTX_set_security_level(context_.get(), 0);
    if (config_.max_version != 0) SSL_CTX_set_max_proto_version(context_.get(), config_.max_version);
    if (config_.min_version != 0) SSL_CTX_set_min_proto_version(context_.get(), config_.min_version);
    if (!config_.cipher_list.empty() && SSL_CTX_set_cipher_list(context_.get(), config_.cipher_list.c_str()) != 1) {
      throw std::runtime_error("server cipher list");
    }
    if (!config_.groups.empty() && SSL_CTX_set1_groups_list(context_.get(), config_.groups.c_str()) != 1) {
      throw std::runtime_error("server groups");
    }
    if (!config_.extended_master_secret) SSL_CTX_set_options(context_.get(), SSL_OP_NO_EXTENDED_MASTER_SECRET);
    if (SSL_CTX_use_certificate(context_.get(), config_.cert) != 1 ||
        SSL_CTX_use_PrivateKey(context_.get(), config_.key) != 1) {
      throw std::runtime_error("server certificate");
    }
    for (X509* extra : config_.chain) SSL_CTX_add1_chain_cert(context_.get(), extra);
    for (const auto& protocol : config_.alpn) {
      alpn_wire_.push_back(static_cast<unsigned char>(protocol.size()));
      alpn_wire_.insert(alpn_wire_.end(), protocol.begin(), protocol.end());
    }
    if (!alpn_wire_.empty()) SSL_CTX_set_alpn_select_cb(context_.get(), &TlsTestServer::select_alpn, this);
    SSL_CTX_set_tlsext_status_cb(context_.get(), &TlsTestServer::staple_ocsp);
    SSL_CTX_set_tlsext_status_arg(context_.get(), this);
    loop_ = std::make_unique<AcceptLoop>([this](int fd) { serve(fd); });
  }
  ~TlsTestServer() { loop_.reset(); }
  TlsTestServer(const TlsTestServer&) = delete;
  TlsTestServer& operator=(const TlsTestServer&) = delete;

  uint16_t port() const { return loop_->port(); }
  // The connections served so far, after waiting (up to 5 s) until there are `count`: the
  // client may finish its handshake before the server thread has recorded it.
  std::vector<ServedConnection> connections(size_t count) const {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait_for(lock, std::chrono::seconds(5), [&] { return connections_.size() >= count; });
    return connections_;
  }

 private:
  static int select_alpn(SSL* /*ssl*/, const unsigned char** out, unsigned char* out_length, const unsigned char* in,
                         unsigned int in_length, void* arg) {
    auto* self = static_cast<TlsTestServer*>(arg);
    unsigned char* chosen = nullptr;
    if (SSL_select_next_proto(&chosen, out_length, self->alpn_wire_.data(),
                              static_cast<unsigned int>(self->alpn_wire_.size()), in,
                              in_length) != OPENSSL_NPN_NEGOTIATED) {
      return SSL_TLSEXT_ERR_NOACK;
    }
    *out = chosen;
    return SSL_TLSEXT_ERR_OK;
  }

  static int staple_ocsp(SSL* ssl, void* arg) {
    const auto* self = static_cast<TlsTestServer*>(arg);
    if (self->config_.ocsp_response.empty()) return SSL_TLSEXT_ERR_NOACK;
    auto* copy = static_cast<unsigned char*>(
        OPENSSL_memdup(self->config_.ocsp_response.data(), self->config_.ocsp_response.size()));
    if (copy == nullptr) return SSL_TLSEXT_ERR_ALERT_FATAL;
    SSL_set_tlsext_status_ocsp_resp(ssl, copy, static_cast<long>(self->config_.ocsp_response.size()));
    return SSL_TLSEXT_ERR_OK;
  }

  void serve(int fd) {
    SslPtr ssl(SSL_new(context_.get()));
    if (!ssl) return;
    SSL_set_fd(ssl.get(), fd);
    ServedConnection connection;
    if (SSL_accept(ssl.get()) == 1) {
      connection.handshake_done = true;
      const char* sni = SSL_get_servername(ssl.get(), TLSEXT_NAMETYPE_host_name);
      connection.sni = sni != nullptr ? sni : "";
      connection.cipher_suite = SSL_CIPHER_get_protocol_id(SSL_get_current_cipher(ssl.get()));
      record(connection);
      char buffer[256];
      while (SSL_read(ssl.get(), buffer, sizeof buffer) > 0) {
      }
      SSL_shutdown(ssl.get());
    } else {
      record(connection);
    }
    ERR_clear_error();
  }

  void record(const ServedConnection& connection) {
    {
      const std::lock_guard<std::mutex> lock(mutex_);
      connections_.push_back(connection);
    }
    changed_.notify_all();
  }

  TlsServerConfig config_;
  SslCtxPtr context_;
  std::vector<unsigned char> alpn_wire_;
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::vector<ServedConnection> connections_;
  std::unique_ptr<AcceptLoop> loop_;
};

}  // namespace tlsready::x509::testing
