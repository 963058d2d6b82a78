// JDK discovery and java.security reading.
#ifdef TLSREADY_HAVE_POLICY_LINUX

#include <catch2/catch.hpp>

#include "policy/linux/java_security.h"
#include "policy_linux/policy_linux_support.h"

namespace {

using namespace tlsready::policy::linux;
using tlsready::policy::linux::testing::fixture_root;
using tlsready::policy::linux::testing::ScratchRoot;

const JavaInstallation& by_home(const std::vector<JavaInstallation>& all, const std::string& home) {
  for (const auto& java : all) {
    if (java.home == home) return java;
  }
  FAIL("no JDK at " << home);
  return all.front();
}

}  // namespace

TEST_CASE("java.util.Properties syntax", "[policy_linux][java]") {
  const auto props = parse_java_properties(
      "# comment\n"
      "  ! another comment\n"
      "a=1\n"
      "b : 2\n"
      "c 3\n"
      "d=one, \\\n"
      "     two, \\\n"
      "\tthree\n"
      "e\\ key=spaced\\tvalue\n"
      "f=\\u0041\\u00e9\n"
      "g=ends with backslash\\\\\n"
      "include /etc/extra.security\r\n"
      "h=\n",
      "/j.security");
  REQUIRE(props.size() == 9);
  CHECK(props[0].key == "a");
  CHECK(props[0].value == "1");
  CHECK(props[0].location() == "/j.security:3");
  CHECK(props[1].value == "2");
  CHECK(props[2].key == "c");
  CHECK(props[2].value == "3");
  CHECK(props[3].value == "one, two, three");
  CHECK(props[3].line == 6);
  CHECK(props[4].key == "e key");
  CHECK(props[4].value == "spaced\tvalue");
  CHECK(props[5].value == "A\xc3\xa9");
  CHECK(props[6].value == "ends with backslash\\");
  CHECK(props[7].key == "include");
  CHECK(props[7].value == "/etc/extra.security");
  CHECK(props[8].value.empty());
}

TEST_CASE("algorithm lists, versions and the release that disabled TLS 1.0", "[policy_linux][java]") {
  CHECK(split_algorithm_list(" SSLv3,TLSv1 , DH keySize < 1024,, include jdk.disabled.namedCurves") ==
        std::vector<std::string>{"SSLv3", "TLSv1", "DH keySize < 1024", "include jdk.disabled.namedCurves"});
  auto v = [](const char* text) { return *parse_java_version(text); };
  CHECK(v("1.8.0_392").feature == 8);
  CHECK(v("1.8.0_392").update == 392);
  CHECK(v("17.0.15").feature == 17);
  CHECK(v("17.0.15").update == 15);
  CHECK(v("21").update == 0);
  CHECK(v("11.0.11+9").update == 11);
  CHECK_FALSE(parse_java_version("abc").has_value());

  CHECK(*release_disables_tls10(v("1.8.0_291")));
  CHECK_FALSE(*release_disables_tls10(v("1.8.0_282")));
  CHECK(*release_disables_tls10(v("11.0.11")));
  CHECK_FALSE(*release_disables_tls10(v("11.0.10")));
  CHECK_FALSE(*release_disables_tls10(v("15.0.2")));
  CHECK(*release_disables_tls10(v("16")));
  CHECK(*release_disables_tls10(v("25.0.3")));
  JavaVersion unknown_update{"java-1.8.0", 8, -1};
  CHECK_FALSE(release_disables_tls10(unknown_update).has_value());
}

