// Test-only helper (not part of any build target): sends a ClientHello built by the codec to a
// server on 127.0.0.1 and prints the server's answer as hex plus the ServerFlightReader verdict.
// Used to capture the real-OpenSSL flights stored in server_flight_test.cpp and tests/fuzz/corpus.
//
//   g++ -std=c++20 -I native/src tests/native/codec/tools/capture_flight.cpp native/src/codec/*.cpp
//   openssl s_server -accept 127.0.0.1:44330 -cert c.pem -key k.pem -cipher 'ALL:@SECLEVEL=0' &
//   ./a.out 44330 tls12 > flight.hex
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "codec/client_hello.h"
#include "codec/server_flight.h"

using namespace tlsready::codec;

namespace {

ClientHelloSpec spec_for(const std::string& mode) {
  ClientHelloSpec spec;
  for (size_t i = 0; i < spec.random.size(); ++i) spec.random[i] = static_cast<uint8_t>(i);
  spec.server_name = "localhost";
  spec.supported_groups = {0x001d, 0x0017, 0x0018};
  spec.alpn = {"h2", "http/1.1"};
  if (mode.rfind("tls13:", 0) == 0) {  // tls13:GROUP, e.g. tls13:0x0017 (only that key share)
    const auto group = static_cast<uint16_t>(std::strtoul(mode.c_str() + 6, nullptr, 0));
    spec.session_id.assign(32, 0xab);
    spec.cipher_suites = {0x1301, 0x1302, 0x1303};
    spec.supported_versions = {0x0304};
    spec.supported_groups = {group};
    spec.key_shares = {{group, {}}};
    spec.signature_algorithms = {0x0804, 0x0805, 0x0806, 0x0403, 0x0503, 0x0401, 0x0501};
  } else if (mode == "tls13") {
    spec.session_id.assign(32, 0xab);
    spec.cipher_suites = {0x1301, 0x1302, 0x1303};
    spec.supported_versions = {0x0304};
    spec.key_shares = {{0x001d, {}}};
    spec.signature_algorithms = {0x0804, 0x0805, 0x0806, 0x0403, 0x0503, 0x0401, 0x0501};
  } else if (mode == "tls13hrr") {
    spec.session_id.assign(32, 0xab);
    spec.cipher_suites = {0x1301};
    spec.supported_versions = {0x0304};
    spec.key_shares = {};  // empty client_shares: forces a HelloRetryRequest
    spec.signature_algorithms = {0x0804, 0x0403, 0x0401};
  } else if (mode == "tls12" || mode == "tls12dhe") {
    spec.client_version = 0x0303;
    spec.cipher_suites = mode == "tls12" ? std::vector<uint16_t>{0xc02f, 0x002f} : std::vector<uint16_t>{0x009e};
    spec.signature_algorithms = {0x0804, 0x0403, 0x0401, 0x0501};
    spec.encrypt_then_mac = true;
  } else if (mode == "tls11" || mode == "tls10") {
    spec.client_version = mode == "tls11" ? 0x0302 : 0x0301;
    spec.cipher_suites = {0xc013, 0x0033, 0x002f};
  } else {
    std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
    std::exit(2);
  }
  return spec;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s PORT tls10|tls11|tls12|tls12dhe|tls13|tls13hrr|tls13:GROUP\n", argv[0]);
    return 2;
  }
  const std::vector<uint8_t> hello = build_client_hello(spec_for(argv[2]));
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(std::atoi(argv[1])));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    std::perror("connect");
    return 1;
  }
  if (write(fd, hello.data(), hello.size()) != static_cast<ssize_t>(hello.size())) return 1;
  ServerFlightReader reader(ServerFlightReader::Need::full_flight);
  std::vector<uint8_t> all;
  while (reader.state() == ServerFlightReader::State::need_more) {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, 2000) <= 0) break;
    uint8_t buffer[4096];
    const ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) break;
    all.insert(all.end(), buffer, buffer + n);
    reader.feed(std::span<const uint8_t>(buffer, static_cast<size_t>(n)));
  }
  close(fd);
  for (size_t i = 0; i < all.size(); ++i) std::printf("%02x%s", all[i], (i % 32 == 31) ? "\n" : "");
  std::printf("\n");
  std::fprintf(stderr, "state=%d error=%s certs=%zu ske=%d done=%d bytes=%zu\n", static_cast<int>(reader.state()),
               reader.error().c_str(), reader.certificates().size(), reader.server_key_exchange().has_value(),
               reader.server_hello_done(), all.size());
  if (reader.server_hello()) {
    const auto& sh = *reader.server_hello();
    std::fprintf(stderr, "version=%04x suite=%04x hrr=%d alpn=%s ems=%d reneg=%d etm=%d\n", sh.negotiated_version(),
                 sh.cipher_suite, sh.is_hello_retry_request, sh.alpn.value_or("-").c_str(), sh.extended_master_secret,
                 sh.renegotiation_info, sh.encrypt_then_mac);
  }
  return 0;
}
