// The built-in client profiles (native/data/clients/client_profiles.csv): complete and consistent.
#include <catch2/catch.hpp>

#include <set>
#include <string>

#include "assess/client_profiles.h"
#include "registry/cipher_suite_registry.h"
#include "registry/registry_error.h"

namespace assess = tlsready::assess;
namespace model = tlsready::model;
namespace registry = tlsready::registry;

TEST_CASE("every built-in client profile is complete and consistent", "[assess][clients]") {
  const auto& profiles = assess::client_profiles();
  REQUIRE(profiles.size() >= 40);
  std::set<std::string> ids;
  for (const model::ClientProfile& profile : profiles) {
    INFO(profile.id);
    CHECK(ids.insert(profile.id).second);
    CHECK(!profile.name.empty());
    CHECK(!profile.source.empty());
    CHECK(model::wire_code(profile.min_version) <= model::wire_code(profile.max_version));
    CHECK(!profile.cipher_suites.empty());
    bool has_suite_for_max = false;
    for (uint16_t code : profile.cipher_suites) {
      const registry::CipherSuite* suite = registry::find_cipher_suite(code);
      REQUIRE(suite != nullptr);
      if (profile.max_version == model::ProtocolVersion::ssl3 || suite->allowed_in(profile.max_version))
        has_suite_for_max = true;
    }
    CHECK(has_suite_for_max);
    if (profile.max_version == model::ProtocolVersion::tls1_3) {
      CHECK(!profile.groups.empty());  // RFC 8446 §9.2: supported_groups is mandatory
      CHECK(profile.sends_sni);
    }
    if (profile.hello_format == model::HelloFormat::sslv2_compatible) CHECK(profile.extensions.empty());
  }
}

TEST_CASE("the profiles the issue names are built in", "[assess][clients]") {
  for (const char* id : {"android-2.3.7",
                         "android-4.3",
                         "android-4.4.2",
                         "firefox-5",
                         "ie-6-xp",
                         "ie-8-xp",
                         "ie-8-10-win7",
                         "ie-10-winphone-8.0",
                         "ie-11-win7",
                         "ie-11-win8.1",
                         "ie-11-win10",
                         "edge-133-win11",
                         "chrome-137-win11",
                         "firefox-137-win11",
                         "safari-6.0.4-osx-10.8.4",
                         "safari-26.4",
                         "java-6u45",
                         "java-7u25",
                         "java-8u161",
                         "java-11.0.2",
                         "java-17",
                         "openssl-0.9.8",
                         "openssl-1.0.1",
                         "openssl-1.0.2",
                         "openssl-1.1.1",
                         "openssl-3",
                         "dotnet-4.5-default",
                         "winhttp-win7",
                         "winhttp-win7-kb3140245",
                         "schannel-win10",
                         "schannel-win11",
                         "python-requests",
                         "curl"}) {
    INFO(id);
    CHECK(assess::find_client_profile(id) != nullptr);
  }
  CHECK(assess::find_client_profile("no-such-client") == nullptr);
}

TEST_CASE("Microsoft's clients without TLS 1.2 offer at most TLS 1.1, the others TLS 1.2 or more",
          "[assess][clients]") {
  int listed = 0;
  for (const model::ClientProfile& profile : assess::client_profiles()) {
    INFO(profile.id);
    if (profile.cannot_use_tls12) {
      ++listed;
      CHECK(model::wire_code(profile.max_version) < model::wire_code(model::ProtocolVersion::tls1_2));
    }
  }
  CHECK(listed >= 10);
}

