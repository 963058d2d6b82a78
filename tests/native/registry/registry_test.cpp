// Tests of the registry room: the compiled-in tables, their lookups, the CSV parser's error
// reporting, and a cross-check of the data against the local OpenSSL's own tables.

#include <openssl/err.h>
#include <openssl/obj_mac.h>
#include <openssl/ssl.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "registry/cipher_suite_registry.h"
#include "registry/grease.h"
#include "registry/group_registry.h"
#include "registry/hex_format.h"
#include "registry/protocol_version.h"
#include "registry/registry_error.h"
#include "registry/signature_scheme_registry.h"

namespace reg = tlsready::registry;
using reg::ProtocolVersion;

namespace {

const reg::CipherSuite& suite(uint16_t code) {
  const reg::CipherSuite* s = reg::find_cipher_suite(code);
  REQUIRE(s != nullptr);
  return *s;
}

std::vector<ProtocolVersion> versions(std::initializer_list<ProtocolVersion> list) { return list; }

// ---- OpenSSL helpers ----------------------------------------------------------------------

struct SslCtxFree {
  void operator()(SSL_CTX* ctx) const { SSL_CTX_free(ctx); }
};
using CtxPtr = std::unique_ptr<SSL_CTX, SslCtxFree>;

CtxPtr client_ctx() {
  CtxPtr ctx(SSL_CTX_new(TLS_client_method()));
  REQUIRE(ctx != nullptr);
  SSL_CTX_set_security_level(ctx.get(), 0);
  return ctx;
}

// Big-endian reader over a byte vector that turns every overrun into "no value".
struct Reader {
  const std::vector<uint8_t>& bytes;
  std::size_t pos = 0;
  bool ok = true;
  uint32_t take(std::size_t n) {
    uint32_t value = 0;
    if (!ok || bytes.size() - pos < n) {
      ok = false;
      return 0;
    }
    for (std::size_t i = 0; i < n; ++i) value = (value << 8) | bytes[pos++];
    return value;
  }
  void skip(std::size_t n) {
    if (!ok || bytes.size() - pos < n) {
      ok = false;
      return;
    }
    pos += n;
  }
};

// The 16-bit values listed in extension `type` (supported_groups, signature_algorithms) of the
// ClientHello that `ctx` writes, or nullopt when OpenSSL wrote no hello or no such extension.
std::optional<std::vector<uint16_t>> client_hello_list(SSL_CTX* ctx, uint16_t type) {
  SSL* ssl = SSL_new(ctx);
  if (ssl == nullptr) return std::nullopt;
  SSL_set_bio(ssl, BIO_new(BIO_s_mem()), BIO_new(BIO_s_mem()));
  SSL_set_connect_state(ssl);
  (void)SSL_do_handshake(ssl);  // stops at "want read" after writing the ClientHello
  char* data = nullptr;
  const long length = BIO_get_mem_data(SSL_get_wbio(ssl), &data);
  std::vector<uint8_t> wire;
  if (length > 0) wire.assign(data, data + length);
  SSL_free(ssl);
  ERR_clear_error();

  Reader r{wire};
  if (r.take(1) != 22) return std::nullopt;  // handshake record
  r.skip(2);
  const std::size_t record_end = r.take(2) + r.pos;
  if (r.take(1) != 1) return std::nullopt;  // client_hello
  r.skip(3 + 2 + 32);                       // length, legacy_version, random
  r.skip(r.take(1));                        // session id
  r.skip(r.take(2));                        // cipher suites
  r.skip(r.take(1));                        // compression methods
  const std::size_t extensions_end = r.take(2) + r.pos;
  while (r.ok && r.pos + 4 <= std::min(extensions_end, record_end)) {
    const uint32_t ext_type = r.take(2);
    const uint32_t ext_length = r.take(2);
    if (ext_type != type) {
      r.skip(ext_length);
      continue;
    }
    std::vector<uint16_t> values;
    const std::size_t list_end = r.take(2) + r.pos;
    while (r.ok && r.pos + 2 <= list_end) values.push_back(static_cast<uint16_t>(r.take(2)));
    if (!r.ok) return std::nullopt;
    return values;
  }
  return std::nullopt;
}

std::string kx_from_nid(int nid) {
  static const std::map<int, std::string> names = {
      {NID_kx_rsa, "RSA"},         {NID_kx_ecdhe, "ECDHE"},     {NID_kx_dhe, "DHE"},   {NID_kx_psk, "PSK"},
      {NID_kx_rsa_psk, "RSA_PSK"}, {NID_kx_dhe_psk, "DHE_PSK"}, {NID_kx_ecdhe_psk, "ECDHE_PSK"},
      {NID_kx_srp, "SRP"},         {NID_kx_gost, "GOST"},       {NID_kx_gost18, "GOST"}, {NID_kx_any, "ANY"}};
  auto it = names.find(nid);
  return it == names.end() ? "nid:" + std::to_string(nid) : it->second;
}

std::string auth_from_nid(int nid) {
  static const std::map<int, std::string> names = {
      {NID_auth_rsa, "RSA"},     {NID_auth_ecdsa, "ECDSA"},  {NID_auth_dss, "DSS"}, {NID_auth_psk, "PSK"},
      {NID_auth_srp, "SRP"},     {NID_auth_null, "anon"},    {NID_auth_any, "ANY"}, {NID_auth_gost01, "GOST"},
      {NID_auth_gost12, "GOST"}};
  auto it = names.find(nid);
  return it == names.end() ? "nid:" + std::to_string(nid) : it->second;
}

std::string mac_from_nid(int nid) {
  static const std::map<int, std::string> names = {
      {NID_md5, "MD5"}, {NID_sha1, "SHA1"}, {NID_sha256, "SHA256"}, {NID_sha384, "SHA384"}};
  auto it = names.find(nid);
  return it == names.end() ? "nid:" + std::to_string(nid) : it->second;
}

const std::string kAllTls13Suites =
    "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_CCM_SHA256:"
    "TLS_AES_128_CCM_8_SHA256";

// A minimal valid cipher_suites.csv with `row` as its only data row (on line 4).
std::string one_suite_csv(const std::string& row) {
  return "# comment line 1\n"
         "code,iana_name,openssl_name,protocols,kx,auth,cipher,cipher_bits,mac,flags\n"
         "\n" +
         row + "\n";
}

const std::string kGoodRow =
    "0xC02F,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,ECDHE-RSA-AES128-GCM-SHA256,TLSv1.2,ECDHE,RSA,AES_128_GCM,128,AEAD,"
    "pfs";

}  // namespace

