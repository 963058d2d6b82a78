// The forecast's rules, one at a time, with handmade server and client profiles; the what-if and
// the impact documents.
#include <catch2/catch.hpp>

#include <string>

#include "assess/client_forecast.h"
#include "assess/client_impact.h"
#include "assess/client_impact_json.h"
#include "assess/client_profiles.h"
#include "assess/client_rules.h"
#include "assess/client_what_if.h"
#include "assess/server_profile_from_scan.h"

namespace assess = tlsready::assess;
namespace model = tlsready::model;
using model::ClientFailure;
using model::ClientOutcomeStatus;
using model::ProtocolVersion;

namespace {

model::ServerVersionOffer offer(ProtocolVersion version, std::vector<uint16_t> suites, bool server_order = false,
                                std::vector<uint16_t> groups = {0x001D, 0x0017}) {
  model::ServerVersionOffer o;
  o.version = version;
  o.cipher_suites = std::move(suites);
  o.server_order = server_order;
  o.groups = std::move(groups);
  o.groups_known = true;
  return o;
}

model::ServerProfile server(std::vector<model::ServerVersionOffer> versions) {
  model::ServerProfile s;
  s.description = "handmade";
  s.versions = std::move(versions);
  s.certificate_key_type = "RSA";
  s.certificate_key_bits = 2048;
  s.certificate_signature_hash = "sha256";
  return s;
}

model::ClientProfile client(ProtocolVersion min, ProtocolVersion max, std::vector<uint16_t> suites) {
  model::ClientProfile c;
  c.id = "test";
  c.name = "Test client";
  c.min_version = min;
  c.max_version = max;
  c.cipher_suites = std::move(suites);
  c.groups = {0x001D, 0x0017};
  c.extensions = {0x0000, 0x000A, 0x000D};
  c.signature_algorithms = {0x0401, 0x0804};
  return c;
}

const model::ClientProfile& builtin(const char* id) {
  const model::ClientProfile* profile = assess::find_client_profile(id);
  REQUIRE(profile != nullptr);
  return *profile;
}

}  // namespace

TEST_CASE("forecast: the highest version both accept, the client's suite order without server order",
          "[assess][forecast]") {
  const auto s = server(
      {offer(ProtocolVersion::tls1_0, {0x002F, 0x0035}), offer(ProtocolVersion::tls1_2, {0xC02F, 0xC030, 0x002F})});
  const auto outcome = assess::forecast(client(ProtocolVersion::tls1_0, ProtocolVersion::tls1_2, {0xC030, 0xC02F}), s);
  CHECK(outcome.status == ClientOutcomeStatus::connects);
  CHECK(outcome.version == ProtocolVersion::tls1_2);
  CHECK(outcome.cipher_suite == 0xC030);
  CHECK(outcome.group == 0x001D);
  CHECK(outcome.method == "forecast");
  // A TLS 1.0 client gets TLS 1.0 from the same server.
  const auto old = assess::forecast(client(ProtocolVersion::ssl3, ProtocolVersion::tls1_0, {0x0035, 0x002F}), s);
  CHECK(old.version == ProtocolVersion::tls1_0);
  CHECK(old.cipher_suite == 0x0035);
}

TEST_CASE("forecast: server order wins when the server imposes one", "[assess][forecast]") {
  const auto s = server({offer(ProtocolVersion::tls1_2, {0x009C, 0xC030}, true)});
  const auto outcome = assess::forecast(client(ProtocolVersion::tls1_2, ProtocolVersion::tls1_2, {0xC030, 0x009C}), s);
  CHECK(outcome.cipher_suite == 0x009C);
  CHECK_FALSE(outcome.group.has_value());  // RSA key transport: no group
}

TEST_CASE("forecast: no common version", "[assess][forecast]") {
  const auto s = server({offer(ProtocolVersion::tls1_3, {0x1301})});
  const auto outcome = assess::forecast(client(ProtocolVersion::ssl3, ProtocolVersion::tls1_0, {0x002F}), s);
  CHECK(outcome.status == ClientOutcomeStatus::fails);
  CHECK(outcome.reason == ClientFailure::no_common_version);
  CHECK(outcome.detail == "offers SSLv3-TLSv1.0; the server accepts TLSv1.3");
  // The server's version below the client's minimum: the client aborts.
  const auto low = assess::forecast(client(ProtocolVersion::tls1_2, ProtocolVersion::tls1_3, {0x1301, 0x002F}),
                                    server({offer(ProtocolVersion::tls1_0, {0x002F})}));
  CHECK(low.reason == ClientFailure::no_common_version);
}

