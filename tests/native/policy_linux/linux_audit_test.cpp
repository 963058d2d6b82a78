// The whole Linux audit against prepared roots (tests/data/linux_roots) and this machine.
// OpenSSL findings come from the OpenSSL this test links: where the expected set depends on how
// that library was built (its default security level, whether 3DES suites exist), the test asks
// the library first.
#ifdef TLSREADY_HAVE_POLICY_LINUX

#include <catch2/catch.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <sys/stat.h>

#include "policy/linux/linux_audit.h"
#include "policy_linux/policy_linux_support.h"

namespace {

using namespace tlsready::policy;
using namespace tlsready::policy::linux;
using V = tlsready::model::ProtocolVersion;
using namespace tlsready::policy::linux::testing;
using Ids = std::set<std::string>;

LinuxAudit audit_fixture(const std::string& name) { return audit_linux(fixture_root(name)); }

// With no configuration, which OpenSSL findings this library produces by itself: clients fall back
// to TLS 1.0 with RSA key transport (OpenSSL 3, level >= 1), and level 1 builds add SECLEVEL-BELOW-2.
Ids library_default_ids() {
  const auto plain = evaluate_ssl_conf_commands({});
  Ids ids;
  if (plain.client.negotiates(V::tls1_0) && !plain.server.negotiates(V::tls1_0))
    ids.insert("OPENSSL-CLIENT-TLS10-FALLBACK");
  if (plain.server.negotiates(V::tls1_0)) ids.insert("OPENSSL-SECLEVEL-ALLOWS-TLS10");
  if (plain.library_default_security_level < 2) ids.insert("OPENSSL-SECLEVEL-BELOW-2");
  return ids;
}

Ids with(Ids base, std::initializer_list<const char*> more) {
  for (const char* id : more) base.insert(id);
  return base;
}

bool library_has_3des() {
  SSL_CTX* ctx = SSL_CTX_new(TLS_method());
  REQUIRE(ctx != nullptr);
  const bool has = SSL_CTX_set_cipher_list(ctx, "DES-CBC3-SHA:@SECLEVEL=0") == 1;
  SSL_CTX_free(ctx);
  ERR_clear_error();
  return has;
}

const Finding& require_finding(const LinuxAudit& audit, const std::string& id) {
  const Finding* f = audit.finding(id);
  if (f == nullptr) FAIL("missing finding " << id);
  return *f;
}

void check_well_formed(const LinuxAudit& audit) {
  for (const auto& f : audit.findings) {
    INFO(f.id);
    CHECK_FALSE(f.title.empty());
    CHECK_FALSE(f.evidence.empty());
    CHECK_FALSE(f.why.empty());
    CHECK_FALSE(f.fix.empty());
    CHECK_FALSE(f.references.empty());
    CHECK(f.registry_changes.empty());
  }
  for (std::size_t i = 1; i < audit.findings.size(); ++i) {
    CHECK(static_cast<int>(audit.findings[i - 1].severity) >= static_cast<int>(audit.findings[i].severity));
  }
}

}  // namespace

TEST_CASE("Debian 12 as shipped: library defaults, nothing high", "[policy_linux][audit]") {
  const auto audit = audit_fixture("debian12_default");
  check_well_formed(audit);
  CHECK(ids_of(audit) == library_default_ids());
  CHECK_FALSE(any_at_least(audit, Severity::high));
  CHECK(audit.openssl_conf.path == "/usr/lib/ssl/openssl.cnf");
  REQUIRE(audit.openssl.not_applied_reason.has_value());
  CHECK(audit.openssl.not_applied_reason->find("no ssl_conf") != std::string::npos);
  if (audit.has_finding("OPENSSL-CLIENT-TLS10-FALLBACK")) {
    const auto& f = require_finding(audit, "OPENSSL-CLIENT-TLS10-FALLBACK");
    CHECK(f.severity == Severity::low);
    CHECK(evidence_mentions(f, "RSA key transport"));
    // The fix names the real file (behind /usr/lib/ssl/openssl.cnf) and the missing links of the chain.
    CHECK(f.fix.find("in /etc/ssl/openssl.cnf: add 'ssl_conf = ssl_sect' to [openssl_init]") == 0);
  }
  CHECK_FALSE(audit.crypto_policies.present);
  CHECK(audit.java.empty());
  CHECK(audit.gnutls.files.empty());
}

