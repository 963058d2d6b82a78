#include "policy/windows/windows_audit.h"

#include <algorithm>
#include <set>

#include "policy/windows/defaults.h"
#include "policy/windows/reg_read.h"

namespace tlsready::policy::windows {

namespace {

using detail::DwordReading;

constexpr const char* kRefTlsRegistry = "https://learn.microsoft.com/windows-server/security/tls/tls-registry-settings";
constexpr const char* kRefProtocols =
    "https://learn.microsoft.com/windows/win32/secauthn/protocols-in-tls-ssl--schannel-ssp-";
constexpr const char* kRefDotNet = "https://learn.microsoft.com/dotnet/framework/network-programming/tls";
constexpr const char* kRefKb3140245 = "https://support.microsoft.com/help/3140245";
constexpr const char* kRefWinHttp =
    "https://learn.microsoft.com/windows-server/networking/configure-secure-protocol-options-winhttp";
constexpr const char* kRefManageTls = "https://learn.microsoft.com/windows-server/security/tls/manage-tls";
constexpr const char* kRefCipherSuites = "https://learn.microsoft.com/windows/win32/secauthn/cipher-suites-in-schannel";
constexpr const char* kRefHealthChecker =
    "https://microsoft.github.io/CSS-Exchange/Diagnostics/HealthChecker/TLSConfigurationCheck/";
constexpr const char* kRefM365 =
    "https://learn.microsoft.com/microsoft-365/compliance/tls-1.0-and-1.1-deprecation-for-office-365";
constexpr const char* kRefDhAdvisory = "https://learn.microsoft.com/security-updates/securityadvisories/2016/3174644";
constexpr const char* kRefRfc8996 = "https://www.rfc-editor.org/rfc/rfc8996";

constexpr const char* kWhyTls12World =
    "Microsoft 365 began rejecting TLS 1.0 and 1.1 connections on 15 October 2020 and RFC 8996 deprecates both; "
    "services, payment processors and cloud APIs accept TLS 1.2 or later only.";

struct Desired {
  bool enabled;
  bool disabled_by_default;
};

class Auditor {
 public:
  Auditor(const winreg::Registry& registry, WindowsAudit& audit) : registry_(registry), audit_(audit) {}

  void run() {
    protocols();
    mismatches();
    ciphers();
    key_exchange();
    cipher_suite_order();
    dotnet();
    winhttp();
    wininet();
    std::stable_sort(audit_.findings.begin(), audit_.findings.end(), [](const Finding& a, const Finding& b) {
      if (a.severity != b.severity) return static_cast<int>(a.severity) > static_cast<int>(b.severity);
      return a.id < b.id;
    });
  }

 private:
  const winreg::Registry& registry_;
  WindowsAudit& audit_;
  std::set<std::string> ids_;

  Finding& add(std::string id, Severity severity, std::string title) {
    // Ids are unique by construction; a repeat would be a bug in this file.
    if (!ids_.insert(id).second) throw std::logic_error("duplicate finding id " + id);
    Finding finding;
    finding.id = std::move(id);
    finding.severity = severity;
    finding.title = std::move(title);
    audit_.findings.push_back(std::move(finding));
    return audit_.findings.back();
  }

  static Evidence evidence(const DwordReading& reading, const std::string& absent_text) {
    if (reading.present && reading.value) return {reading.location(), reading.name + " = " + reading.observed()};
    if (reading.present) return {reading.location(), reading.observed() + "; " + absent_text};
    return {reading.location(), "absent (" + absent_text + ")"};
  }

  static RegistryChange dword_change(const std::string& key, const std::string& name, uint32_t value) {
    return {key, name, "REG_DWORD", value > 65535 ? detail::hex32(value) : std::to_string(value)};
  }

  std::string os_default_text(bool value, const char* name) const {
    return std::string("OS default ") + name + " = " + (value ? "1" : "0") + " on " +
           std::string(family_name(audit_.os.family));
  }

  // ---- SCHANNEL protocols ------------------------------------------------------------------

  Desired recommended(const RoleState& role) const {
    switch (role.protocol) {
      case Protocol::tls12: return {true, false};
      case Protocol::tls13:
        if (!role.supported || audit_.exchange_installed) return {false, true};
        return {true, false};
      case Protocol::dtls10:
      case Protocol::dtls12: return role.enabled ? Desired{true, false} : Desired{false, true};
      default: return {false, true};
    }
  }

  void set_role(Finding& finding, const RoleState& role, Desired desired) const {
    finding.registry_changes.push_back(dword_change(role.key, "Enabled", desired.enabled ? 1 : 0));
    finding.registry_changes.push_back(dword_change(role.key, "DisabledByDefault", desired.disabled_by_default ? 1 : 0));
  }

  void role_evidence(Finding& finding, const RoleState& role) const {
    finding.evidence.push_back(evidence(role.enabled_value, os_default_text(role.os_default_enabled, "Enabled")));
    finding.evidence.push_back(evidence(role.disabled_by_default_value,
                                        os_default_text(role.os_default_disabled_by_default, "DisabledByDefault")));
  }

  static std::string id_for(const RoleState& role, std::string_view suffix) {
    return "SCHANNEL-" + std::string(protocol_token(role.protocol)) + "-" + std::string(role_token(role.role)) + "-" +
           std::string(suffix);
  }

