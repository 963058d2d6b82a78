// The compiled-in Windows default tables: complete, and carrying the facts Microsoft documents.

#include <catch2/catch.hpp>

#include "policy/windows/defaults.h"

using namespace tlsready::policy::windows;

namespace {
WindowsVersion os(const char* text) { return parse_windows_version(text); }
}  // namespace

TEST_CASE("defaults: every table parses and covers every family", "[policy_windows][defaults]") {
  CHECK_NOTHROW(check_default_tables());
}

TEST_CASE("defaults: SCHANNEL protocol table follows 'Protocols in TLS/SSL (Schannel SSP)'",
          "[policy_windows][defaults]") {
  // Windows 7: TLS 1.1/1.2 supported but DisabledByDefault; SSL 2.0 client off by default, server on.
  ProtocolDefault w7_tls12 = schannel_protocol_default(os("win7"), Protocol::tls12);
  CHECK(w7_tls12.supported);
  CHECK(w7_tls12.client_enabled);
  CHECK(w7_tls12.client_disabled_by_default);
  CHECK(w7_tls12.server_disabled_by_default);
  ProtocolDefault w7_ssl2 = schannel_protocol_default(os("win7"), Protocol::ssl2);
  CHECK(w7_ssl2.client_disabled_by_default);
  CHECK_FALSE(w7_ssl2.server_disabled_by_default);
  CHECK_FALSE(schannel_protocol_default(os("win7"), Protocol::dtls12).supported);

  // Windows 8 / 2012 and later: TLS 1.2 on by default.
  CHECK_FALSE(schannel_protocol_default(os("2012"), Protocol::tls12).client_disabled_by_default);
  // SSL 2.0 present in 10240, gone from 14393; SSL 3.0 off by default from 14393.
  CHECK(schannel_protocol_default(os("10.0.10586"), Protocol::ssl2).supported);
  CHECK_FALSE(schannel_protocol_default(os("2016"), Protocol::ssl2).supported);
  CHECK_FALSE(schannel_protocol_default(os("10.0.10240"), Protocol::ssl3).client_disabled_by_default);
  CHECK(schannel_protocol_default(os("2016"), Protocol::ssl3).client_disabled_by_default);
  CHECK(schannel_protocol_default(os("2016"), Protocol::dtls12).supported);
  CHECK_FALSE(schannel_protocol_default(os("10.0.10240"), Protocol::dtls12).supported);

  // TLS 1.3: from Server 2022 (20348) / Windows 11, on by default; not before.
  CHECK_FALSE(schannel_protocol_default(os("2019"), Protocol::tls13).supported);
  CHECK_FALSE(schannel_protocol_default(os("10.0.19045"), Protocol::tls13).supported);
  for (const char* v : {"2022", "win11", "2025"}) {
    ProtocolDefault d = schannel_protocol_default(os(v), Protocol::tls13);
    CHECK(d.supported);
    CHECK(d.client_enabled);
    CHECK_FALSE(d.client_disabled_by_default);
  }
  // TLS 1.0 stays on by default in the in-market releases the table lists.
  CHECK_FALSE(schannel_protocol_default(os("2022"), Protocol::tls10).server_disabled_by_default);
}

TEST_CASE("defaults: algorithm and key-size table", "[policy_windows][defaults]") {
  CHECK(cipher_group_offered_by_default(os("win7"), CipherGroup::rc4));
  CHECK(cipher_group_offered_by_default(os("2012r2"), CipherGroup::rc4));
  CHECK(cipher_group_offered_by_default(os("2016"), CipherGroup::rc4));      // v1607 list
  CHECK_FALSE(cipher_group_offered_by_default(os("2019"), CipherGroup::rc4));  // v1809 list
  CHECK_FALSE(cipher_group_offered_by_default(os("win11"), CipherGroup::rc4));
  for (const char* v : {"win7", "2012r2", "2019", "2022", "win11"}) {
    CHECK(cipher_group_offered_by_default(os(v), CipherGroup::triple_des));
    CHECK_FALSE(cipher_group_offered_by_default(os(v), CipherGroup::null_cipher));
    CHECK_FALSE(cipher_group_offered_by_default(os(v), CipherGroup::export_grade));
  }
  CHECK(default_key_bits(os("2012r2"), KeySetting::dh_server_min_bits) == 1024u);
  CHECK(default_key_bits(os("2016"), KeySetting::dh_server_min_bits) == 2048u);
  CHECK(default_key_bits(os("2016"), KeySetting::dh_client_min_bits) == 1024u);
  CHECK(default_key_bits(os("win11"), KeySetting::pkcs_client_min_bits) == 1024u);
}

TEST_CASE("defaults: WinHTTP / WinINet table follows KB3140245", "[policy_windows][defaults]") {
  HttpDefault w7 = http_default(os("win7"), HttpComponent::winhttp);
  CHECK(w7.default_mask == 0x0A0u);  // SSL 3.0 + TLS 1.0
  CHECK(w7.needs_kb3140245);
  CHECK(http_default(os("2012"), HttpComponent::winhttp).needs_kb3140245);
  CHECK_FALSE(http_default(os("2012r2"), HttpComponent::winhttp).needs_kb3140245);
  CHECK((http_default(os("2012r2"), HttpComponent::winhttp).default_mask & 0x800u) != 0);
  CHECK((http_default(os("2022"), HttpComponent::winhttp).default_mask & 0x2000u) != 0);
  CHECK(http_default(os("win7"), HttpComponent::wininet).default_mask == 0xA80u);
}

TEST_CASE("defaults: protocol helpers", "[policy_windows][defaults]") {
  CHECK(describe_mask(0x0A80) == "0x00000A80 (TLSv1.0, TLSv1.1, TLSv1.2)");
  CHECK(describe_mask(0) == "0x00000000 (none)");
  CHECK(describe_mask(0x2008) == "0x00002008 (SSLv2, TLSv1.3)");
  CHECK(protocol_from_token("tls12") == Protocol::tls12);
  CHECK_FALSE(protocol_from_token("TLS14"));
  CHECK(protocol_key_name(Protocol::dtls12) == "DTLS 1.2");
}

TEST_CASE("defaults: recommended cipher suite order per generation", "[policy_windows][defaults]") {
  auto w7 = recommended_cipher_suites(os("win7"));
  REQUIRE_FALSE(w7.empty());
  CHECK(w7.front() == "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384_P384");
  auto s2019 = recommended_cipher_suites(os("2019"));
  CHECK(s2019.front() == "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384");
  auto s2022 = recommended_cipher_suites(os("2022"));
  CHECK(s2022.front() == "TLS_AES_256_GCM_SHA384");
  std::size_t length = 0;
  for (const auto& s : s2022) length += s.size() + 1;
  CHECK(length <= 1023);  // the policy's limit
}
