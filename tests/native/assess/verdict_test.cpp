// The verdict engine on hand-built scan results: readiness per policy, the findings with their
// evidence, and unknown (with the reason) when the scan or a check did not conclude.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>

#include "assess/describe.h"
#include "assess/policy_file.h"
#include "assess/verdict.h"
#include "assess/verdict_summary.h"
#include "model/verdict_json.h"

using nlohmann::json;
namespace assess = tlsready::assess;
namespace model = tlsready::model;

namespace {

model::CertificateInfo leaf(const std::string& key_type, int bits, const std::string& signature) {
  model::CertificateInfo cert;
  cert.subject = "CN=localhost";
  cert.subject_common_name = "localhost";
  cert.issuer = "CN=Lab CA";
  cert.subject_alt_names = {"DNS:localhost"};
  cert.not_before = "2026-12-01T00:00:00Z";
  cert.not_after = "2027-02-01T00:00:00Z";
  cert.key_type = key_type;
  cert.key_bits = bits;
  cert.signature_algorithm = signature;
  return cert;
}

// Every version probed to a conclusion; `accepted` maps versions to their suites.
model::EndpointResult endpoint(const std::map<uint16_t, std::vector<uint16_t>>& accepted,
                               const model::CertificateInfo& cert = leaf("RSA", 2048, "sha256WithRSAEncryption")) {
  model::EndpointResult result;
  result.target = {"127.0.0.1", 8443, "localhost", model::StartTls::none};
  for (uint16_t version : std::vector<uint16_t>{0x0002, 0x0300, 0x0301, 0x0302, 0x0303, 0x0304}) {
    model::ProtocolResult protocol;
    protocol.version = version;
    protocol.check = model::CheckOutcome::completed();
    if (auto found = accepted.find(version); found != accepted.end()) {
      protocol.accepted = true;
      protocol.cipher_suites = found->second;
      protocol.server_preference = true;
      protocol.groups = {0x001D, 0x0017};
    }
    result.protocols.push_back(protocol);
  }
  model::CertificateResult certificate;
  certificate.source = "openssl_handshake";
  certificate.hostname = "localhost";
  certificate.analysis.certificates = {cert};
  certificate.analysis.trusted = true;
  certificate.analysis.hostname_matches = true;
  certificate.analysis.days_until_expiry = 60;
  result.certificate = certificate;
  result.checks = {model::CheckOutcome::completed(), model::CheckOutcome::completed(),
                   model::CheckOutcome::completed()};
  assess::describe_endpoint(result);
  return result;
}

model::Verdict judged(const model::EndpointResult& result, const std::string& policy) {
  return assess::judge(result, assess::resolve_policy(policy));
}

std::vector<std::string> ids(const model::Verdict& verdict) {
  std::vector<std::string> out;
  for (const auto& finding : verdict.findings) out.push_back(finding.id);
  std::sort(out.begin(), out.end());
  return out;
}

const model::Finding* finding(const model::Verdict& verdict, const std::string& id) {
  for (const auto& f : verdict.findings)
    if (f.id == id) return &f;
  return nullptr;
}

}  // namespace

TEST_CASE("a TLS 1.0 server with 3DES and RC4 is not ready for m365, with the findings", "[assess][verdict]") {
  const auto verdict = judged(endpoint({{0x0301, {0x0004, 0x0005, 0x000A}}}), "m365");
  CHECK(verdict.readiness == model::Readiness::not_ready);
  CHECK(verdict.policy == "m365");
  CHECK(verdict.subject == "127.0.0.1:8443");
  CHECK(ids(verdict) == std::vector<std::string>{"ENDPOINT-3DES-ACCEPTED", "ENDPOINT-BROKEN-CIPHER-ACCEPTED",
                                                 "ENDPOINT-NO-REQUIRED-SUITE", "ENDPOINT-TLS10-TLS11-ACCEPTED",
                                                 "ENDPOINT-TLS12-NOT-ACCEPTED"});
  const model::Finding* des = finding(verdict, "ENDPOINT-3DES-ACCEPTED");
  REQUIRE(des != nullptr);
  REQUIRE(des->evidence.size() == 1);
  CHECK(des->evidence[0].location == "127.0.0.1:8443 TLSv1.0");
  CHECK(des->evidence[0].observed == "accepted: TLS_RSA_WITH_3DES_EDE_CBC_SHA (0x000A) [triple_des]");
  const model::Finding* tls10 = finding(verdict, "ENDPOINT-TLS10-TLS11-ACCEPTED");
  REQUIRE(tls10 != nullptr);
  CHECK(tls10->evidence[0].observed ==
        "accepted with TLS_RSA_WITH_RC4_128_MD5 (0x0004), TLS_RSA_WITH_RC4_128_SHA (0x0005), "
        "TLS_RSA_WITH_3DES_EDE_CBC_SHA (0x000A)");
  CHECK(verdict.findings.front().severity >= verdict.findings.back().severity);  // worst first
  CHECK(verdict.inconclusive.empty());
}

