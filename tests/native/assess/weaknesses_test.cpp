#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "assess/describe.h"
#include "assess/weaknesses.h"
#include "model/scan_result_json.h"

using nlohmann::json;
namespace model = tlsready::model;
namespace assess = tlsready::assess;
using Codes = std::vector<std::string>;

namespace {

model::ProtocolResult accepted_protocol(uint16_t version, std::vector<uint16_t> suites) {
  model::ProtocolResult protocol;
  protocol.version = version;
  protocol.accepted = true;
  protocol.cipher_suites = std::move(suites);
  return protocol;
}

Codes codes_of(const std::vector<model::Weakness>& weaknesses) {
  Codes codes;
  for (const auto& weakness : weaknesses) codes.push_back(weakness.code);
  return codes;
}

// Points into `weaknesses`: a temporary would dangle (ASan found one), so rvalues are refused.
const model::Weakness* find(std::vector<model::Weakness>&& weaknesses, const std::string& code) = delete;
const model::Weakness* find(const std::vector<model::Weakness>& weaknesses, const std::string& code) {
  for (const auto& weakness : weaknesses) {
    if (weakness.code == code) return &weakness;
  }
  return nullptr;
}

tlsready::model::CertificateInfo certificate(const std::string& cn, const std::string& algorithm, int rsa_bits,
                                             bool self_signed) {
  tlsready::model::CertificateInfo cert;
  cert.subject = "CN=" + cn;
  cert.subject_common_name = cn;
  cert.key_type = "RSA";
  cert.key_bits = rsa_bits;
  cert.signature_algorithm = algorithm;
  cert.self_signed = self_signed;
  return cert;
}

}  // namespace

TEST_CASE("sound modern suites have no weaknesses", "[assess][weaknesses]") {
  CHECK(assess::suite_weaknesses(0xC02F).empty());  // TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256
  CHECK(assess::suite_weaknesses(0x1301).empty());  // TLS_AES_128_GCM_SHA256
  CHECK(assess::suite_weaknesses(0xCCA8).empty());  // TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256
  CHECK(assess::suite_weaknesses(0x009E).empty());  // TLS_DHE_RSA_WITH_AES_128_GCM_SHA256
}

TEST_CASE("rsa key transport and cbc with sha1 are marked", "[assess][weaknesses]") {
  CHECK(assess::suite_weaknesses(0x002F) == Codes{"rsa_key_transport", "cbc_sha1"});  // TLS_RSA_WITH_AES_128_CBC_SHA
  CHECK(assess::suite_weaknesses(0x009C) == Codes{"rsa_key_transport"});              // TLS_RSA_WITH_AES_128_GCM_SHA256
  CHECK(assess::suite_weaknesses(0xC013) == Codes{"cbc_sha1"});  // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
  CHECK(assess::suite_weaknesses(0xC027).empty());  // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256: CBC, but not SHA-1
}

TEST_CASE("rc4 3des des md5 export null anon and static dh are marked", "[assess][weaknesses]") {
  CHECK(assess::suite_weaknesses(0x0004) == Codes{"rc4", "md5_mac", "rsa_key_transport"});  // RSA_WITH_RC4_128_MD5
  CHECK(assess::suite_weaknesses(0x000A) == Codes{"triple_des", "rsa_key_transport", "cbc_sha1"});
  CHECK(assess::suite_weaknesses(0x0009) == Codes{"des", "rsa_key_transport", "cbc_sha1"});  // RSA_WITH_DES_CBC_SHA
  CHECK(assess::suite_weaknesses(0x0003) == Codes{"export_grade", "rc4", "md5_mac", "rsa_key_transport"});
  CHECK(assess::suite_weaknesses(0x0006) ==
        Codes{"export_grade", "rc2", "md5_mac", "rsa_key_transport"});  // RSA_EXPORT_WITH_RC2_CBC_40_MD5
  CHECK(assess::suite_weaknesses(0x0007) == Codes{"idea", "rsa_key_transport", "cbc_sha1"});  // RSA_WITH_IDEA_CBC_SHA
  CHECK(assess::suite_weaknesses(0x0000) == Codes{"null_encryption", "anonymous"});           // TLS_NULL_WITH_NULL_NULL
  CHECK(assess::suite_weaknesses(0x0002) == Codes{"null_encryption", "rsa_key_transport"});   // RSA_WITH_NULL_SHA
  CHECK(assess::suite_weaknesses(0x0034) == Codes{"anonymous", "cbc_sha1"});  // DH_anon_WITH_AES_128_CBC_SHA
  CHECK(assess::suite_weaknesses(0x0030) == Codes{"static_dh", "cbc_sha1"});  // DH_DSS_WITH_AES_128_CBC_SHA
}