TEST_CASE("Ubuntu 22.04 shape: SECLEVEL=2 in the file", "[policy_linux][audit]") {
  const auto audit = audit_fixture("ubuntu2204_seclevel2");
  check_well_formed(audit);
  Ids expected = library_default_ids();
  expected.erase("OPENSSL-SECLEVEL-BELOW-2");  // the file sets level 2 whatever the build default
  CHECK(ids_of(audit) == expected);
  CHECK(audit.openssl.client.security_level == 2);
  CHECK(audit.openssl.system_default_section == std::optional<std::string>("system_default_sect"));
  if (const Finding* f = audit.finding("OPENSSL-CLIENT-TLS10-FALLBACK")) {
    CHECK(f->fix.find("put 'MinProtocol = TLSv1.2' in section [system_default_sect]") == 0);
  }
}

TEST_CASE("Debian with MinProtocol = TLSv1 and DEFAULT@SECLEVEL=1", "[policy_linux][audit]") {
  const auto audit = audit_fixture("debian_tls10_seclevel1");
  check_well_formed(audit);
  CHECK(ids_of(audit) == Ids{"OPENSSL-MINPROTOCOL-ALLOWS-TLS10", "OPENSSL-SECLEVEL-BELOW-2"});
  const auto& min = require_finding(audit, "OPENSSL-MINPROTOCOL-ALLOWS-TLS10");
  CHECK(min.evidence.front().location == "/etc/ssl/openssl.cnf:27");
  CHECK(min.evidence.front().observed == "MinProtocol = TLSv1");
  CHECK(min.fix == "change /etc/ssl/openssl.cnf:27 to 'MinProtocol = TLSv1.2'");
  // OpenSSL 3 at level 1: servers refuse TLS 1.0, clients still take it with RSA key transport.
  CHECK(min.severity == (audit.openssl.server.negotiates(V::tls1_0) ? Severity::high : Severity::medium));
  CHECK(audit.openssl.client.min_version == TLS1_VERSION);
  const auto& level = require_finding(audit, "OPENSSL-SECLEVEL-BELOW-2");
  CHECK(level.severity == Severity::medium);
  CHECK(level.evidence.front().observed == "CipherString = DEFAULT@SECLEVEL=1");
}

TEST_CASE("SECLEVEL=0 with 3DES and no MinProtocol", "[policy_linux][audit]") {
  const auto audit = audit_fixture("seclevel0_3des");
  check_well_formed(audit);
  Ids expected{"OPENSSL-SECLEVEL-ALLOWS-TLS10", "OPENSSL-SECLEVEL-BELOW-2"};
  if (library_has_3des()) expected.insert("OPENSSL-WEAK-CIPHERS-ENABLED");
  CHECK(ids_of(audit) == expected);
  const auto& tls10 = require_finding(audit, "OPENSSL-SECLEVEL-ALLOWS-TLS10");
  CHECK(tls10.severity == Severity::high);
  CHECK(audit.openssl.server.negotiates(V::tls1_0));
  CHECK(evidence_mentions(tls10, "in-memory handshake, OpenSSL server, TLSv1"));
  CHECK(require_finding(audit, "OPENSSL-SECLEVEL-BELOW-2").severity == Severity::high);
}