  static std::string status_words(RoleStatus status) {
    switch (status) {
      case RoleStatus::unsupported: return "unsupported";
      case RoleStatus::disabled: return "disabled";
      case RoleStatus::on_request: return "off by default";
      case RoleStatus::enabled: return "on";
    }
    return "unknown";
  }

  static std::string what(const RoleState& role) {
    return std::string(protocol_key_name(role.protocol)) + " " + (role.role == Role::client ? "client" : "server");
  }

  void protocols() {
    for (const ProtocolState& protocol : audit_.schannel.protocols) {
      for (const RoleState* role : {&protocol.client, &protocol.server}) {
        protocol_role(*role);
      }
    }
  }

  void protocol_role(const RoleState& role) {
    const std::string name = what(role);
    if (!role.supported) {
      if (role.protocol == Protocol::tls13 && role.enabled_on_unsupported_os()) {
        Finding& f = add(id_for(role, "ENABLED-UNSUPPORTED-OS"), Severity::medium,
                         name + " is switched on in the registry, but this Windows does not support TLS 1.3");
        role_evidence(f, role);
        f.why = "Schannel supports TLS 1.3 from Windows Server 2022 / Windows 11 (build 20348) on; Microsoft calls "
                "enabling it on earlier Windows not a safe system configuration (the pre-release implementation).";
        f.fix = "Remove the TLS 1.3 override: set Enabled = 0 and DisabledByDefault = 1 (or delete the key).";
        set_role(f, role, {false, true});
        f.references = {kRefProtocols, kRefTlsRegistry};
      }
      return;
    }

    if (auto problems = role.value_problems(); !problems.empty()) {
      Finding& f = add(id_for(role, "VALUE-INVALID"), Severity::low,
                       name + " has Enabled/DisabledByDefault values outside the documented REG_DWORD 0/1");
      role_evidence(f, role);
      f.why = "Schannel reads these as DWORDs (any nonzero Enabled enables the protocol); other types are ignored and "
              "other numbers are easy to misread. Exchange HealthChecker accepts only 0 or 1. Detail: " +
              detail::join(problems, "; ") + ".";
      f.fix = "Rewrite both values as REG_DWORD 0 or 1 in the intended state.";
      set_role(f, role, recommended(role));
      f.references = {kRefTlsRegistry, kRefHealthChecker};
    }

    const bool tls = role.protocol == Protocol::tls10 || role.protocol == Protocol::tls11 ||
                     role.protocol == Protocol::tls12 || role.protocol == Protocol::tls13;
    if (tls && role.half_set()) {
      Finding& f = add(id_for(role, "HALF-SET"), role.protocol == Protocol::tls12 ? Severity::medium : Severity::low,
                       name + " has only one of Enabled / DisabledByDefault set, or the two contradict each other");
      role_evidence(f, role);
      f.why = "A half-set key leaves the other half to the OS default, which differs between Windows versions (TLS 1.2 "
              "is DisabledByDefault on Windows 7 / 2008 R2), so the same .reg file gives different results on different "
              "servers. Effective state here: " + role.describe() + ". Exchange HealthChecker reports it as Half Disabled.";
      Desired d = recommended(role);
      f.fix = std::string("Set both values: Enabled = ") + (d.enabled ? "1" : "0") +
              ", DisabledByDefault = " + (d.disabled_by_default ? "1" : "0") + ". A reboot is required.";
      set_role(f, role, d);
      f.references = {kRefTlsRegistry, kRefHealthChecker};
    }

    const RoleStatus status = role.status();
    if (role.protocol == Protocol::tls12) {
      if (status == RoleStatus::disabled) {
        Finding& f = add(id_for(role, "DISABLED"), Severity::critical, name + " is disabled (Enabled = 0)");
        role_evidence(f, role);
        f.why = std::string(kWhyTls12World) + " With Enabled = 0 no application on this machine can use TLS 1.2 " +
                (role.role == Role::client ? "to connect out" : "to accept connections") + ", even when it asks.";
        f.fix = "Enable TLS 1.2: Enabled = 1 and DisabledByDefault = 0 under the key. A reboot is required.";
        set_role(f, role, {true, false});
        f.references = {kRefTlsRegistry, kRefProtocols, kRefM365};
      } else if (status == RoleStatus::on_request) {
        Finding& f = add(id_for(role, "OFF-BY-DEFAULT"), Severity::high,
                         name + " is off by default: only applications that ask for it explicitly get it");
        role_evidence(f, role);
        f.why = std::string(kWhyTls12World) + " With DisabledByDefault in effect, applications that take the system "
                "defaults (.NET with SystemDefaultTlsVersions, WinHTTP, SQL Server clients) negotiate TLS 1.0 at most.";
        f.fix = "Set Enabled = 1 and DisabledByDefault = 0 under the key. A reboot is required.";
        set_role(f, role, {true, false});
        f.references = {kRefTlsRegistry, kRefProtocols, kRefM365};
      }
      return;
    }

    if (role.protocol == Protocol::tls13) {
      if (audit_.exchange_installed && status != RoleStatus::disabled) {
        Finding& f = add("EXCHANGE-TLS13-" + std::string(role_token(role.role)) + "-ENABLED", Severity::high,
                         name + " is not disabled on an Exchange server");
        role_evidence(f, role);
        f.why = "Exchange Server does not support TLS 1.3 and is known to fail when it is enabled; HealthChecker "
                "reports anything but disabled as an error.";
        f.fix = "Disable TLS 1.3 on Exchange servers: Enabled = 0 and DisabledByDefault = 1. A reboot is required.";
        set_role(f, role, {false, true});
        f.references = {kRefHealthChecker, kRefTlsRegistry};
      } else if (!audit_.exchange_installed && status != RoleStatus::enabled) {
        Finding& f = add(id_for(role, "DISABLED"), Severity::low,
                         name + " is " + (status == RoleStatus::disabled ? "disabled" : "off by default") +
                             " although this Windows supports it");
        role_evidence(f, role);
        f.why = "TLS 1.3 is on by default from Windows Server 2022 / Windows 11; turning it off costs the faster "
                "handshake and the forward secrecy every TLS 1.3 suite has. Leave it off only for software known to "
                "break with it (Exchange Server, some load balancers).";
        f.fix = "Unless an application needs it off, set Enabled = 1 and DisabledByDefault = 0 (or delete both values).";
        set_role(f, role, {true, false});
        f.references = {kRefProtocols, kRefTlsRegistry};
      }
      return;
    }

    if (!is_legacy(role.protocol)) return;  // DTLS: only the value checks above
    const bool ssl = role.protocol == Protocol::ssl2 || role.protocol == Protocol::ssl3;
    if (status == RoleStatus::enabled) {
      Finding& f = add(id_for(role, "ENABLED"), ssl ? Severity::high : Severity::medium,
                       name + " is still enabled and used by default");
      role_evidence(f, role);
      f.why = ssl ? "SSL 2.0 and 3.0 are broken (DROWN, POODLE) and prohibited by RFC 6176 / RFC 7568; a peer that "
                    "offers them can be downgraded."
                  : std::string(kWhyTls12World) +
                        " Leaving it enabled hides the dependencies that break when it goes away; find them (Schannel "
                        "event 36880 on servers, connection logs) and turn it off.";
      f.fix = "Disable it: Enabled = 0 and DisabledByDefault = 1 under the key, after checking that no client or "
              "server still depends on it. A reboot is required.";
      set_role(f, role, {false, true});
      f.references = {kRefTlsRegistry, kRefProtocols};
      if (!ssl) f.references.push_back(kRefRfc8996);
    } else if (status == RoleStatus::on_request) {
      Finding& f = add(id_for(role, "ON-REQUEST"), Severity::low,
                       name + " is off by default but still available to applications that ask for it");
      role_evidence(f, role);
      f.why = "DisabledByDefault keeps the protocol out of default handshakes, but an application that requests it "
              "explicitly can still negotiate it; only Enabled = 0 takes it away.";
      f.fix = "Set Enabled = 0 as well as DisabledByDefault = 1. A reboot is required.";
      set_role(f, role, {false, true});
      f.references = {kRefTlsRegistry};
    }
  }