TEST_CASE("a TLS 1.2 server with Microsoft's suites is ready for m365; extra suites are warnings",
          "[assess][verdict]") {
  CHECK(judged(endpoint({{0x0303, {0xC030, 0xC02F}}}), "m365").readiness == model::Readiness::ready);
  const auto extra = judged(endpoint({{0x0303, {0xC030, 0xCCA8}}, {0x0301, {0xC013}}}), "m365");
  CHECK(extra.readiness == model::Readiness::ready_with_warnings);
  CHECK(ids(extra) == std::vector<std::string>{"ENDPOINT-SUITE-NOT-ALLOWED", "ENDPOINT-TLS10-TLS11-ACCEPTED"});
  const auto sha1 = judged(endpoint({{0x0303, {0xC030}}}, leaf("RSA", 2048, "sha1WithRSAEncryption")), "m365");
  CHECK(sha1.readiness == model::Readiness::not_ready);
  CHECK(ids(sha1) == std::vector<std::string>{"ENDPOINT-CERT-SHA1-SIGNATURE"});
  CHECK(sha1.findings[0].evidence[0].location == "127.0.0.1:8443 leaf certificate (CN=localhost)");
}

TEST_CASE("a TLS 1.3-only server with an ECDSA certificate is ready for mozilla-modern", "[assess][verdict]") {
  const auto result = endpoint({{0x0304, {0x1301, 0x1302}}}, leaf("EC", 256, "ecdsa-with-SHA256"));
  CHECK(judged(result, "mozilla-modern").readiness == model::Readiness::ready);
  CHECK(judged(result, "tls12-strict").readiness == model::Readiness::ready);
  // Intermediate wants TLS 1.2 for its older clients (a warning); NIST wants TLS 1.2 (not ready).
  CHECK(judged(result, "mozilla-intermediate").readiness == model::Readiness::ready_with_warnings);
  CHECK(judged(result, "nist-800-52r2").readiness == model::Readiness::not_ready);
  // An RSA certificate: modern recommends ECDSA.
  const auto rsa = judged(endpoint({{0x0304, {0x1301}}}), "mozilla-modern");
  CHECK(rsa.readiness == model::Readiness::ready_with_warnings);
  CHECK(ids(rsa) == std::vector<std::string>{"ENDPOINT-CERT-KEY-NOT-ALLOWED", "ENDPOINT-CERT-SIGNATURE-NOT-ALLOWED"});
}

TEST_CASE("tls12-strict refuses CBC and RSA key transport; small DH fails intermediate", "[assess][verdict]") {
  const auto cbc = judged(endpoint({{0x0303, {0xC030, 0xC013, 0x009C}}}), "tls12-strict");
  CHECK(cbc.readiness == model::Readiness::not_ready);
  CHECK(ids(cbc) == std::vector<std::string>{"ENDPOINT-NON-AEAD-SUITE", "ENDPOINT-NON-FORWARD-SECRET-SUITE"});
  auto dhe = endpoint({{0x0303, {0x009E}}});
  dhe.protocols[4].dh_bits = 1024;
  const auto dh = judged(dhe, "mozilla-intermediate");
  CHECK(dh.readiness == model::Readiness::not_ready);
  REQUIRE(finding(dh, "ENDPOINT-DH-TOO-SMALL") != nullptr);
  CHECK(finding(dh, "ENDPOINT-DH-TOO-SMALL")->evidence[0].observed == "1024-bit DH prime (at least 2048)");
  CHECK(judged(dhe, "mozilla-old").readiness != model::Readiness::not_ready);  // old allows 1024-bit DH
}