// ---- protocol versions ----------------------------------------------------------------------

TEST_CASE("protocol version names round-trip and unknown wire values print as hex", "[registry]") {
  CHECK(reg::version_name(ProtocolVersion::ssl3) == "SSLv3");
  CHECK(reg::version_name(ProtocolVersion::tls1_0) == "TLSv1.0");
  CHECK(reg::version_name(ProtocolVersion::tls1_1) == "TLSv1.1");
  CHECK(reg::version_name(ProtocolVersion::tls1_2) == "TLSv1.2");
  CHECK(reg::version_name(ProtocolVersion::tls1_3) == "TLSv1.3");
  for (ProtocolVersion v : reg::kProtocolVersions) {
    CHECK(reg::parse_version_name(reg::version_name(v)) == v);
    CHECK(reg::version_from_wire(static_cast<uint16_t>(v)) == v);
  }
  CHECK(reg::parse_version_name("tlsv1.2") == ProtocolVersion::tls1_2);
  CHECK_FALSE(reg::parse_version_name("TLSv1.4").has_value());
  CHECK_FALSE(reg::parse_version_name("").has_value());
  CHECK(reg::version_name_or_hex(0x0303) == "TLSv1.2");
  CHECK(reg::version_name_or_hex(0x7F1C) == "0x7F1C");  // TLS 1.3 draft 28
  CHECK(reg::version_name_or_hex(0xFEFD) == "0xFEFD");  // DTLS 1.2
  CHECK(reg::version_name_or_hex(0x0A0A) == "0x0A0A");  // GREASE
  CHECK(reg::version_name(static_cast<ProtocolVersion>(0x0305)) == "unknown");
}

TEST_CASE("hex formatting and GREASE detection", "[registry]") {
  CHECK(reg::format_hex16(0) == "0x0000");
  CHECK(reg::format_hex16(0xC02F) == "0xC02F");
  CHECK(reg::format_hex16(0xffff) == "0xFFFF");
  int grease = 0;
  for (uint32_t v = 0; v <= 0xFFFF; ++v) grease += reg::is_grease(static_cast<uint16_t>(v)) ? 1 : 0;
  CHECK(grease == 16);
  CHECK(reg::is_grease(0x0A0A));
  CHECK(reg::is_grease(0xFAFA));
  CHECK_FALSE(reg::is_grease(0x0A1A));
  CHECK_FALSE(reg::is_grease(0xC02F));
}

// ---- the cipher suite table -----------------------------------------------------------------