TEST_CASE("hello formats, SNI and limits come through from the captures", "[assess][clients]") {
  const auto* ie6 = assess::find_client_profile("ie-6-xp");
  REQUIRE(ie6 != nullptr);
  CHECK(ie6->hello_format == model::HelloFormat::sslv2_compatible);
  CHECK(ie6->min_version == model::ProtocolVersion::ssl2);
  CHECK_FALSE(ie6->sends_sni);
  CHECK_FALSE(ie6->supports_sha2_certificates);
  const auto* java6 = assess::find_client_profile("java-6u45");
  REQUIRE(java6 != nullptr);
  CHECK(java6->hello_format == model::HelloFormat::sslv2_compatible);
  CHECK(java6->max_dh_bits == 1024);
  const auto* android23 = assess::find_client_profile("android-2.3.7");
  REQUIRE(android23 != nullptr);
  CHECK_FALSE(android23->sends_sni);
  const auto* openssl3 = assess::find_client_profile("openssl-3");
  REQUIRE(openssl3 != nullptr);
  CHECK(openssl3->min_dh_bits == 2048);
  CHECK(openssl3->min_version == model::ProtocolVersion::tls1_2);
  CHECK_FALSE(openssl3->accepts_sha1_certificates);
  const auto* chrome = assess::find_client_profile("chrome-137-win11");
  REQUIRE(chrome != nullptr);
  CHECK(chrome->cipher_suites.front() == 0x1301);  // GREASE dropped
  CHECK(chrome->synthetic == false);
  CHECK(assess::find_client_profile("schannel-win11")->synthetic);
}

namespace {
const char* kHeader =
    "id,name,category,synthetic,cannot_use_tls12,min_version,max_version,hello_format,cipher_suites,extensions,"
    "groups,signature_algorithms,alpn,sni,min_dh_bits,max_dh_bits,min_rsa_bits,max_rsa_bits,min_ecdsa_bits,"
    "sha2_certificates,sha1_certificates,requires_forward_secrecy,requires_aead,source,hello_bytes\n";

std::string row(const std::string& versions, const std::string& suites, const std::string& source,
                const std::string& hello_bytes = "", const std::string& format = "tls") {
  return std::string(kHeader) + "x,X,tool,no,no," + versions + "," + format + "," + suites +
         ",,,,,yes,,,,,,yes,yes,no,no," + source + "," + hello_bytes + "\n";
}
}  // namespace

TEST_CASE("a malformed profile row names the problem", "[assess][clients]") {
  CHECK_NOTHROW(assess::parse_client_profiles_csv(row("TLSv1.0,TLSv1.2", "0x002F", "a doc")));
  CHECK_THROWS_WITH(assess::parse_client_profiles_csv(row("TLSv1.2,TLSv1.0", "0x002F", "a doc")),
                    Catch::Contains("above max_version"));
  CHECK_THROWS_WITH(assess::parse_client_profiles_csv(row("TLSv1.0,TLSv1.9", "0x002F", "a doc")),
                    Catch::Contains("unknown version"));
  CHECK_THROWS_WITH(assess::parse_client_profiles_csv(row("TLSv1.0,TLSv1.2", "0xFF42", "a doc")),
                    Catch::Contains("not in the registry"));
  CHECK_THROWS_WITH(assess::parse_client_profiles_csv(row("TLSv1.0,TLSv1.2", "0x0A0A", "a doc")),
                    Catch::Contains("GREASE"));
  CHECK_THROWS_WITH(assess::parse_client_profiles_csv(row("TLSv1.0,TLSv1.2", "0x002F", "")), Catch::Contains("source"));
  CHECK(assess::parse_client_profiles_csv(row("TLSv1.0,TLSv1.2", "0x002F", "a doc", "517")).front().hello_bytes == 517);
  CHECK_FALSE(assess::parse_client_profiles_csv(row("TLSv1.0,TLSv1.2", "0x002F", "a doc")).front().hello_bytes);
  CHECK_THROWS_WITH(assess::parse_client_profiles_csv(row("TLSv1.0,TLSv1.2", "0x002F", "a doc", "big")),
                    Catch::Contains("hello_bytes"));
  CHECK_THROWS_WITH(
      assess::parse_client_profiles_csv(row("SSLv3,TLSv1.0", "0x002F", "a doc", "100", "sslv2_compatible")),
      Catch::Contains("cannot be padded"));
}
