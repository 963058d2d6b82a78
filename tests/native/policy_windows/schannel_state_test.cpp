// SCHANNEL state: every value form of Enabled / DisabledByDefault, OS defaults, unsupported
// protocols, cipher/hash families, key exchange and the cipher suite order.

#include <catch2/catch.hpp>

#include "policy/windows/schannel_state.h"
#include "policy_windows/registry_builder.h"

using namespace tlsready::policy::windows;
using testing::protocol_key;
using testing::RegistryBuilder;

namespace {

SchannelState read(const RegistryBuilder& b, const char* os) {
  return read_schannel_state(b.registry(), parse_windows_version(os));
}

}  // namespace

TEST_CASE("schannel: OS defaults when the registry is silent", "[policy_windows][schannel]") {
  RegistryBuilder b;
  SchannelState w7 = read(b, "win7");
  const RoleState& tls12 = w7.protocol(Protocol::tls12).client;
  CHECK(tls12.status() == RoleStatus::on_request);
  CHECK_FALSE(tls12.explicitly_configured());
  CHECK(tls12.describe() == "on_request (Enabled absent -> OS default 1; DisabledByDefault absent -> OS default 1)");
  CHECK(w7.protocol(Protocol::tls10).server.status() == RoleStatus::enabled);
  CHECK(w7.protocol(Protocol::tls13).server.status() == RoleStatus::unsupported);

  SchannelState s2022 = read(b, "2022");
  CHECK(s2022.protocol(Protocol::tls13).client.status() == RoleStatus::enabled);
  CHECK(s2022.protocol(Protocol::ssl3).client.status() == RoleStatus::on_request);
  CHECK(s2022.protocol(Protocol::ssl2).client.status() == RoleStatus::unsupported);
}

TEST_CASE("schannel: Enabled / DisabledByDefault value forms", "[policy_windows][schannel]") {
  const std::string k = protocol_key("TLS 1.0", "Server");
  SECTION("Enabled = 0 disables even with DisabledByDefault = 0") {
    RegistryBuilder b;
    b.dword(k, "Enabled", 0).dword(k, "DisabledByDefault", 0);
    SchannelState state = read(b, "2016");
    const RoleState& r = state.protocol(Protocol::tls10).server;
    CHECK(r.status() == RoleStatus::disabled);
    CHECK(r.half_set());  // Enabled=0 with DisabledByDefault=0 contradicts
  }
  SECTION("0xFFFFFFFF (KB 245030 form) is enabled and not a value problem") {
    RegistryBuilder b;
    b.dword(k, "Enabled", 0xFFFFFFFF).dword(k, "DisabledByDefault", 0);
    SchannelState state = read(b, "2012r2");
    const RoleState& r = state.protocol(Protocol::tls10).server;
    CHECK(r.status() == RoleStatus::enabled);
    CHECK(r.value_problems().empty());
    CHECK_FALSE(r.half_set());
  }
  SECTION("any other nonzero Enabled enables but is reported") {
    RegistryBuilder b;
    b.dword(k, "Enabled", 2).dword(k, "DisabledByDefault", 0);
    SchannelState state = read(b, "2019");
    const RoleState& r = state.protocol(Protocol::tls10).server;
    CHECK(r.enabled);
    REQUIRE(r.value_problems().size() == 1);
    CHECK_THAT(r.value_problems()[0], Catch::Contains("0x00000002"));
  }
  SECTION("DisabledByDefault = 1 keeps an enabled protocol on request") {
    RegistryBuilder b;
    b.dword(k, "Enabled", 1).dword(k, "DisabledByDefault", 1);
    SchannelState state = read(b, "2019");
    const RoleState& r = state.protocol(Protocol::tls10).server;
    CHECK(r.status() == RoleStatus::on_request);
    CHECK(r.half_set());
  }
  SECTION("only one of the pair set: the other comes from the OS default") {
    RegistryBuilder b;
    b.dword(k, "DisabledByDefault", 1);
    SchannelState state = read(b, "2019");
    const RoleState& r = state.protocol(Protocol::tls10).server;
    CHECK(r.status() == RoleStatus::on_request);
    CHECK(r.disabled_by_default_from_registry);
    CHECK_FALSE(r.enabled_from_registry);
    CHECK(r.half_set());
    CHECK(r.describe() ==
          "on_request (Enabled absent -> OS default 1; DisabledByDefault = 1 (REG_DWORD))");
  }
  SECTION("a REG_SZ value is ignored and reported") {
    RegistryBuilder b;
    b.sz(k, "Enabled", "0").dword(k, "DisabledByDefault", 0);
    SchannelState state = read(b, "2019");
    const RoleState& r = state.protocol(Protocol::tls10).server;
    CHECK(r.status() == RoleStatus::enabled);  // the OS default stands
    CHECK_FALSE(r.enabled_from_registry);
    REQUIRE(r.value_problems().size() == 1);
    CHECK_THAT(r.value_problems()[0], Catch::Contains("REG_SZ") && Catch::Contains("ignored"));
  }
  SECTION("a 4-byte REG_BINARY is read like a DWORD but reported") {
    RegistryBuilder b;
    b.binary(k, "Enabled", {0, 0, 0, 0}).dword(k, "DisabledByDefault", 1);
    SchannelState state = read(b, "2019");
    const RoleState& r = state.protocol(Protocol::tls10).server;
    CHECK(r.status() == RoleStatus::disabled);
    REQUIRE(r.value_problems().size() == 1);
    CHECK_THAT(r.value_problems()[0], Catch::Contains("REG_BINARY"));
  }
  SECTION("lookups ignore case in key and value names") {
    RegistryBuilder b;
    b.dword("hkey_local_machine\\system\\currentcontrolset\\control\\securityproviders\\schannel\\protocols\\tls 1.0\\server",
            "enabled", 0);
    CHECK(read(b, "2019").protocol(Protocol::tls10).server.status() == RoleStatus::disabled);
  }
}

