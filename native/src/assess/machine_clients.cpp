#include "assess/machine_clients.h"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>

#include "registry/cipher_suite_registry.h"
#include "registry/group_registry.h"

namespace tlsready::assess {
namespace {

using model::ClientProfile;
using model::ProtocolVersion;
using nlohmann::json;

// Stand-ins where neither the report nor a base profile names the suites. Sources: Microsoft,
// "TLS Cipher Suites in Windows 10 v1903, v1909, and v2004" (default order, TLS 1.2 part) and
// "TLS Cipher Suites in Windows 11" (TLS 1.3 suites); Oracle, "JDK 17 Security Developer's Guide,
// JSSE Cipher Suites" (default enabled, TLS 1.2 part).
constexpr uint16_t kSchannelStandIn[] = {0xC02C, 0xC02B, 0xC030, 0xC02F, 0x009F, 0x009E, 0xC024,
                                         0xC023, 0xC028, 0xC027, 0xC00A, 0xC009, 0xC014, 0xC013,
                                         0x009D, 0x009C, 0x003D, 0x003C, 0x0035, 0x002F, 0x000A};
constexpr uint16_t kJavaStandIn[] = {0xC02C, 0xC02B, 0xCCA9, 0xC030, 0xCCA8, 0xC02F, 0x009F, 0xCCAA, 0x009E,
                                     0xC024, 0xC028, 0xC023, 0xC027, 0x006B, 0x0067, 0xC00A, 0xC014, 0xC009,
                                     0xC013, 0x0039, 0x0033, 0x009D, 0x009C, 0x003D, 0x003C, 0x0035, 0x002F};
constexpr uint16_t kTls13Suites[] = {0x1302, 0x1301, 0x1303};    // RFC 8446 §B.4
constexpr uint16_t kStandInGroups[] = {0x001d, 0x0017, 0x0018};  // x25519, secp256r1, secp384r1
constexpr uint16_t kStandInSigAlgs[] = {0x0804, 0x0403, 0x0805, 0x0503, 0x0806, 0x0603,
                                        0x0401, 0x0501, 0x0601, 0x0201, 0x0203};

const json& field(const json& object, std::string_view key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  const auto it = object.find(std::string(key));
  return it == object.end() ? kNull : *it;
}

std::string text(const json& value) { return value.is_string() ? value.get<std::string>() : std::string(); }
bool flag(const json& value) { return value.is_boolean() && value.get<bool>(); }

std::optional<ProtocolVersion> version_of(const json& value) {
  if (value.is_string()) return model::parse_any_version_name(value.get<std::string>());
  if (value.is_object()) return model::parse_any_version_name(text(field(value, "version")));
  return std::nullopt;
}

std::set<ProtocolVersion> version_set(const json& names) {
  std::set<ProtocolVersion> out;
  if (!names.is_array()) return out;
  for (const auto& name : names) {
    if (auto version = version_of(name)) out.insert(*version);
  }
  return out;
}

std::string version_list(const std::set<ProtocolVersion>& versions) {
  if (versions.empty()) return "none";
  std::string out;
  for (ProtocolVersion version : versions) out += (out.empty() ? "" : ", ") + std::string(model::display_name(version));
  return out;
}

void append(std::vector<uint16_t>& list, uint16_t code) {
  if (std::find(list.begin(), list.end(), code) == list.end()) list.push_back(code);
}

// SCHANNEL spells some suites with the curve appended ("..._SHA256_P256", Windows Vista-8.1).
std::optional<uint16_t> suite_code(std::string name) {
  for (std::string_view suffix : {"_P256", "_P384", "_P521"}) {
    if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      name.resize(name.size() - suffix.size());
  }
  if (const auto* suite = registry::find_cipher_suite_by_name(name)) return suite->code;
  return std::nullopt;
}

// SCHANNEL's EccCurves names (Microsoft, "Manage TLS: ECC curve order") and IANA/OpenSSL names.
std::optional<uint16_t> group_code(const std::string& name) {
  static const std::map<std::string, uint16_t> kSchannelNames = {
      {"curve25519", 0x001d}, {"NistP256", 0x0017}, {"NistP384", 0x0018}, {"NistP521", 0x0019}};
  if (const auto it = kSchannelNames.find(name); it != kSchannelNames.end()) return it->second;
  if (const auto* group = registry::find_group_by_name(name)) return group->code;
  return std::nullopt;
}

void set_range(MachineClient& client, const std::set<ProtocolVersion>& versions) {
  client.versions.assign(versions.begin(), versions.end());
  if (versions.empty()) {
    client.profile.min_version = ProtocolVersion::tls1_3;  // min > max: offers nothing
    client.profile.max_version = ProtocolVersion::ssl3;
    return;
  }
  client.profile.min_version = *versions.begin();
  client.profile.max_version = *versions.rbegin();
  for (ProtocolVersion version : model::kAllProtocolVersions) {
    if (version > *versions.begin() && version < *versions.rbegin() && !versions.count(version))
      client.evidence.push_back(std::string(model::display_name(version)) +
                                " is off although lower and higher versions are on (the range is approximate)");
  }
}

// TLS 1.3 suites first when the stack offers TLS 1.3 and the list has none.
void complete_suites(ClientProfile& profile) {
  if (profile.max_version < ProtocolVersion::tls1_3) return;
  for (uint16_t suite : profile.cipher_suites) {
    if (suite >= 0x1301 && suite <= 0x1305) return;
  }
  profile.cipher_suites.insert(profile.cipher_suites.begin(), std::begin(kTls13Suites), std::end(kTls13Suites));
}

ClientProfile from_base(const std::optional<ClientProfile>& base, const uint16_t* stand_in_begin,
                        const uint16_t* stand_in_end, std::vector<std::string>& evidence, const char* what) {
  ClientProfile profile;
  if (base) {
    profile = *base;
    evidence.push_back(std::string("suites, groups and signature algorithms of ") + what + " from the profile " +
                       base->id);
    return profile;
  }
  profile.synthetic = true;
  profile.cipher_suites.assign(stand_in_begin, stand_in_end);
  profile.groups.assign(std::begin(kStandInGroups), std::end(kStandInGroups));
  profile.signature_algorithms.assign(std::begin(kStandInSigAlgs), std::end(kStandInSigAlgs));
  profile.extensions = {0x0000, 0x000a, 0x000b, 0x000d, 0x0017, 0xff01, 0x002b, 0x002d, 0x0033};
  evidence.push_back(std::string("suites of ") + what + " not in the report: a documented default list stands in");
  return profile;
}

void name_profile(MachineClient& client, std::string id, std::string name) {
  client.profile.id = std::move(id);
  client.profile.name = std::move(name);
  client.profile.category = "windows_stack";
  client.profile.source = "local-policy report";
}

// ---------------------------------------------------------------- Windows

struct Schannel {
  MachineClient client;
  std::set<ProtocolVersion> usable;  // Enabled != 0 (offered by default or when an app asks)
};

Schannel schannel_client(const json& windows, const MachineClientBases& bases) {
  Schannel out;
  MachineClient& client = out.client;
  client.stack = "schannel";
  const json& schannel = field(windows, "schannel");
  client.profile =
      from_base(bases.schannel, std::begin(kSchannelStandIn), std::end(kSchannelStandIn), client.evidence, "SCHANNEL");
  name_profile(client, "schannel", "SCHANNEL (system default for applications)");

  std::set<ProtocolVersion> by_default;
  for (const auto& protocol : field(schannel, "protocols")) {
    const auto version = version_of(protocol);
    if (!version || *version == ProtocolVersion::ssl2) continue;  // SCHANNEL never offers SSL 2.0 to TLS servers
    const json& role = field(protocol, "client");
    const std::string status = text(field(role, "status"));
    if (status == "enabled") by_default.insert(*version);
    if (flag(field(role, "enabled"))) out.usable.insert(*version);
    if (flag(field(role, "from_registry")) || status != "enabled")
      client.evidence.push_back(std::string(model::display_name(*version)) + " client: " + status +
                                (flag(field(role, "from_registry")) ? " (registry " : " (OS default; ") +
                                text(field(role, "key")) + ")");
  }
  set_range(client, by_default);

  const json& order = field(schannel, "cipher_suite_order");
  if (text(field(order, "source")) != "os_default" && field(order, "suites").is_array() &&
      !field(order, "suites").empty()) {
    client.profile.cipher_suites.clear();
    for (const auto& suite : field(order, "suites")) {
      if (auto code = suite_code(text(field(suite, "name")))) append(client.profile.cipher_suites, *code);
    }
    client.profile.synthetic = false;
    client.evidence.push_back("cipher suite order from " + text(field(order, "source")) + " (" +
                              std::to_string(client.profile.cipher_suites.size()) + " suites)");
  }
  if (field(order, "ecc_curves").is_array() && !field(order, "ecc_curves").empty()) {
    client.profile.groups.clear();
    for (const auto& curve : field(order, "ecc_curves")) {
      if (auto code = group_code(text(curve))) append(client.profile.groups, *code);
    }
    client.evidence.push_back("EccCurves set: " + std::to_string(client.profile.groups.size()) + " curves");
  }
  const json& kx = field(schannel, "key_exchange");
  const json& dh = field(kx, "diffie_hellman");
  if (field(dh, "client_min_bits").is_number_integer() && field(dh, "client_min_bits").get<int>() > 0) {
    client.profile.min_dh_bits = field(dh, "client_min_bits").get<int>();
    client.evidence.push_back("KeyExchangeAlgorithms\\Diffie-Hellman ClientMinKeyBitLength: " +
                              std::to_string(*client.profile.min_dh_bits));
  }
  if (flag(field(dh, "disabled"))) {
    auto& suites = client.profile.cipher_suites;
    suites.erase(std::remove_if(suites.begin(), suites.end(),
                                [](uint16_t code) {
                                  const auto* suite = registry::find_cipher_suite(code);
                                  return suite != nullptr && suite->kx == "DHE";
                                }),
                 suites.end());
    client.evidence.emplace_back("KeyExchangeAlgorithms\\Diffie-Hellman disabled: no DHE suites");
  }
  const json& pkcs = field(kx, "pkcs");
  if (field(pkcs, "client_min_bits").is_number_integer() && field(pkcs, "client_min_bits").get<int>() > 0) {
    client.profile.min_rsa_bits = field(pkcs, "client_min_bits").get<int>();
    client.evidence.push_back("KeyExchangeAlgorithms\\PKCS ClientMinKeyBitLength: " +
                              std::to_string(*client.profile.min_rsa_bits));
  }
  complete_suites(client.profile);
  return out;
}

// A stack over SCHANNEL that asks for its own versions (.NET, WinHTTP, WinINet): those versions,
// as far as SCHANNEL has them enabled (DisabledByDefault does not stop an explicit request).
MachineClient over_schannel(const Schannel& schannel, std::string stack, std::string id, std::string name,
                            const std::set<ProtocolVersion>& asked, std::string why) {
  MachineClient client;
  client.stack = std::move(stack);
  client.profile = schannel.client.profile;
  name_profile(client, std::move(id), std::move(name));
  client.evidence.push_back(std::move(why));
  std::set<ProtocolVersion> effective;
  for (ProtocolVersion version : asked) {
    if (schannel.usable.count(version))
      effective.insert(version);
    else
      client.evidence.push_back(std::string(model::display_name(version)) + " asked for but disabled in SCHANNEL");
  }
  set_range(client, effective);
  complete_suites(client.profile);
  return client;
}

std::string bits_of_view(const std::string& view) { return view == "WOW6432Node" ? "32bit" : "64bit"; }

// ".NET 4.0-4.5.2" -> "4.0", "4.6.x" -> "4.6", "4.7+" -> "4.7", "3.5" -> "3.5".
std::string generation_token(const std::string& generation) {
  const size_t dot = generation.find('.');
  if (dot == std::string::npos || dot + 1 >= generation.size()) return generation;
  return generation.substr(0, dot + 2);
}

void windows_clients(const json& windows, const MachineClientBases& bases, std::vector<MachineClient>& out) {
  Schannel schannel = schannel_client(windows, bases);
  out.push_back(schannel.client);
  for (const auto& entry : field(windows, "dotnet")) {
    if (!flag(field(entry, "applicable"))) continue;
    const std::string generation = text(field(entry, "generation"));
    const std::string view = text(field(entry, "view"));
    const std::string bits = bits_of_view(view);
    std::string name = ".NET Framework ";
    name += generation;
    name += " (" + bits;
    name += " apps, " + view;
    name += ")";
    std::string why = ".NET ";
    why += generation;
    why += " " + view;
    why += ": " + text(field(entry, "mode"));
    why += std::string("; SchUseStrongCrypto ") + (flag(field(entry, "strong_crypto")) ? "on" : "off");
    why +=
        std::string(", SystemDefaultTlsVersions ") + (flag(field(entry, "system_default_tls_versions")) ? "on" : "off");
    out.push_back(over_schannel(schannel, "dotnet", "dotnet-" + generation_token(generation) + "-" + bits,
                                std::move(name), version_set(field(entry, "protocols")), std::move(why)));
  }
  const json& winhttp = field(windows, "winhttp");
  for (const auto& view : field(winhttp, "views")) {
    if (!flag(field(view, "applicable"))) continue;
    const std::string name = text(field(view, "view"));
    out.push_back(
        over_schannel(schannel, "winhttp", "winhttp-" + bits_of_view(name),
                      "WinHTTP (" + bits_of_view(name) + " apps, " + name + ")", version_set(field(view, "protocols")),
                      "WinHTTP DefaultSecureProtocols " + text(field(view, "mask")) + " " + name +
                          (flag(field(view, "from_registry")) ? " (registry)" : " (OS default)") +
                          (flag(field(winhttp, "needs_kb3140245")) ? "; TLS 1.1/1.2 need KB3140245 on this OS" : "")));
  }
  const json& wininet = field(windows, "wininet");
  if (wininet.is_object()) {
    out.push_back(over_schannel(schannel, "wininet", "wininet", "WinINet (Internet Explorer, Office, Windows Update)",
                                version_set(field(wininet, "protocols")),
                                "WinINet SecureProtocols " + text(field(wininet, "mask")) +
                                    (flag(field(wininet, "from_registry")) ? " (registry)" : " (OS default)")));
  }
}

// ---------------------------------------------------------------- Linux

// OpenSSL's security levels (SSL_CTX_set_security_level(3)): minimum RSA/DH bits and ECC bits;
// SHA-1 signatures are refused from level 1 in OpenSSL 3.0.
void apply_security_level(int level, ClientProfile& profile, std::vector<std::string>& evidence) {
  static constexpr int kRsaBits[] = {0, 1024, 2048, 3072, 7680, 15360};
  static constexpr int kEcBits[] = {0, 160, 224, 256, 384, 512};
  if (level <= 0 || level > 5) {
    evidence.push_back("security level " + std::to_string(level) + ": no key size limits");
    return;
  }
  profile.min_dh_bits = kRsaBits[level];
  profile.min_rsa_bits = kRsaBits[level];
  profile.min_ecdsa_bits = kEcBits[level];
  profile.accepts_sha1_certificates = false;
  evidence.push_back("security level " + std::to_string(level) + ": RSA/DH keys of " + std::to_string(kRsaBits[level]) +
                     " bits or more, no SHA-1 signatures (OpenSSL 3.0)");
}

MachineClient openssl_client(const json& linux_section) {
  MachineClient client;
  client.stack = "openssl";
  client.profile.id = "openssl";
  client.profile.name = "OpenSSL (system default for applications)";
  client.profile.category = "library";
  client.profile.source = "local-policy report";
  const json& openssl = field(linux_section, "openssl");
  const json& role = field(openssl, "client");
  if (!text(field(openssl, "library_version")).empty())
    client.evidence.push_back("library " + text(field(openssl, "library_version")));
  if (!field(openssl, "config_file").is_null() && !text(field(openssl, "config_file")).empty())
    client.evidence.push_back("configuration " + text(field(openssl, "config_file")));
  if (auto min = version_of(field(role, "min_version")))
    client.evidence.push_back("MinProtocol " + std::string(model::display_name(*min)));
  if (auto max = version_of(field(role, "max_version")))
    client.evidence.push_back("MaxProtocol " + std::string(model::display_name(*max)));
  set_range(client, version_set(field(role, "enabled_versions")));
  for (const auto& suite : field(role, "tls13_ciphersuites")) {
    if (auto code = suite_code(text(suite))) append(client.profile.cipher_suites, *code);
  }
  for (const auto& suite : field(role, "cipher_suites")) {
    if (auto code = suite_code(text(field(suite, "iana_name")))) append(client.profile.cipher_suites, *code);
  }
  for (const auto& group : field(role, "groups")) {
    if (auto code = group_code(text(group))) append(client.profile.groups, *code);
  }
  client.profile.signature_algorithms.assign(std::begin(kStandInSigAlgs), std::end(kStandInSigAlgs));
  client.profile.extensions = {0x0000, 0x000b, 0x000a, 0x0023, 0x0016, 0x0017, 0x000d, 0x002b, 0x002d, 0x0033};
  if (field(role, "security_level").is_number_integer())
    apply_security_level(field(role, "security_level").get<int>(), client.profile, client.evidence);
  return client;
}

// "17.0.15" -> 17, "1.8.0_392" -> 8, "11" -> 11; 0 when unknown. Update: "_392" -> 392.
int java_major(const std::string& version) {
  try {
    if (version.rfind("1.", 0) == 0) return std::stoi(version.substr(2));
    return std::stoi(version);
  } catch (const std::exception&) {
    return 0;
  }
}

int java_update(const std::string& version) {
  const size_t underscore = version.find('_');
  try {
    return underscore == std::string::npos ? 0 : std::stoi(version.substr(underscore + 1));
  } catch (const std::exception&) {
    return 0;
  }
}

// "DH keySize < 1024" -> 1024 for key "DH"; nullopt when not listed.
std::optional<int> key_size_limit(const json& disabled, const std::string& key) {
  for (const auto& entry : disabled) {
    const std::string line = text(entry);
    const std::string prefix = key + " keySize < ";
    if (line.rfind(prefix, 0) != 0) continue;
    try {
      return std::stoi(line.substr(prefix.size()));
    } catch (const std::exception&) {
      return std::nullopt;
    }
  }
  return std::nullopt;
}

MachineClient java_client(const json& java, const MachineClientBases& bases, std::map<int, int>& seen) {
  MachineClient client;
  client.stack = "java";
  client.profile = from_base(bases.java, std::begin(kJavaStandIn), std::end(kJavaStandIn), client.evidence, "Java");
  const std::string version = text(field(java, "version"));
  const int major = java_major(version);
  const int count = ++seen[major];
  client.profile.id = "java-" + (major > 0 ? std::to_string(major) : std::string("unknown")) +
                      (count > 1 ? "-" + std::to_string(count) : "");
  client.profile.name =
      "Java " + (version.empty() ? std::string("(unknown version)") : version) + " at " + text(field(java, "home"));
  client.profile.category = "runtime";
  client.profile.source = "local-policy report";
  client.evidence.push_back("java.security " + text(field(java, "security_file")));

  // Highest version the JDK implements: TLS 1.3 from 11 and 8u261; TLS 1.2 from 7; 6: TLS 1.0.
  ProtocolVersion highest = ProtocolVersion::tls1_3;
  if (major == 8 && java_update(version) < 261) highest = ProtocolVersion::tls1_2;
  if (major == 7) highest = ProtocolVersion::tls1_2;
  if (major > 0 && major <= 6) highest = ProtocolVersion::tls1_0;
  std::set<ProtocolVersion> versions;
  const json& disabled = field(java, "disabled");
  for (ProtocolVersion v :
       {ProtocolVersion::tls1_0, ProtocolVersion::tls1_1, ProtocolVersion::tls1_2, ProtocolVersion::tls1_3}) {
    if (v > highest) continue;
    if (flag(field(disabled, model::display_name(v)))) continue;
    versions.insert(v);
  }
  client.evidence.push_back("jdk.tls.disabledAlgorithms leaves " + version_list(versions));
  set_range(client, versions);
  const json& algorithms = field(java, "tls_disabled_algorithms");
  if (auto dh = key_size_limit(algorithms, "DH")) client.profile.min_dh_bits = *dh;
  if (auto rsa = key_size_limit(algorithms, "RSA")) client.profile.min_rsa_bits = *rsa;
  if (auto ec = key_size_limit(algorithms, "EC")) client.profile.min_ecdsa_bits = *ec;
  // JDK 7 and older cannot use DH primes above 1024 bits (JDK-7044060, fixed in 8).
  if (major > 0 && major <= 7) client.profile.max_dh_bits = 1024;
  complete_suites(client.profile);
  return client;
}

void linux_clients(const json& linux_section, const MachineClientBases& bases, std::vector<MachineClient>& out) {
  if (field(linux_section, "openssl").is_object()) out.push_back(openssl_client(linux_section));
  const json& gnutls = field(linux_section, "gnutls");
  const std::string active = text(field(gnutls, "likely_active"));
  for (const auto& file : field(gnutls, "files")) {
    if (!active.empty() && text(field(file, "file")) != active) continue;
    MachineClient client;
    client.stack = "gnutls";
    client.profile =
        from_base(bases.gnutls, std::begin(kJavaStandIn), std::end(kJavaStandIn), client.evidence, "GnuTLS");
    client.profile.id = "gnutls";
    client.profile.name = "GnuTLS (system configuration)";
    client.profile.category = "library";
    client.profile.source = "local-policy report";
    client.evidence.push_back("configuration " + text(field(file, "file")));
    set_range(client, version_set(field(file, "versions_enabled")));
    complete_suites(client.profile);
    out.push_back(std::move(client));
    break;
  }
  std::map<int, int> seen;
  for (const auto& java : field(linux_section, "java")) out.push_back(java_client(java, bases, seen));
  // crypto-policies: the backend each library reads (the stacks above already reflect what the
  // report measured; the policy line tells an administrator where to change it).
  const json& policies = field(linux_section, "crypto_policies");
  if (!flag(field(policies, "present"))) return;
  for (const auto& backend : field(policies, "backends")) {
    const std::string name = text(field(backend, "name"));
    const auto min = version_of(field(backend, "min_version"));
    const std::string line = "crypto-policies " + text(field(policies, "base_policy")) + ": " + name +
                             (min ? " min " + std::string(model::display_name(*min)) : std::string());
    for (auto& client : out) {
      if (name.rfind(client.stack, 0) == 0 || (client.stack == "openssl" && name.rfind("opensslcnf", 0) == 0))
        client.evidence.push_back(line);
    }
  }
}

}  // namespace

std::vector<MachineClient> machine_clients(const model::PolicyReport& report, const MachineClientBases& bases) {
  std::vector<MachineClient> out;
  if (report.platform == model::PolicyPlatform::windows && report.windows) windows_clients(*report.windows, bases, out);
  if (report.platform == model::PolicyPlatform::linux_unix && report.linux_section)
    linux_clients(*report.linux_section, bases, out);
  return out;
}

}  // namespace tlsready::assess
