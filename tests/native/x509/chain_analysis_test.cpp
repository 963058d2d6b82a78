// analyze_chain: trust, hostname, validity at a pinned time, weak crypto, order, bad input.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "x509/certificate_info.h"
#include "x509/test_pki.h"

namespace {

using namespace tlsready::x509;
using namespace tlsready::x509::testing;

using Chain = std::vector<Der>;

using tlsready::model::CertificateProblemCode;

// The problem `text` is there, with the code `code`.
bool has_problem(const ChainAnalysis& analysis, CertificateProblemCode code, const std::string& text) {
  return std::any_of(analysis.problems.begin(), analysis.problems.end(), [&](const CertificateProblem& problem) {
    return problem.code == code && problem.message == text;
  });
}

bool has_problem_containing(const ChainAnalysis& analysis, const std::string& text) {
  return std::any_of(analysis.problems.begin(), analysis.problems.end(), [&](const CertificateProblem& problem) {
    return problem.message.find(text) != std::string::npos;
  });
}

std::vector<std::string> messages(const ChainAnalysis& analysis) {
  std::vector<std::string> out;
  for (const auto& problem : analysis.problems) out.push_back(problem.message);
  return out;
}

// Trusts exactly the test root, nothing from the system.
struct TrustedRoot {
  TempFile file{to_pem(pki().root.get())};
  TrustOptions options{false, file.path()};
};

Chain good_chain() { return {to_der(pki().leaf.get()), to_der(pki().intermediate.get())}; }

}  // namespace

TEST_CASE("a complete chain to a trusted root is trusted and clean", "[x509][chain][trust]") {
  const TrustedRoot root;
  const ChainAnalysis analysis = analyze_chain(good_chain(), "localhost", root.options, kNow);
  CHECK(analysis.trusted);
  CHECK(!analysis.verify_error);
  CHECK(analysis.hostname_matches);
  CHECK_FALSE(analysis.expired);
  CHECK_FALSE(analysis.not_yet_valid);
  CHECK_FALSE(analysis.self_signed);
  CHECK(analysis.chain_in_order);
  CHECK(analysis.days_until_expiry == 365);
  CHECK(analysis.problems.empty());
  REQUIRE(analysis.certificates.size() == 2);
  CHECK(analysis.certificates[0].subject_common_name == "localhost");
  CHECK(analysis.certificates[1].subject_common_name == "tlsready Test Intermediate CA");
  CHECK(analysis.certificates[1].is_ca);
}

TEST_CASE("the system store can be combined with a CA file", "[x509][chain][trust]") {
  TrustedRoot root;
  root.options.use_system_store = true;
  const ChainAnalysis analysis = analyze_chain(good_chain(), "localhost", root.options, kNow);
  CHECK(analysis.trusted);
  CHECK_FALSE(has_problem_containing(analysis, "CA file"));
}

TEST_CASE("a chain to an unknown root is not trusted", "[x509][chain][trust]") {
  const ChainAnalysis analysis = analyze_chain(good_chain(), "localhost", TrustOptions{false, ""}, kNow);
  CHECK_FALSE(analysis.trusted);
  CHECK(analysis.verify_error == "unable to get local issuer certificate (depth 1)");
  CHECK(has_problem(analysis, CertificateProblemCode::untrusted,
                    "not trusted: unable to get local issuer certificate (depth 1)"));
  CHECK(has_problem_containing(analysis, "not trusted: unable to get local issuer certificate"));
  CHECK(analysis.hostname_matches);
  CHECK(analysis.problems.size() == 1);
}

TEST_CASE("a leaf served without its intermediate is not trusted", "[x509][chain][trust]") {
  const TrustedRoot root;
  const ChainAnalysis analysis = analyze_chain({to_der(pki().leaf.get())}, "localhost", root.options, kNow);
  CHECK_FALSE(analysis.trusted);
  CHECK(analysis.verify_error == "unable to get local issuer certificate (depth 0)");
}