TEST_CASE("forecast: no common suite", "[assess][forecast]") {
  const auto s = server({offer(ProtocolVersion::tls1_0, {0x0004, 0x0005, 0x000A})});
  const auto outcome = assess::forecast(client(ProtocolVersion::tls1_0, ProtocolVersion::tls1_2, {0xC02F, 0x002F}), s);
  CHECK(outcome.reason == ClientFailure::no_common_suite);
  CHECK(outcome.version == ProtocolVersion::tls1_0);
}

TEST_CASE("forecast: no common group, ECDHE passed over for another suite", "[assess][forecast]") {
  auto c = client(ProtocolVersion::tls1_2, ProtocolVersion::tls1_3, {0x1301, 0xC02F, 0x009C});
  c.groups = {0x0018};
  const auto tls13 = assess::forecast(c, server({offer(ProtocolVersion::tls1_3, {0x1301})}));
  CHECK(tls13.reason == ClientFailure::no_common_group);
  const auto tls12 = assess::forecast(c, server({offer(ProtocolVersion::tls1_2, {0xC02F, 0x009C})}));
  CHECK(tls12.status == ClientOutcomeStatus::connects);
  CHECK(tls12.cipher_suite == 0x009C);
  // Groups not probed: unknown, not a guess.
  auto unprobed = offer(ProtocolVersion::tls1_3, {0x1301});
  unprobed.groups_known = false;
  unprobed.groups.clear();
  const auto unknown = assess::forecast(c, server({unprobed}));
  CHECK(unknown.status == ClientOutcomeStatus::unknown);
  CHECK(unknown.detail.find("did not probe") != std::string::npos);
}

TEST_CASE("forecast: DH limits of the client", "[assess][forecast]") {
  auto o = offer(ProtocolVersion::tls1_2, {0x009F, 0x009E}, true);
  o.dh_bits = 1024;
  const auto s = server({o});
  auto strict = client(ProtocolVersion::tls1_2, ProtocolVersion::tls1_2, {0x009E, 0x009F});
  strict.min_dh_bits = 2048;
  const auto small = assess::forecast(strict, s);
  CHECK(small.reason == ClientFailure::dh_too_small);
  CHECK(small.cipher_suite == 0x009F);
  auto o2 = o;
  o2.dh_bits = 2048;
  auto old = client(ProtocolVersion::tls1_2, ProtocolVersion::tls1_2, {0x009E});
  old.max_dh_bits = 1024;
  CHECK(assess::forecast(old, server({o2})).reason == ClientFailure::dh_too_large);
  CHECK(assess::forecast(old, s).status == ClientOutcomeStatus::connects);
  auto missing = o;
  missing.dh_bits.reset();
  CHECK(assess::forecast(old, server({missing})).status == ClientOutcomeStatus::unknown);
}

TEST_CASE("forecast: certificate key size and signature hash", "[assess][forecast]") {
  auto s = server({offer(ProtocolVersion::tls1_2, {0xC02F})});
  s.certificate_key_bits = 1024;
  s.certificate_signature_hash = "sha1";
  auto c = client(ProtocolVersion::tls1_2, ProtocolVersion::tls1_2, {0xC02F});
  c.min_rsa_bits = 2048;
  CHECK(assess::forecast(c, s).reason == ClientFailure::certificate_key_rejected);
  c.min_rsa_bits.reset();
  c.accepts_sha1_certificates = false;
  CHECK(assess::forecast(c, s).reason == ClientFailure::certificate_signature_unsupported);
  c.accepts_sha1_certificates = true;
  CHECK(assess::forecast(c, s).status == ClientOutcomeStatus::connects);
  s.certificate_signature_hash = "sha256";
  c.supports_sha2_certificates = false;
  CHECK(assess::forecast(c, s).reason == ClientFailure::certificate_signature_unsupported);
  auto big = server({offer(ProtocolVersion::tls1_2, {0xC02F})});
  big.certificate_key_bits = 8192;
  auto safari = client(ProtocolVersion::tls1_2, ProtocolVersion::tls1_2, {0xC02F});
  safari.max_rsa_bits = 4096;
  CHECK(assess::forecast(safari, big).reason == ClientFailure::certificate_key_rejected);
}