  void mismatches() {
    for (const ProtocolState& protocol : audit_.schannel.protocols) {
      if (protocol.protocol != Protocol::tls10 && protocol.protocol != Protocol::tls11 &&
          protocol.protocol != Protocol::tls12 && protocol.protocol != Protocol::tls13) {
        continue;
      }
      const RoleState& client = protocol.client;
      const RoleState& server = protocol.server;
      if (!client.supported || client.status() == server.status()) continue;
      if (!client.explicitly_configured() && !server.explicitly_configured()) continue;
      const std::string p(protocol_key_name(protocol.protocol));
      Finding& f = add("SCHANNEL-" + std::string(protocol_token(protocol.protocol)) + "-CLIENT-SERVER-MISMATCH",
                       Severity::medium,
                       p + " is " + status_words(server.status()) + " for the server but " +
                           status_words(client.status()) + " for the client");
      role_evidence(f, client);
      role_evidence(f, server);
      f.why = "Servers are clients too (Exchange, AD FS, SQL Server, IIS calling back-ends): a protocol that is on for "
              "one side and off for the other breaks outbound connections or hides inbound ones. Exchange HealthChecker "
              "reports the mismatch as Misconfigured.";
      Desired d = recommended(protocol.protocol == Protocol::tls13 ? server : client);
      f.fix = std::string("Configure the Client and Server keys the same way: Enabled = ") + (d.enabled ? "1" : "0") +
              ", DisabledByDefault = " + (d.disabled_by_default ? "1" : "0") + ". A reboot is required.";
      set_role(f, client, d);
      set_role(f, server, d);
      f.references = {kRefHealthChecker, kRefTlsRegistry};
    }
  }

  // ---- ciphers, hashes, key exchange ------------------------------------------------------