TEST_CASE("a missing CA file is reported and the chain still analysed", "[x509][chain][trust]") {
  const TrustOptions options{false, "/nonexistent/tlsready/ca.pem"};
  const ChainAnalysis analysis = analyze_chain(good_chain(), "localhost", options, kNow);
  CHECK(has_problem(analysis, CertificateProblemCode::ca_file_unusable,
                    "CA file '/nonexistent/tlsready/ca.pem' cannot be read; it was not used"));
  CHECK_FALSE(analysis.trusted);
  CHECK(analysis.hostname_matches);
  CHECK(analysis.certificates.size() == 2);
  CHECK(analysis.days_until_expiry == 365);
}

TEST_CASE("a CA file without certificates is reported", "[x509][chain][trust]") {
  const TempFile garbage("this is not PEM\n");
  const ChainAnalysis analysis = analyze_chain(good_chain(), "localhost", TrustOptions{false, garbage.path()}, kNow);
  CHECK(has_problem_containing(analysis, "holds no PEM certificate"));
  CHECK_FALSE(analysis.trusted);
}

TEST_CASE("an expired leaf is flagged with its date", "[x509][chain][validity]") {
  const TrustedRoot root;
  const Chain chain = {to_der(pki().expired.get()), to_der(pki().intermediate.get())};
  const ChainAnalysis analysis = analyze_chain(chain, "localhost", root.options, kNow);
  CHECK(analysis.expired);
  CHECK_FALSE(analysis.not_yet_valid);
  CHECK(analysis.days_until_expiry == -1826);
  CHECK(has_problem(analysis, CertificateProblemCode::expired, "certificate expired on 2021-01-01T00:00:00Z"));
  // Trust is the path to an anchor; the expiry is its own verdict, not a trust failure.
  CHECK(analysis.trusted);
  CHECK(!analysis.verify_error);
}

TEST_CASE("validity follows the pinned time, not the clock", "[x509][chain][validity]") {
  const TrustedRoot root;
  const Chain chain = {to_der(pki().expired.get()), to_der(pki().intermediate.get())};
  const ChainAnalysis in_2020 = analyze_chain(chain, "localhost", root.options, k2020 + 30 * kDay);
  CHECK(in_2020.trusted);
  CHECK_FALSE(in_2020.expired);
  CHECK(in_2020.days_until_expiry == 336);  // 2020 is a leap year
  CHECK(in_2020.problems.empty());

  const ChainAnalysis hour_after = analyze_chain(chain, "localhost", root.options, k2021 + 3600);
  CHECK(hour_after.expired);
  CHECK(hour_after.days_until_expiry == -1);
}

TEST_CASE("a leaf not yet valid is flagged", "[x509][chain][validity]") {
  const TrustedRoot root;
  const Chain chain = {to_der(pki().not_yet_valid.get()), to_der(pki().intermediate.get())};
  const ChainAnalysis analysis = analyze_chain(chain, "localhost", root.options, kNow);
  CHECK(analysis.not_yet_valid);
  CHECK_FALSE(analysis.expired);
  CHECK(has_problem(analysis, CertificateProblemCode::not_yet_valid,
                    "certificate is not valid before 2030-01-01T00:00:00Z"));
  CHECK(analysis.trusted);
  CHECK(!analysis.verify_error);
}

TEST_CASE("a leaf expiring within 30 days is flagged", "[x509][chain][validity]") {
  const TrustedRoot root;
  const Chain chain = {to_der(pki().expiring_soon.get()), to_der(pki().intermediate.get())};
  const ChainAnalysis analysis = analyze_chain(chain, "localhost", root.options, kNow);
  CHECK(analysis.trusted);
  CHECK(analysis.days_until_expiry == 10);
  CHECK(has_problem(analysis, CertificateProblemCode::expires_soon,
                    "certificate expires in 10 days (on 2026-01-11T01:00:00Z)"));
}

TEST_CASE("a 1024-bit SHA-1 leaf still verifies and is reported as weak", "[x509][chain][weak]") {
  const TrustedRoot root;
  const ChainAnalysis analysis = analyze_chain({to_der(pki().weak.get())}, "localhost", root.options, kNow);
  CHECK(analysis.trusted);
  CHECK(!analysis.verify_error);
  CHECK(has_problem(analysis, CertificateProblemCode::weak_key, "RSA key of 1024 bits (< 2048)"));
  CHECK(
      has_problem(analysis, CertificateProblemCode::weak_signature_hash, "signed with SHA-1 (sha1WithRSAEncryption)"));
  CHECK(analysis.problems.size() == 2);
}