TEST_CASE("forecast: SNI required and hello shape intolerance", "[assess][forecast]") {
  auto s = server({offer(ProtocolVersion::tls1_0, {0x002F})});
  s.requires_sni = true;
  auto c = client(ProtocolVersion::tls1_0, ProtocolVersion::tls1_0, {0x002F});
  c.sends_sni = false;
  CHECK(assess::forecast(c, s).reason == ClientFailure::sni_required);
  c.sends_sni = true;
  CHECK(assess::forecast(c, s).status == ClientOutcomeStatus::connects);
  s.requires_sni = false;
  s.max_cipher_suites = 1;
  s.refused_cipher_suites = 2;
  c.cipher_suites = {0x002F, 0x0035};
  CHECK(assess::forecast(c, s).reason == ClientFailure::hello_rejected);
  s.max_cipher_suites.reset();
  s.max_hello_bytes = 60;
  s.refused_hello_bytes = 61;
  CHECK(assess::forecast(c, s).reason == ClientFailure::hello_rejected);
  s.max_hello_bytes = 1000;
  CHECK(assess::forecast(c, s).status == ClientOutcomeStatus::connects);
  s.versions[0].refused_extensions = {5};  // status_request intolerance: a client sending it is dropped
  c.extensions = {0x0000, 0x0005};
  CHECK(assess::forecast(c, s).reason == ClientFailure::hello_rejected);
  c.extensions = {0x0000};
  CHECK(assess::forecast(c, s).status == ClientOutcomeStatus::connects);
}

TEST_CASE("estimated hello sizes: SSLv2 framing, padding to 512", "[assess][forecast]") {
  CHECK(assess::estimated_hello_bytes(builtin("java-6u45")) == 2 + 9 + 3 * 16 + 16);
  // OpenSSL 3 lists padding (0x0015)? Chrome does: its hello is padded or above 512.
  CHECK(assess::estimated_hello_bytes(builtin("chrome-137-win11")) >= 512);
  CHECK(assess::estimated_hello_bytes(builtin("ie-8-xp")) < 100);
}

TEST_CASE("what-if: versions and suites taken away, and who breaks", "[assess][what_if]") {
  const auto w = assess::parse_what_if("no-tls10, no-TLS11,no-suite:0x000A,no-3des,no-suite:TLS_RSA_WITH_RC4_128_SHA");
  CHECK(w.drop_versions == std::vector<ProtocolVersion>{ProtocolVersion::tls1_0, ProtocolVersion::tls1_1});
  CHECK(w.drop_suites == std::vector<uint16_t>{0x000A, 0x0005});
  CHECK(w.changes.size() == 5);
  CHECK(assess::what_if_drops_suite(assess::parse_what_if("no-3des"), 0xC012));
  CHECK(assess::what_if_drops_suite(assess::parse_what_if("no-cbc"), 0x002F));
  CHECK_FALSE(assess::what_if_drops_suite(assess::parse_what_if("no-cbc"), 0xC02F));
  CHECK_THROWS_WITH(assess::parse_what_if("no-tls9"), Catch::Contains("no-tls9"));
  CHECK_THROWS_WITH(assess::parse_what_if("tls10"), Catch::Contains("must start with 'no-'"));
  CHECK_THROWS_WITH(assess::parse_what_if("no-suite:NOPE"), Catch::Contains("unknown cipher suite"));

  const auto s = server({offer(ProtocolVersion::tls1_0, {0xC013, 0x0035}), offer(ProtocolVersion::tls1_1, {0xC013}),
                         offer(ProtocolVersion::tls1_2, {0xC030, 0xC013})});
  const auto changed = assess::apply_what_if(s, assess::parse_what_if("no-tls10,no-tls11"));
  REQUIRE(changed.versions.size() == 1);
  CHECK(changed.versions[0].version == ProtocolVersion::tls1_2);
  const auto impact = assess::client_impact(s, assess::client_profiles(), assess::parse_what_if("no-tls10,no-tls11"));
  auto breaks = [&](const std::string& id) {
    return std::find(impact.breaks.begin(), impact.breaks.end(), id) != impact.breaks.end();
  };
  CHECK(breaks("android-4.3"));
  CHECK(breaks("ie-8-10-win7"));
  CHECK(breaks("winhttp-win7"));
  CHECK(breaks("java-7u25"));
  CHECK_FALSE(breaks("ie-11-win7"));
  CHECK_FALSE(breaks("chrome-137-win11"));
  CHECK_FALSE(breaks("winhttp-win7-kb3140245"));
  // A suite left as the only one of a version takes the version with it.
  const auto no3des =
      assess::apply_what_if(server({offer(ProtocolVersion::tls1_0, {0x000A})}), assess::parse_what_if("no-3des"));
  CHECK(no3des.versions.empty());
}

