// The client forecast against the running lab (tests/lab/endpoints.py): each endpoint is scanned
// and every built-in profile forecast from the scan; the key profiles' outcomes are pinned here,
// written by hand from the endpoint's configuration and the profile's facts.
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "assess/client_forecast.h"
#include "assess/client_impact.h"
#include "assess/client_profiles.h"
#include "assess/server_profile_from_scan.h"
#include "common/hex.h"
#include "integration/lab_manifest.h"
#include "probe/endpoint_scanner.h"

namespace {

using nlohmann::json;
namespace assess = tlsready::assess;
namespace model = tlsready::model;

struct Expected {
  const char* endpoint;
  const char* client;
  const char* status;   // "connects", "fails", "unknown"
  const char* version;  // when it connects ("TLSv1.2"), else the failure reason
  uint16_t suite = 0;   // when it connects; 0: not pinned
};

// clang-format off
const Expected kExpected[] = {
    // TLS 1.3 only, 0x1302/0x1303, client order, X25519 + P-256.
    {"tls13_only", "chrome-137-win11", "connects", "TLSv1.3", 0x1302},
    {"tls13_only", "openssl-3", "connects", "TLSv1.3", 0x1302},
    {"tls13_only", "schannel-win11", "connects", "TLSv1.3", 0x1302},
    {"tls13_only", "ie-11-win7", "fails", "no_common_version"},
    {"tls13_only", "java-8u161", "fails", "no_common_version"},
    {"tls13_only", "android-2.3.7", "fails", "no_common_version"},
    // TLS 1.0-1.2, client order; TLS 1.0/1.1 only 0xC013 0x0035 0xC014.
    {"tls10_12_client_pref", "ie-8-10-win7", "connects", "TLSv1.0", 0xC014},
    {"tls10_12_client_pref", "java-7u25", "connects", "TLSv1.0", 0xC013},
    {"tls10_12_client_pref", "openssl-3", "connects", "TLSv1.2", 0xC030},
    {"tls10_12_client_pref", "android-2.3.7", "fails", "no_common_suite"},
    {"tls10_12_client_pref", "java-6u45", "fails", "no_common_suite"},
    // TLS 1.0 only, RC4/3DES with RSA key transport.
    {"tls10_legacy_3des_rc4", "ie-8-xp", "connects", "TLSv1.0", 0x0004},
    {"tls10_legacy_3des_rc4", "java-6u45", "connects", "TLSv1.0", 0x0004},
    {"tls10_legacy_3des_rc4", "openssl-3", "fails", "no_common_version"},
    {"tls10_legacy_3des_rc4", "python-requests", "fails", "no_common_version"},
    {"tls10_legacy_3des_rc4", "chrome-137-win11", "fails", "no_common_version"},
    // TLS 1.2, DHE only with a 1024-bit prime, server order 0x009F first.
    {"dhe_1024", "openssl-3", "fails", "dh_too_small"},
    {"dhe_1024", "python-requests", "fails", "dh_too_small"},
    {"dhe_1024", "ie-11-win7", "connects", "TLSv1.2", 0x009F},
    {"dhe_1024", "java-8u161", "connects", "TLSv1.2", 0x009F},
    {"dhe_1024", "chrome-137-win11", "fails", "no_common_suite"},
    // Java 6/7 accept the 1024-bit prime but offer TLS 1.0 at most: this endpoint is TLS 1.2 only.
    {"dhe_1024", "java-7u25", "fails", "no_common_version"},
    // The same with a 2048-bit prime, client order.
    {"dhe_2048", "openssl-3", "connects", "TLSv1.2", 0x009F},
    {"dhe_2048", "ie-11-win7", "connects", "TLSv1.2", 0x009F},
    // RSA 1024 signed with SHA-1.
    {"rsa1024_sha1", "openssl-3", "fails", "certificate_key_rejected"},
    {"rsa1024_sha1", "python-requests", "fails", "certificate_key_rejected"},
    {"rsa1024_sha1", "chrome-137-win11", "fails", "certificate_signature_unsupported"},
    {"rsa1024_sha1", "ie-11-win10", "connects", "TLSv1.2", 0xC030},
    // ECDSA P-256 self-signed, ECDSA suites, P-256 only.
    {"self_signed", "java-17", "connects", "TLSv1.3", 0},
    {"self_signed", "ie-11-win10", "connects", "TLSv1.2", 0xC02C},
    // A middlebox dropping hellos above 255 bytes.
    {"hello_size_255", "chrome-137-win11", "fails", "hello_rejected"},
};
// clang-format on

std::string describe(const model::ClientOutcome& outcome) {
  std::string text = std::string(model::to_string(outcome.status));
  if (outcome.version) text += " " + std::string(model::display_name(*outcome.version));
  if (outcome.cipher_suite) text += " " + tlsready::hex::code16(*outcome.cipher_suite);
  text += " " + std::string(model::to_string(outcome.reason)) + ": " + outcome.detail;
  return text;
}

}  // namespace

TEST_CASE("the forecast of every key profile against the lab endpoints", "[integration][clients]") {
  const json lab = tlsready::test::load_lab_manifest();
  const auto options = tlsready::test::lab_scan_options(lab);
  std::map<std::string, json> endpoints;
  for (const auto& endpoint : lab["endpoints"]) endpoints[endpoint["name"].get<std::string>()] = endpoint;
  std::map<std::string, model::ServerProfile> servers;
  for (const Expected& expected : kExpected) {
    if (servers.count(expected.endpoint)) continue;
    REQUIRE(endpoints.count(expected.endpoint));
    const auto result =
        tlsready::probe::scan_endpoint(tlsready::test::lab_endpoint_target(endpoints[expected.endpoint]), options);
    servers[expected.endpoint] = assess::server_profile_from_scan(result);
  }
  for (const Expected& expected : kExpected) {
    const model::ClientProfile* client = assess::find_client_profile(expected.client);
    REQUIRE(client != nullptr);
    const auto outcome = assess::forecast(*client, servers[expected.endpoint]);
    INFO(expected.endpoint << " / " << expected.client << ": " << describe(outcome));
    CHECK(model::to_string(outcome.status) == expected.status);
    if (std::string(expected.status) == "connects") {
      REQUIRE(outcome.version.has_value());
      CHECK(model::display_name(*outcome.version) == expected.version);
      if (expected.suite != 0) CHECK(outcome.cipher_suite == expected.suite);
    } else {
      CHECK(model::to_string(outcome.reason) == expected.version);
    }
  }
  SECTION("turning TLS 1.0 and 1.1 off at tls10_12_client_pref breaks the TLS 1.0 clients only") {
    const auto impact = assess::client_impact(servers["tls10_12_client_pref"], assess::client_profiles(),
                                              assess::parse_what_if("no-tls10,no-tls11"));
    const auto breaks = [&](const char* id) {
      return std::find(impact.breaks.begin(), impact.breaks.end(), id) != impact.breaks.end();
    };
    CHECK(breaks("ie-8-10-win7"));
    CHECK(breaks("java-7u25"));
    CHECK(breaks("winhttp-win7"));
    CHECK_FALSE(breaks("ie-11-win7"));
    CHECK_FALSE(breaks("openssl-3"));
  }
}