TEST_CASE("NULL and anonymous suites are found through the OpenSSL context", "[policy_linux][audit]") {
  const auto audit = audit_fixture("null_ciphers");
  check_well_formed(audit);
  CHECK(ids_of(audit) == Ids{"OPENSSL-SECLEVEL-BELOW-2", "OPENSSL-WEAK-CIPHERS-ENABLED"});
  const auto& weak = require_finding(audit, "OPENSSL-WEAK-CIPHERS-ENABLED");
  CHECK(weak.severity == Severity::high);
  CHECK(evidence_mentions(weak, "NULL encryption"));
  CHECK(evidence_mentions(weak, "anonymous (no authentication)"));
  CHECK_FALSE(audit.openssl.client.negotiates(V::tls1_0));
}

TEST_CASE("a MinProtocol libssl rejects is reported and enforces nothing", "[policy_linux][audit]") {
  const auto audit = audit_fixture("typo_minprotocol");
  check_well_formed(audit);
  Ids expected = library_default_ids();
  expected.erase("OPENSSL-SECLEVEL-BELOW-2");
  expected.insert("OPENSSL-CONF-COMMAND-REFUSED");
  CHECK(ids_of(audit) == expected);
  const auto& refused = require_finding(audit, "OPENSSL-CONF-COMMAND-REFUSED");
  CHECK(refused.severity == Severity::medium);
  CHECK(refused.evidence.front().location == "/etc/ssl/openssl.cnf:26");
  CHECK(audit.openssl.client.min_version == 0);
}

TEST_CASE("a syntax error throws the whole openssl.cnf away", "[policy_linux][audit]") {
  const auto audit = audit_fixture("syntax_error");
  check_well_formed(audit);
  CHECK(ids_of(audit) == with(library_default_ids(), {"OPENSSL-CONF-SYNTAX-ERROR"}));
  const auto& f = require_finding(audit, "OPENSSL-CONF-SYNTAX-ERROR");
  CHECK(f.evidence.front().location == "/etc/ssl/openssl.cnf:27");
  CHECK(audit.openssl.commands.empty());
}

TEST_CASE(".include of a conf.d directory: a later file lowers MinProtocol", "[policy_linux][audit]") {
  const auto audit = audit_fixture("include_confd");
  check_well_formed(audit);
  CHECK(ids_of(audit) == Ids{"OPENSSL-MINPROTOCOL-ALLOWS-TLS11"});
  const auto& f = require_finding(audit, "OPENSSL-MINPROTOCOL-ALLOWS-TLS11");
  CHECK(f.evidence.front().location == "/etc/ssl/openssl.cnf.d/20-legacy-peer.conf:3");
  CHECK(evidence_mentions(f, "/etc/ssl/openssl.cnf:26"));  // the replaced TLSv1.2 line
  CHECK(f.fix == "change /etc/ssl/openssl.cnf.d/20-legacy-peer.conf:3 to 'MinProtocol = TLSv1.2'");
  const auto& files = audit.openssl_conf.document.files_read;
  CHECK(files == std::vector<std::string>{"/etc/ssl/openssl.cnf", "/etc/ssl/openssl.cnf.d/10-suites.cnf",
                                          "/etc/ssl/openssl.cnf.d/20-legacy-peer.conf"});
  CHECK(audit.openssl.client.tls13_ciphersuites.size() == 2);
  CHECK_FALSE(audit.openssl.client.negotiates(V::tls1_0));
}

TEST_CASE("an .include escaping the root is refused with a message", "[policy_linux][audit]") {
  const auto audit = audit_fixture("include_escape");
  check_well_formed(audit);
  CHECK(ids_of(audit) == Ids{"OPENSSL-CONF-INCLUDE-REFUSED"});
  const auto& f = require_finding(audit, "OPENSSL-CONF-INCLUDE-REFUSED");
  REQUIRE(f.evidence.size() == 1);
  CHECK(f.evidence[0].location == "/etc/ssl/openssl.cnf:28");
  CHECK(f.evidence[0].observed.find("climbs above the audited root") != std::string::npos);
  CHECK(audit.openssl.client.min_version == TLS1_2_VERSION);  // the rest of the file still applies
}