  void ciphers() {
    const std::string ciphers_key = std::string(kSchannelKey) + "\\Ciphers";
    for (const CipherGroupState& group : audit_.schannel.cipher_groups) {
      if (!group.offered) continue;
      Severity severity = Severity::high;
      std::string why;
      switch (group.group) {
        case CipherGroup::null_cipher:
          severity = Severity::critical;
          why = "NULL ciphers send application data unencrypted.";
          break;
        case CipherGroup::export_grade:
          severity = Severity::critical;
          why = "40/56-bit export ciphers are breakable in minutes (FREAK, Logjam-era attacks).";
          break;
        case CipherGroup::des:
          why = "Single DES has a 56-bit key and is broken by brute force.";
          break;
        case CipherGroup::rc2:
          why = "RC2 is an obsolete 64-bit block cipher used only by SSL 2.0 and export suites.";
          break;
        case CipherGroup::rc4:
          why = "RC4 has exploitable keystream biases; RFC 7465 forbids it in TLS and Microsoft removed it from the "
                "default list in Windows 10 1809 / Server 2019.";
          break;
        case CipherGroup::triple_des:
          severity = Severity::medium;
          why = "3DES has a 64-bit block (SWEET32) and 112-bit strength; NIST disallows it after 2023 and no TLS 1.2 "
                "peer needs it.";
          break;
      }
      const std::string token(cipher_group_token(group.group));
      Finding& f = add("SCHANNEL-CIPHER-" + token + "-ENABLED", severity,
                       token + " ciphers can be negotiated by Schannel");
      f.evidence.push_back({ciphers_key, group.reason});
      for (const CipherKeyState& key : audit_.schannel.cipher_keys) {
        if (key.group == group.group && key.enabled.present) {
          f.evidence.push_back({key.enabled.location(), "Enabled = " + key.enabled.observed()});
        }
      }
      f.why = why;
      std::vector<std::string> names;
      for (const std::string& name : group.key_names) {
        // Only the spellings Windows itself uses, plus any other spelling present in the registry.
        if (name == "Triple DES 168/168" && !registry_.find_key(ciphers_key + "\\" + name)) continue;
        names.push_back(name);
        f.registry_changes.push_back(dword_change(ciphers_key + "\\" + name, "Enabled", 0));
      }
      f.fix = "Set Enabled = 0 under SCHANNEL\\Ciphers\\" + detail::join(names, ", SCHANNEL\\Ciphers\\") +
              " and keep such suites out of the cipher suite order. A reboot is required.";
      f.references = {kRefTlsRegistry, kRefCipherSuites};
    }

    if (const HashState* md5 = audit_.schannel.hash("MD5"); md5 != nullptr && md5->offered) {
      Finding& f = add("SCHANNEL-HASH-MD5-ENABLED", Severity::medium, "MD5-based cipher suites can be negotiated");
      f.evidence.push_back({std::string(kSchannelKey) + "\\Hashes\\MD5", md5->reason});
      f.why = "MD5 is collision-broken; the suites that use it for the record MAC (RC4_128_MD5, NULL_MD5, export RC4) "
              "are all weak.";
      f.fix = "Set Enabled = 0 under SCHANNEL\\Hashes\\MD5. A reboot is required.";
      f.registry_changes.push_back(dword_change(std::string(kSchannelKey) + "\\Hashes\\MD5", "Enabled", 0));
      f.references = {kRefTlsRegistry, kRefCipherSuites};
    }
  }

  void key_exchange() {
    const KeyExchangeState& dh = audit_.schannel.diffie_hellman;
    if (!dh.disabled() && dh.effective_server_min < 2048) {
      Finding& f = add("SCHANNEL-DH-SERVER-MIN-WEAK", Severity::medium,
                       "DHE server key size is " + std::to_string(dh.effective_server_min) + " bits");
      f.evidence.push_back(evidence(dh.server_min_bits, "OS default: " + std::to_string(dh.effective_server_min) +
                                                            " bits on " + std::string(family_name(audit_.os.family))));
      f.why = "Diffie-Hellman groups under 2048 bits are within reach of well-funded attackers (Logjam); TLS 1.2 "
              "clients and scanners flag them. Windows 10 / Server 2016 default to 2048; earlier Windows to 1024.";
      f.fix = "Set ServerMinKeyBitLength = 2048 under SCHANNEL\\KeyExchangeAlgorithms\\Diffie-Hellman (Windows 7 - 8.1 "
              "need the update of Security Advisory 3174644). A reboot is required.";
      f.registry_changes.push_back(dword_change(dh.key, "ServerMinKeyBitLength", 2048));
      f.references = {kRefTlsRegistry, kRefDhAdvisory};
    }
    if (!dh.disabled() && dh.client_min_bits.value && *dh.client_min_bits.value < 2048) {
      Finding& f = add("SCHANNEL-DH-CLIENT-MIN-WEAK", Severity::low,
                       "TLS clients accept DHE keys of " + std::to_string(*dh.client_min_bits.value) + " bits");
      f.evidence.push_back(evidence(dh.client_min_bits, ""));
      f.why = "A client that accepts small DH groups lets a weak or hostile server choose a breakable key exchange.";
      f.fix = "Set ClientMinKeyBitLength = 2048 under SCHANNEL\\KeyExchangeAlgorithms\\Diffie-Hellman. A reboot is required.";
      f.registry_changes.push_back(dword_change(dh.key, "ClientMinKeyBitLength", 2048));
      f.references = {kRefTlsRegistry};
    }
    const KeyExchangeState& pkcs = audit_.schannel.pkcs;
    if (pkcs.client_min_bits.value && *pkcs.client_min_bits.value < 2048) {
      Finding& f = add("SCHANNEL-RSA-CLIENT-MIN-WEAK", Severity::low,
                       "TLS clients accept RSA server keys of " + std::to_string(*pkcs.client_min_bits.value) + " bits");
      f.evidence.push_back(evidence(pkcs.client_min_bits, ""));
      f.why = "RSA keys under 2048 bits are deprecated (NIST SP 800-131A); public CAs stopped issuing them in 2013.";
      f.fix = "Set ClientMinKeyBitLength = 2048 under SCHANNEL\\KeyExchangeAlgorithms\\PKCS. A reboot is required.";
      f.registry_changes.push_back(dword_change(pkcs.key, "ClientMinKeyBitLength", 2048));
      f.references = {kRefTlsRegistry};
    }
  }

