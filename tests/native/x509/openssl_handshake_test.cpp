// openssl_handshake against local servers on 127.0.0.1: facts read, timeouts, failures.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include <openssl/ocsp.h>
#include <openssl/tls1.h>

#include "x509/certificate_info.h"
#include "x509/openssl_handshake.h"
#include "x509/test_pki.h"
#include "x509/tls_test_server.h"

namespace {

using namespace tlsready::x509;
using namespace tlsready::x509::testing;
using namespace std::chrono_literals;

TlsServerConfig lab_server() {
  TlsServerConfig config;
  config.cert = pki().leaf.get();
  config.key = pki().leaf_key.get();
  config.chain = {pki().intermediate.get()};
  return config;
}

HandshakeOptions options_for(const std::string& name) {
  HandshakeOptions options;
  options.server_name = name;
  options.timeout = 5000ms;
  return options;
}

HandshakeFacts handshake_with(uint16_t port, const HandshakeOptions& options, bool non_blocking = true) {
  const ScopedFd socket(connect_loopback(port, non_blocking));
  return openssl_handshake(socket.fd, options);
}

void drain(int fd) {
  char buffer[512];
  while (::recv(fd, buffer, sizeof buffer, 0) > 0) {
  }
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("a TLS 1.3 handshake reports version, suite, chain, ALPN and extensions",
          "[x509][handshake][tls13]") {
  const TlsTestServer server(lab_server());
  const HandshakeFacts facts = handshake_with(server.port(), options_for("localhost"));
  INFO(facts.failure);
  REQUIRE(facts.completed);
  CHECK(facts.failure.empty());
  CHECK(facts.protocol_version == 0x0304);
  CHECK((facts.cipher_suite == 0x1301 || facts.cipher_suite == 0x1302 || facts.cipher_suite == 0x1303));
  REQUIRE(facts.chain_der.size() == 2);
  CHECK(facts.chain_der[0] == to_der(pki().leaf.get()));
  CHECK(facts.chain_der[1] == to_der(pki().intermediate.get()));
  CHECK(facts.alpn_selected == "h2");
  CHECK(facts.secure_renegotiation);    // TLS 1.3: no renegotiation at all
  CHECK(facts.extended_master_secret);  // TLS 1.3: inherent
  CHECK(facts.negotiated_group == "x25519");
  CHECK_FALSE(facts.ocsp_stapled);
  CHECK(facts.ocsp_status.empty());

  const auto served = server.connections(1);
  REQUIRE(served.size() == 1);
  CHECK(served[0].handshake_done);
  CHECK(served[0].sni == "localhost");
  CHECK(served[0].cipher_suite == facts.cipher_suite);
}

TEST_CASE("a TLS 1.2 handshake reports RFC 5746 and RFC 7627 support", "[x509][handshake][tls12]") {
  TlsServerConfig config = lab_server();
  config.max_version = TLS1_2_VERSION;
  const TlsTestServer server(config);
  const HandshakeFacts facts = handshake_with(server.port(), options_for("localhost"));
  INFO(facts.failure);
  REQUIRE(facts.completed);
  CHECK(facts.protocol_version == 0x0303);
  const auto served = server.connections(1);
  REQUIRE(served.size() == 1);
  CHECK(facts.cipher_suite == served[0].cipher_suite);
  CHECK((facts.cipher_suite >> 8) == 0xC0);  // an ECDHE suite for the EC certificate
  CHECK(facts.secure_renegotiation);
  CHECK(facts.extended_master_secret);
  CHECK(facts.negotiated_group == "x25519");
  CHECK(facts.alpn_selected == "h2");
  CHECK(facts.chain_der.size() == 2);
}

TEST_CASE("a TLS 1.2 server without extended master secret is reported", "[x509][handshake][tls12]") {
  TlsServerConfig config = lab_server();
  config.max_version = TLS1_2_VERSION;
  config.extended_master_secret = false;
  const TlsTestServer server(config);
  const HandshakeFacts facts = handshake_with(server.port(), options_for("localhost"));
  REQUIRE(facts.completed);
  CHECK(facts.protocol_version == 0x0303);
  CHECK_FALSE(facts.extended_master_secret);
  CHECK(facts.secure_renegotiation);
}

TEST_CASE("the negotiated group is named", "[x509][handshake][groups]") {
  TlsServerConfig config = lab_server();
  config.groups = "P-384";
  SECTION("TLS 1.3") {
    const TlsTestServer server(config);
    const HandshakeFacts facts = handshake_with(server.port(), options_for("localhost"));
    REQUIRE(facts.completed);
    CHECK(facts.negotiated_group == "secp384r1");
  }
  SECTION("TLS 1.2") {
    config.max_version = TLS1_2_VERSION;
    const TlsTestServer server(config);
    const HandshakeFacts facts = handshake_with(server.port(), options_for("localhost"));
    REQUIRE(facts.completed);
    CHECK(facts.negotiated_group == "secp384r1");
  }
}

TEST_CASE("a TLS 1.0 server is reached at security level 0 only", "[x509][handshake][legacy]") {
  TlsServerConfig config = lab_server();
  config.min_version = TLS1_VERSION;
  config.max_version = TLS1_VERSION;
  config.cipher_list = "ALL:@SECLEVEL=0";
  const TlsTestServer server(config);
  SECTION("level 0 (default)") {
    const HandshakeFacts facts = handshake_with(server.port(), options_for("localhost"));
    INFO(facts.failure);
    REQUIRE(facts.completed);
    CHECK(facts.protocol_version == 0x0301);
    CHECK((facts.cipher_suite >> 8) == 0xC0);
    CHECK(facts.secure_renegotiation);
    CHECK(facts.chain_der.size() == 2);
  }
  SECTION("level 2 refuses TLS 1.0") {
    HandshakeOptions options = options_for("localhost");
    options.security_level = 2;
    const HandshakeFacts facts = handshake_with(server.port(), options);
    CHECK_FALSE(facts.completed);
    CHECK_FALSE(facts.failure.empty());
  }
}

TEST_CASE("the served chain feeds analyze_chain", "[x509][handshake][chain]") {
  const TlsTestServer server(lab_server());
  const HandshakeFacts facts = handshake_with(server.port(), options_for("localhost"));
  REQUIRE(facts.completed);
  const TempFile root(to_pem(pki().root.get()));
  const ChainAnalysis analysis = analyze_chain(facts.chain_der, "localhost", TrustOptions{false, root.path()}, kNow);
  CHECK(analysis.trusted);
  CHECK(analysis.hostname_matches);
  CHECK(analysis.problems.empty());
}

TEST_CASE("ALPN is empty when the server picks none or none is offered", "[x509][handshake][alpn]") {
  SECTION("server without ALPN") {
    TlsServerConfig config = lab_server();
    config.alpn.clear();
    const TlsTestServer server(config);
    const HandshakeFacts facts = handshake_with(server.port(), options_for("localhost"));
    REQUIRE(facts.completed);
    CHECK(facts.alpn_selected.empty());
  }
  SECTION("server speaks only http/1.1") {
    TlsServerConfig config = lab_server();
    config.alpn = {"http/1.1"};
    const TlsTestServer server(config);
    const HandshakeFacts facts = handshake_with(server.port(), options_for("localhost"));
    REQUIRE(facts.completed);
    CHECK(facts.alpn_selected == "http/1.1");
  }
  SECTION("client offers nothing") {
    const TlsTestServer server(lab_server());
    HandshakeOptions options = options_for("localhost");
    options.alpn.clear();
    const HandshakeFacts facts = handshake_with(server.port(), options);
    REQUIRE(facts.completed);
    CHECK(facts.alpn_selected.empty());
  }
}

TEST_CASE("SNI is sent for names, not for IP literals or empty names", "[x509][handshake][sni]") {
  const TlsTestServer server(lab_server());
  for (const std::string name : {"127.0.0.1", "::1", "[::1]", ""}) {
    const HandshakeFacts facts = handshake_with(server.port(), options_for(name));
    REQUIRE(facts.completed);
  }
  REQUIRE(handshake_with(server.port(), options_for("www.example.test.")).completed);
  const auto served = server.connections(5);
  REQUIRE(served.size() == 5);
  // The server may record two quick connections in either order: count, do not index.
  const auto count = [&](const std::string& sni) {
    return std::count_if(served.begin(), served.end(), [&](const ServedConnection& c) { return c.sni == sni; });
  };
  CHECK(count("") == 4);
  CHECK(count("www.example.test") == 1);
}

TEST_CASE("a stapled OCSP response is read for the leaf", "[x509][handshake][ocsp]") {
  const Pki& p = pki();
  const auto staple = [&](std::vector<uint8_t> response, bool tls12 = false) {
    TlsServerConfig config = lab_server();
    config.ocsp_response = std::move(response);
    if (tls12) config.max_version = TLS1_2_VERSION;
    const TlsTestServer server(config);
    return handshake_with(server.port(), options_for("localhost"));
  };
  SECTION("good, TLS 1.3") {
    const HandshakeFacts facts =
        staple(make_ocsp_response(p.leaf.get(), p.intermediate.get(), p.intermediate_key.get(), V_OCSP_CERTSTATUS_GOOD));
    REQUIRE(facts.completed);
    CHECK(facts.ocsp_stapled);
    CHECK(facts.ocsp_status == "good");
    CHECK(facts.ocsp_detail.empty());
  }
  SECTION("good, TLS 1.2") {
    const HandshakeFacts facts = staple(
        make_ocsp_response(p.leaf.get(), p.intermediate.get(), p.intermediate_key.get(), V_OCSP_CERTSTATUS_GOOD), true);
    REQUIRE(facts.completed);
    CHECK(facts.protocol_version == 0x0303);
    CHECK(facts.ocsp_stapled);
    CHECK(facts.ocsp_status == "good");
  }
  SECTION("revoked") {
    const HandshakeFacts facts = staple(
        make_ocsp_response(p.leaf.get(), p.intermediate.get(), p.intermediate_key.get(), V_OCSP_CERTSTATUS_REVOKED));
    CHECK(facts.ocsp_status == "revoked");
  }
  SECTION("unknown") {
    const HandshakeFacts facts = staple(
        make_ocsp_response(p.leaf.get(), p.intermediate.get(), p.intermediate_key.get(), V_OCSP_CERTSTATUS_UNKNOWN));
    CHECK(facts.ocsp_status == "unknown");
    CHECK(facts.ocsp_detail.empty());
  }
  SECTION("a response about another certificate") {
    const HandshakeFacts facts = staple(
        make_ocsp_response(p.expired.get(), p.intermediate.get(), p.intermediate_key.get(), V_OCSP_CERTSTATUS_GOOD));
    CHECK(facts.ocsp_stapled);
    CHECK(facts.ocsp_status == "unknown");
    CHECK(facts.ocsp_detail == "the OCSP response has no status for the leaf certificate");
  }
  SECTION("a responder error") {
    const HandshakeFacts facts = staple(make_ocsp_error_response(OCSP_RESPONSE_STATUS_TRYLATER));
    CHECK(facts.ocsp_stapled);
    CHECK(facts.ocsp_status == "unknown");
    CHECK(facts.ocsp_detail == "the OCSP responder answered trylater");
  }
  SECTION("garbage") {
    const HandshakeFacts facts = staple({0x01, 0x02, 0x03, 0x04});
    REQUIRE(facts.completed);
    CHECK(facts.ocsp_stapled);
    CHECK(facts.ocsp_status == "unparsable");
  }
  SECTION("not requested") {
    TlsServerConfig config = lab_server();
    config.ocsp_response =
        make_ocsp_response(p.leaf.get(), p.intermediate.get(), p.intermediate_key.get(), V_OCSP_CERTSTATUS_GOOD);
    const TlsTestServer server(config);
    HandshakeOptions options = options_for("localhost");
    options.request_ocsp = false;
    const HandshakeFacts facts = handshake_with(server.port(), options);
    REQUIRE(facts.completed);
    CHECK_FALSE(facts.ocsp_stapled);
    CHECK(facts.ocsp_status.empty());
  }
}

TEST_CASE("a weak-certificate server still completes at security level 0", "[x509][handshake][weak]") {
  TlsServerConfig config;
  config.cert = pki().weak.get();
  config.key = pki().weak_key.get();
  config.max_version = TLS1_2_VERSION;
  const TlsTestServer server(config);
  const HandshakeFacts facts = handshake_with(server.port(), options_for("localhost"));
  INFO(facts.failure);
  REQUIRE(facts.completed);
  REQUIRE(facts.chain_der.size() == 1);
  CHECK(facts.chain_der[0] == to_der(pki().weak.get()));
}

TEST_CASE("a blocking socket works and keeps its mode and descriptor", "[x509][handshake][socket]") {
  const TlsTestServer server(lab_server());
  const ScopedFd socket(connect_loopback(server.port(), false));
  const HandshakeFacts facts = openssl_handshake(socket.fd, options_for("localhost"));
  CHECK(facts.completed);
  const int flags = ::fcntl(socket.fd, F_GETFL);
  REQUIRE(flags != -1);  // still open
  CHECK((flags & O_NONBLOCK) == 0);
}

TEST_CASE("a peer that never answers times out within the budget", "[x509][handshake][timeout]") {
  const AcceptLoop silent([](int fd) { drain(fd); });
  HandshakeOptions options = options_for("localhost");
  options.timeout = 300ms;
  const ScopedFd socket(connect_loopback(silent.port(), true));
  const auto start = std::chrono::steady_clock::now();
  const HandshakeFacts facts = openssl_handshake(socket.fd, options);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  CHECK_FALSE(facts.completed);
  CHECK(contains(facts.failure, "timeout"));
  CHECK(contains(facts.failure, "300 ms"));
  CHECK(elapsed >= 290ms);
  CHECK(elapsed < 2000ms);
  ::shutdown(socket.fd, SHUT_RDWR);  // let the silent peer's drain end
}

TEST_CASE("handshake failures become text, never exceptions", "[x509][handshake][failure]") {
  SECTION("the peer closes at once") {
    const AcceptLoop closing([](int) {});
    const HandshakeFacts facts = handshake_with(closing.port(), options_for("localhost"));
    CHECK_FALSE(facts.completed);
    INFO(facts.failure);
    CHECK((contains(facts.failure, "closed the connection") || contains(facts.failure, "reset")));
  }
  SECTION("the peer speaks HTTP") {
    const AcceptLoop http([](int fd) {
      char buffer[512];
      (void)::recv(fd, buffer, sizeof buffer, 0);
      const std::string answer = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
      (void)::send(fd, answer.data(), answer.size(), MSG_NOSIGNAL);
      drain(fd);
    });
    const HandshakeFacts facts = handshake_with(http.port(), options_for("localhost"));
    CHECK_FALSE(facts.completed);
    INFO(facts.failure);
    CHECK(contains(facts.failure, "TLS handshake failed"));
    CHECK(contains(facts.failure, "wrong version number"));
  }
  SECTION("the server refuses every version we offer") {
    TlsServerConfig config = lab_server();
    const TlsTestServer server(config);
    HandshakeOptions options = options_for("localhost");
    options.security_level = 5;  // 256-bit security: no suite fits a P-256 certificate
    const HandshakeFacts facts = handshake_with(server.port(), options);
    INFO(facts.failure);
    CHECK_FALSE(facts.completed);
    CHECK_FALSE(facts.failure.empty());
  }
  SECTION("an invalid descriptor") {
    const HandshakeFacts facts = openssl_handshake(-1, options_for("localhost"));
    CHECK_FALSE(facts.completed);
    CHECK(facts.failure == "invalid socket descriptor -1");
  }
  SECTION("a closed descriptor") {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    ::close(fd);
    const HandshakeFacts facts = openssl_handshake(fd, options_for("localhost"));
    CHECK_FALSE(facts.completed);
    CHECK(contains(facts.failure, "invalid socket descriptor"));
  }
}

TEST_CASE("handshakes run concurrently from several threads", "[x509][handshake][threads]") {
  const TlsTestServer server(lab_server());
  constexpr int kThreads = 6;
  std::vector<HandshakeFacts> results(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] { results[static_cast<size_t>(i)] = handshake_with(server.port(), options_for("localhost")); });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& facts : results) {
    CHECK(facts.completed);
    CHECK(facts.chain_der.size() == 2);
  }
}

TEST_CASE("openssl_offers_suite knows what the linked OpenSSL can negotiate", "[x509][handshake]") {
  using tlsready::x509::openssl_offers_suite;
  CHECK(openssl_offers_suite(0x1301));   // TLS_AES_128_GCM_SHA256
  CHECK(openssl_offers_suite(0xC02F));   // ECDHE-RSA-AES128-GCM-SHA256
  CHECK_FALSE(openssl_offers_suite(0x0A0A));  // GREASE is never a real suite
  CHECK_FALSE(openssl_offers_suite(0xC07A));  // CAMELLIA-GCM: not in OpenSSL
}