TEST_CASE("schannel: TLS 1.3 switched on before Windows supports it", "[policy_windows][schannel]") {
  RegistryBuilder b;
  b.dword(protocol_key("TLS 1.3", "Client"), "Enabled", 1).dword(protocol_key("TLS 1.3", "Client"), "DisabledByDefault", 0);
  SchannelState s = read(b, "10.0.19045");
  const RoleState& r = s.protocol(Protocol::tls13).client;
  CHECK(r.status() == RoleStatus::unsupported);
  CHECK(r.enabled_on_unsupported_os());
  CHECK_FALSE(r.half_set());
  CHECK_THAT(r.describe(), Catch::Contains("registry values ignored"));
}

TEST_CASE("schannel: cipher families", "[policy_windows][schannel]") {
  const std::string ciphers = testing::kSchannel + "\\Ciphers\\";
  SECTION("defaults per OS") {
    RegistryBuilder b;
    SchannelState w7 = read(b, "win7");
    CHECK(w7.cipher_group(CipherGroup::rc4).offered);
    CHECK(w7.cipher_group(CipherGroup::triple_des).offered);
    CHECK_FALSE(w7.cipher_group(CipherGroup::null_cipher).offered);
    CHECK(w7.hash("MD5")->offered);  // RC4_128_MD5 is a default suite there
    SchannelState s2019 = read(b, "2019");
    CHECK_FALSE(s2019.cipher_group(CipherGroup::rc4).offered);
    CHECK_FALSE(s2019.hash("MD5")->offered);
    CHECK(s2019.cipher_group(CipherGroup::triple_des).reason == "absent (OS default: a default-enabled cipher suite uses it)");
  }
  SECTION("explicit Enabled wins, any key of the family counts") {
    RegistryBuilder b;
    b.dword(ciphers + "RC4 64/128", "Enabled", 0xFFFFFFFF).dword(ciphers + "NULL", "Enabled", 1)
        .dword(ciphers + "Triple DES 168", "Enabled", 0);
    SchannelState s = read(b, "2019");
    CHECK(s.cipher_group(CipherGroup::rc4).offered);
    CHECK_THAT(s.cipher_group(CipherGroup::rc4).reason, Catch::Contains("RC4 64/128"));
    CHECK(s.cipher_group(CipherGroup::null_cipher).offered);
    CHECK_FALSE(s.cipher_group(CipherGroup::triple_des).offered);
  }
  SECTION("Enabled = 0 on the family's main key removes the default suites") {
    RegistryBuilder b;
    b.dword(ciphers + "RC4 128/128", "Enabled", 0);
    SchannelState s = read(b, "2012r2");
    CHECK_FALSE(s.cipher_group(CipherGroup::rc4).offered);
    CHECK_FALSE(s.hash("MD5")->offered);
  }
  SECTION("an unknown cipher subkey is kept for the record") {
    RegistryBuilder b;
    b.dword(ciphers + "Camellia 256/256", "Enabled", 1);
    SchannelState s = read(b, "2019");
    bool found = false;
    for (const auto& key : s.cipher_keys) found = found || key.name == "Camellia 256/256";
    CHECK(found);
  }
}

TEST_CASE("schannel: key exchange minimums", "[policy_windows][schannel]") {
  const std::string dh = testing::kSchannel + "\\KeyExchangeAlgorithms\\Diffie-Hellman";
  RegistryBuilder b;
  CHECK(read(b, "2012r2").diffie_hellman.effective_server_min == 1024u);
  CHECK(read(b, "2019").diffie_hellman.effective_server_min == 2048u);
  b.dword(dh, "ServerMinKeyBitLength", 0x400).dword(dh, "Enabled", 0);
  SchannelState s = read(b, "2019");
  CHECK(s.diffie_hellman.effective_server_min == 1024u);
  CHECK(s.diffie_hellman.disabled());
}