TEST_CASE("weak intermediates are named by position", "[x509][chain][weak]") {
  const Pki& p = pki();
  const X509Ptr weak_intermediate =
      make_certificate({.common_name = "Weak Intermediate", .serial = 40, .ca = true, .digest = EVP_sha1()},
                       p.weak_key.get(), p.root.get(), p.root_key.get());
  const X509Ptr leaf =
      make_certificate({.common_name = "localhost", .serial = 41, .subject_alt_names = "DNS:localhost"},
                       p.leaf_key.get(), weak_intermediate.get(), p.weak_key.get());
  const TrustedRoot root;
  const ChainAnalysis analysis =
      analyze_chain({to_der(leaf.get()), to_der(weak_intermediate.get())}, "localhost", root.options, kNow);
  CHECK(analysis.trusted);
  CHECK(has_problem(analysis, CertificateProblemCode::weak_key,
                    "certificate #1 (CN=Weak Intermediate,O=tlsready lab): RSA key of 1024 bits (< 2048)"));
  CHECK(has_problem(analysis, CertificateProblemCode::weak_signature_hash,
                    "certificate #1 (CN=Weak Intermediate,O=tlsready lab): signed with SHA-1 (sha1WithRSAEncryption)"));
  CHECK(analysis.problems.size() == 2);
}

TEST_CASE("a self-signed leaf is flagged, trusted only when pinned", "[x509][chain][self-signed]") {
  const Chain chain = {to_der(pki().self_signed.get())};
  SECTION("not in the trust store") {
    const ChainAnalysis analysis = analyze_chain(chain, "localhost", TrustOptions{false, ""}, kNow);
    CHECK(analysis.self_signed);
    CHECK_FALSE(analysis.trusted);
    CHECK(analysis.verify_error == "self-signed certificate (depth 0)");
    CHECK(has_problem(analysis, CertificateProblemCode::self_signed, "self-signed certificate"));
    CHECK(has_problem(analysis, CertificateProblemCode::untrusted, "not trusted: self-signed certificate (depth 0)"));
    CHECK(analysis.hostname_matches);
  }
  SECTION("given as the CA file") {
    const TempFile pinned(to_pem(pki().self_signed.get()));
    const ChainAnalysis analysis = analyze_chain(chain, "localhost", TrustOptions{false, pinned.path()}, kNow);
    CHECK(analysis.self_signed);
    CHECK(analysis.trusted);
    CHECK(has_problem(analysis, CertificateProblemCode::self_signed, "self-signed certificate"));
  }
}

TEST_CASE("a certificate for another name does not match", "[x509][chain][hostname]") {
  const TrustedRoot root;
  const Chain chain = {to_der(pki().wrong_name.get()), to_der(pki().intermediate.get())};
  const ChainAnalysis analysis = analyze_chain(chain, "localhost", root.options, kNow);
  CHECK(analysis.trusted);
  CHECK_FALSE(analysis.hostname_matches);
  CHECK(messages(analysis) ==
        std::vector<std::string>{"hostname 'localhost' does not match the certificate (DNS:wrong.example.invalid)"});
}

TEST_CASE("hostnames and IP literals match as RFC 6125 says", "[x509][chain][hostname]") {
  const TrustedRoot root;
  const auto matches = [&](const std::string& host) {
    return analyze_chain(good_chain(), host, root.options, kNow).hostname_matches;
  };
  CHECK(matches("localhost"));
  CHECK(matches("LOCALHOST"));
  CHECK(matches("localhost."));
  CHECK(matches("a.example.test"));
  CHECK_FALSE(matches("a.b.example.test"));
  CHECK_FALSE(matches("example.test"));
  CHECK(matches("127.0.0.1"));
  CHECK_FALSE(matches("127.0.0.2"));
  CHECK(matches("::1"));
  CHECK(matches("[::1]"));
  CHECK(matches("0:0:0:0:0:0:0:1"));
  CHECK_FALSE(matches("::2"));
  CHECK_FALSE(matches("admin@example.test"));

  const ChainAnalysis no_name = analyze_chain(good_chain(), "", root.options, kNow);
  CHECK_FALSE(no_name.hostname_matches);
  CHECK(no_name.problems.empty());
}

