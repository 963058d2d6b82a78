// Client simulation against the running lab (tests/lab): each test profile's hello sent as that
// client would, the outcome decided with the client rules. The profiles here are test data shaped
// like the real clients (the real profile rows live in native/data/clients, the clients helper's).
#include <catch2/catch.hpp>

#include <atomic>
#include <string>

#include <nlohmann/json.hpp>

#include "integration/lab_manifest.h"
#include "probe/client_simulation.h"

namespace {

using nlohmann::json;
using tlsready::model::ClientFailure;
using tlsready::model::ClientOutcome;
using tlsready::model::ClientOutcomeStatus;
using tlsready::model::ClientProfile;
using tlsready::model::HelloFormat;
using tlsready::model::ProtocolVersion;

const std::vector<uint16_t> kEcGroups = {0x001d, 0x0017, 0x0018};
const std::vector<uint16_t> kSigAlgs = {0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0201};
const std::vector<uint16_t> kTls12Extensions = {0x0000, 0xff01, 0x000a, 0x000b, 0x0023, 0x000d, 0x0017};

tlsready::model::TargetSpec lab_target(const json& lab, const std::string& name) {
  for (const auto& endpoint : lab["endpoints"]) {
    if (endpoint["name"] != name) continue;
    tlsready::model::TargetSpec target;
    target.host = endpoint["host"].get<std::string>();
    target.port = endpoint["port"].get<uint16_t>();
    target.sni = endpoint["sni"].get<std::string>();
    target.starttls = tlsready::model::StartTls::none;
    return target;
  }
  FAIL("the lab has no endpoint " << name << " (start it with every endpoint)");
  return {};
}

tlsready::probe::ScanOptions lab_options() {
  tlsready::probe::ScanOptions options;
  options.timeout = std::chrono::milliseconds(3000);
  return options;
}

ClientOutcome simulate(const std::string& endpoint, const ClientProfile& client) {
  const json lab = tlsready::test::load_lab_manifest();
  const auto result = tlsready::probe::simulate_clients(lab_target(lab, endpoint), {client}, lab_options());
  REQUIRE(result.outcomes.size() == 1);
  CHECK(result.connections == 1);
  CHECK(result.outcomes[0].method == "simulation");
  INFO(endpoint << " / " << client.id << ": " << result.outcomes[0].detail);
  return result.outcomes[0];
}

// Java 8-like: TLS 1.0-1.2, DHE up to 1024 bits only (Java 6/7 and 8 before u60 defaults).
ClientProfile java_like() {
  ClientProfile client;
  client.id = "test-java-dh1024";
  client.name = "Java-like client (DH at most 1024)";
  client.min_version = ProtocolVersion::tls1_0;
  client.max_version = ProtocolVersion::tls1_2;
  client.cipher_suites = {0xC02F, 0x009F, 0x009E, 0xC013, 0x0033, 0x0039, 0x002F};
  client.extensions = kTls12Extensions;
  client.groups = kEcGroups;
  client.signature_algorithms = kSigAlgs;
  client.max_dh_bits = 1024;
  return client;
}

// Java 6u45-like: SSLv3-TLS 1.0 in an SSLv2-compatible CLIENT-HELLO, no extensions.
ClientProfile java6_like() {
  ClientProfile client;
  client.id = "test-java-6";
  client.name = "Java 6-like client (SSLv2-compatible hello)";
  client.min_version = ProtocolVersion::ssl3;
  client.max_version = ProtocolVersion::tls1_0;
  client.hello_format = HelloFormat::sslv2_compatible;
  client.cipher_suites = {0x0004, 0x0005, 0x0035, 0x002F, 0x0033, 0x0032, 0x000A, 0x0016};
  client.sends_sni = false;
  client.max_dh_bits = 1024;
  return client;
}

// OpenSSL 3.x-like: TLS 1.2-1.3, refuses DH primes below 2048 bits (security level 2).
ClientProfile openssl3_like() {
  ClientProfile client;
  client.id = "test-openssl-3";
  client.name = "OpenSSL 3-like client";
  client.min_version = ProtocolVersion::tls1_2;
  client.max_version = ProtocolVersion::tls1_3;
  client.cipher_suites = {0x1302, 0x1303, 0x1301, 0xC02C, 0xC030, 0x009F, 0xCCA9, 0xCCA8, 0xC02B, 0xC02F, 0x009E};
  client.extensions = {0x0000, 0x000b, 0x000a, 0x0023, 0x0016, 0x0017, 0x000d, 0x002b, 0x002d, 0x0033};
  client.groups = kEcGroups;
  client.signature_algorithms = kSigAlgs;
  client.min_dh_bits = 2048;
  client.min_rsa_bits = 2048;
  return client;
}

// Android 2.3-like: TLS 1.0 only, no SNI.
ClientProfile no_sni_like() {
  ClientProfile client;
  client.id = "test-android-2.3";
  client.name = "Android 2.3-like client (no SNI)";
  client.min_version = ProtocolVersion::tls1_0;
  client.max_version = ProtocolVersion::tls1_0;
  client.cipher_suites = {0x0004, 0x0005, 0x002F, 0x0033, 0x0039, 0x0035, 0x000A};
  client.extensions = {};
  client.sends_sni = false;
  return client;
}

}  // namespace