TEST_CASE("an .include through a symlink that leaves the root is refused too", "[policy_linux][audit]") {
  ScratchRoot root;
  root.write("/etc/ssl/openssl.cnf",
             "openssl_conf = i\n[i]\nssl_conf = s\n[s]\nsystem_default = d\n[d]\nMinProtocol = TLSv1.2\n"
             ".include /etc/ssl/extra.d/override.cnf\n");
  root.symlink("/etc/ssl/extra.d", "../../../../../../../../../../../../../../tmp");
  LinuxAuditOptions options;
  options.openssl_conf = "/etc/ssl/openssl.cnf";
  const auto audit = audit_linux(root.path(), options);
  const auto& f = require_finding(audit, "OPENSSL-CONF-INCLUDE-REFUSED");
  REQUIRE(f.evidence.size() == 1);
  CHECK(f.evidence[0].location == "/etc/ssl/openssl.cnf:8");
  CHECK(f.evidence[0].observed.find("through symlink /etc/ssl/extra.d") != std::string::npos);
  CHECK(audit.openssl_conf.document.files_read == std::vector<std::string>{"/etc/ssl/openssl.cnf"});
}

TEST_CASE("RHEL 8 DEFAULT: crypto-policies followed everywhere, no findings", "[policy_linux][audit]") {
  const auto audit = audit_fixture("rhel8_default");
  check_well_formed(audit);
  CHECK(ids_of(audit).empty());
  CHECK(audit.openssl.client.min_version == TLS1_2_VERSION);
  CHECK(audit.crypto_policies.base_policy == "DEFAULT");
  REQUIRE(audit.java.size() == 1);
  CHECK(audit.java.front().uses_system_properties_file);
}

TEST_CASE("RHEL 8 LEGACY: TLS 1.0 for every library", "[policy_linux][audit]") {
  const auto audit = audit_fixture("rhel8_legacy");
  check_well_formed(audit);
  CHECK(ids_of(audit) == Ids{"CRYPTO-POLICY-LEGACY", "JAVA-TLS10-REENABLED", "OPENSSL-MINPROTOCOL-ALLOWS-TLS10",
                             "OPENSSL-SECLEVEL-BELOW-2"});
  const auto& legacy = require_finding(audit, "CRYPTO-POLICY-LEGACY");
  CHECK(legacy.severity == Severity::high);
  CHECK(legacy.title.find("lowest TLS version 1.0") != std::string::npos);
  CHECK(evidence_mentions(legacy, "/usr/share/crypto-policies/LEGACY/opensslcnf.txt:3"));
  CHECK(evidence_mentions(legacy, "tls-version-min=tls1.0"));
  CHECK(legacy.fix.find("update-crypto-policies --set DEFAULT") != std::string::npos);
  // Findings on generated files send the admin to the policy, not to the file.
  CHECK(require_finding(audit, "OPENSSL-MINPROTOCOL-ALLOWS-TLS10").fix.find("do not edit the generated back-end") == 0);
  const auto& java = require_finding(audit, "JAVA-TLS10-REENABLED");
  CHECK(java.evidence.front().location == "/usr/share/crypto-policies/LEGACY/java.txt:3");
  CHECK(java.fix.find("comes from the crypto policy") != std::string::npos);
  CHECK(audit.findings.front().severity == Severity::high);
}

TEST_CASE("RHEL 9 DEFAULT:SHA1", "[policy_linux][audit]") {
  const auto audit = audit_fixture("rhel9_default_sha1");
  check_well_formed(audit);
  CHECK(ids_of(audit) == Ids{"CRYPTO-POLICY-SUBPOLICY-SHA1"});
  const auto& f = require_finding(audit, "CRYPTO-POLICY-SUBPOLICY-SHA1");
  CHECK(f.severity == Severity::medium);
  CHECK(evidence_mentions(f, "/usr/share/crypto-policies/policies/modules/SHA1.pmod:3"));
  CHECK(evidence_mentions(f, "secure-sig = RSA-SHA1"));
  CHECK(f.fix.find("update-crypto-policies --set DEFAULT") != std::string::npos);
}

