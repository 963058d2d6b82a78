// GnuTLS system-wide configuration: INI parsing, allowlist/blocklist, priority strings.
#ifdef TLSREADY_HAVE_POLICY_LINUX

#include <catch2/catch.hpp>

#include "policy/linux/gnutls_config.h"
#include "policy_linux/policy_linux_support.h"

namespace {

using namespace tlsready::policy::linux;
using tlsready::policy::linux::testing::fixture_root;
using tlsready::policy::linux::testing::ScratchRoot;

}  // namespace

TEST_CASE("priority strings: versions by the last token that names them", "[policy_linux][gnutls]") {
  // RHEL 8 DEFAULT shape: everything, then the old versions removed.
  const auto rhel8_default =
      analyze_priority_versions("NONE:+MAC-ALL:+VERS-ALL:-VERS-DTLS0.9:-VERS-SSL3.0:-VERS-TLS1.0:-VERS-TLS1.1:+COMP-NULL");
  CHECK(rhel8_default.base == "NONE");
  CHECK(rhel8_default.enabled == std::vector<std::string>{"TLS1.2", "TLS1.3"});
  CHECK(rhel8_default.disabled == std::vector<std::string>{"SSL3.0", "TLS1.0", "TLS1.1"});
  const auto legacy = analyze_priority_versions("NONE:+VERS-ALL:-VERS-DTLS0.9:-VERS-SSL3.0");
  CHECK(legacy.enabled == std::vector<std::string>{"TLS1.0", "TLS1.1", "TLS1.2", "TLS1.3"});
  const auto added = analyze_priority_versions("NORMAL:-VERS-TLS-ALL:+VERS-TLS1.2:!VERS-TLS1.1:+vers-tls1.0");
  CHECK(added.base == "NORMAL");
  CHECK(added.enabled == std::vector<std::string>{"TLS1.0", "TLS1.2"});
  CHECK(analyze_priority_versions("@SYSTEM").enabled.empty());
}

TEST_CASE("allowlist file: enabled versions, SHA-1, evidence lines", "[policy_linux][gnutls]") {
  const auto report = parse_gnutls_config(
      "# comment\n"
      "[global]\n"
      "override-mode = allowlist\n"
      "\n"
      "[overrides]\n"
      "Secure-Hash = SHA256\n"
      "secure-hash = sha1   # needed by the VPN\n"
      "secure-sig = RSA-SHA1\n"
      "enabled-version = TLS1.3\n"
      "enabled-version = tls1.2\n"
      "enabled-version = TLS1.1\n"
      "min-verification-profile = low\n"
      "[priorities]\n"
      "SYSTEM = NONE\n",
      "/etc/gnutls/config");
  CHECK(report.override_mode == "allowlist");
  CHECK(report.enabled_versions.size() == 3);
  CHECK(report.versions_enabled() == std::vector<std::string>{"TLS1.1", "TLS1.2", "TLS1.3"});
  const auto evidence = report.evidence_enabling("TLS1.1");
  REQUIRE(evidence.size() == 1);
  CHECK(evidence.front().location() == "/etc/gnutls/config:11");
  CHECK(report.sha1_marked_secure.size() == 2);
  CHECK(report.sha1_marked_secure.front().value == "sha1");  // inline comment stripped
  REQUIRE(report.min_verification_profile.has_value());
  CHECK(report.min_verification_profile->value == "low");
  CHECK(report.issues.empty());
}

TEST_CASE("blocklist file: disabled versions; allowlist options are flagged", "[policy_linux][gnutls]") {
  const auto report = parse_gnutls_config(
      "[overrides]\n"
      "disabled-version = tls1.0\n"
      "disabled-version = tls1.1\n"
      "enabled-version = tls1.0\n"
      "default-priority-string = NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2\n"
      "broken line\n",
      "/etc/gnutls/config");
  CHECK(report.override_mode == "blocklist");
  CHECK(report.disabled_versions.size() == 2);
  CHECK(report.versions_enabled() == std::vector<std::string>{"TLS1.2", "TLS1.3"});  // enabled-version ignored
  CHECK(report.issues.size() == 2);
}

TEST_CASE("RHEL 8 back-end: a bare SYSTEM= priority line", "[policy_linux][gnutls]") {
  const auto report = parse_gnutls_config("SYSTEM=NONE:+VERS-ALL:-VERS-SSL3.0:-VERS-TLS1.0:-VERS-TLS1.1\n", "/x");
  REQUIRE(report.priority_strings.size() == 1);
  CHECK(report.priority_strings.front().section.empty());
  CHECK(report.versions_enabled() == std::vector<std::string>{"TLS1.2", "TLS1.3"});
}

TEST_CASE("audit_gnutls: which file GnuTLS reads", "[policy_linux][gnutls]") {
  const auto debian = audit_gnutls(fixture_root("gnutls_tls10"));
  REQUIRE(debian.files.size() == 1);
  CHECK(debian.likely_active == "/etc/gnutls/config");
  CHECK(debian.files.front().versions_enabled() == std::vector<std::string>{"TLS1.0", "TLS1.2", "TLS1.3"});

  const auto rhel = audit_gnutls(fixture_root("rhel9_default_sha1"));
  CHECK(rhel.likely_active == "/etc/crypto-policies/back-ends/gnutls.config");
  REQUIRE(rhel.files.size() == 1);
  CHECK(rhel.files.front().override_mode == "allowlist");

  GnutlsAuditOptions options;
  options.system_priority_file = "/etc/my-gnutls.conf";
  ScratchRoot root;
  root.write("/etc/my-gnutls.conf", "[priorities]\nSYSTEM = NORMAL:+VERS-TLS1.1\n");
  const auto custom = audit_gnutls(root.path(), options);
  CHECK(custom.likely_active == "/etc/my-gnutls.conf");
  REQUIRE(custom.files.size() == 1);
  CHECK(custom.files.front().versions_enabled() == std::vector<std::string>{"TLS1.1"});

  ScratchRoot empty;
  const auto none = audit_gnutls(empty.path());
  CHECK(none.files.empty());
  CHECK_FALSE(none.likely_active.has_value());
}

#endif  // TLSREADY_HAVE_POLICY_LINUX