TEST_CASE("simulation: a client with DH at most 1024 connects to dhe_1024, a 2048-minimum client fails dh_too_small",
          "[integration][client_simulation]") {
  const ClientOutcome java = simulate("dhe_1024", java_like());
  CHECK(java.status == ClientOutcomeStatus::connects);
  CHECK(java.version == ProtocolVersion::tls1_2);
  CHECK(java.cipher_suite == uint16_t{0x009F});  // server order: 0x009F before 0x009E
  CHECK(java.reason == ClientFailure::none);

  const ClientOutcome openssl = simulate("dhe_1024", openssl3_like());
  CHECK(openssl.status == ClientOutcomeStatus::fails);
  CHECK(openssl.reason == ClientFailure::dh_too_small);
  CHECK(openssl.detail == "refuses DH primes below 2048 bits; the server's is 1024");

  CHECK(simulate("dhe_2048", openssl3_like()).status == ClientOutcomeStatus::connects);
  const ClientOutcome too_large = simulate("dhe_2048", java_like());
  CHECK(too_large.reason == ClientFailure::dh_too_large);
}

TEST_CASE("simulation: a client without SNI fails against sni_required, the same with SNI connects",
          "[integration][client_simulation]") {
  const ClientOutcome without = simulate("sni_required", no_sni_like());
  CHECK(without.status == ClientOutcomeStatus::fails);
  CHECK(without.reason == ClientFailure::sni_required);
  CHECK(without.detail == "the server answered alert unrecognized_name to a hello without server_name");

  ClientProfile with_sni = no_sni_like();
  with_sni.sends_sni = true;
  with_sni.extensions = {0x0000};
  const ClientOutcome with = simulate("sni_required", with_sni);
  CHECK(with.status == ClientOutcomeStatus::connects);
  CHECK(with.version == ProtocolVersion::tls1_0);
  CHECK(with.cipher_suite == uint16_t{0x002F});  // client preference: its first shared suite
}

TEST_CASE("simulation: a client requiring AEAD has no common suite with cbc_only", "[integration][client_simulation]") {
  // Offering only AEAD suites (a hardened requests): the server refuses with handshake_failure.
  ClientProfile aead_only = openssl3_like();
  aead_only.id = "test-requests-aead";
  aead_only.max_version = ProtocolVersion::tls1_2;
  aead_only.cipher_suites = {0xC02F, 0xC030, 0xCCA8, 0x009E};
  aead_only.requires_aead = true;
  const ClientOutcome refused = simulate("cbc_only", aead_only);
  CHECK(refused.status == ClientOutcomeStatus::fails);
  CHECK(refused.reason == ClientFailure::no_common_suite);

  // Offering CBC too but refusing it: the client rule rejects the server's CBC choice.
  ClientProfile strict = aead_only;
  strict.cipher_suites.push_back(0xC027);
  const ClientOutcome rule = simulate("cbc_only", strict);
  CHECK(rule.reason == ClientFailure::no_common_suite);
  CHECK(rule.detail.find("requires AEAD") != std::string::npos);

  ClientProfile lenient = strict;
  lenient.requires_aead = false;
  const ClientOutcome connects = simulate("cbc_only", lenient);
  CHECK(connects.status == ClientOutcomeStatus::connects);
  CHECK(connects.cipher_suite == uint16_t{0xC027});
  CHECK(connects.group.has_value());
}

TEST_CASE("simulation: a TLS 1.0-only client fails no_common_version on tls13_only",
          "[integration][client_simulation]") {
  ClientProfile tls10 = no_sni_like();
  tls10.sends_sni = true;
  tls10.extensions = {0x0000, 0xff01};
  const ClientOutcome outcome = simulate("tls13_only", tls10);
  CHECK(outcome.status == ClientOutcomeStatus::fails);
  CHECK(outcome.reason == ClientFailure::no_common_version);

  const ClientOutcome modern = simulate("tls13_only", openssl3_like());
  CHECK(modern.status == ClientOutcomeStatus::connects);
  CHECK(modern.version == ProtocolVersion::tls1_3);
  CHECK(modern.cipher_suite == uint16_t{0x1302});
  CHECK(modern.group == uint16_t{0x001d});
}