TEST_CASE("partial wildcards are not honoured", "[x509][chain][hostname]") {
  const TrustedRoot root;
  const Chain chain = {to_der(pki().partial_wildcard.get()), to_der(pki().intermediate.get())};
  const ChainAnalysis analysis = analyze_chain(chain, "www.example.test", root.options, kNow);
  CHECK_FALSE(analysis.hostname_matches);
  CHECK(has_problem(analysis, CertificateProblemCode::hostname_mismatch,
                    "hostname 'www.example.test' does not match the certificate (DNS:w*.example.test)"));
}

TEST_CASE("a chain served out of order is flagged but still verifies", "[x509][chain][order]") {
  const TrustedRoot root;
  const Chain chain = {to_der(pki().leaf.get()), to_der(pki().root.get()), to_der(pki().intermediate.get())};
  const ChainAnalysis analysis = analyze_chain(chain, "localhost", root.options, kNow);
  CHECK_FALSE(analysis.chain_in_order);
  CHECK(analysis.trusted);
  CHECK(messages(analysis) ==
        std::vector<std::string>{"the served chain is not in order: certificate #1 did not issue certificate #0"});
  REQUIRE(analysis.certificates.size() == 3);
  CHECK(analysis.certificates[1].self_signed);
}

TEST_CASE("a chain including its root in order is fine", "[x509][chain][order]") {
  const TrustedRoot root;
  const Chain chain = {to_der(pki().leaf.get()), to_der(pki().intermediate.get()), to_der(pki().root.get())};
  const ChainAnalysis analysis = analyze_chain(chain, "localhost", root.options, kNow);
  CHECK(analysis.chain_in_order);
  CHECK(analysis.trusted);
  CHECK(analysis.problems.empty());
}

TEST_CASE("an empty chain says the server sent no certificate", "[x509][chain][malformed]") {
  const ChainAnalysis analysis = analyze_chain({}, "localhost", TrustOptions{}, kNow);
  CHECK(messages(analysis) == std::vector<std::string>{"the server sent no certificate"});
  CHECK(analysis.has_problem(CertificateProblemCode::no_certificate));
  CHECK(analysis.certificates.empty());
  CHECK_FALSE(analysis.trusted);
  CHECK_FALSE(analysis.hostname_matches);
}

TEST_CASE("unparsable certificates are named by position", "[x509][chain][malformed]") {
  const TrustedRoot root;
  SECTION("an intermediate") {
    const Chain chain = {to_der(pki().leaf.get()), Der{0x30, 0x82, 0x01}};
    const ChainAnalysis analysis = analyze_chain(chain, "localhost", root.options, kNow);
    CHECK(has_problem(analysis, CertificateProblemCode::unparsable_certificate,
                      "certificate #1 of the served chain could not be parsed as DER X.509"));
    REQUIRE(analysis.certificates.size() == 1);
    CHECK(analysis.hostname_matches);
    CHECK_FALSE(analysis.trusted);  // the intermediate is missing
  }
  SECTION("the leaf") {
    const Chain chain = {Der{0xDE, 0xAD, 0xBE, 0xEF}, to_der(pki().intermediate.get())};
    const ChainAnalysis analysis = analyze_chain(chain, "localhost", root.options, kNow);
    CHECK(has_problem(analysis, CertificateProblemCode::unparsable_certificate,
                      "certificate #0 (the leaf) of the served chain could not be parsed as DER X.509"));
    CHECK_FALSE(analysis.trusted);
    CHECK_FALSE(analysis.hostname_matches);
    CHECK(analysis.verify_error == "the leaf certificate could not be parsed");
    CHECK(analysis.certificates.size() == 1);
  }
  SECTION("an empty entry") {
    const ChainAnalysis analysis = analyze_chain({Der{}}, "localhost", root.options, kNow);
    CHECK(has_problem(analysis, CertificateProblemCode::unparsable_certificate,
                      "certificate #0 (the leaf) of the served chain could not be parsed as DER X.509"));
    CHECK(analysis.certificates.empty());
  }
}