TEST_CASE("signalling values and unknown codes have no weaknesses", "[assess][weaknesses]") {
  CHECK(assess::suite_weaknesses(0x00FF).empty());  // TLS_EMPTY_RENEGOTIATION_INFO_SCSV
  CHECK(assess::suite_weaknesses(0x0A0A).empty());  // GREASE: not in the registry
}

TEST_CASE("every suite with a weakness code is one the registry calls weak or lacks forward secrecy",
          "[assess][weaknesses]") {
  for (const auto& suite : tlsready::registry::all_cipher_suites()) {
    const Codes codes = assess::suite_weaknesses(suite);
    if (suite.weak) {
      CHECK_FALSE(codes.empty());  // nothing the registry calls weak goes unmarked
    }
    for (const std::string& code : codes) {
      const auto& known = assess::suite_weakness_codes();
      CHECK(std::find(known.begin(), known.end(), code) != known.end());
    }
  }
}

TEST_CASE("legacy versions accepted are endpoint weaknesses", "[assess][weaknesses]") {
  model::EndpointResult result;
  result.protocols = {accepted_protocol(0x0300, {0xC02F}), accepted_protocol(0x0301, {0xC02F}),
                      accepted_protocol(0x0302, {0xC02F}), accepted_protocol(0x0303, {0xC02F})};
  model::ProtocolResult sslv2;
  sslv2.version = 0x0002;
  sslv2.accepted = true;
  sslv2.cipher_specs = {0x010080, 0x0700C0};
  result.protocols.insert(result.protocols.begin(), sslv2);
  const auto weaknesses = assess::endpoint_weaknesses(result);
  CHECK(codes_of(weaknesses) == Codes{"sslv2_accepted", "sslv3_accepted", "tls1_0_accepted", "tls1_1_accepted"});
  CHECK(find(weaknesses, "sslv2_accepted")->detail.find("2 suites") != std::string::npos);
  CHECK(find(weaknesses, "tls1_0_accepted")->detail.find("RFC 8996") != std::string::npos);
}

TEST_CASE("refused versions are not weaknesses", "[assess][weaknesses]") {
  model::EndpointResult result;
  model::ProtocolResult tls10;
  tls10.version = 0x0301;
  tls10.refusal = model::Refusal{model::RefusalKind::alert, 2, 70, "protocol_version", "alert protocol_version"};
  result.protocols = {tls10, accepted_protocol(0x0304, {0x1301})};
  CHECK(assess::endpoint_weaknesses(result).empty());
}

TEST_CASE("suite weaknesses are reported once per code naming suites and versions", "[assess][weaknesses]") {
  model::EndpointResult result;
  result.protocols = {accepted_protocol(0x0301, {0x0004, 0x000A}), accepted_protocol(0x0303, {0x000A, 0xC02F})};
  const auto weaknesses = assess::endpoint_weaknesses(result);
  CHECK(codes_of(weaknesses) ==
        Codes{"tls1_0_accepted", "rc4", "triple_des", "md5_mac", "rsa_key_transport", "cbc_sha1"});
  CHECK(find(weaknesses, "rsa_key_transport")->detail ==
        "TLSv1.0: TLS_RSA_WITH_RC4_128_MD5, TLS_RSA_WITH_3DES_EDE_CBC_SHA; TLSv1.2: TLS_RSA_WITH_3DES_EDE_CBC_SHA");
}

TEST_CASE("a long list of suites is cut and counted", "[assess][weaknesses]") {
  model::EndpointResult result;
  result.protocols = {accepted_protocol(0x0303, {0x002F, 0x0035, 0x003C, 0x003D, 0x009C, 0x009D})};
  const auto weaknesses = assess::endpoint_weaknesses(result);  // kept alive: find() points into it
  const auto* rsa = find(weaknesses, "rsa_key_transport");
  REQUIRE(rsa != nullptr);
  CHECK(rsa->detail.find("and 2 more") != std::string::npos);
}