TEST_CASE("cipher suite table: size, order and uniqueness", "[registry]") {
  const auto& suites = reg::all_cipher_suites();
  const auto iana = std::count_if(suites.begin(), suites.end(), [](const auto& s) { return !s.non_iana; });
  CHECK(iana == 356);  // IANA registry as of 2026-09-29
  CHECK(suites.size() == 378);
  for (std::size_t i = 1; i < suites.size(); ++i) {
    INFO(reg::format_hex16(suites[i].code));
    CHECK(suites[i - 1].code < suites[i].code);
  }
  std::set<std::string> names;
  for (const auto& s : suites) {
    CHECK(names.insert(s.iana_name).second);
    CHECK_FALSE(reg::is_grease(s.code));
    CHECK(reg::find_cipher_suite(s.code) == &s);
    CHECK(reg::find_cipher_suite_by_name(s.iana_name) == &s);
    if (!s.openssl_name.empty()) CHECK(reg::find_cipher_suite_by_name(s.openssl_name) == &s);
  }
}

TEST_CASE("cipher suite facts pinned from the IANA registry and the RFCs", "[registry]") {
  const auto& c02f = suite(0xC02F);
  CHECK(c02f.iana_name == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  CHECK(c02f.openssl_name == "ECDHE-RSA-AES128-GCM-SHA256");
  CHECK(c02f.kx == "ECDHE");
  CHECK(c02f.auth == "RSA");
  CHECK(c02f.cipher == "AES_128_GCM");
  CHECK(c02f.cipher_bits == 128);
  CHECK(c02f.mac == "AEAD");
  CHECK(c02f.protocols == versions({ProtocolVersion::tls1_2}));
  CHECK(c02f.forward_secret);
  CHECK_FALSE(c02f.weak);

  const auto& des3 = suite(0x000A);  // RFC 5246
  CHECK(des3.iana_name == "TLS_RSA_WITH_3DES_EDE_CBC_SHA");
  CHECK(des3.openssl_name == "DES-CBC3-SHA");
  CHECK(des3.cipher == "3DES");
  CHECK(des3.cipher_bits == 112);
  CHECK(des3.weak);
  CHECK_FALSE(des3.forward_secret);
  CHECK(des3.allowed_in(ProtocolVersion::ssl3));
  CHECK(des3.allowed_in(ProtocolVersion::tls1_2));
  CHECK_FALSE(des3.allowed_in(ProtocolVersion::tls1_3));

  const auto& aes13 = suite(0x1301);  // RFC 8446
  CHECK(aes13.iana_name == "TLS_AES_128_GCM_SHA256");
  CHECK(aes13.protocols == versions({ProtocolVersion::tls1_3}));
  CHECK(aes13.kx == "ANY");
  CHECK(aes13.forward_secret);

  const auto& exp = suite(0x0003);  // RFC 4346: export suites end with TLS 1.0
  CHECK(exp.iana_name == "TLS_RSA_EXPORT_WITH_RC4_40_MD5");
  CHECK(exp.openssl_name == "EXP-RC4-MD5");
  CHECK(exp.protocols == versions({ProtocolVersion::ssl3, ProtocolVersion::tls1_0}));
  CHECK(exp.export_grade);
  CHECK(exp.weak);
  CHECK(exp.cipher_bits == 40);
  CHECK(exp.mac == "MD5");

  const auto& adh = suite(0x0034);  // anonymous DH is ephemeral but not "forward secret" here
  CHECK(adh.kx == "DHE");
  CHECK(adh.auth == "anon");
  CHECK(adh.anonymous);
  CHECK(adh.weak);
  CHECK_FALSE(adh.forward_secret);

  const auto& null_md5 = suite(0x0001);
  CHECK(null_md5.null_cipher);
  CHECK(null_md5.weak);

  const auto& psk256 = suite(0x00AE);  // RFC 5487: SHA-256 PSK CBC suites work from TLS 1.0
  CHECK(psk256.protocols == versions({ProtocolVersion::tls1_0, ProtocolVersion::tls1_1, ProtocolVersion::tls1_2}));
  CHECK(suite(0x003C).protocols == versions({ProtocolVersion::tls1_2}));  // RFC 5246 SHA-256 suite
  CHECK(suite(0xC013).protocols ==
        versions({ProtocolVersion::tls1_0, ProtocolVersion::tls1_1, ProtocolVersion::tls1_2}));  // ECC

  CHECK(suite(0xCCA8).iana_name == "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");  // RFC 7905
  CHECK(suite(0xC0AA).iana_name == "TLS_PSK_DHE_WITH_AES_128_CCM_8");  // sic, RFC 6655
  CHECK(suite(0xC0AA).kx == "DHE_PSK");
  CHECK(suite(0xC0B4).iana_name == "TLS_SHA256_SHA256");  // RFC 9150, integrity only
  CHECK(suite(0xC0B4).null_cipher);

  const auto& scsv = suite(0x00FF);
  CHECK(scsv.iana_name == "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");
  CHECK(scsv.scsv);
  CHECK(suite(0x5600).iana_name == "TLS_FALLBACK_SCSV");

  const auto& fips = suite(0xFEFF);
  CHECK(fips.non_iana);
  CHECK(fips.iana_name == "SSL_RSA_FIPS_WITH_3DES_EDE_CBC_SHA");
  CHECK(suite(0x0062).non_iana);
  CHECK(suite(0x0062).export_grade);

  CHECK(reg::find_cipher_suite(0x0A0A) == nullptr);
  CHECK(reg::find_cipher_suite(0x001C) == nullptr);  // reserved for SSLv3 Fortezza, not listed
}

TEST_CASE("every cipher suite row obeys the table's invariants", "[registry]") {
  for (const auto& s : reg::all_cipher_suites()) {
    INFO(s.iana_name);
    CHECK_FALSE(s.protocols.empty());
    CHECK(std::is_sorted(s.protocols.begin(), s.protocols.end()));
    if (s.export_grade || s.null_cipher || s.anonymous) CHECK(s.weak);
    if (s.cipher.rfind("RC4", 0) == 0 || s.cipher.rfind("DES", 0) == 0 || s.cipher == "3DES" || s.mac == "MD5") {
      CHECK(s.weak);
    }
    if (s.export_grade) CHECK_FALSE(s.allowed_in(ProtocolVersion::tls1_1));
    if (s.allowed_in(ProtocolVersion::tls1_3)) CHECK(s.protocols.size() == 1);
    if (s.mac == "AEAD" && !s.allowed_in(ProtocolVersion::tls1_3)) {
      CHECK(s.protocols == versions({ProtocolVersion::tls1_2}));
    }
    if ((s.kx == "DHE" || s.kx == "ECDHE") && !s.anonymous) CHECK(s.forward_secret);
    if (s.kx == "RSA" || s.kx == "DH" || s.kx == "ECDH" || s.kx == "PSK") CHECK_FALSE(s.forward_secret);
  }
}

TEST_CASE("cipher suite name lookups are case-insensitive over IANA and OpenSSL names", "[registry]") {
  CHECK(reg::find_cipher_suite_by_name("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")->code == 0xC02F);
  CHECK(reg::find_cipher_suite_by_name("ecdhe-rsa-aes128-gcm-sha256")->code == 0xC02F);
  CHECK(reg::find_cipher_suite_by_name("tls_aes_256_gcm_sha384")->code == 0x1302);
  CHECK(reg::find_cipher_suite_by_name("RC4-SHA")->code == 0x0005);
  CHECK(reg::find_cipher_suite_by_name("NO-SUCH-SUITE") == nullptr);
  CHECK(reg::find_cipher_suite_by_name("") == nullptr);
}

TEST_CASE("cipher_suites_for lists negotiable suites in code order without SCSVs", "[registry]") {
  for (ProtocolVersion v : reg::kProtocolVersions) {
    const auto codes = reg::cipher_suites_for(v);
    INFO(reg::version_name(v));
    CHECK_FALSE(codes.empty());
    CHECK(std::is_sorted(codes.begin(), codes.end()));
    for (uint16_t code : codes) {
      CHECK_FALSE(suite(code).scsv);
      CHECK(suite(code).allowed_in(v));
    }
    std::size_t expected = 0;
    for (const auto& s : reg::all_cipher_suites()) expected += (!s.scsv && s.allowed_in(v)) ? 1 : 0;
    CHECK(codes.size() == expected);
  }
  const auto tls13 = reg::cipher_suites_for(ProtocolVersion::tls1_3);
  CHECK(tls13 == std::vector<uint16_t>{0x006E, 0x006F, 0x0070, 0x0071, 0x00C6, 0x00C7, 0x1301, 0x1302, 0x1303,
                                       0x1304, 0x1305, 0x1306, 0x1307, 0xC0B4, 0xC0B5, 0xC103, 0xC104, 0xC105,
                                       0xC106});
  const auto tls12 = reg::cipher_suites_for(ProtocolVersion::tls1_2);
  CHECK(std::count(tls12.begin(), tls12.end(), 0xC02F) == 1);
  CHECK(std::count(tls12.begin(), tls12.end(), 0x000A) == 1);
  CHECK(std::count(tls12.begin(), tls12.end(), 0x0003) == 0);
  CHECK(std::count(tls12.begin(), tls12.end(), 0x00FF) == 0);
  const auto ssl3 = reg::cipher_suites_for(ProtocolVersion::ssl3);
  CHECK(std::count(ssl3.begin(), ssl3.end(), 0x0003) == 1);
  CHECK(std::count(ssl3.begin(), ssl3.end(), 0xC013) == 0);
  CHECK(reg::cipher_suites_for(static_cast<ProtocolVersion>(0x7F1C)).empty());
}

TEST_CASE("unknown and GREASE codes print as hex", "[registry]") {
  CHECK(reg::cipher_suite_name_or_hex(0xC02F) == "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
  CHECK(reg::cipher_suite_name_or_hex(0x0A0A) == "0x0A0A");
  CHECK(reg::cipher_suite_name_or_hex(0xDADA) == "0xDADA");
  CHECK(reg::cipher_suite_name_or_hex(0x1308) == "0x1308");
  CHECK(reg::group_name_or_hex(0x001D) == "x25519");
  CHECK(reg::group_name_or_hex(0x1A1A) == "0x1A1A");
  CHECK(reg::signature_scheme_name_or_hex(0x0804) == "rsa_pss_rsae_sha256");
  CHECK(reg::signature_scheme_name_or_hex(0x2A2A) == "0x2A2A");
  for (uint32_t v = 0; v <= 0xFFFF; ++v) {
    const auto code = static_cast<uint16_t>(v);
    if (!reg::is_grease(code)) continue;
    CHECK(reg::find_cipher_suite(code) == nullptr);
    CHECK(reg::find_group(code) == nullptr);
    CHECK(reg::find_signature_scheme(code) == nullptr);
  }
}

// ---- groups and signature schemes -----------------------------------------------------------

TEST_CASE("named group table", "[registry]") {
  const auto& groups = reg::all_groups();
  CHECK(groups.size() == 59);  // IANA registry as of 2026-09-29
  for (std::size_t i = 1; i < groups.size(); ++i) CHECK(groups[i - 1].code < groups[i].code);
  for (const auto& g : groups) {
    CHECK(reg::find_group(g.code) == &g);
    CHECK(reg::find_group_by_name(g.name) == &g);
    if (g.deprecated) CHECK_FALSE(g.tls13);
  }
  const auto* x25519 = reg::find_group(0x001D);
  REQUIRE(x25519 != nullptr);
  CHECK(x25519->name == "x25519");
  CHECK(x25519->kind == "montgomery");
  CHECK(x25519->tls13);
  CHECK(reg::find_group(0x0017)->name == "secp256r1");
  CHECK(reg::find_group(0x0017)->bits == 256);
  CHECK(reg::find_group(0x0100)->name == "ffdhe2048");
  CHECK(reg::find_group(0x0100)->kind == "ffdhe");
  CHECK(reg::find_group(0x0104)->bits == 8192);
  CHECK(reg::find_group(0x001A)->name == "brainpoolP256r1");
  CHECK_FALSE(reg::find_group(0x001A)->tls13);
  CHECK(reg::find_group(0x001F)->name == "brainpoolP256r1tls13");
  CHECK(reg::find_group(0x001F)->tls13);
  CHECK(reg::find_group(0x0001)->name == "sect163k1");
  CHECK(reg::find_group(0x0001)->deprecated);
  CHECK(reg::find_group(0x11EC)->name == "X25519MLKEM768");
  CHECK(reg::find_group(0x11EC)->kind == "hybrid_pq");
  CHECK(reg::find_group(0x11EB)->name == "SecP256r1MLKEM768");
  CHECK(reg::find_group(0x11ED)->name == "SecP384r1MLKEM1024");
  CHECK(reg::find_group(0x6399)->name == "X25519Kyber768Draft00");
  CHECK(reg::find_group(0x6399)->draft);
  CHECK(reg::find_group(0x0022)->kind == "gost");
  CHECK(reg::find_group_by_name("X25519")->code == 0x001D);
  CHECK(reg::find_group_by_name("secp384r1")->code == 0x0018);
  CHECK(reg::find_group_by_name("nope") == nullptr);
}

TEST_CASE("signature scheme table", "[registry]") {
  const auto& schemes = reg::all_signature_schemes();
  CHECK(schemes.size() == 61);  // 49 IANA SignatureScheme values + 12 TLS 1.2-only pairs
  for (std::size_t i = 1; i < schemes.size(); ++i) CHECK(schemes[i - 1].code < schemes[i].code);
  for (const auto& s : schemes) {
    CHECK(reg::find_signature_scheme(s.code) == &s);
    CHECK(reg::find_signature_scheme_by_name(s.name) == &s);
  }
  CHECK(reg::find_signature_scheme(0x0401)->name == "rsa_pkcs1_sha256");
  CHECK_FALSE(reg::find_signature_scheme(0x0401)->legacy);
  CHECK(reg::find_signature_scheme(0x0807)->name == "ed25519");
  CHECK(reg::find_signature_scheme(0x0808)->name == "ed448");
  CHECK(reg::find_signature_scheme(0x0804)->name == "rsa_pss_rsae_sha256");
  CHECK(reg::find_signature_scheme(0x0809)->name == "rsa_pss_pss_sha256");
  CHECK(reg::find_signature_scheme(0x0201)->name == "rsa_pkcs1_sha1");
  CHECK(reg::find_signature_scheme(0x0201)->legacy);
  CHECK(reg::find_signature_scheme(0x0203)->name == "ecdsa_sha1");
  CHECK(reg::find_signature_scheme(0x0203)->legacy);
  CHECK(reg::find_signature_scheme(0x0402)->legacy);  // dsa_sha256, TLS 1.2 only
  CHECK(reg::find_signature_scheme(0x0101)->legacy);
  CHECK(reg::find_signature_scheme_by_name("ED25519")->code == 0x0807);
}

// ---- the parser's error reporting ------------------------------------------------------------

TEST_CASE("a well-formed one-row table parses", "[registry]") {
  const auto suites = reg::parse_cipher_suites_csv(one_suite_csv(kGoodRow), "test.csv");
  REQUIRE(suites.size() == 1);
  CHECK(suites[0].code == 0xC02F);
  CHECK(suites[0].forward_secret);
  CHECK(reg::parse_cipher_suites_csv(one_suite_csv(kGoodRow) + "\r\n").size() == 1);
}

TEST_CASE("malformed cipher suite rows are rejected with their line number", "[registry]") {
  struct Case {
    const char* what;
    std::string row;
    const char* message;
  };
  const std::vector<Case> cases = {
      {"lowercase hex", "0xc02f" + kGoodRow.substr(6), "code: expected 0x"},
      {"short code", "0xC02" + kGoodRow.substr(6), "code: expected 0x"},
      {"missing field", kGoodRow.substr(0, kGoodRow.rfind(',')), "expected 10 fields, found 9"},
      {"extra field", kGoodRow + ",x", "expected 10 fields, found 11"},
      {"unknown flag", kGoodRow + ";shiny", "unknown flag 'shiny'"},
      {"repeated flag", kGoodRow + ";pfs", "flag 'pfs' repeated"},
      {"unknown version", "0xC02F,TLS_X,X,TLSv1.4,ECDHE,RSA,AES_128_GCM,128,AEAD,pfs", "unknown version 'TLSv1.4'"},
      {"versions out of order", "0xC02F,TLS_X,X,TLSv1.2|TLSv1.0,ECDHE,RSA,AES_128_GCM,128,AEAD,pfs", "oldest first"},
      {"unknown kx", "0xC02F,TLS_X,X,TLSv1.2,EC-DHE,RSA,AES_128_GCM,128,AEAD,pfs", "kx: unknown value"},
      {"bits not a number", "0xC02F,TLS_X,X,TLSv1.2,ECDHE,RSA,AES_128_GCM,12x,AEAD,pfs", "cipher_bits"},
      {"quoted field", "0xC02F,\"TLS_X\",X,TLSv1.2,ECDHE,RSA,AES_128_GCM,128,AEAD,pfs", "quote"},
      {"blank around field", "0xC02F, TLS_X,X,TLSv1.2,ECDHE,RSA,AES_128_GCM,128,AEAD,pfs", "blanks"},
      {"export but not weak", "0x0003,TLS_X,X,SSLv3|TLSv1.0,RSA,RSA,RC4_40,40,MD5,export", "imply weak"},
      {"export in TLS 1.1", "0x0003,TLS_X,X,SSLv3|TLSv1.1,RSA,RSA,RC4_40,40,MD5,export;weak", "RFC 4346"},
      {"NULL cipher without flag", "0x0002,TLS_X,X,TLSv1.2,RSA,RSA,NULL,0,SHA1,weak", "null_cipher"},
      {"TLS 1.3 suite with a kx", "0x1301,TLS_X,X,TLSv1.3,ECDHE,RSA,AES_128_GCM,128,AEAD,pfs", "TLS 1.3"},
      {"anonymous marked pfs", "0x0034,TLS_X,X,TLSv1.2,DHE,anon,AES_128_CBC,128,SHA1,anon;weak;pfs", "not flagged pfs"},
  };
  for (const auto& c : cases) {
    INFO(c.what);
    try {
      reg::parse_cipher_suites_csv(one_suite_csv(c.row), "test.csv");
      FAIL("accepted a malformed row");
    } catch (const reg::RegistryDataError& e) {
      CHECK(e.line() == 4);
      CHECK(e.data_row() == 1);
      CHECK(e.source() == "test.csv");
      CHECK_THAT(e.what(), Catch::Contains("test.csv line 4 (data row 1)"));
      CHECK_THAT(e.what(), Catch::Contains(c.message));
    }
  }
}

TEST_CASE("table-level errors name the line", "[registry]") {
  const std::string header = "code,iana_name,openssl_name,protocols,kx,auth,cipher,cipher_bits,mac,flags\n";
  const std::string second =
      "0xC02B,TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256,ECDHE-ECDSA-AES128-GCM-SHA256,TLSv1.2,ECDHE,ECDSA,AES_128_GCM,"
      "128,AEAD,pfs\n";
  REQUIRE_THROWS_WITH(reg::parse_cipher_suites_csv(header + kGoodRow + "\n" + second),
                      Catch::Contains("cipher_suites.csv line 3 (data row 2): code: 0xC02B is not above"));
  REQUIRE_THROWS_WITH(reg::parse_cipher_suites_csv(header + kGoodRow + "\n" + kGoodRow + "\n"),
                      Catch::Contains("line 3 (data row 2)"));
  const std::string same_name =
      "0xC030,TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,,TLSv1.2,ECDHE,RSA,AES_256_GCM,256,AEAD,pfs\n";
  REQUIRE_THROWS_WITH(reg::parse_cipher_suites_csv(header + kGoodRow + "\n" + same_name),
                      Catch::Contains("already names 0xC02F"));
  REQUIRE_THROWS_WITH(reg::parse_cipher_suites_csv("# only comments\ncode,name\n"),
                      Catch::Contains("line 2: header must be"));
  REQUIRE_THROWS_WITH(reg::parse_cipher_suites_csv("# nothing\n"), Catch::Contains("no header line"));
  REQUIRE_THROWS_WITH(reg::parse_cipher_suites_csv(header), Catch::Contains("no data rows"));
}

TEST_CASE("malformed group and signature scheme rows are rejected with their line number", "[registry]") {
  const std::string groups = "code,name,kind,bits,openssl_name,tls13,flags\n0x001D,x25519,montgomery,255,x25519,yes,\n";
  CHECK(reg::parse_groups_csv(groups).size() == 1);
  REQUIRE_THROWS_WITH(reg::parse_groups_csv(groups + "0x001E,x448,edwards,448,x448,yes,\n"),
                      Catch::Contains("groups.csv line 3 (data row 2): kind: unknown value 'edwards'"));
  REQUIRE_THROWS_WITH(reg::parse_groups_csv(groups + "0x001E,x448,montgomery,448,x448,maybe,\n"),
                      Catch::Contains("line 3 (data row 2): tls13: expected yes or no"));
  REQUIRE_THROWS_WITH(reg::parse_groups_csv(groups + "0x001E,X25519,montgomery,448,,yes,\n"),
                      Catch::Contains("line 3 (data row 2): name: 'X25519' already names 0x001D"));

  const std::string schemes = "code,name,legacy\n# a comment\n0x0401,rsa_pkcs1_sha256,no\n";
  CHECK(reg::parse_signature_schemes_csv(schemes).size() == 1);
  REQUIRE_THROWS_WITH(reg::parse_signature_schemes_csv(schemes + "0x0403,ecdsa secp256r1,no\n"),
                      Catch::Contains("signature_schemes.csv line 4 (data row 2): name: character ' ' not allowed"));
  REQUIRE_THROWS_WITH(reg::parse_signature_schemes_csv(schemes + "0x0400,x,no\n"),
                      Catch::Contains("line 4 (data row 2): code: 0x0400 is not above"));
}

// ---- cross-check against the local OpenSSL ---------------------------------------------------

TEST_CASE("every suite the local OpenSSL offers matches the table", "[registry][openssl]") {
  CtxPtr ctx = client_ctx();
  REQUIRE(SSL_CTX_set_cipher_list(ctx.get(), "ALL:COMPLEMENTOFALL:@SECLEVEL=0") == 1);
  REQUIRE(SSL_CTX_set_ciphersuites(ctx.get(), kAllTls13Suites.c_str()) == 1);
  STACK_OF(SSL_CIPHER)* ciphers = SSL_CTX_get_ciphers(ctx.get());
  REQUIRE(ciphers != nullptr);
  const int count = sk_SSL_CIPHER_num(ciphers);
  CHECK(count > 100);
  for (int i = 0; i < count; ++i) {
    const SSL_CIPHER* c = sk_SSL_CIPHER_value(ciphers, i);
    const uint16_t code = SSL_CIPHER_get_protocol_id(c);
    INFO(reg::format_hex16(code) << " " << SSL_CIPHER_get_name(c));
    const reg::CipherSuite* s = reg::find_cipher_suite(code);
    REQUIRE(s != nullptr);
    CHECK(s->openssl_name == SSL_CIPHER_get_name(c));
    CHECK(s->iana_name == SSL_CIPHER_standard_name(c));
    CHECK(reg::version_name(s->protocols.front()) == SSL_CIPHER_get_version(c));
    CHECK(s->kx == kx_from_nid(SSL_CIPHER_get_kx_nid(c)));
    CHECK(s->auth == auth_from_nid(SSL_CIPHER_get_auth_nid(c)));
    CHECK(s->cipher_bits == SSL_CIPHER_get_bits(c, nullptr));
    CHECK((s->mac == "AEAD") == (SSL_CIPHER_is_aead(c) == 1));
    if (s->mac != "AEAD") CHECK(s->mac == mac_from_nid(SSL_CIPHER_get_digest_nid(c)));
  }
}

TEST_CASE("every code the local OpenSSL can name carries that name", "[registry][openssl]") {
  CtxPtr ctx = client_ctx();
  SSL* ssl = SSL_new(ctx.get());
  REQUIRE(ssl != nullptr);
  int known = 0;
  for (uint32_t v = 0; v <= 0xFFFF; ++v) {
    const unsigned char bytes[2] = {static_cast<unsigned char>(v >> 8), static_cast<unsigned char>(v & 0xFF)};
    const SSL_CIPHER* c = SSL_CIPHER_find(ssl, bytes);
    if (c == nullptr) continue;
    ++known;
    INFO(reg::format_hex16(static_cast<uint16_t>(v)) << " " << SSL_CIPHER_get_name(c));
    const reg::CipherSuite* s = reg::find_cipher_suite(static_cast<uint16_t>(v));
    REQUIRE(s != nullptr);
    CHECK(s->openssl_name == SSL_CIPHER_get_name(c));
    // OpenSSL lets the RFC 9189 suite 0xC102 start at TLS 1.0 (copied from its pre-IANA twin
    // 0xFF85); the table follows the RFC, which defines it for TLS 1.2 only.
    const std::string min_version = SSL_CIPHER_get_version(c);
    if (v != 0xC102 && min_version != "unknown") CHECK(reg::version_name(s->protocols.front()) == min_version);
  }
  SSL_free(ssl);
  CHECK(known > 100);
}

TEST_CASE("group names the local OpenSSL accepts put the table's code on the wire", "[registry][openssl]") {
  int checked = 0;
  for (const auto& g : reg::all_groups()) {
    if (g.openssl_name.empty()) continue;
    CtxPtr ctx = client_ctx();
    SSL_CTX_set_min_proto_version(ctx.get(), TLS1_VERSION);
    SSL_CTX_set_max_proto_version(ctx.get(), g.tls13 ? TLS1_3_VERSION : TLS1_2_VERSION);
    if (SSL_CTX_set1_groups_list(ctx.get(), g.openssl_name.c_str()) != 1) {
      ERR_clear_error();
      continue;  // a newer OpenSSL's group (brainpool*tls13: 3.2, ML-KEM: 3.5)
    }
    INFO(g.name);
    const auto sent = client_hello_list(ctx.get(), 0x000A);  // supported_groups
    REQUIRE(sent.has_value());
    CHECK(*sent == std::vector<uint16_t>{g.code});
    ++checked;
  }
  CHECK(checked >= 30);  // OpenSSL 3.0: sect*, secp*, brainpool r1, x25519, x448, ffdhe*
  CHECK(reg::find_group_by_name("secp256r1") != nullptr);
}

TEST_CASE("signature scheme names the local OpenSSL accepts put the table's code on the wire",
          "[registry][openssl]") {
  int checked = 0;
  for (const auto& s : reg::all_signature_schemes()) {
    CtxPtr ctx = client_ctx();
    SSL_CTX_set_min_proto_version(ctx.get(), TLS1_2_VERSION);
    SSL_CTX_set_max_proto_version(ctx.get(), TLS1_3_VERSION);
    if (SSL_CTX_set1_sigalgs_list(ctx.get(), s.name.c_str()) != 1) {
      ERR_clear_error();
      continue;
    }
    INFO(s.name);
    const auto sent = client_hello_list(ctx.get(), 0x000D);  // signature_algorithms
    if (!sent.has_value() || sent->empty()) continue;        // accepted but filtered out of the hello
    CHECK(*sent == std::vector<uint16_t>{s.code});
    ++checked;
  }
  CHECK(checked >= 12);  // the RFC 8446 names: ecdsa_*, rsa_pss_*, rsa_pkcs1_*, ed25519, ed448
}