TEST_CASE("a scan that failed gives unknown and says why", "[assess][verdict]") {
  model::EndpointResult refused;
  refused.target = {"127.0.0.1", 9, std::nullopt, model::StartTls::none};
  refused.error = model::ProbeError{tlsready::FailureKind::connection_refused, "connect to 127.0.0.1:9 refused", 1};
  for (uint16_t version : std::vector<uint16_t>{0x0002, 0x0300, 0x0301, 0x0302, 0x0303, 0x0304}) {
    model::ProtocolResult protocol;
    protocol.version = version;
    protocol.check = model::CheckOutcome::failed(tlsready::FailureKind::connection_refused, "connect refused");
    refused.protocols.push_back(protocol);
  }
  const auto verdict = judged(refused, "m365");
  CHECK(verdict.readiness == model::Readiness::unknown);
  CHECK(verdict.findings.empty());
  REQUIRE_FALSE(verdict.inconclusive.empty());
  CHECK(verdict.inconclusive[0] == "the scan ended with connection_refused: connect to 127.0.0.1:9 refused");
  CHECK_THAT(verdict.inconclusive[1],
             Catch::StartsWith("ENDPOINT-TLS12-NOT-ACCEPTED (TLS 1.2 not accepted) not judged: TLSv1.2 probe failed "
                               "(connection_refused)"));
}

TEST_CASE("a certificate check that did not conclude leaves the verdict unknown, naming it", "[assess][verdict]") {
  auto result = endpoint({{0x0303, {0xC030}}});
  result.certificate.reset();
  result.checks.certificate = model::CheckOutcome::failed(tlsready::FailureKind::timeout, "no answer");
  const auto verdict = judged(result, "m365");
  CHECK(verdict.readiness == model::Readiness::unknown);
  CHECK(std::any_of(verdict.inconclusive.begin(), verdict.inconclusive.end(), [](const std::string& line) {
    return line.find("ENDPOINT-CERT-SHA1-SIGNATURE") == 0 &&
           line.find("no certificate: certificate check failed (timeout): no answer") != std::string::npos;
  }));
  // A definite failure still stands when other facts are missing.
  result.protocols[2].accepted = true;  // TLS 1.0
  result.protocols[2].cipher_suites = {0x000A};
  CHECK(judged(result, "m365").readiness == model::Readiness::unknown);  // 3DES / TLS 1.0 are warnings for m365
  CHECK(judged(result, "nist-800-52r2").readiness == model::Readiness::not_ready);
}

TEST_CASE("a verdict's JSON form reads back to the same document", "[assess][verdict][json]") {
  const auto verdict = judged(endpoint({{0x0301, {0x000A}}}), "m365");
  const json document = verdict;
  CHECK(document["schema_version"] == "1.0");
  CHECK(document["document"] == "verdict");
  CHECK(document["readiness"] == "not_ready");
  CHECK(document["findings"][0]["registry_changes"] == json::array());
  CHECK(json(document.get<model::Verdict>()) == document);
  json bad = document;
  bad["readiness"] = "maybe";
  CHECK_THROWS_WITH(bad.get<model::Verdict>(),
                    "verdict: readiness: unknown value 'maybe' (ready, ready_with_warnings, not_ready, unknown)");
}

TEST_CASE("a summary counts readiness and ranks findings by endpoints", "[assess][verdict]") {
  std::vector<model::Verdict> verdicts = {
      judged(endpoint({{0x0301, {0x000A}}}), "m365"),
      judged(endpoint({{0x0303, {0xC030}}}), "m365"),
      judged(endpoint({{0x0303, {0xC030}}, {0x0302, {0x000A}}}), "m365"),
  };
  const auto summary = assess::summarize(verdicts);
  CHECK(summary.endpoints == 3);
  CHECK(summary.not_ready == 1);
  CHECK(summary.ready == 1);
  CHECK(summary.ready_with_warnings == 1);
  CHECK(summary.policies == std::vector<std::string>{"m365"});
  REQUIRE_FALSE(summary.top_findings.empty());
  CHECK(summary.top_findings[0].endpoints == 2);  // TLS 1.0/1.1 and 3DES: on two endpoints
  const json document = summary;
  CHECK(document["document"] == "verdict_summary");
  CHECK(document["readiness"]["not_ready"] == 1);
}
