#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "assess/client_profiles.h"
#include "hellos/hello_captures.h"
#include "hellos/profile_match.h"

using namespace tlsready;

namespace {

codec::ClientHelloInfo parse_ok(const std::vector<uint8_t>& bytes) {
  codec::ClientHelloInfo hello;
  std::string why;
  std::size_t consumed = 0;
  const codec::ClientHelloStatus status = codec::parse_client_hello_stream(bytes, hello, consumed, why);
  INFO(why);
  REQUIRE(status == codec::ClientHelloStatus::complete);
  return hello;
}

// What a client of `profile` would put in its hello (GREASE and padding added, as real ones do).
codec::ClientHelloInfo hello_of(const model::ClientProfile& profile) {
  codec::ClientHelloInfo hello;
  hello.legacy_version = std::min<uint16_t>(model::wire_code(profile.max_version), 0x0303);
  if (profile.max_version == model::ProtocolVersion::tls1_3) hello.supported_versions = {0x3A3A, 0x0304, 0x0303};
  hello.cipher_suites = profile.cipher_suites;
  hello.cipher_suites.insert(hello.cipher_suites.begin(), 0x0A0A);
  hello.extensions = profile.extensions;
  hello.extensions.push_back(21);  // RFC 7685 padding
  hello.supported_groups = profile.groups;
  hello.signature_algorithms = profile.signature_algorithms;
  hello.alpn = profile.alpn;
  return hello;
}

}  // namespace

TEST_CASE("hello_built_from_a_profile_matches_it_exactly", "[hellos][profile_match]") {
  std::size_t checked = 0;
  for (const model::ClientProfile& profile : assess::client_profiles()) {
    if (profile.cipher_suites.empty()) continue;
    INFO(profile.id);
    const std::vector<hellos::ProfileMatch> matches = hellos::match_profiles(hello_of(profile), 3);
    REQUIRE_FALSE(matches.empty());
    CHECK(matches.front().exact);
    CHECK(matches.front().score == 1.0);
    // The same lists may belong to several builds (Android 4.2.2 and 4.3): the first in table order wins.
    CHECK(matches.front().profile->cipher_suites == profile.cipher_suites);
    ++checked;
  }
  CHECK(checked >= 40);
}

TEST_CASE("nearest_profile_is_scored_when_nothing_matches_exactly", "[hellos][profile_match]") {
  const model::ClientProfile* java = assess::find_client_profile("java-8u161");
  REQUIRE(java);
  codec::ClientHelloInfo hello = hello_of(*java);
  hello.cipher_suites.pop_back();  // one suite fewer: no longer exact
  const std::vector<hellos::ProfileMatch> matches = hellos::match_profiles(hello, 3);
  REQUIRE(matches.size() == 3);
  CHECK_FALSE(matches.front().exact);
  CHECK(matches.front().profile->id == "java-8u161");
  CHECK(matches.front().score > hellos::kTrustedMatchScore);
  CHECK(matches.front().score < 1.0);
  CHECK(matches[1].score <= matches.front().score);
  CHECK(matches[2].score <= matches[1].score);
}

TEST_CASE("can_do_tls12_from_the_hello_then_the_profile", "[hellos][profile_match]") {
  const codec::ClientHelloInfo modern = parse_ok(test::captured_hello("openssl_tls1_2"));
  CHECK(hellos::can_do_tls12(modern, std::nullopt).can == std::optional<bool>(true));

  // openssl -tls1_1 -fallback_scsv: a TLS 1.1 hello, but a retry of a client that can do better.
  const codec::ClientHelloInfo retry = parse_ok(test::captured_hello("openssl_tls1_1_fallback"));
  const hellos::Tls12Capability retry_can = hellos::can_do_tls12(retry, std::nullopt);
  CHECK(retry_can.can == std::optional<bool>(true));
  CHECK(retry_can.basis.find("TLS_FALLBACK_SCSV") != std::string::npos);

  // IE 8-10 on Windows 7: a TLS 1.0 hello, and on Microsoft's list of clients that cannot use TLS 1.2.
  const model::ClientProfile* ie = assess::find_client_profile("ie-8-10-win7");
  REQUIRE(ie);
  const codec::ClientHelloInfo ie_hello = hello_of(*ie);
  const std::vector<hellos::ProfileMatch> ie_matches = hellos::match_profiles(ie_hello, 1);
  REQUIRE(ie_matches.size() == 1);
  const hellos::Tls12Capability ie_can = hellos::can_do_tls12(ie_hello, ie_matches.front());
  CHECK(ie_can.can == std::optional<bool>(false));
  CHECK(ie_can.basis.find("Microsoft's list") != std::string::npos);

  // A TLS 1.0 hello like no known client: the hello alone cannot tell.
  codec::ClientHelloInfo odd;
  odd.legacy_version = 0x0301;
  odd.cipher_suites = {0x0005};
  const std::vector<hellos::ProfileMatch> odd_matches = hellos::match_profiles(odd, 1);
  REQUIRE(odd_matches.size() == 1);
  CHECK(odd_matches.front().score < hellos::kTrustedMatchScore);
  CHECK_FALSE(hellos::can_do_tls12(odd, odd_matches.front()).can.has_value());
}

TEST_CASE("captured_openssl_and_gnutls_hellos_get_nearest_profiles", "[hellos][profile_match]") {
  for (const char* name : {"openssl_tls1_0", "openssl_tls1_2", "openssl_tls1_3", "gnutls_tls1_2", "gnutls_tls1_3"}) {
    INFO(name);
    const std::vector<hellos::ProfileMatch> matches = hellos::match_profiles(parse_ok(test::captured_hello(name)), 3);
    REQUIRE(matches.size() == 3);
    for (const hellos::ProfileMatch& match : matches) {
      CHECK(match.score >= 0.0);
      CHECK(match.score <= 1.0);
      UNSCOPED_INFO(name << " ~ " << match.profile->id << " " << match.score);
    }
  }
  // openssl s_client -tls1_2 (OpenSSL 3.0) offers an OpenSSL 1.1.1-style TLS 1.2 list: nearest is an OpenSSL.
  const std::vector<hellos::ProfileMatch> openssl12 =
      hellos::match_profiles(parse_ok(test::captured_hello("openssl_tls1_2")), 1);
  REQUIRE(openssl12.size() == 1);
  CHECK(openssl12.front().profile->id.rfind("openssl-", 0) == 0);
}