  // ---- cipher suite order -----------------------------------------------------------------

  std::vector<std::string> remediated_order() const {
    const CipherSuiteOrder& order = audit_.schannel.order;
    std::vector<std::string> kept;
    bool modern = false;
    for (const SuiteInfo& suite : order.suites) {
      if (suite.suite == nullptr || !suite.weaknesses.empty()) continue;
      kept.push_back(suite.name);
      modern = modern || suite.modern;
    }
    if (modern) return kept;
    return recommended_cipher_suites(audit_.os);
  }

  void order_change(Finding& f) const {
    f.registry_changes.push_back(
        {std::string(kCipherSuitePolicyKey), "Functions", "REG_SZ", detail::join(remediated_order(), ",")});
  }

  void cipher_suite_order() {
    const CipherSuiteOrder& order = audit_.schannel.order;
    if (order.ecc_curves.present && order.ecc_curves.items.empty()) {
      Finding& f = add("CIPHER-SUITE-ECC-CURVES-EMPTY", Severity::low, "The ECC Curve Order policy is set but empty");
      f.evidence.push_back({order.ecc_curves.location(), order.ecc_curves.observed()});
      f.why = "An empty curve list leaves ECDHE without a group to use, so forward-secret ECDHE suites fail.";
      f.fix = "Delete the EccCurves value (or list curve25519, NistP256, NistP384).";
      f.registry_changes.push_back({std::string(kCipherSuitePolicyKey), "EccCurves", "delete", ""});
      f.references = {kRefManageTls};
    }
    if (order.source == OrderSource::os_default) return;
    const detail::StringListReading& list = order.in_effect();
    const std::string where = order.source == OrderSource::policy ? "The SSL Cipher Suite Order policy"
                                                                  : "The local cipher suite list";
    std::vector<std::string> weak, weak_not_3des, unknown;
    bool any_modern = false;
    for (const SuiteInfo& suite : order.suites) {
      any_modern = any_modern || suite.modern;
      if (suite.suite == nullptr && suite.weaknesses.empty()) unknown.push_back(suite.name);
      if (!suite.weaknesses.empty()) {
        weak.push_back(suite.name + " (" + detail::join(suite.weaknesses, "/") + ")");
        bool only_3des_or_md5 = std::all_of(suite.weaknesses.begin(), suite.weaknesses.end(),
                                            [](const std::string& w) { return w == "3DES" || w == "MD5"; });
        if (!only_3des_or_md5) weak_not_3des.push_back(suite.name);
      }
    }
    if (!any_modern) {
      Finding& f = add("CIPHER-SUITE-ORDER-LEGACY-ONLY", Severity::high,
                       where + " lists no forward-secret AEAD (ECDHE/DHE with AES-GCM) or TLS 1.3 suite");
      f.evidence.push_back({list.location(), list.observed()});
      f.why = std::string(kWhyTls12World) +
              " Cipher suites missing from the list are not used at all, and modern services (Microsoft 365, Azure, "
              "HTTP/2 sites) require ECDHE with AES-GCM, so handshakes fail even over TLS 1.2.";
      f.fix = "Replace the list with forward-secret AES-GCM suites first (the registry change writes a recommended "
              "order for this Windows version) or remove the policy to return to the OS default order. Takes effect "
              "after a reboot.";
      order_change(f);
      f.references = {kRefManageTls, kRefCipherSuites, kRefM365};
    }
    if (!weak.empty()) {
      Finding& f = add("CIPHER-SUITE-ORDER-WEAK-SUITES", weak_not_3des.empty() ? Severity::medium : Severity::high,
                       where + " enables " + std::to_string(weak.size()) + " weak cipher suite" +
                           (weak.size() == 1 ? "" : "s"));
      f.evidence.push_back({list.location(), detail::join(weak, ", ")});
      f.why = "Suites in the list are offered even when the matching SCHANNEL\\Ciphers keys were meant to be the "
              "control: RC4, DES, 3DES, NULL, export and anonymous suites give attackers a downgrade target.";
      f.fix = "Remove them from the list (the registry change keeps the remaining suites in their order, or writes the "
              "recommended order when nothing modern would remain). Takes effect after a reboot.";
      order_change(f);
      f.references = {kRefManageTls, kRefCipherSuites};
    }
    if (!unknown.empty()) {
      Finding& f = add("CIPHER-SUITE-ORDER-UNKNOWN-SUITES", Severity::info,
                       where + " names " + std::to_string(unknown.size()) + " suite" +
                           (unknown.size() == 1 ? "" : "s") + " Schannel does not know");
      f.evidence.push_back({list.location(), detail::join(unknown, ", ")});
      f.why = "Unknown names are skipped; a typo can silently remove the only modern suite.";
      f.fix = "Check the spelling against the cipher suite list of this Windows version.";
      f.references = {kRefCipherSuites};
    }
  }

  // ---- .NET Framework -----------------------------------------------------------------------

  static std::string dotnet_id(const DotNetKeyState& key, std::string_view suffix) {
    return std::string("DOTNET-") + (key.version_key == "v2.0.50727" ? "V2" : "V4") +
           (key.view == RegistryView::wow64 ? "-WOW64-" : "-") + std::string(suffix);
  }