TEST_CASE("schannel: cipher suite classification", "[policy_windows][schannel]") {
  SuiteInfo gcm = classify_cipher_suite("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384");
  CHECK(gcm.modern);
  CHECK(gcm.weaknesses.empty());
  SuiteInfo suffixed = classify_cipher_suite("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256_P256");
  CHECK(suffixed.lookup_name == "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
  CHECK(suffixed.modern);
  CHECK(classify_cipher_suite("TLS_AES_128_GCM_SHA256").modern);
  CHECK(classify_cipher_suite("TLS_CHACHA20_POLY1305_SHA256").modern);
  SuiteInfo cbc = classify_cipher_suite("TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384");
  CHECK_FALSE(cbc.modern);
  CHECK(cbc.weaknesses.empty());
  CHECK_FALSE(classify_cipher_suite("TLS_RSA_WITH_AES_128_GCM_SHA256").modern);  // no forward secrecy
  CHECK(classify_cipher_suite("TLS_RSA_WITH_3DES_EDE_CBC_SHA").weaknesses == std::vector<std::string>{"3DES"});
  CHECK(classify_cipher_suite("TLS_RSA_WITH_RC4_128_MD5").weaknesses == std::vector<std::string>{"RC4", "MD5"});
  CHECK(classify_cipher_suite("TLS_RSA_WITH_NULL_SHA256").weaknesses == std::vector<std::string>{"NULL"});
  SuiteInfo exp = classify_cipher_suite("TLS_RSA_EXPORT1024_WITH_RC4_56_SHA");
  CHECK(exp.weaknesses == std::vector<std::string>{"EXPORT", "RC4"});
  SuiteInfo ssl2 = classify_cipher_suite("SSL_CK_DES_192_EDE3_CBC_WITH_MD5");
  CHECK(ssl2.suite == nullptr);
  CHECK(ssl2.weaknesses == std::vector<std::string>{"SSL2", "3DES", "MD5"});
  SuiteInfo unknown = classify_cipher_suite("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA385");
  CHECK(unknown.suite == nullptr);
  CHECK(unknown.weaknesses.empty());
}

TEST_CASE("schannel: cipher suite order sources", "[policy_windows][schannel]") {
  const std::string policy(kCipherSuitePolicyKey);
  const std::string local(kCipherSuiteLocalKey);
  SECTION("policy REG_SZ comma list (what the GPO writes)") {
    RegistryBuilder b;
    b.sz(policy, "Functions", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, TLS_RSA_WITH_3DES_EDE_CBC_SHA,");
    SchannelState s = read(b, "2019");
    CHECK(s.order.source == OrderSource::policy);
    REQUIRE(s.order.suites.size() == 2);
    CHECK(s.order.suites[1].name == "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
    CHECK(s.cipher_group(CipherGroup::triple_des).offered);
    CHECK(s.cipher_group(CipherGroup::triple_des).policy_suites == std::vector<std::string>{"TLS_RSA_WITH_3DES_EDE_CBC_SHA"});
  }
  SECTION("policy REG_MULTI_SZ beats the local list") {
    RegistryBuilder b;
    b.multi_sz(policy, "Functions", {"TLS_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"})
        .multi_sz(local, "Functions", {"TLS_RSA_WITH_RC4_128_SHA"});
    SchannelState s = read(b, "2022");
    CHECK(s.order.source == OrderSource::policy);
    CHECK_FALSE(s.cipher_group(CipherGroup::triple_des).offered);  // not listed -> not used
    CHECK_FALSE(s.cipher_group(CipherGroup::rc4).offered);
  }
  SECTION("local list when no policy") {
    RegistryBuilder b;
    b.multi_sz(local, "Functions", {"TLS_RSA_WITH_RC4_128_MD5", "TLS_RSA_WITH_AES_128_CBC_SHA"});
    SchannelState s = read(b, "2019");
    CHECK(s.order.source == OrderSource::local);
    CHECK(s.cipher_group(CipherGroup::rc4).offered);
    CHECK(s.hash("MD5")->offered);
  }
  SECTION("an empty policy value falls back") {
    RegistryBuilder b;
    b.sz(policy, "Functions", "").multi_sz(policy, "EccCurves", {"curve25519", "NistP256"});
    SchannelState s = read(b, "2019");
    CHECK(s.order.source == OrderSource::os_default);
    CHECK(s.order.ecc_curves.items == std::vector<std::string>{"curve25519", "NistP256"});
  }
}
