// The JDKs/JREs installed under an audited root and what their security properties file allows
// for TLS. Looks in /usr/lib/jvm/* (Debian, Fedora/RHEL, SUSE), /usr/java/* (Oracle RPMs) and
// /opt/java/* plus any homes the caller names. The file is conf/security/java.security (JDK 9+) or
// jre/lib/security/java.security / lib/security/java.security (JDK/JRE 8); on Debian it is a link
// into /etc/java-N-openjdk, resolved inside the root. Parsing follows java.util.Properties
// (# and ! comments, = : or blank separators, backslash continuations, \uXXXX); "include" lines
// (JDK 24+) are followed. Red Hat builds with security.useSystemPropertiesFile=true append
// /etc/crypto-policies/back-ends/java.config, which then decides jdk.tls.disabledAlgorithms.
// Note: jdk.tls.client.protocols is a *system* property (-D on the java command line); written in
// java.security it is not read by JSSE, which is reported rather than treated as effective.
#pragma once

#ifdef linux
#undef linux  // GNU dialects predefine `linux` as 1; this room's namespace needs the plain word
#endif

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "policy/linux/rooted_fs.h"

namespace tlsready::policy::linux {

struct JavaProperty {
  std::string key;
  std::string value;  // after escapes and continuations, as java.util.Properties would return it
  std::string file;
  int line = 0;       // first line of a continued value
  std::string location() const { return file + ":" + std::to_string(line); }
};

// Parses properties text, in order; an "include <path>" directive comes back as key "include".
std::vector<JavaProperty> parse_java_properties(std::string_view text, std::string_view display_name);

// Splits a disabledAlgorithms value at top-level commas: "SSLv3, TLSv1, DH keySize < 1024".
std::vector<std::string> split_algorithm_list(std::string_view value);

struct JavaVersion {
  std::string text;   // JAVA_VERSION from the release file: "1.8.0_392", "17.0.15"
  int feature = 0;    // 8, 11, 17, ...
  int update = -1;    // 392, 15; -1 when unknown
};

std::optional<JavaVersion> parse_java_version(std::string_view text);

// Whether this release disables TLSv1 and TLSv1.1 in its shipped java.security (JDK-8254713:
// 16+, backported to 11.0.11, 8u291 and 7u301). nullopt when the version is unknown.
std::optional<bool> release_disables_tls10(const JavaVersion& version);

struct JavaInstallation {
  std::string home;                   // display path, resolved: "/usr/lib/jvm/java-17-openjdk-amd64"
  std::vector<std::string> names;     // the entries that lead to it ("java-1.17.0-openjdk-amd64", ...)
  std::optional<JavaVersion> version;
  std::string implementor;
  std::string security_file;          // display path as found (before symlinks)
  std::string security_file_resolved; // after symlinks
  std::vector<std::string> files_read;
  std::map<std::string, JavaProperty> properties;  // effective: later files override earlier ones
  bool uses_system_properties_file = false;        // security.useSystemPropertiesFile=true and the file exists
  std::string system_properties_file;
  bool override_allowed = false;      // security.overridePropertiesFile=true: -Djava.security.properties may change all this

  // Derived from the effective jdk.tls.disabledAlgorithms.
  std::vector<std::string> tls_disabled;  // every entry, trimmed
  bool sslv3_disabled = false, tls10_disabled = false, tls11_disabled = false, tls12_disabled = false,
       tls13_disabled = false;
  std::optional<bool> release_default_disables_tls10;
  std::optional<UnreadableFile> unreadable;  // java.security exists but cannot be read: no findings from it
  std::vector<std::string> issues;

  const JavaProperty* property(const std::string& key) const;
};

// One JDK/JRE home (display path inside root); nullopt if it has no java.security.
std::optional<JavaInstallation> inspect_java_home(const std::filesystem::path& root, std::string_view home);

// Every installation under the usual directories plus `extra_homes`, one entry per real home.
std::vector<JavaInstallation> find_java_installations(const std::filesystem::path& root,
                                                      const std::vector<std::string>& extra_homes = {});

}  // namespace tlsready::policy::linux