  static std::string dotnet_label(const DotNetKeyState& key) {
    return std::string(".NET Framework ") + (key.version_key == "v2.0.50727" ? "3.5 (v2.0.50727)" : "4.x (v4.0.30319)") +
           (key.view == RegistryView::wow64 ? ", 32-bit apps (WOW6432Node)" : ", 64-bit/native apps");
  }

  std::vector<const DotNetGenerationState*> generations_of(const DotNetKeyState& key) const {
    std::vector<const DotNetGenerationState*> out;
    for (const DotNetGenerationState& g : audit_.dotnet.generations) {
      if (g.view == key.view && generation_version_key(g.generation) == key.version_key) out.push_back(&g);
    }
    return out;
  }

  void dotnet_switch(const DotNetKeyState& key, bool strong) {
    const DwordReading& reading = strong ? key.strong_crypto : key.system_default_tls;
    if (reading.value && *reading.value == 1) return;
    std::vector<std::string> affected;
    for (const DotNetGenerationState* g : generations_of(key)) {
      const bool switch_on = strong ? g->strong_crypto : g->system_default;
      // .NET 3.5 applies SchUseStrongCrypto only to an explicit TLS request, not to its defaults.
      if (strong && g->generation == DotNetGeneration::net35) continue;
      if (!switch_on && !g->has_tls12()) {
        affected.push_back(std::string(generation_name(g->generation)) + " -> " + describe_protocols(g->protocols));
      }
    }
    const char* name = strong ? "SchUseStrongCrypto" : "SystemDefaultTlsVersions";
    std::string title = dotnet_label(key) + ": " + name + (reading.value ? " is not 1" : " is not set");
    if (!affected.empty()) title += "; apps targeting " + affected.front().substr(0, affected.front().find(' ')) +
                                    (affected.size() > 1 ? " and others" : "") + " fall back to legacy TLS";
    Finding& f = add(dotnet_id(key, strong ? "STRONG-CRYPTO-MISSING" : "SYSTEM-DEFAULT-TLS-MISSING"),
                     affected.empty() ? Severity::medium : Severity::high, title);
    f.evidence.push_back(evidence(reading, strong ? "framework default: 1 for apps targeting 4.6+, else 0"
                                                  : "framework default: 1 for apps targeting 4.7+, else 0"));
    for (const DotNetGenerationState* g : generations_of(key)) {
      f.evidence.push_back({key.key, "apps targeting " + std::string(generation_name(g->generation)) + " get " +
                                         describe_protocols(g->protocols) + " (" + g->mode + ")"});
    }
    f.why = std::string(kWhyTls12World) +
            (strong ? " Without SchUseStrongCrypto, .NET Framework 4.0-4.5.2 apps offer SSL 3.0 and TLS 1.0 only and "
                      "accept weak ciphers."
                    : " Without SystemDefaultTlsVersions, .NET apps built before 4.7 ignore the OS protocol settings and "
                      "use the framework's own (older) list.") +
            (affected.empty() ? " No generation falls back today, but Exchange HealthChecker and Microsoft's guidance "
                                "require the value so that behaviour does not depend on each app's target framework."
                              : " Affected: " + detail::join(affected, "; ") + ".");
    f.fix = std::string("Set ") + name + " = 1 (REG_DWORD) under " + key.key +
            (key.version_key == "v2.0.50727" ? " (.NET 3.5 needs the 2016 'TLS System Default Versions' update)" : "") +
            ", and restart the applications.";
    f.registry_changes.push_back(dword_change(key.key, name, 1));
    f.references = {kRefDotNet, kRefHealthChecker};
  }

