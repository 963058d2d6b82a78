// crypto-policies: the compiled-in table, distribution family, config/state/modules/back-ends.
#ifdef TLSREADY_HAVE_POLICY_LINUX

#include <catch2/catch.hpp>

#include "policy/linux/crypto_policies.h"
#include "policy_linux/policy_linux_support.h"

namespace {

using namespace tlsready::policy::linux;
using tlsready::policy::linux::testing::fixture_root;
using tlsready::policy::linux::testing::ScratchRoot;

}  // namespace

TEST_CASE("the crypto-policy table parses and says what the sources say", "[policy_linux][crypto_policies]") {
  const auto& table = crypto_policy_table();
  CHECK(table.size() == 12);
  const CryptoPolicyRow* rhel8_legacy = crypto_policy_row("rhel8", "LEGACY");
  REQUIRE(rhel8_legacy != nullptr);
  CHECK(rhel8_legacy->min_tls == "1.0");
  CHECK(rhel8_legacy->min_rsa_bits == 1023);
  CHECK(rhel8_legacy->tls_3des == std::optional<bool>(true));
  const CryptoPolicyRow* rhel9_legacy = crypto_policy_row("rhel9", "LEGACY");
  REQUIRE(rhel9_legacy != nullptr);
  CHECK(rhel9_legacy->min_tls == "1.2");
  CHECK(rhel9_legacy->sha1_signatures == std::optional<bool>(true));
  CHECK(crypto_policy_row("rhel8", "FIPS")->sha1_signatures == std::nullopt);  // "unknown"
  CHECK(crypto_policy_row("fedora", "LEGACY")->min_tls == "1.0");
  for (const auto& row : table) {
    CHECK_FALSE(row.source.empty());
    if (row.policy != "LEGACY") CHECK(row.min_tls == "1.2");
  }
  CHECK(crypto_policy_row("debian", "DEFAULT") == nullptr);
}

TEST_CASE("os-release decides the crypto-policy family", "[policy_linux][crypto_policies]") {
  auto family = [](std::string id, std::string like, std::string version) {
    OsRelease os;
    os.id = std::move(id);
    os.id_like = std::move(like);
    os.version_id = std::move(version);
    return crypto_policy_family(os);
  };
  CHECK(family("rhel", "fedora", "8.9") == "rhel8");
  CHECK(family("rocky", "rhel centos fedora", "9.3") == "rhel9");
  CHECK(family("almalinux", "rhel centos fedora", "10.0") == "rhel9");
  CHECK(family("fedora", "", "40") == "fedora");
  CHECK(family("centos", "rhel fedora", "7") == "");
  CHECK(family("debian", "", "12") == "");
  const auto os = read_os_release(fixture_root("rhel8_default"));
  REQUIRE(os.has_value());
  CHECK(os->id == "rhel");
  CHECK(os->version_id == "8.9");
  CHECK(os->pretty_name == "Red Hat Enterprise Linux 8.9 (Ootpa)");
}

TEST_CASE("RHEL 8 DEFAULT: back-ends behind symlinks all say TLS 1.2", "[policy_linux][crypto_policies]") {
  const auto report = audit_crypto_policies(fixture_root("rhel8_default"));
  REQUIRE(report.present);
  CHECK(report.configured.text == "DEFAULT");
  CHECK(report.configured.location == "/etc/crypto-policies/config:2");
  CHECK(report.base_policy == "DEFAULT");
  CHECK(report.subpolicies.empty());
  CHECK(report.family == "rhel8");
  REQUIRE(report.expected.has_value());
  CHECK(report.expected->min_tls == "1.2");
  CHECK(report.backends.size() == 4);
  const BackendFile* openssl = report.backend("opensslcnf.config");
  REQUIRE(openssl != nullptr);
  CHECK(openssl->resolved == "/usr/share/crypto-policies/DEFAULT/opensslcnf.txt");
  CHECK(openssl->min_tls == std::optional<std::string>("1.2"));
  CHECK(openssl->openssl_security_level == std::optional<int>(2));
  CHECK(report.backend("gnutls.config")->min_tls == std::optional<std::string>("1.2"));
  CHECK(report.backend("java.config")->min_tls == std::optional<std::string>("1.2"));
  CHECK(report.backend("nss.config")->min_tls == std::optional<std::string>("1.2"));
  CHECK(report.backend_min_tls() == std::optional<std::string>("1.2"));
  CHECK(report.notes.empty());
}

