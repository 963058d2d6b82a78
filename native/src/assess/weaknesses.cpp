#include "assess/weaknesses.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "common/text.h"
#include "model/protocol_version.h"
#include "registry/cipher_suite_registry.h"

namespace tlsready::assess {
namespace {

using model::EndpointResult;
using model::ProtocolResult;
using model::Weakness;

// The catalogue of suite codes, in the order they are reported. Sources:
//   RFC 9325 (BCP 195, 2022) §4.1 "General Guidelines" and §4.2 "Cipher Suites";
//   NIST SP 800-52 Rev. 2 (2019) §3.3.1 "Cipher Suites"; RFC 7465 (no RC4); RFC 5469 (DES and
//   IDEA retired); RFC 6151 (MD5); Sweet32, CVE-2016-2183 (64-bit block ciphers).
constexpr std::string_view kNullEncryption = "null_encryption";     // RFC 9325 §4.1: MUST NOT NULL
constexpr std::string_view kExportGrade = "export_grade";           // RFC 9325 §4.1: MUST NOT export
constexpr std::string_view kAnonymous = "anonymous";                // RFC 9325 §4.1: MUST NOT anon
constexpr std::string_view kRc4 = "rc4";                            // RFC 7465: MUST NOT RC4
constexpr std::string_view kRc2 = "rc2";                            // RFC 9325 §4.1: < 112 bits
constexpr std::string_view kDes = "des";                            // RFC 5469; RFC 9325 §4.1: < 112 bits
constexpr std::string_view kTripleDes = "triple_des";               // RFC 9325 §4.2, SP 800-52r2: 64-bit block
constexpr std::string_view kIdea = "idea";                          // RFC 5469; 64-bit block
constexpr std::string_view kMd5Mac = "md5_mac";                     // RFC 6151; SP 800-52r2 lists none
constexpr std::string_view kRsaKeyTransport = "rsa_key_transport";  // RFC 9325 §4.1: SHOULD NOT; no PFS
constexpr std::string_view kStaticDh = "static_dh";                 // RFC 9325 §4.1: SHOULD NOT static (EC)DH
constexpr std::string_view kCbcSha1 = "cbc_sha1";                   // RFC 9325 §4.2: AEAD only recommended;
                                                                    // CBC + HMAC-SHA1 is TLS 1.0-era (Lucky 13)
// Endpoint-only codes.
constexpr std::string_view kSslv2 = "sslv2_accepted";                 // RFC 6176: MUST NOT negotiate SSL 2.0
constexpr std::string_view kSslv3 = "sslv3_accepted";                 // RFC 7568: MUST NOT negotiate SSL 3.0
constexpr std::string_view kTls10 = "tls1_0_accepted";                // RFC 8996: MUST NOT negotiate TLS 1.0
constexpr std::string_view kTls11 = "tls1_1_accepted";                // RFC 8996: MUST NOT negotiate TLS 1.1
constexpr std::string_view kDhBelow2048 = "dh_below_2048";            // RFC 9325 §4.1, SP 800-52r2 §3.3.1: >= 2048
constexpr std::string_view kCertSha1 = "certificate_sha1_signature";  // SP 800-52r2 §3.1, SP 800-131A r2
constexpr std::string_view kCertMd5 = "certificate_md5_signature";    // RFC 6151; MD2/MD4 reported here too
constexpr std::string_view kCertRsaBelow2048 = "certificate_rsa_key_below_2048";  // SP 800-52r2 §3.1

constexpr int kMinimumDhBits = 2048;
constexpr int kMinimumRsaBits = 2048;
// Show at most this many suite names in one detail; the rest are counted.
constexpr size_t kNamesShown = 4;

bool is_cbc(const std::string& cipher) {
  // TLS runs DES, 3DES, IDEA and RC2 in CBC mode only; the others say so in their name.
  const bool named_cbc = cipher.size() > 4 && cipher.compare(cipher.size() - 4, 4, "_CBC") == 0;
  return named_cbc || cipher == "DES" || cipher == "DES40" || cipher == "3DES" || cipher == "IDEA" ||
         cipher.rfind("RC2_", 0) == 0;
}

std::string lower(const std::string& text) { return text::to_lower_ascii(text); }

std::string join(const std::vector<std::string>& names) {
  std::string text;
  for (size_t i = 0; i < names.size() && i < kNamesShown; ++i) text += (i ? ", " : "") + names[i];
  if (names.size() > kNamesShown) text += " and " + std::to_string(names.size() - kNamesShown) + " more";
  return text;
}

std::string describe_certificate(const model::CertificateInfo& cert, size_t position) {
  const std::string role = position == 0 ? "leaf certificate" : "certificate #" + std::to_string(position + 1);
  const std::string name = cert.subject_common_name.empty() ? cert.subject : "CN=" + cert.subject_common_name;
  return role + " (" + name + ")";
}

const ProtocolResult* accepted(const EndpointResult& result, uint16_t version) {
  for (const auto& protocol : result.protocols) {
    if (protocol.version == version && protocol.accepted) return &protocol;
  }
  return nullptr;
}

void add_legacy_versions(const EndpointResult& result, std::vector<Weakness>& out) {
  struct Legacy {
    uint16_t version;
    std::string_view code;
    const char* why;
  };
  static constexpr Legacy kLegacy[] = {
      {0x0002, kSslv2, "SSL 2.0 is prohibited (RFC 6176)"},
      {0x0300, kSslv3, "SSL 3.0 is prohibited (RFC 7568)"},
      {0x0301, kTls10, "TLS 1.0 is deprecated (RFC 8996)"},
      {0x0302, kTls11, "TLS 1.1 is deprecated (RFC 8996)"},
  };
  for (const Legacy& legacy : kLegacy) {
    const ProtocolResult* protocol = accepted(result, legacy.version);
    if (protocol == nullptr) continue;
    const size_t suites = protocol->cipher_suites.size() + protocol->cipher_specs.size();
    out.push_back({std::string(legacy.code), model::display_name_or_code(legacy.version) + " accepted with " +
                                                 std::to_string(suites) + (suites == 1 ? " suite; " : " suites; ") +
                                                 legacy.why});
  }
}

void add_suite_weaknesses(const EndpointResult& result, std::vector<Weakness>& out) {
  // code -> version name -> suite names, so that one entry per code names every affected suite.
  std::map<std::string, std::vector<std::pair<std::string, std::vector<std::string>>>> seen;
  for (const auto& protocol : result.protocols) {
    if (!protocol.accepted) continue;
    const std::string version = model::display_name_or_code(protocol.version);
    for (uint16_t code : protocol.cipher_suites) {
      for (const std::string& weakness : suite_weaknesses(code)) {
        auto& per_version = seen[weakness];
        if (per_version.empty() || per_version.back().first != version) per_version.push_back({version, {}});
        per_version.back().second.push_back(registry::cipher_suite_name_or_hex(code));
      }
    }
  }
  for (std::string_view code : suite_weakness_codes()) {
    auto found = seen.find(std::string(code));
    if (found == seen.end()) continue;
    std::string detail;
    for (const auto& [version, names] : found->second) {
      detail += (detail.empty() ? "" : "; ") + version + ": " + join(names);
    }
    out.push_back({std::string(code), detail});
  }
}

void add_small_dh(const EndpointResult& result, std::vector<Weakness>& out) {
  std::string detail;
  for (const auto& protocol : result.protocols) {
    if (!protocol.accepted || !protocol.dh_bits || *protocol.dh_bits >= kMinimumDhBits) continue;
    detail += (detail.empty() ? "" : "; ") + std::to_string(*protocol.dh_bits) + "-bit DH prime in " +
              model::display_name_or_code(protocol.version);
  }
  if (!detail.empty()) out.push_back({std::string(kDhBelow2048), detail + " (at least 2048 bits)"});
}

void add_certificate_weaknesses(const EndpointResult& result, std::vector<Weakness>& out) {
  if (!result.certificate) return;
  const auto& chain = result.certificate->analysis.certificates;
  std::vector<std::string> sha1, md5, small_rsa;
  for (size_t i = 0; i < chain.size(); ++i) {
    const model::CertificateInfo& cert = chain[i];
    // A trust anchor's signature on itself is never checked by clients: only issued signatures count.
    const bool anchor = i != 0 && cert.self_signed;
    const std::string algorithm = lower(cert.signature_algorithm);
    const std::string who = describe_certificate(cert, i);
    if (!anchor && algorithm.find("sha1") != std::string::npos) {
      sha1.push_back(who + " signed with " + cert.signature_algorithm);
    }
    if (!anchor && (algorithm.find("md5") != std::string::npos || algorithm.find("md4") != std::string::npos ||
                    algorithm.find("md2") != std::string::npos)) {
      md5.push_back(who + " signed with " + cert.signature_algorithm);
    }
    if ((cert.key_type == "RSA" || cert.key_type == "RSA-PSS") && cert.key_bits > 0 &&
        cert.key_bits < kMinimumRsaBits) {
      small_rsa.push_back(who + " has a " + std::to_string(cert.key_bits) + "-bit RSA key");
    }
  }
  auto add = [&out](std::string_view code, const std::vector<std::string>& items) {
    if (items.empty()) return;
    std::string detail;
    for (const auto& item : items) detail += (detail.empty() ? "" : "; ") + item;
    out.push_back({std::string(code), detail});
  };
  add(kCertSha1, sha1);
  add(kCertMd5, md5);
  add(kCertRsaBelow2048, small_rsa);
}

}  // namespace

std::vector<std::string> suite_weaknesses(const registry::CipherSuite& suite) {
  if (suite.scsv) return {};
  std::vector<std::string> codes;
  auto mark = [&codes](bool condition, std::string_view code) {
    if (condition) codes.emplace_back(code);
  };
  const std::string& cipher = suite.cipher;
  mark(suite.null_cipher || cipher == "NULL", kNullEncryption);
  mark(suite.export_grade, kExportGrade);
  mark(suite.anonymous, kAnonymous);
  mark(cipher.rfind("RC4_", 0) == 0, kRc4);
  mark(cipher.rfind("RC2_", 0) == 0, kRc2);
  mark(cipher == "DES" || cipher == "DES40", kDes);
  mark(cipher == "3DES", kTripleDes);
  mark(cipher == "IDEA", kIdea);
  mark(suite.mac == "MD5", kMd5Mac);
  mark(suite.kx == "RSA" || suite.kx == "RSA_PSK", kRsaKeyTransport);
  mark(suite.kx == "DH" || suite.kx == "ECDH", kStaticDh);
  mark(is_cbc(cipher) && suite.mac == "SHA1", kCbcSha1);
  return codes;
}

std::vector<std::string> suite_weaknesses(uint16_t code) {
  const registry::CipherSuite* suite = registry::find_cipher_suite(code);
  return suite == nullptr ? std::vector<std::string>{} : suite_weaknesses(*suite);
}

std::vector<Weakness> endpoint_weaknesses(const EndpointResult& result) {
  std::vector<Weakness> out;
  add_legacy_versions(result, out);
  add_suite_weaknesses(result, out);
  add_small_dh(result, out);
  add_certificate_weaknesses(result, out);
  return out;
}

const std::vector<std::string_view>& suite_weakness_codes() {
  static const std::vector<std::string_view> codes = {
      kNullEncryption, kExportGrade, kAnonymous,       kRc4,      kRc2,    kDes, kTripleDes,
      kIdea,           kMd5Mac,      kRsaKeyTransport, kStaticDh, kCbcSha1};
  return codes;
}

const std::vector<std::string_view>& endpoint_weakness_codes() {
  static const std::vector<std::string_view> codes = [] {
    std::vector<std::string_view> all = {kSslv2, kSslv3, kTls10, kTls11};
    all.insert(all.end(), suite_weakness_codes().begin(), suite_weakness_codes().end());
    all.insert(all.end(), {kDhBelow2048, kCertSha1, kCertMd5, kCertRsaBelow2048});
    return all;
  }();
  return codes;
}

}  // namespace tlsready::assess
