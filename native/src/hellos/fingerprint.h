// TLS client fingerprints of one ClientHello: JA3 (Salesforce, github.com/salesforce/ja3: the
// decimal string "SSLVersion,Ciphers,Extensions,EllipticCurves,EcPointFormats" with GREASE removed,
// and its MD5) and JA4 (FoxIO, github.com/FoxIO-LLC/ja4 technical_details/JA4.md: the readable
// a_b_c form with truncated SHA-256 hashes, and JA4_r, the raw sorted form). Pure functions over
// codec::ClientHelloInfo; thread-safe. An SSL 2.0-format hello is fingerprinted from what it shares
// with a TLS one: its version field and the 2-byte suites among its cipher specs, no extensions.
#pragma once

#include <string>
#include <string_view>

#include "codec/client_hello_parser.h"

namespace tlsready::hellos {

struct Fingerprints {
  std::string ja3;       // "771,4865-4866-...,0-23-...,29-23-24,0"
  std::string ja3_hash;  // MD5 of ja3, 32 lower-case hex digits
  std::string ja4;       // "t13d1516h2_8daaf6152771_e5627efa2ab1"
  std::string ja4_r;     // "t13d1516h2_002f,0035,..._0005,000a,..._0403,0804,..."
};

// JA4's first character: TLS over TCP, QUIC or DTLS.
enum class Transport : char { tcp = 't', quic = 'q', dtls = 'd' };

Fingerprints fingerprints(const codec::ClientHelloInfo& hello, Transport transport = Transport::tcp);

std::string ja3_string(const codec::ClientHelloInfo& hello);
// JA4's section a ("t13d1516h2"), and the whole JA4 / JA4_r.
std::string ja4_prefix(const codec::ClientHelloInfo& hello, Transport transport = Transport::tcp);
std::string ja4(const codec::ClientHelloInfo& hello, Transport transport = Transport::tcp);
std::string ja4_raw(const codec::ClientHelloInfo& hello, Transport transport = Transport::tcp);

// Lower-case hex digests (OpenSSL EVP).
std::string md5_hex(std::string_view text);
std::string sha256_hex(std::string_view text);

}  // namespace tlsready::hellos