TEST_CASE("dh primes below 2048 bits are weaknesses", "[assess][weaknesses]") {
  model::EndpointResult result;
  result.protocols = {accepted_protocol(0x0303, {0x009E})};
  result.protocols[0].dh_bits = 2048;
  CHECK(assess::endpoint_weaknesses(result).empty());
  result.protocols[0].dh_bits = 1024;
  const auto weaknesses = assess::endpoint_weaknesses(result);
  REQUIRE(codes_of(weaknesses) == Codes{"dh_below_2048"});
  CHECK(weaknesses[0].detail.find("1024-bit DH prime in TLSv1.2") != std::string::npos);
}

TEST_CASE("sha1 md5 and small rsa certificates are weaknesses, a root's own signature is not", "[assess][weaknesses]") {
  model::EndpointResult result;
  result.protocols = {accepted_protocol(0x0304, {0x1301})};
  model::CertificateResult cert;
  cert.analysis.certificates = {certificate("localhost", "sha1WithRSAEncryption", 1024, false),
                                certificate("Intermediate", "md5WithRSAEncryption", 2048, false),
                                certificate("Root", "sha1WithRSAEncryption", 1024, true)};
  result.certificate = cert;
  const auto weaknesses = assess::endpoint_weaknesses(result);
  CHECK(codes_of(weaknesses) ==
        Codes{"certificate_sha1_signature", "certificate_md5_signature", "certificate_rsa_key_below_2048"});
  CHECK(find(weaknesses, "certificate_sha1_signature")->detail ==
        "leaf certificate (CN=localhost) signed with sha1WithRSAEncryption");
  CHECK(find(weaknesses, "certificate_rsa_key_below_2048")->detail ==
        "leaf certificate (CN=localhost) has a 1024-bit RSA key; certificate #3 (CN=Root) has a 1024-bit RSA key");
}

TEST_CASE("a self-signed leaf's sha1 signature counts", "[assess][weaknesses]") {
  model::EndpointResult result;
  model::CertificateResult cert;
  cert.analysis.certificates = {certificate("localhost", "ecdsa-with-SHA1", 2048, true)};
  result.certificate = cert;
  CHECK(codes_of(assess::endpoint_weaknesses(result)) == Codes{"certificate_sha1_signature"});
}

TEST_CASE("the json form carries weaknesses per suite and per endpoint", "[assess][json][weaknesses]") {
  model::EndpointResult result;
  result.target = {"127.0.0.1", 443, std::nullopt, model::StartTls::none};
  result.protocols = {accepted_protocol(0x0301, {0x000A, 0x0A0A})};
  assess::describe_endpoint(result);
  const json j = result;
  CHECK(j["protocols"][0]["cipher_suites"][0]["weaknesses"] ==
        json::array({"triple_des", "rsa_key_transport", "cbc_sha1"}));
  CHECK(j["protocols"][0]["cipher_suites"][1]["weaknesses"] == json::array());
  REQUIRE(j["weaknesses"].is_array());
  CHECK(j["weaknesses"][0]["code"] == "tls1_0_accepted");
  CHECK(j["weaknesses"][0]["detail"].is_string());
}

TEST_CASE("the schema lists exactly the weakness codes, in catalogue order", "[assess][weaknesses][schema]") {
  std::ifstream file(std::string(TLSREADY_SOURCE_DIR) + "/native/schema/endpoint-scan.schema.json");
  REQUIRE(file);
  std::stringstream text;
  text << file.rdbuf();
  const json schema = json::parse(text.str());
  auto as_json = [](const std::vector<std::string_view>& codes) {
    json list = json::array();
    for (auto code : codes) list.push_back(std::string(code));
    return list;
  };
  CHECK(schema["$defs"]["suite_weakness_code"]["enum"] == as_json(assess::suite_weakness_codes()));
  CHECK(schema["$defs"]["endpoint_weakness_code"]["enum"] == as_json(assess::endpoint_weakness_codes()));
}
