// "This machine as a client" (assess/machine_clients.h): the effective versions of each stack for
// the registry scenarios (tests/data/reg/scenarios) and the Linux roots (tests/data/linux_roots).
#include <catch2/catch.hpp>

#include <map>
#include <string>
#include <vector>

#include "assess/client_rules.h"
#include "assess/machine_clients.h"
#include "policy/policy_audit.h"

namespace {

using tlsready::assess::MachineClient;
using tlsready::model::ProtocolVersion;

const std::string kData = std::string(TLSREADY_SOURCE_DIR) + "/tests/data/";

std::string names(const std::vector<ProtocolVersion>& versions) {
  std::string out;
  for (ProtocolVersion version : versions) out += (out.empty() ? "" : " ") + std::string(display_name(version));
  return out.empty() ? "none" : out;
}

// id -> "TLSv1.0 TLSv1.1 ..." for every stack of the report.
std::map<std::string, std::string> effective(const std::vector<MachineClient>& clients) {
  std::map<std::string, std::string> out;
  for (const auto& client : clients) out[client.profile.id] = names(client.versions);
  return out;
}

std::vector<MachineClient> windows(const std::string& scenario) {
  return tlsready::assess::machine_clients(
      tlsready::policy::audit_registry_files({kData + "reg/scenarios/" + scenario + ".reg"}, ""));
}

#ifndef _WIN32
std::vector<MachineClient> linux_root(const std::string& root) {
  return tlsready::assess::machine_clients(tlsready::policy::audit_linux_root(kData + "linux_roots/" + root, ""));
}
#endif

const MachineClient& by_id(const std::vector<MachineClient>& clients, const std::string& id) {
  for (const auto& client : clients) {
    if (client.profile.id == id) return client;
  }
  FAIL("no stack " << id);
  return clients.front();
}

}  // namespace

TEST_CASE("machine clients: Windows 7 SP1 untouched offers TLS 1.0 by default and no TLS 1.2 to old .NET and WinHTTP",
          "[assess][machine_clients]") {
  const auto clients = windows("win7_sp1_untouched");
  const auto versions = effective(clients);
  CHECK(versions.at("schannel") == "SSLv3 TLSv1.0");
  CHECK(versions.at("dotnet-3.5-64bit") == "SSLv3 TLSv1.0");
  CHECK(versions.at("dotnet-4.0-32bit") == "SSLv3 TLSv1.0");
  CHECK(versions.at("dotnet-4.6-64bit") == "TLSv1.0 TLSv1.1 TLSv1.2");
  CHECK(versions.at("dotnet-4.7-64bit") == "TLSv1.0");
  CHECK(versions.at("winhttp-64bit") == "SSLv3 TLSv1.0");
  CHECK(versions.at("winhttp-32bit") == "SSLv3 TLSv1.0");
  CHECK(versions.at("wininet") == "TLSv1.0 TLSv1.1 TLSv1.2");
  const auto& schannel = by_id(clients, "schannel");
  CHECK(schannel.profile.max_version == ProtocolVersion::tls1_0);
  CHECK(schannel.profile.synthetic);  // OS default suite order: stand-in suites
  CHECK(schannel.profile.min_dh_bits == 1024);
  bool names_tls12 = false;
  for (const auto& line : schannel.evidence)
    names_tls12 = names_tls12 || line.rfind("TLSv1.2 client: on_request", 0) == 0;
  CHECK(names_tls12);
  const auto& dotnet = by_id(clients, "dotnet-4.0-32bit");
  CHECK(dotnet.stack == "dotnet");
  CHECK(dotnet.evidence.front().find("SchUseStrongCrypto off") != std::string::npos);
}

TEST_CASE("machine clients: the 32-bit .NET view without SchUseStrongCrypto stays on SSL 3.0/TLS 1.0",
          "[assess][machine_clients]") {
  const auto versions = effective(windows("server2016_halfset_wow"));
  CHECK(versions.at("schannel") == "TLSv1.0 TLSv1.1");
  CHECK(versions.at("dotnet-4.6-64bit") == "TLSv1.0 TLSv1.1");
  CHECK(versions.at("dotnet-4.6-32bit") == "SSLv3 TLSv1.0");
  CHECK(versions.at("dotnet-4.0-32bit") == "SSLv3 TLSv1.0");
  CHECK(versions.at("winhttp-64bit") == "TLSv1.0 TLSv1.1 TLSv1.2");
}