TEST_CASE("simulation: an SSLv2-compatible hello reaches a TLS 1.0 server", "[integration][client_simulation]") {
  const ClientOutcome legacy = simulate("dhe_1024_legacy", java6_like());
  CHECK(legacy.status == ClientOutcomeStatus::connects);
  CHECK(legacy.version == ProtocolVersion::tls1_0);
  CHECK(legacy.cipher_suite == uint16_t{0x0033});
  CHECK(legacy.detail == "DH 1024 bits");

  const ClientOutcome rsa = simulate("tls10_12_client_pref", java6_like());
  CHECK(rsa.status == ClientOutcomeStatus::connects);
  CHECK(rsa.version == ProtocolVersion::tls1_0);
  CHECK(rsa.cipher_suite == uint16_t{0x0035});  // client preference: its first suite the server has
}

TEST_CASE("simulation: one connection per profile, outcomes in order, cancel stops before connecting",
          "[integration][client_simulation]") {
  const json lab = tlsready::test::load_lab_manifest();
  const std::vector<ClientProfile> clients = {java_like(), openssl3_like(), no_sni_like(), java6_like(), java_like()};
  auto options = lab_options();
  options.connections_per_endpoint = 2;
  const auto result = tlsready::probe::simulate_clients(lab_target(lab, "dhe_1024_legacy"), clients, options);
  REQUIRE(result.outcomes.size() == clients.size());
  CHECK(result.connections == static_cast<int>(clients.size()));
  CHECK(result.address == "127.0.0.1");
  for (size_t i = 0; i < clients.size(); ++i) CHECK(result.outcomes[i].client_id == clients[i].id);
  CHECK(result.outcomes[0].status == ClientOutcomeStatus::connects);
  CHECK(result.outcomes[1].reason == ClientFailure::no_common_suite);  // it offers none of the CBC DHE suites
  CHECK(result.outcomes[2].status == ClientOutcomeStatus::connects);

  std::atomic<bool> cancel{true};
  const auto cancelled =
      tlsready::probe::simulate_clients(lab_target(lab, "dhe_1024_legacy"), clients, options, &cancel);
  CHECK(cancelled.connections == 0);
  for (const auto& outcome : cancelled.outcomes) {
    CHECK(outcome.status == ClientOutcomeStatus::unknown);
    CHECK(outcome.detail == "cancelled");
  }
}

TEST_CASE("simulation: every test profile against every lab endpoint ends in connects or fails, in bounded time",
          "[integration][client_simulation]") {
  const json lab = tlsready::test::load_lab_manifest();
  const std::vector<ClientProfile> clients = {java_like(), java6_like(), openssl3_like(), no_sni_like()};
  auto options = lab_options();
  options.timeout = std::chrono::milliseconds(2000);
  for (const auto& endpoint : lab["endpoints"]) {
    if (endpoint["expect"].contains("budget")) continue;  // tarpits: their pacing is the scanner tests' business
    const std::string name = endpoint["name"].get<std::string>();
    DYNAMIC_SECTION(name) {
      tlsready::model::TargetSpec target = lab_target(lab, name);
      if (endpoint["starttls"].is_string())
        target.starttls = tlsready::model::parse_starttls(endpoint["starttls"].get<std::string>());
      const auto result = tlsready::probe::simulate_clients(target, clients, options);
      CHECK(result.connections <= static_cast<int>(clients.size()));
      // At most one step timeout per profile, four at a time: one round here.
      CHECK(result.elapsed_ms < 2000.0 + 1000.0);
      for (const auto& outcome : result.outcomes) {
        INFO(outcome.client_id << ": " << outcome.detail);
        CHECK(outcome.status != ClientOutcomeStatus::unknown);
        if (outcome.status == ClientOutcomeStatus::fails) CHECK(outcome.reason != ClientFailure::none);
        if (outcome.status == ClientOutcomeStatus::connects) {
          CHECK(outcome.version.has_value());
          CHECK(outcome.cipher_suite.has_value());
        }
      }
      if (endpoint["expect"].contains("error")) {
        for (const auto& outcome : result.outcomes) CHECK(outcome.status == ClientOutcomeStatus::fails);
      }
    }
  }
}
