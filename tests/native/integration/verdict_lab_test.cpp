// Verdicts on the running lab: each endpoint's saved document reads back unchanged (the offline
// path of `tlsready verdict`), and its readiness per built-in policy is the one written here by
// hand from the endpoint's configuration (tests/lab/endpoints.py).
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "assess/policy_file.h"
#include "assess/scan_document.h"
#include "assess/verdict.h"
#include "integration/lab_manifest.h"
#include "model/scan_result_json.h"
#include "model/verdict_json.h"
#include "probe/endpoint_scanner.h"

namespace {

using nlohmann::json;

struct Expected {
  std::map<std::string, std::string> readiness;           // policy id -> readiness
  std::map<std::string, std::set<std::string>> findings;  // policy id -> finding ids that must be there
};

// By hand from tests/lab/endpoints.py (lab CA trusted, SNI localhost; lab certificates are RSA 2048
// signed with SHA-256 unless said otherwise, valid for longer than 90 days).
const std::map<std::string, Expected>& expectations() {
  static const std::map<std::string, Expected> kExpected = {
      {"tls13_only",
       {{{"m365", "not_ready"},
         {"mozilla-modern", "ready_with_warnings"},
         {"tls12-strict", "ready"},
         {"mozilla-intermediate", "ready_with_warnings"},
         {"nist-800-52r2", "not_ready"}},
        {{"m365", {"ENDPOINT-TLS12-NOT-ACCEPTED", "ENDPOINT-NO-REQUIRED-SUITE"}},
         {"mozilla-modern", {"ENDPOINT-CERT-KEY-NOT-ALLOWED"}}}}},
      {"tls12_13_server_pref",
       {{{"m365", "ready_with_warnings"},
         {"mozilla-intermediate", "ready_with_warnings"},
         {"mozilla-modern", "not_ready"},
         {"tls12-strict", "not_ready"}},
        {{"m365", {"ENDPOINT-SUITE-NOT-ALLOWED"}},
         {"mozilla-modern", {"ENDPOINT-VERSION-NOT-ALLOWED"}},
         {"tls12-strict", {"ENDPOINT-NON-AEAD-SUITE"}}}}},
      {"tls10_12_client_pref",
       {{{"m365", "ready_with_warnings"},
         {"pci-dss", "not_ready"},
         {"mozilla-intermediate", "not_ready"},
         {"mozilla-old", "ready_with_warnings"}},
        {{"m365", {"ENDPOINT-TLS10-TLS11-ACCEPTED", "ENDPOINT-SUITE-NOT-ALLOWED"}},
         {"pci-dss", {"ENDPOINT-TLS10-TLS11-ACCEPTED"}}}}},
      {"tls10_legacy_3des_rc4",
       {{{"m365", "not_ready"}, {"mozilla-old", "not_ready"}, {"pci-dss", "not_ready"}},
        {{"m365",
          {"ENDPOINT-3DES-ACCEPTED", "ENDPOINT-TLS10-TLS11-ACCEPTED", "ENDPOINT-TLS12-NOT-ACCEPTED",
           "ENDPOINT-BROKEN-CIPHER-ACCEPTED"}}}}},
      {"rsa1024_sha1",
       {{{"m365", "not_ready"}, {"pci-dss", "not_ready"}},
        {{"m365", {"ENDPOINT-CERT-SHA1-SIGNATURE", "ENDPOINT-CERT-KEY-TOO-SMALL"}}}}},
      {"expired_cert", {{{"m365", "not_ready"}}, {{"m365", {"ENDPOINT-CERT-EXPIRED"}}}}},
      {"wrong_hostname", {{{"m365", "not_ready"}}, {{"m365", {"ENDPOINT-CERT-HOSTNAME-MISMATCH"}}}}},
      {"self_signed", {{{"m365", "not_ready"}}, {{"m365", {"ENDPOINT-CERT-UNTRUSTED"}}}}},
      {"dhe_1024",
       {{{"mozilla-intermediate", "not_ready"}, {"mozilla-old", "ready_with_warnings"}},
        {{"mozilla-intermediate", {"ENDPOINT-DH-TOO-SMALL"}}}}},
      {"dhe_2048", {{{"tls12-strict", "ready"}, {"m365", "not_ready"}}, {{"m365", {"ENDPOINT-NO-REQUIRED-SUITE"}}}}},
      {"hostile_refused", {{{"m365", "unknown"}, {"mozilla-modern", "unknown"}}, {}}},
  };
  return kExpected;
}

}  // namespace

TEST_CASE("lab endpoints read back from their documents and get the expected verdicts", "[integration][verdict]") {
  const json lab = tlsready::test::load_lab_manifest();
  const tlsready::probe::ScanOptions options = tlsready::test::lab_scan_options(lab);
  size_t judged = 0;
  for (const auto& endpoint : lab["endpoints"]) {
    const std::string name = endpoint["name"].get<std::string>();
    const auto expected = expectations().find(name);
    if (expected == expectations().end()) continue;
    INFO("lab endpoint " << name);
    const json document = tlsready::probe::scan_endpoint(tlsready::test::lab_endpoint_target(endpoint), options);
    const auto result = tlsready::assess::endpoint_result_from_document(document);
    CHECK(json(result) == document);  // round trip of a real scan
    for (const auto& [policy, readiness] : expected->second.readiness) {
      const json verdict = tlsready::assess::judge(result, *tlsready::assess::find_builtin_policy(policy));
      INFO("policy " << policy << ": " << verdict.dump(1));
      CHECK(verdict["readiness"] == readiness);
      const auto wanted = expected->second.findings.find(policy);
      if (wanted == expected->second.findings.end()) continue;
      std::set<std::string> ids;
      for (const auto& finding : verdict["findings"]) ids.insert(finding["id"].get<std::string>());
      for (const auto& id : wanted->second) CHECK(ids.count(id) == 1);
    }
    ++judged;
  }
  CHECK(judged == expectations().size());
}