  void dotnet() {
    const bool any_native = std::any_of(audit_.dotnet.keys.begin(), audit_.dotnet.keys.end(), [](const DotNetKeyState& k) {
      return k.view == RegistryView::native && k.present;
    });
    if (!any_native) {
      Finding& f = add("DOTNET-NOT-EXPORTED", Severity::info,
                       "The registry holds no .NET Framework keys, so the .NET TLS switches were not checked");
      f.evidence.push_back({dotnet_key("v4.0.30319", RegistryView::native), "absent"});
      f.why = ".NET Framework 4.x is part of every Windows since 8 / Server 2012; without its keys the audit cannot "
              "tell whether .NET apps fall back to TLS 1.0.";
      f.fix = "Export HKLM\\SOFTWARE\\Microsoft\\.NETFramework and HKLM\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework "
              "with the other keys and audit again.";
      f.references = {kRefDotNet};
    }
    for (const DotNetKeyState& key : audit_.dotnet.keys) {
      if (!key.present) continue;
      dotnet_switch(key, true);
      dotnet_switch(key, false);
      std::vector<std::string> problems;
      for (const DwordReading* r : {&key.strong_crypto, &key.system_default_tls}) {
        if (!r->present) continue;
        if (r->wrong_type) problems.push_back(r->name + " is " + detail::type_name(r->type));
        else if (r->value && *r->value > 1) problems.push_back(r->name + " = " + detail::hex32(*r->value));
      }
      if (!problems.empty()) {
        Finding& f = add(dotnet_id(key, "VALUE-INVALID"), Severity::low,
                         dotnet_label(key) + ": TLS switches hold values other than REG_DWORD 0/1");
        f.evidence.push_back(evidence(key.strong_crypto, "not set"));
        f.evidence.push_back(evidence(key.system_default_tls, "not set"));
        f.why = ".NET turns these switches on only for the DWORD value 1; anything else reads as off. Detail: " +
                detail::join(problems, "; ") + ".";
        f.fix = "Write both as REG_DWORD 1.";
        f.registry_changes.push_back(dword_change(key.key, "SchUseStrongCrypto", 1));
        f.registry_changes.push_back(dword_change(key.key, "SystemDefaultTlsVersions", 1));
        f.references = {kRefDotNet, kRefHealthChecker};
      }
    }
    // Native vs WOW6432Node.
    if (!audit_.dotnet.wow64_present) return;
    for (std::string_view version : {std::string_view("v2.0.50727"), std::string_view("v4.0.30319")}) {
      const DotNetKeyState& native = audit_.dotnet.key(version, RegistryView::native);
      const DotNetKeyState& wow = audit_.dotnet.key(version, RegistryView::wow64);
      if (!native.present || !wow.present) continue;
      auto same = [](const DwordReading& a, const DwordReading& b) { return a.value == b.value; };
      if (same(native.strong_crypto, wow.strong_crypto) && same(native.system_default_tls, wow.system_default_tls)) continue;
      Finding& f = add(std::string("DOTNET-") + (version == "v2.0.50727" ? "V2" : "V4") + "-WOW64-MISMATCH",
                       Severity::medium,
                       std::string(".NET Framework ") + (version == "v2.0.50727" ? "3.5" : "4.x") +
                           " TLS switches differ between 64-bit and 32-bit (WOW6432Node) apps");
      for (const DotNetKeyState* k : {&native, &wow}) {
        f.evidence.push_back(evidence(k->strong_crypto, "not set"));
        f.evidence.push_back(evidence(k->system_default_tls, "not set"));
      }
      f.why = "32-bit processes (many installers, agents, older line-of-business apps, 32-bit PowerShell) read "
              "WOW6432Node; fixing only the native key leaves them on legacy TLS, and the same app behaves differently "
              "depending on its bitness.";
      f.fix = "Set SchUseStrongCrypto = 1 and SystemDefaultTlsVersions = 1 under both " + native.key + " and " + wow.key + ".";
      for (const DotNetKeyState* k : {&native, &wow}) {
        f.registry_changes.push_back(dword_change(k->key, "SchUseStrongCrypto", 1));
        f.registry_changes.push_back(dword_change(k->key, "SystemDefaultTlsVersions", 1));
      }
      f.references = {kRefDotNet, kRefHealthChecker};
    }
  }

  // ---- WinHTTP / WinINet ----------------------------------------------------------------------

  uint32_t modern_mask() const {
    uint32_t mask = protocol_bit(Protocol::tls12);
    if (schannel_protocol_default(audit_.os, Protocol::tls13).supported) mask |= protocol_bit(Protocol::tls13);
    return mask;
  }

  static uint32_t legacy_bits(uint32_t mask) {
    return mask & (protocol_bit(Protocol::ssl2) | protocol_bit(Protocol::ssl3) | protocol_bit(Protocol::tls10) |
                   protocol_bit(Protocol::tls11));
  }

  void winhttp() {
    const WinHttpState& state = audit_.winhttp;
    const std::string kb_note = state.needs_kb3140245
                                    ? " On this Windows the value is read only with KB3140245 installed (and TLS 1.2 must "
                                      "also be on for the Schannel client)."
                                    : "";
    for (const WinHttpViewState* view : {&state.native, &state.wow64}) {
      if (!view->applicable) continue;
      const std::string prefix = view->view == RegistryView::wow64 ? "WINHTTP-WOW64-" : "WINHTTP-";
      const std::string who = view->view == RegistryView::wow64 ? "32-bit WinHTTP clients" : "WinHTTP clients";
      const std::string os_default = "OS default: " + describe_mask(state.os_default_mask);
      if (!view->has_tls12()) {
        Finding& f = add(prefix + "DEFAULT-NO-TLS12", Severity::high,
                         who + " do not use TLS 1.2 by default (" + describe_protocols(view->protocols) + ")");
        f.evidence.push_back(evidence(view->value, os_default));
        f.why = std::string(kWhyTls12World) +
                " Services that use WinHTTP with its default protocols (Windows Update agents, WinRM, WebDAV, Office "
                "sign-in on Windows 7, many agents and PowerShell modules) cannot reach TLS 1.2-only endpoints.";
        f.fix = "Set DefaultSecureProtocols = " + describe_mask(modern_mask()) + " under " + view->key + "." + kb_note +
                " Restart the services that use WinHTTP (or reboot).";
        f.registry_changes.push_back(dword_change(view->key, "DefaultSecureProtocols", modern_mask()));
        f.references = {kRefKb3140245, kRefWinHttp, kRefM365};
      }
      if (view->from_registry && legacy_bits(view->mask) != 0) {
        Finding& f = add(prefix + "LEGACY-PROTOCOLS", Severity::low,
                         who + " are configured to offer " + describe_protocols(protocols_in_mask(legacy_bits(view->mask))));
        f.evidence.push_back(evidence(view->value, os_default));
        f.why = "DefaultSecureProtocols names the protocols WinHTTP offers; SSL 3.0, TLS 1.0 and TLS 1.1 in it keep "
                "legacy handshakes alive after the endpoints have moved on.";
        f.fix = "Set DefaultSecureProtocols = " + describe_mask(modern_mask()) + " under " + view->key + ".";
        f.registry_changes.push_back(dword_change(view->key, "DefaultSecureProtocols", modern_mask()));
        f.references = {kRefKb3140245, kRefWinHttp};
      }
    }
    if (state.wow64.applicable && state.native.value.value != state.wow64.value.value) {
      Finding& f = add("WINHTTP-WOW64-MISMATCH", Severity::low,
                       "WinHTTP DefaultSecureProtocols differs between 64-bit and 32-bit (WOW6432Node) clients");
      f.evidence.push_back(evidence(state.native.value, "OS default: " + describe_mask(state.os_default_mask)));
      f.evidence.push_back(evidence(state.wow64.value, "OS default: " + describe_mask(state.os_default_mask)));
      f.why = "KB3140245 requires the value in both views on x64: 32-bit processes read WOW6432Node.";
      f.fix = "Set DefaultSecureProtocols = " + describe_mask(modern_mask()) + " in both views.";
      f.registry_changes.push_back(dword_change(state.native.key, "DefaultSecureProtocols", modern_mask()));
      f.registry_changes.push_back(dword_change(state.wow64.key, "DefaultSecureProtocols", modern_mask()));
      f.references = {kRefKb3140245, kRefWinHttp};
    }
  }