TEST_CASE("RHEL 9 FUTURE", "[policy_linux][audit]") {
  const auto audit = audit_fixture("rhel9_future");
  check_well_formed(audit);
  CHECK(ids_of(audit) == Ids{"CRYPTO-POLICY-FUTURE"});
  CHECK(require_finding(audit, "CRYPTO-POLICY-FUTURE").severity == Severity::low);
  CHECK(audit.openssl.server.security_level == 3);
  CHECK(audit.openssl.server.negotiates(V::tls1_2));  // with the P-256 probe certificate; RSA-2048 is refused
  CHECK(std::any_of(audit.openssl.server.notes.begin(), audit.openssl.server.notes.end(),
                    [](const std::string& n) { return n.find("RSA-2048") != std::string::npos; }));
}

TEST_CASE("GnuTLS allowlist that re-enables TLS 1.0", "[policy_linux][audit]") {
  const auto audit = audit_fixture("gnutls_tls10");
  check_well_formed(audit);
  CHECK(ids_of(audit) == with(library_default_ids(), {"GNUTLS-TLS10-ENABLED"}));
  const auto& f = require_finding(audit, "GNUTLS-TLS10-ENABLED");
  CHECK(f.severity == Severity::high);
  CHECK(f.evidence.front().location == "/etc/gnutls/config:23");
  CHECK(f.fix.find("delete the 'enabled-version = tls1.0'") != std::string::npos);
}

TEST_CASE("two JDKs: JDK 8 re-enables TLSv1, JDK 17 as shipped", "[policy_linux][audit]") {
  const auto audit = audit_fixture("java_two_jdks");
  check_well_formed(audit);
  CHECK(ids_of(audit) == with(library_default_ids(), {"JAVA-TLS10-REENABLED", "JAVA-CLIENT-PROTOCOLS-IGNORED"}));
  const auto& f = require_finding(audit, "JAVA-TLS10-REENABLED");
  CHECK(f.title.find("java-8-openjdk-amd64") != std::string::npos);
  CHECK(f.evidence.front().location == "/usr/lib/jvm/java-8-openjdk-amd64/jre/lib/security/java.security:11");
  CHECK(require_finding(audit, "JAVA-CLIENT-PROTOCOLS-IGNORED").severity == Severity::low);
  for (const auto& finding : audit.findings) CHECK(finding.title.find("java-17") == std::string::npos);
}

TEST_CASE("an empty root: OpenSSL built-in defaults only", "[policy_linux][audit]") {
  ScratchRoot root;
  const auto audit = audit_linux(root.path());
  check_well_formed(audit);
  CHECK(ids_of(audit) == library_default_ids());
  CHECK(audit.openssl_conf.path.empty());
}

TEST_CASE("handshakes can be turned off", "[policy_linux][audit]") {
  LinuxAuditOptions options;
  options.handshakes = false;
  const auto audit = audit_linux(fixture_root("debian_tls10_seclevel1"), options);
  CHECK(audit.openssl.client.handshakes.empty());
  const auto& f = require_finding(audit, "OPENSSL-MINPROTOCOL-ALLOWS-TLS10");
  CHECK(f.severity == Severity::high);  // unmeasured: judged by the configuration alone
}