TEST_CASE("the client-impact document", "[assess][what_if]") {
  const auto s = server({offer(ProtocolVersion::tls1_0, {0x002F}), offer(ProtocolVersion::tls1_2, {0xC02F, 0x002F})});
  const auto impact = assess::client_impact(s, assess::client_profiles(), assess::parse_what_if("no-tls10"), "h:1");
  const auto doc = assess::client_impact_json(impact);
  CHECK(doc["document"] == "client_impact");
  CHECK(doc["schema_version"] == "1.0");
  CHECK(doc["endpoint"] == "h:1");
  CHECK(doc["what_if"] == nlohmann::json::array({"no-tls10"}));
  CHECK(doc["outcomes"].size() == assess::client_profiles().size());
  CHECK(doc["summary"]["breaks"].get<std::size_t>() == impact.breaks.size());
  const auto& first = doc["outcomes"][0];
  CHECK(first.contains("status"));
  CHECK(first.contains("reason"));
  const auto summary = assess::client_impact_summary_json({impact, impact});
  CHECK(summary["endpoints"].size() == 2);
  CHECK(summary["clients"].size() == assess::client_profiles().size());
  const auto profiles = assess::client_profiles_json(assess::client_profiles());
  CHECK(profiles["profiles"][0]["cipher_suites"][0].get<std::string>().rfind("0x", 0) == 0);
}

TEST_CASE("a scan result becomes a server profile", "[assess][forecast]") {
  model::EndpointResult result;
  result.target.host = "127.0.0.1";
  result.target.port = 8443;
  model::ProtocolResult tls12;
  tls12.version = 0x0303;
  tls12.accepted = true;
  tls12.cipher_suites = {0xC02F, 0xC030};
  tls12.server_preference = true;
  tls12.preference_order = {0xC030, 0xC02F};
  tls12.groups = {0x0017};
  tls12.dh_bits = 2048;
  model::ProtocolResult tls10;
  tls10.version = 0x0301;
  tls10.accepted = false;
  result.protocols = {tls10, tls12};
  result.checks.groups = model::CheckOutcome::completed();
  model::CertificateResult certificate;
  model::CertificateInfo leaf;
  leaf.key_type = "RSA";
  leaf.key_bits = 1024;
  leaf.signature_algorithm = "sha1WithRSAEncryption";
  certificate.analysis.certificates = {leaf};
  result.certificate = certificate;
  const auto profile = assess::server_profile_from_scan(result);
  REQUIRE(profile.versions.size() == 1);
  CHECK(profile.versions[0].cipher_suites == std::vector<uint16_t>{0xC030, 0xC02F});
  CHECK(profile.versions[0].server_order);
  CHECK(profile.versions[0].groups_known);
  CHECK(profile.versions[0].dh_bits == 2048);
  CHECK(profile.certificate_key_bits == 1024);
  CHECK(profile.certificate_signature_hash == "sha1");
  CHECK(profile.chain_has_sha1_signature);
  CHECK(profile.description.rfind("127.0.0.1:8443", 0) == 0);
  CHECK(assess::signature_hash_of("ecdsa-with-SHA384") == "sha384");
  CHECK(assess::signature_hash_of("ED25519") == "intrinsic");
}

TEST_CASE("forecast: the version is judged before the server name, the server name before the suite",
          "[assess][forecast]") {
  // OpenSSL order (statem_srvr.c): version, then the servername callback, then the suite.
  auto s = server({offer(ProtocolVersion::tls1_0, {0x002F}), offer(ProtocolVersion::tls1_2, {0x002F, 0xC02F})});
  s.requires_sni = true;
  auto old = client(ProtocolVersion::ssl2, ProtocolVersion::ssl3, {0x0004, 0x000A});  // IE 6 on XP
  old.sends_sni = false;
  old.hello_format = model::HelloFormat::sslv2_compatible;
  CHECK(assess::forecast(old, s).reason == ClientFailure::no_common_version);
  auto no_suite = client(ProtocolVersion::tls1_0, ProtocolVersion::tls1_0, {0x0004});  // a version, no suite
  no_suite.sends_sni = false;
  CHECK(assess::forecast(no_suite, s).reason == ClientFailure::sni_required);
  no_suite.sends_sni = true;
  CHECK(assess::forecast(no_suite, s).reason == ClientFailure::no_common_suite);
}