TEST_CASE(
    "machine clients: Windows 11 defaults reach TLS 1.3; a hardened Server 2019 offers TLS 1.2 only with its policy "
    "order",
    "[assess][machine_clients]") {
  const auto win11 = windows("win11_default");
  CHECK(effective(win11).at("schannel") == "TLSv1.0 TLSv1.1 TLSv1.2 TLSv1.3");
  CHECK(effective(win11).at("dotnet-4.7-32bit") == "TLSv1.0 TLSv1.1 TLSv1.2 TLSv1.3");
  CHECK(by_id(win11, "schannel").profile.cipher_suites.front() == 0x1302);  // TLS 1.3 suites first

  const auto hardened = windows("server2019_hardened");
  for (const auto& [id, versions] : effective(hardened)) {
    INFO(id);
    CHECK(versions == "TLSv1.2");
  }
  const auto& schannel = by_id(hardened, "schannel");
  CHECK_FALSE(schannel.profile.synthetic);  // the suite order policy names the suites
  CHECK(schannel.profile.cipher_suites.front() == 0xC02C);
  CHECK(schannel.profile.min_rsa_bits == 2048);
  CHECK(schannel.profile.min_dh_bits == 2048);
}

#ifndef _WIN32  // the Linux roots hold symlinks, which Wine cannot create
TEST_CASE("machine clients: Linux roots give OpenSSL, GnuTLS and one profile per JDK", "[assess][machine_clients]") {
  const auto seclevel1 = linux_root("debian_tls10_seclevel1");
  const auto& openssl = by_id(seclevel1, "openssl");
  CHECK(names(openssl.versions) == "TLSv1.0 TLSv1.1 TLSv1.2 TLSv1.3");
  CHECK(openssl.profile.min_dh_bits == 1024);
  CHECK(openssl.profile.cipher_suites.size() == 30);  // 27 TLS <= 1.2 suites + 3 TLS 1.3 suites
  CHECK_FALSE(openssl.profile.groups.empty());
  CHECK(by_id(linux_root("debian12_default"), "openssl").profile.min_rsa_bits == 2048);

  const auto jdks = linux_root("java_two_jdks");
  CHECK(names(by_id(jdks, "java-17").versions) == "TLSv1.2 TLSv1.3");
  CHECK(names(by_id(jdks, "java-8").versions) == "TLSv1.0 TLSv1.2 TLSv1.3");  // TLSv1.1 disabled, TLSv1 not
  CHECK(by_id(jdks, "java-17").profile.min_dh_bits == 1024);
  CHECK(by_id(jdks, "java-8").profile.min_ecdsa_bits == 224);

  const auto gnutls = linux_root("gnutls_tls10");
  CHECK(names(by_id(gnutls, "gnutls").versions) == "TLSv1.0 TLSv1.2 TLSv1.3");
  const auto legacy = linux_root("rhel8_legacy");
  CHECK(by_id(legacy, "java-8").profile.min_dh_bits == 1023);
  bool cites_policy = false;
  for (const auto& line : by_id(legacy, "openssl").evidence)
    cites_policy = cites_policy || line.find("crypto-policies") == 0;
  CHECK(cites_policy);
}
#endif

TEST_CASE("machine clients feed the client rules: a stack with no version refuses every server",
          "[assess][machine_clients]") {
  const auto hardened = windows("server2019_hardened");
  tlsready::assess::ServerChoice tls10;
  tls10.version = ProtocolVersion::tls1_0;
  tls10.cipher_suite = 0xC014;
  CHECK(tlsready::assess::judge_server_choice(by_id(hardened, "schannel").profile, tls10).reason ==
        tlsready::model::ClientFailure::no_common_version);

  MachineClient empty;
  empty.profile.min_version = ProtocolVersion::tls1_3;
  empty.profile.max_version = ProtocolVersion::ssl3;
  tls10.version = ProtocolVersion::tls1_2;
  CHECK(tlsready::assess::judge_server_choice(empty.profile, tls10).reason ==
        tlsready::model::ClientFailure::no_common_version);
  CHECK(tlsready::assess::offered_versions(empty.profile).empty());
}