TEST_CASE("RHEL 8 LEGACY: every back-end enables TLS 1.0", "[policy_linux][crypto_policies]") {
  const auto report = audit_crypto_policies(fixture_root("rhel8_legacy"));
  CHECK(report.base_policy == "LEGACY");
  CHECK(report.expected->min_tls == "1.0");
  for (const auto& backend : report.backends) {
    INFO(backend.name);
    CHECK(backend.min_tls == std::optional<std::string>("1.0"));
    CHECK_FALSE(backend.evidence.empty());
  }
  CHECK(report.backend("opensslcnf.config")->openssl_security_level == std::optional<int>(1));
  CHECK(report.backend("opensslcnf.config")->evidence.back().location ==
        "/usr/share/crypto-policies/LEGACY/opensslcnf.txt:3");
}

TEST_CASE("RHEL 9 DEFAULT:SHA1: sub-policy module and SHA-1 in the back-ends", "[policy_linux][crypto_policies]") {
  const auto report = audit_crypto_policies(fixture_root("rhel9_default_sha1"));
  CHECK(report.base_policy == "DEFAULT");
  CHECK(report.subpolicies == std::vector<std::string>{"SHA1"});
  CHECK(report.family == "rhel9");
  REQUIRE(report.modules.size() == 1);
  const auto& module = report.modules.front();
  CHECK(module.file == "/usr/share/crypto-policies/policies/modules/SHA1.pmod");
  CHECK(module.enables_sha1);
  CHECK(module.enables_tls_versions.empty());
  CHECK(module.evidence.size() == 3);
  CHECK(report.backend("gnutls.config")->sha1_signatures == std::optional<bool>(true));
  CHECK(report.backend("opensslcnf.config")->sha1_signatures == std::optional<bool>(true));
  CHECK(report.backend_min_tls() == std::optional<std::string>("1.2"));
}

TEST_CASE("custom modules, unknown modules and an unapplied policy", "[policy_linux][crypto_policies]") {
  ScratchRoot root;
  root.write("/etc/os-release", "ID=fedora\nVERSION_ID=40\n");
  root.write("/etc/crypto-policies/config", "DEFAULT:TLS10-FOR-PRINTER:MYSTERY\n");
  root.write("/etc/crypto-policies/state/current", "DEFAULT\n");
  root.write("/etc/crypto-policies/policies/modules/TLS10-FOR-PRINTER.pmod",
             "# allow the old printer\nprotocol@TLS = TLS1.3 TLS1.2 TLS1.1 TLS1.0\nmac = -HMAC-MD5\n");
  const auto report = audit_crypto_policies(root.path());
  CHECK(report.family == "fedora");
  REQUIRE(report.modules.size() == 2);
  CHECK(report.modules[0].enables_tls_versions == std::vector<std::string>{"TLS1.1", "TLS1.0"});
  CHECK(report.modules[0].evidence.front().location == "/etc/crypto-policies/policies/modules/TLS10-FOR-PRINTER.pmod:2");
  CHECK(report.modules[1].file.empty());
  CHECK(report.modules[1].known_effect.find("unknown") != std::string::npos);
  REQUIRE(report.notes.size() == 1);
  CHECK(report.notes.front().find("update-crypto-policies was not run") != std::string::npos);
  CHECK(report.backends.empty());
}

TEST_CASE("no crypto-policies on Debian", "[policy_linux][crypto_policies]") {
  const auto report = audit_crypto_policies(fixture_root("debian12_default"));
  CHECK_FALSE(report.present);
  CHECK(report.family.empty());
  CHECK(report.backends.empty());
}

#endif  // TLSREADY_HAVE_POLICY_LINUX