  void wininet() {
    const WinInetState& state = audit_.wininet;
    const std::string target_key =
        state.winning_source >= 0 ? state.sources[static_cast<std::size_t>(state.winning_source)].key
                                  : state.sources.back().key;  // HKLM Internet Settings
    const DwordReading* winning =
        state.winning_source >= 0 ? &state.sources[static_cast<std::size_t>(state.winning_source)] : &state.sources.back();
    const std::string os_default = "OS default: " + describe_mask(state.os_default_mask);
    if (!state.has_tls12()) {
      Finding& f = add("WININET-NO-TLS12", Severity::medium,
                       "WinINet (Internet Options) does not offer TLS 1.2 (" + describe_protocols(state.protocols) + ")");
      f.evidence.push_back(evidence(*winning, os_default));
      f.why = std::string(kWhyTls12World) + " WinINet serves Internet Explorer mode, Office (older builds), and apps "
              "that use the Internet Options settings.";
      f.fix = "Set SecureProtocols = " + describe_mask(modern_mask()) + " under " + target_key +
              " (or through the 'Turn off encryption support' policy).";
      f.registry_changes.push_back(dword_change(target_key, "SecureProtocols", modern_mask()));
      f.references = {kRefM365};
    }
    const uint32_t ssl_bits = state.mask & (protocol_bit(Protocol::ssl2) | protocol_bit(Protocol::ssl3));
    if (state.winning_source >= 0 && ssl_bits != 0) {
      Finding& f = add("WININET-LEGACY-PROTOCOLS", Severity::low,
                       "WinINet (Internet Options) offers " + describe_protocols(protocols_in_mask(ssl_bits)));
      f.evidence.push_back(evidence(*winning, os_default));
      f.why = "SSL 2.0 and 3.0 are broken (POODLE); Internet Explorer 11 turned SSL 3.0 off by default in 2015.";
      f.fix = "Set SecureProtocols = " + describe_mask(modern_mask()) + " under " + target_key + ".";
      f.registry_changes.push_back(dword_change(target_key, "SecureProtocols", modern_mask()));
      f.references = {kRefTlsRegistry};
    }
  }
};

}  // namespace

// The value each change will overwrite, for the undo file (remediation_undo_reg). A key missing
// from the registry counts as absent only when an ancestor is present: `reg export` writes a key
// with all its subkeys, so under an exported key every existing key appears. Without an exported
// ancestor the export simply does not cover it, and the state stays unknown.
void record_prior_values(const winreg::Registry& registry, std::vector<Finding>& findings) {
  for (Finding& finding : findings) {
    for (RegistryChange& change : finding.registry_changes) {
      PriorValue& before = change.before;
      if (registry.find_key(change.key) != nullptr) {
        const winreg::Value* value = registry.find_value(change.key, change.value_name);
        if (value == nullptr) {
          before.state = PriorValue::State::value_absent;
        } else {
          before.state = PriorValue::State::present;
          before.type_code = static_cast<uint32_t>(value->type);
          before.data = value->data;
        }
        continue;
      }
      before.state = PriorValue::State::unknown;
      std::string ancestor = winreg::Registry::normalize(change.key);
      for (size_t slash = ancestor.rfind('\\'); slash != std::string::npos; slash = ancestor.rfind('\\')) {
        ancestor.resize(slash);
        if (registry.find_key(ancestor) != nullptr) {
          before.state = PriorValue::State::key_absent;
          break;
        }
      }
    }
  }
}

const Finding* WindowsAudit::find(std::string_view id) const {
  for (const Finding& finding : findings) {
    if (finding.id == id) return &finding;
  }
  return nullptr;
}

WindowsAudit audit_windows(const winreg::Registry& registry, std::optional<WindowsVersion> os_override) {
  WindowsAudit audit;
  audit.os = os_override ? *os_override : windows_version_from_registry(registry);
  audit.exchange_installed = registry.find_key(std::string(kExchangeSetupKey)) != nullptr;
  audit.schannel = read_schannel_state(registry, audit.os);
  audit.dotnet = read_dotnet_state(registry, audit.schannel);
  audit.winhttp = read_winhttp_state(registry, audit.os, audit.schannel, audit.dotnet.wow64_present);
  audit.wininet = read_wininet_state(registry, audit.os, audit.schannel);
  Auditor(registry, audit).run();
  record_prior_values(registry, audit.findings);
  return audit;
}

}  // namespace tlsready::policy::windows