TEST_CASE("forecast: a server that keeps DHE for clients listing an RFC 7919 group", "[assess][forecast]") {
  auto dhe = offer(ProtocolVersion::tls1_2, {0x009F, 0x009E}, true, {});
  dhe.dh_bits = 2048;
  dhe.dhe_needs_ffdhe = true;
  auto s = server({dhe});
  auto c = client(ProtocolVersion::tls1_2, ProtocolVersion::tls1_2, {0xC02F, 0x009E});
  const auto refused = assess::forecast(c, s);
  CHECK(refused.reason == ClientFailure::no_common_suite);
  CHECK(refused.detail.find("FFDHE") != std::string::npos);
  c.groups = {0x001D, 0x0100};  // lists ffdhe2048
  const auto taken = assess::forecast(c, s);
  CHECK(taken.status == ClientOutcomeStatus::connects);
  CHECK(taken.cipher_suite == 0x009E);
  c.groups.clear();  // no supported_groups at all: no FFDHE group either
  CHECK(assess::forecast(c, s).reason == ClientFailure::no_common_suite);
  s.versions[0].dhe_needs_ffdhe = false;  // an ordinary DHE server
  CHECK(assess::forecast(c, s).status == ClientOutcomeStatus::connects);
  // Another suite in common: the DHE suite is passed over, not the client.
  s.versions[0].dhe_needs_ffdhe = true;
  s.versions[0].cipher_suites = {0x009F, 0x009E, 0x009C};
  c.cipher_suites = {0x009E, 0x009C};
  const auto other = assess::forecast(c, s);
  CHECK(other.status == ClientOutcomeStatus::connects);
  CHECK(other.cipher_suite == 0x009C);
}

TEST_CASE("hello sizes: the captured size plus the server name, the client's padding rule", "[assess][forecast]") {
  auto c = client(ProtocolVersion::tls1_2, ProtocolVersion::tls1_3, {0x1301, 0xC02F});
  c.hello_bytes = 1700;
  CHECK(assess::client_hello_bytes(c, "localhost") == 1709);
  CHECK(assess::client_hello_bytes(c, "") == 1700);
  c.sends_sni = false;
  CHECK(assess::client_hello_bytes(c, "localhost") == 1700);
  // A client listing padding (0x0015) pads a 256-511-byte handshake message to 512.
  c.sends_sni = true;
  c.hello_bytes = 300;
  c.extensions.push_back(0x0015);
  CHECK(assess::client_hello_bytes(c, "localhost") == 5 + 512);
  c.extensions.pop_back();
  CHECK(assess::client_hello_bytes(c, "localhost") == 309);
  // No capture: the estimate.
  c.hello_bytes.reset();
  CHECK(assess::client_hello_bytes(c, "localhost") == assess::estimated_hello_bytes(c, "localhost"));
  // Captured rows carry their size (Chrome 137: the X25519MLKEM768 share makes it > 1 KB).
  CHECK(builtin("chrome-137-win11").hello_bytes.value_or(0) > 1500);
  CHECK_FALSE(builtin("ie-6-xp").hello_bytes.has_value());  // SSL 2.0 CLIENT-HELLO: not padded
  CHECK_FALSE(builtin("curl").hello_bytes.has_value());     // synthetic
  // The forecast sizes a hello with the scan's server name.
  auto s = server({offer(ProtocolVersion::tls1_2, {0xC02F})});
  s.max_hello_bytes = 512;
  s.refused_hello_bytes = 513;
  c.hello_bytes = 505;
  s.server_name = "localhost";
  CHECK(assess::forecast(c, s).reason == ClientFailure::hello_rejected);  // 514 bytes
  s.server_name = "";
  CHECK(assess::forecast(c, s).status == ClientOutcomeStatus::connects);  // 505 bytes
}
