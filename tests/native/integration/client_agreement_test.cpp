// Forecast and simulation agree (issue 13): for every lab endpoint that speaks TLS and every
// built-in client profile, the outcome computed from the scan's facts (assess::forecast) is the
// outcome observed by sending that client's hello (probe::simulate_clients). Where the wire cannot
// tell two reasons apart, the equivalence is named below and nowhere else.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "assess/client_forecast.h"
#include "assess/client_profiles.h"
#include "assess/client_rules.h"
#include "assess/server_profile_from_scan.h"
#include "common/hex.h"
#include "integration/lab_manifest.h"
#include "probe/client_simulation.h"
#include "probe/endpoint_scanner.h"

namespace {

using nlohmann::json;
namespace assess = tlsready::assess;
namespace model = tlsready::model;
namespace probe = tlsready::probe;
using model::ClientFailure;

std::string describe(const model::ClientOutcome& outcome) {
  std::ostringstream text;
  text << model::to_string(outcome.status);
  if (outcome.version) text << " " << model::display_name(*outcome.version);
  if (outcome.cipher_suite) text << " " << tlsready::hex::code16(*outcome.cipher_suite);
  if (outcome.group) text << " group " << tlsready::hex::code16(*outcome.group);
  text << " " << model::to_string(outcome.reason) << ": " << outcome.detail;
  return text.str();
}

// A refusal the wire shows as one alert for several causes: OpenSSL, GnuTLS and SCHANNEL answer
// handshake_failure both for "no suite in common" and for "no group in common" (and a TLS 1.3-only
// stack for a TLS 1.2 hello); the forecast, which knows the server's facts, names the cause.
// A server that cannot parse an SSLv2-compatible CLIENT-HELLO drops it; such a client (IE 6, Java 6)
// offers versions the server does not take anyway, which is the reason the forecast names.
bool same_refusal(const model::ClientProfile& client, ClientFailure forecast, ClientFailure simulation) {
  if (forecast == simulation) return true;
  if (simulation == ClientFailure::no_common_suite &&
      (forecast == ClientFailure::no_common_group || forecast == ClientFailure::no_common_version))
    return true;
  return client.hello_format == model::HelloFormat::sslv2_compatible && simulation == ClientFailure::hello_rejected &&
         forecast == ClientFailure::no_common_version;
}

// Where forecast and simulation still disagree, each for a fact the scan does not yet measure or a
// lab server that is not yet realistic (issue 13's note lists them as work left). Any other
// disagreement fails the test; an entry that no longer disagrees fails it too, so the list only
// shrinks.
struct KnownGap {
  const char* endpoint;
  const char* why;
};
// Closed in session 6: hello_size_512 (the simulated hello is padded to the real client's size),
// sslv3_scripted / sslv3_ecdhe (the scripted SSLv3 servers answer TLS and SSLv2-compatible hellos
// with SSLv3, as real ones do), dhe_needs_ffdhe (a scan fact), sni_required / ie-6-xp (the version
// is judged before the server name, as OpenSSL does).
const std::vector<KnownGap> kKnownGaps = {};

const KnownGap* known_gap(const std::string& endpoint) {
  for (const KnownGap& gap : kKnownGaps)
    if (endpoint == gap.endpoint) return &gap;
  return nullptr;
}

probe::KnownCertificate known_certificate(const model::ServerProfile& server) {
  probe::KnownCertificate known;
  known.key_type = server.certificate_key_type;
  known.key_bits = server.certificate_key_bits;
  known.signature_hash = server.certificate_signature_hash;
  known.chain_has_sha1_signature = server.chain_has_sha1_signature;
  return known;
}

}  // namespace