TEST_CASE("this machine", "[policy_linux][audit][live]") {
  LinuxAuditOptions options;
  options.include_process = true;
  const auto audit = audit_linux("/", options);
  check_well_formed(audit);
  REQUIRE(audit.process_openssl.has_value());
  CHECK_FALSE(any_at_least(audit, Severity::critical));
  CHECK(audit.openssl.client.negotiates(V::tls1_2));
  CHECK(audit.process_openssl->client.negotiates(V::tls1_2));
  CHECK(audit.process_openssl->client.security_level == audit.openssl.client.security_level);

  // Debian 12 (this project's machines): /etc/ssl/openssl.cnf has no ssl_conf, libssl is built
  // with security level 2, no MinProtocol anywhere. So servers refuse TLS 1.0/1.1, clients accept
  // them only from servers that pick RSA key transport, and nothing is high.
  const auto os = read_os_release("/");
  const bool debian12 = os && os->id == "debian" && os->version_id == "12";
  if (debian12 && audit.openssl.not_applied_reason && audit.openssl.library_default_security_level == 2 &&
      !audit.crypto_policies.present) {
    CHECK(audit.openssl_conf.document.files_read.front() == "/etc/ssl/openssl.cnf");
    CHECK(audit.openssl.client.security_level == 2);
    CHECK(audit.openssl.client.min_version == 0);
    CHECK_FALSE(audit.openssl.server.negotiates(V::tls1_0));
    CHECK_FALSE(audit.openssl.server.negotiates(V::tls1_1));
    CHECK(audit.openssl.client.negotiates(V::tls1_0));
    CHECK(audit.openssl.client.handshake(V::tls1_0)->peer == PeerOffer::rsa_key_transport);
    CHECK_FALSE(any_at_least(audit, Severity::high));
    CHECK(audit.has_finding("OPENSSL-CLIENT-TLS10-FALLBACK"));
    for (const auto& java : audit.java) {
      INFO(java.home);
      CHECK(java.tls10_disabled);
    }
  }
}

TEST_CASE("files that exist but cannot be read are findings, never evidence of defaults", "[policy_linux][audit]") {
  // What really fails as root (chmod 000 does not): a directory where openssl.cnf should be, a
  // symlink loop in place of java.security, a FIFO as the GnuTLS config, a directory as the
  // crypto-policies config.
  ScratchRoot root;
  root.write("/etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n");
  std::filesystem::create_directories(root.path() / "usr/lib/ssl/openssl.cnf");
  root.write("/usr/lib/jvm/java-17-openjdk-amd64/release", "JAVA_VERSION=\"17.0.9\"\n");
  root.symlink("/usr/lib/jvm/java-17-openjdk-amd64/conf/security/java.security", "java.security");
  std::filesystem::create_directories(root.path() / "etc/gnutls");
  REQUIRE(::mkfifo((root.path() / "etc/gnutls/config").c_str(), 0644) == 0);
  std::filesystem::create_directories(root.path() / "etc/crypto-policies/config");

  const auto audit = audit_linux(root.path());
  INFO([&] {
    std::string all;
    for (const auto& f : audit.findings) all += f.id + " ";
    return all;
  }());
  const Finding& f = require_finding(audit, "LINUX-FILE-UNREADABLE");
  CHECK(f.severity == Severity::medium);
  CHECK_THAT(f.title, Catch::StartsWith("could not read /usr/lib/ssl/openssl.cnf"));
  CHECK(evidence_mentions(f, "is a directory"));
  CHECK(evidence_mentions(f, "/usr/lib/jvm/java-17-openjdk-amd64/conf/security/java.security"));
  CHECK(evidence_mentions(f, "symlink"));
  CHECK(evidence_mentions(f, "/etc/gnutls/config"));
  CHECK(evidence_mentions(f, "not a regular file"));
  CHECK(evidence_mentions(f, "/etc/crypto-policies/config"));
  // nothing is concluded from what could not be read: no OpenSSL defaults, no "Java allows SSLv3"
  for (const auto& finding : audit.findings) {
    INFO(finding.id);
    CHECK(finding.id.rfind("OPENSSL-", 0) != 0);
    CHECK(finding.id.rfind("JAVA-", 0) != 0);
  }
  CHECK_FALSE(any_at_least(audit, Severity::high));
  CHECK_FALSE(f.references.empty());
}

#endif  // TLSREADY_HAVE_POLICY_LINUX