TEST_CASE("two JDKs: JDK 8 with TLSv1 taken out of disabledAlgorithms, JDK 17 as shipped", "[policy_linux][java]") {
  const auto all = find_java_installations(fixture_root("java_two_jdks"));
  REQUIRE(all.size() == 2);  // java-1.17.0-openjdk-amd64 is a link to java-17-openjdk-amd64
  const auto& jdk8 = by_home(all, "/usr/lib/jvm/java-8-openjdk-amd64");
  CHECK(jdk8.security_file == "/usr/lib/jvm/java-8-openjdk-amd64/jre/lib/security/java.security");
  CHECK(jdk8.version->text == "1.8.0_392");
  CHECK(jdk8.release_default_disables_tls10 == std::optional<bool>(true));
  CHECK_FALSE(jdk8.tls10_disabled);
  CHECK(jdk8.tls11_disabled);
  CHECK(jdk8.sslv3_disabled);
  CHECK_FALSE(jdk8.tls12_disabled);
  CHECK(jdk8.property("jdk.tls.disabledAlgorithms")->line == 11);
  CHECK(jdk8.property("jdk.tls.client.protocols")->value == "TLSv1,TLSv1.2");
  CHECK(jdk8.override_allowed);

  const auto& jdk17 = by_home(all, "/usr/lib/jvm/java-17-openjdk-amd64");
  CHECK(jdk17.names == std::vector<std::string>{"java-1.17.0-openjdk-amd64", "java-17-openjdk-amd64"});
  CHECK(jdk17.security_file_resolved == "/etc/java-17-openjdk/security/java.security");
  CHECK(jdk17.tls10_disabled);
  CHECK(jdk17.tls11_disabled);
  CHECK(jdk17.property("jdk.tls.disabledAlgorithms")->location() == "/etc/java-17-openjdk/security/java.security:12");
  CHECK(jdk17.implementor == "Debian");
}

TEST_CASE("Red Hat JDKs take jdk.tls.disabledAlgorithms from the crypto policy", "[policy_linux][java]") {
  const auto legacy = find_java_installations(fixture_root("rhel8_legacy"));
  REQUIRE(legacy.size() == 1);
  CHECK(legacy.front().uses_system_properties_file);
  CHECK_FALSE(legacy.front().tls10_disabled);
  CHECK(legacy.front().property("jdk.tls.disabledAlgorithms")->file == "/usr/share/crypto-policies/LEGACY/java.txt");
  const auto fine = find_java_installations(fixture_root("rhel8_default"));
  REQUIRE(fine.size() == 1);
  CHECK(fine.front().tls10_disabled);
  CHECK(fine.front().names.size() == 2);
}

TEST_CASE("include directives are followed inside the root, refused outside it", "[policy_linux][java]") {
  ScratchRoot root;
  root.write("/opt/java/jdk-24/release", "JAVA_VERSION=\"24.0.1\"\n");
  root.write("/opt/java/jdk-24/conf/security/java.security",
             "jdk.tls.disabledAlgorithms=SSLv3, TLSv1, TLSv1.1\n"
             "include tls.security\n"
             "include ../../../../../../../../../../../../../etc/shadow\n");
  root.write("/opt/java/jdk-24/conf/security/tls.security", "jdk.tls.disabledAlgorithms=SSLv3\n");
  const auto all = find_java_installations(root.path());
  REQUIRE(all.size() == 1);
  const auto& jdk = all.front();
  CHECK(jdk.version->feature == 24);
  CHECK(jdk.files_read.size() == 2);
  CHECK_FALSE(jdk.tls10_disabled);  // the included file replaced the value
  REQUIRE(jdk.issues.size() == 1);
  CHECK(jdk.issues.front().find("climbs above the audited root") != std::string::npos);
}

TEST_CASE("a JDK home without a release file gets its version from the directory name", "[policy_linux][java]") {
  ScratchRoot root;
  root.write("/usr/lib/jvm/java-11-openjdk/conf/security/java.security", "jdk.tls.disabledAlgorithms=SSLv3\n");
  root.write("/usr/lib/jvm/not-a-jdk/readme", "");
  const auto all = find_java_installations(root.path(), {"/srv/missing-jdk"});
  REQUIRE(all.size() == 1);
  CHECK(all.front().version->feature == 11);
  CHECK(all.front().version->update == -1);
  CHECK_FALSE(all.front().release_default_disables_tls10.has_value());
}

#endif  // TLSREADY_HAVE_POLICY_LINUX