TEST_CASE("forecast and simulation agree on every lab endpoint for every profile",
          "[integration][clients][agreement]") {
  const json lab = tlsready::test::load_lab_manifest();
  const auto options = tlsready::test::lab_scan_options(lab);
  const std::vector<model::ClientProfile>& clients = assess::client_profiles();
  int compared = 0;
  int unknown = 0;
  int endpoints = 0;
  int starttls_endpoints = 0;
  std::map<std::string, int> gap_disagreements;
  for (const auto& endpoint : lab["endpoints"]) {
    // STARTTLS endpoints (an SMTP relay) too: scan and simulation both speak the dialogue first.
    const bool starttls = endpoint["starttls"].is_string() && endpoint["starttls"] != "none";
    const auto target = tlsready::test::lab_endpoint_target(endpoint);
    const auto scan = probe::scan_endpoint(target, options);
    if (scan.error) continue;  // hostile and silent endpoints: nothing to forecast from
    const model::ServerProfile server = assess::server_profile_from_scan(scan);
    if (server.versions.empty()) continue;
    ++endpoints;
    if (starttls) ++starttls_endpoints;
    const auto simulated = probe::simulate_clients(target, clients, options, nullptr, known_certificate(server));
    REQUIRE(simulated.outcomes.size() == clients.size());
    for (std::size_t i = 0; i < clients.size(); ++i) {
      const auto forecast = assess::forecast(clients[i], server);
      const auto& observed = simulated.outcomes[i];
      INFO(endpoint["name"].get<std::string>() << " / " << clients[i].id << "\n  forecast:   " << describe(forecast)
                                               << "\n  simulation: " << describe(observed));
      if (forecast.status == model::ClientOutcomeStatus::unknown ||
          observed.status == model::ClientOutcomeStatus::unknown) {
        ++unknown;
        continue;
      }
      ++compared;
      bool agree = forecast.status == observed.status;
      if (agree && forecast.status == model::ClientOutcomeStatus::connects) {
        // The group is the server's pick among the shared ones (TLS 1.2 servers use their own
        // order): agreement is that the observed one is shared, not that the forecast guessed it.
        const auto& offer = *std::find_if(server.versions.begin(), server.versions.end(),
                                          [&](const auto& v) { return v.version == *forecast.version; });
        const bool group_shared = !observed.group || clients[i].groups.empty() ||
                                  (std::find(clients[i].groups.begin(), clients[i].groups.end(), *observed.group) !=
                                       clients[i].groups.end() &&
                                   (offer.groups.empty() || std::find(offer.groups.begin(), offer.groups.end(),
                                                                      *observed.group) != offer.groups.end()));
        agree = forecast.version == observed.version && forecast.cipher_suite == observed.cipher_suite && group_shared;
      } else if (agree) {
        agree = same_refusal(clients[i], forecast.reason, observed.reason);
      }
      const std::string name = endpoint["name"].get<std::string>();
      if (!agree && known_gap(name) != nullptr) {
        ++gap_disagreements[name];
        continue;
      }
      CHECK(agree);
    }
  }
  for (const KnownGap& gap : kKnownGaps) {
    INFO("known gap that no longer disagrees (remove it): " << gap.endpoint << ": " << gap.why);
    CHECK(gap_disagreements[gap.endpoint] > 0);
  }
  WARN(endpoints << " endpoints, " << compared << " outcomes compared, " << unknown << " unknown");
  CHECK(endpoints >= 20);
  CHECK(starttls_endpoints >= 1);  // smtp_starttls
  CHECK(compared > unknown * 4);  // the forecast answers most questions: unknowns are the exception
}

TEST_CASE("the scan learns whether the server requires SNI, with one hello without it", "[integration][clients][sni]") {
  const json lab = tlsready::test::load_lab_manifest();
  const auto options = tlsready::test::lab_scan_options(lab);
  bool saw_required = false;
  bool saw_not_required = false;
  for (const auto& endpoint : lab["endpoints"]) {
    const std::string name = endpoint["name"].get<std::string>();
    if (name != "sni_required" && name != "tls12_13_server_pref") continue;
    auto target = tlsready::test::lab_endpoint_target(endpoint);
    INFO(name);
    const auto scan = probe::scan_endpoint(target, options);
    REQUIRE_FALSE(scan.error);
    REQUIRE(scan.sni.required.has_value());
    CHECK(*scan.sni.required == (name == "sni_required"));
    CHECK(assess::server_profile_from_scan(scan).requires_sni == (name == "sni_required"));
    (name == "sni_required" ? saw_required : saw_not_required) = true;
    // No name sent (an IP literal, no --sni): nothing to compare with, not asked: fewer connections.
    target.sni.reset();
    const auto without = probe::scan_endpoint(target, options);
    CHECK_FALSE(without.sni.required.has_value());
    CHECK(without.connections < scan.connections);
  }
  CHECK(saw_required);
  CHECK(saw_not_required);
}

namespace {

const json* lab_endpoint(const json& lab, const std::string& name) {
  for (const auto& endpoint : lab["endpoints"])
    if (endpoint["name"] == name) return &endpoint;
  return nullptr;
}

model::ClientOutcome simulate_one(const json& lab, const std::string& endpoint, const char* client_id) {
  const json* found = lab_endpoint(lab, endpoint);
  REQUIRE(found != nullptr);
  const model::ClientProfile* client = assess::find_client_profile(client_id);
  REQUIRE(client != nullptr);
  const auto result = probe::simulate_clients(tlsready::test::lab_endpoint_target(*found), {*client},
                                              tlsready::test::lab_scan_options(lab));
  REQUIRE(result.outcomes.size() == 1);
  return result.outcomes.front();
}

}  // namespace

