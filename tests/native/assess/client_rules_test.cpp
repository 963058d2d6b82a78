// The client-side acceptance rules (assess/client_rules.h) the forecast and the simulation share.
#include <catch2/catch.hpp>

#include "assess/client_rules.h"

namespace {

using tlsready::assess::judge_server_choice;
using tlsready::assess::ServerChoice;
using tlsready::model::ClientFailure;
using tlsready::model::ClientProfile;
using tlsready::model::ProtocolVersion;

ClientProfile modern_client() {
  ClientProfile client;
  client.id = "test-modern";
  client.min_version = ProtocolVersion::tls1_2;
  client.max_version = ProtocolVersion::tls1_3;
  client.cipher_suites = {0x1301, 0x1302, 0xC02F, 0xC030, 0x009E, 0xC027, 0x0035};
  client.groups = {0x001D, 0x0017};
  return client;
}

ServerChoice choice(ProtocolVersion version, uint16_t suite) {
  ServerChoice out;
  out.version = version;
  out.cipher_suite = suite;
  return out;
}

}  // namespace

TEST_CASE("client_rules accepts a choice within every limit", "[assess][client_rules]") {
  ServerChoice c = choice(ProtocolVersion::tls1_2, 0xC02F);
  c.group = 0x0017;
  c.certificate_key_type = "RSA";
  c.certificate_key_bits = 2048;
  c.certificate_signature_hash = "sha256";
  const auto judgement = judge_server_choice(modern_client(), c);
  CHECK(judgement.accepted());
  CHECK(judgement.detail.empty());
}

TEST_CASE("client_rules rejects a version outside the client's range", "[assess][client_rules]") {
  const auto judgement = judge_server_choice(modern_client(), choice(ProtocolVersion::tls1_0, 0x0035));
  CHECK(judgement.reason == ClientFailure::no_common_version);
  CHECK(judgement.detail == "offers TLSv1.2 to TLSv1.3; the server chose TLSv1.0");
}

TEST_CASE("client_rules rejects a suite not offered, and CBC for a client requiring AEAD", "[assess][client_rules]") {
  CHECK(judge_server_choice(modern_client(), choice(ProtocolVersion::tls1_2, 0x009C)).reason ==
        ClientFailure::no_common_suite);
  ClientProfile strict = modern_client();
  strict.requires_aead = true;
  CHECK(judge_server_choice(strict, choice(ProtocolVersion::tls1_2, 0xC027)).reason == ClientFailure::no_common_suite);
  CHECK(judge_server_choice(strict, choice(ProtocolVersion::tls1_2, 0xC02F)).accepted());
  ClientProfile fs = modern_client();
  fs.requires_forward_secrecy = true;
  CHECK(judge_server_choice(fs, choice(ProtocolVersion::tls1_2, 0x0035)).reason == ClientFailure::no_common_suite);
  CHECK(tlsready::assess::client_accepts_suite(fs, 0xC027));
}

TEST_CASE("client_rules rejects a group not offered only when the client sent supported_groups",
          "[assess][client_rules]") {
  ServerChoice c = choice(ProtocolVersion::tls1_3, 0x1301);
  c.group = 0x0018;  // secp384r1
  CHECK(judge_server_choice(modern_client(), c).reason == ClientFailure::no_common_group);
  ClientProfile no_groups = modern_client();
  no_groups.groups.clear();
  CHECK(judge_server_choice(no_groups, c).accepted());
}

TEST_CASE("client_rules applies the DH limits: Java 6 at most 1024, OpenSSL 3 at least 2048",
          "[assess][client_rules]") {
  ServerChoice dh1024 = choice(ProtocolVersion::tls1_2, 0x009E);
  dh1024.dh_bits = 1024;
  ServerChoice dh2048 = dh1024;
  dh2048.dh_bits = 2048;
  ClientProfile java6 = modern_client();
  java6.max_dh_bits = 1024;
  ClientProfile openssl3 = modern_client();
  openssl3.min_dh_bits = 2048;
  CHECK(judge_server_choice(java6, dh1024).accepted());
  CHECK(judge_server_choice(java6, dh2048).reason == ClientFailure::dh_too_large);
  CHECK(judge_server_choice(openssl3, dh2048).accepted());
  const auto small = judge_server_choice(openssl3, dh1024);
  CHECK(small.reason == ClientFailure::dh_too_small);
  CHECK(small.detail == "refuses DH primes below 2048 bits; the server's is 1024");
}

TEST_CASE("client_rules applies certificate key and signature limits", "[assess][client_rules]") {
  ServerChoice c = choice(ProtocolVersion::tls1_2, 0xC02F);
  c.certificate_key_type = "RSA";
  c.certificate_key_bits = 1024;
  c.certificate_signature_hash = "sha1";
  ClientProfile client = modern_client();
  CHECK(judge_server_choice(client, c).accepted());
  client.min_rsa_bits = 2048;
  CHECK(judge_server_choice(client, c).reason == ClientFailure::certificate_key_rejected);
  client.min_rsa_bits.reset();
  client.accepts_sha1_certificates = false;
  CHECK(judge_server_choice(client, c).reason == ClientFailure::certificate_signature_unsupported);

  ClientProfile xp = modern_client();
  xp.supports_sha2_certificates = false;
  c.certificate_key_bits = 2048;
  c.certificate_signature_hash = "sha256";
  CHECK(judge_server_choice(xp, c).reason == ClientFailure::certificate_signature_unsupported);
  ClientProfile big_keys = modern_client();
  big_keys.max_rsa_bits = 1024;
  CHECK(judge_server_choice(big_keys, c).reason == ClientFailure::certificate_key_rejected);
}

TEST_CASE("client_rules: SNI, offered versions, signature hashes and alerts", "[assess][client_rules]") {
  ClientProfile no_sni = modern_client();
  no_sni.sends_sni = false;
  CHECK(tlsready::assess::judge_sni(no_sni, true).reason == ClientFailure::sni_required);
  CHECK(tlsready::assess::judge_sni(no_sni, false).accepted());
  CHECK(tlsready::assess::judge_sni(modern_client(), true).accepted());

  CHECK(tlsready::assess::offered_versions(modern_client()) ==
        std::vector<ProtocolVersion>{ProtocolVersion::tls1_2, ProtocolVersion::tls1_3});

  using tlsready::assess::signature_hash_of;
  CHECK(signature_hash_of("sha256WithRSAEncryption") == "sha256");
  CHECK(signature_hash_of("sha1WithRSAEncryption") == "sha1");
  CHECK(signature_hash_of("ecdsa-with-SHA384") == "sha384");
  CHECK(signature_hash_of("md5WithRSAEncryption") == "md5");
  CHECK(signature_hash_of("ED25519") == "intrinsic");  // EdDSA hashes inside the algorithm (RFC 8032)

  using tlsready::assess::failure_for_alert;
  CHECK(failure_for_alert(112, false) == ClientFailure::sni_required);
  CHECK(failure_for_alert(112, true) == ClientFailure::server_alert);
  CHECK(failure_for_alert(70, true) == ClientFailure::no_common_version);
  CHECK(failure_for_alert(40, true) == ClientFailure::no_common_suite);
  CHECK(failure_for_alert(50, true) == ClientFailure::hello_rejected);
  CHECK(failure_for_alert(48, true) == ClientFailure::server_alert);
}