TEST_CASE("an SSLv3-only lab server answers a TLS 1.0 hello with SSLv3, as real ones do",
          "[integration][clients][sslv3]") {
  const json lab = tlsready::test::load_lab_manifest();
  // IE 8 on XP offers SSLv3-TLS 1.0 (RFC 6101 E.1: the server answers with the highest it has).
  const auto ie8 = simulate_one(lab, "sslv3_scripted", "ie-8-xp");
  INFO(describe(ie8));
  CHECK(ie8.status == model::ClientOutcomeStatus::connects);
  CHECK(ie8.version == model::ProtocolVersion::ssl3);
  CHECK(ie8.cipher_suite == 0x000A);
  // A TLS 1.0-only client is refused by its own rule (SSLv3 is below its minimum).
  const auto strict = simulate_one(lab, "sslv3_ecdhe", "ie-11-win10");
  INFO(describe(strict));
  CHECK(strict.status == model::ClientOutcomeStatus::fails);
  CHECK(strict.reason == ClientFailure::no_common_version);
  // The scan still finds SSLv3 only: the SSLv3 answer to its TLS hellos is not TLS.
  for (const char* name : {"sslv3_scripted", "sslv3_ecdhe"}) {
    INFO(name);
    const auto scan = probe::scan_endpoint(tlsready::test::lab_endpoint_target(*lab_endpoint(lab, name)),
                                           tlsready::test::lab_scan_options(lab));
    REQUIRE_FALSE(scan.error);
    for (const auto& protocol : scan.protocols) CHECK(protocol.accepted == (protocol.version == 0x0300));
  }
}

TEST_CASE("the scan learns whether DHE needs an RFC 7919 group, and the forecast uses it",
          "[integration][clients][ffdhe]") {
  const json lab = tlsready::test::load_lab_manifest();
  const auto options = tlsready::test::lab_scan_options(lab);
  for (const char* name : {"dhe_needs_ffdhe", "dhe_1024"}) {
    INFO(name);
    const json* endpoint = lab_endpoint(lab, name);
    REQUIRE(endpoint != nullptr);
    const auto scan = probe::scan_endpoint(tlsready::test::lab_endpoint_target(*endpoint), options);
    REQUIRE_FALSE(scan.error);
    const auto tls12 = std::find_if(scan.protocols.begin(), scan.protocols.end(),
                                    [](const model::ProtocolResult& p) { return p.version == 0x0303; });
    REQUIRE(tls12 != scan.protocols.end());
    REQUIRE(tls12->dhe_needs_ffdhe.has_value());
    CHECK(*tls12->dhe_needs_ffdhe == (std::string(name) == "dhe_needs_ffdhe"));
    // TLS 1.3 is never asked; nor a version without DHE.
    for (const auto& protocol : scan.protocols)
      if (protocol.version != 0x0303) CHECK_FALSE(protocol.dhe_needs_ffdhe.has_value());
    if (std::string(name) == "dhe_needs_ffdhe") {
      // Java 8 lists no FFDHE group: refused (no common suite), by the forecast and on the wire.
      const model::ClientProfile* java8 = assess::find_client_profile("java-8u161");
      REQUIRE(java8 != nullptr);
      const auto forecast = assess::forecast(*java8, assess::server_profile_from_scan(scan));
      CHECK(forecast.reason == ClientFailure::no_common_suite);
      CHECK(simulate_one(lab, name, "java-8u161").reason == ClientFailure::no_common_suite);
    }
  }
}

TEST_CASE("behind a middlebox dropping hellos above 512 bytes, clients with bigger hellos are dropped",
          "[integration][clients][hello_size]") {
  const json lab = tlsready::test::load_lab_manifest();
  // Chrome 137's hello carries an X25519MLKEM768 share (1.7 KB as captured): dropped, as Chrome is.
  const auto chrome = simulate_one(lab, "hello_size_512", "chrome-137-win11");
  INFO(describe(chrome));
  CHECK(chrome.status == model::ClientOutcomeStatus::fails);
  CHECK(chrome.reason == ClientFailure::hello_rejected);
  // Android 7.0's (about 160 bytes) passes.
  const auto android = simulate_one(lab, "hello_size_512", "android-7.0");
  INFO(describe(android));
  CHECK(android.status == model::ClientOutcomeStatus::connects);
}

TEST_CASE("the simulation speaks STARTTLS first on an SMTP relay", "[integration][clients][starttls]") {
  const json lab = tlsready::test::load_lab_manifest();
  const json* relay = lab_endpoint(lab, "smtp_starttls");
  REQUIRE(relay != nullptr);
  const auto target = tlsready::test::lab_endpoint_target(*relay);
  REQUIRE(target.starttls == model::StartTls::smtp);
  const auto outcome = simulate_one(lab, "smtp_starttls", "openssl-3");
  INFO(describe(outcome));
  CHECK(outcome.status == model::ClientOutcomeStatus::connects);
  // Without the dialogue the relay's banner is not a ServerHello: the same client cannot connect.
  auto plain = target;
  plain.starttls = model::StartTls::none;
  const auto direct = probe::simulate_clients(plain, {*assess::find_client_profile("openssl-3")},
                                              tlsready::test::lab_scan_options(lab));
  CHECK(direct.outcomes.front().status != model::ClientOutcomeStatus::connects);
}
