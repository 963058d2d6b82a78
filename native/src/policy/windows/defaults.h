#pragma once
// The Windows default tables (native/data/windows_*.csv, compiled in): what SCHANNEL, WinHTTP and
// WinINet do on each Windows generation when the registry says nothing. Parsed once, on first
// use, thread-safely; a malformed table throws DefaultsError naming the table and line.

#include <array>
#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "policy/windows/os_version.h"

namespace tlsready::policy::windows {

// SCHANNEL protocols, each with a subkey under ...\SCHANNEL\Protocols.
enum class Protocol { ssl2, ssl3, tls10, tls11, tls12, tls13, dtls10, dtls12 };

inline constexpr std::array<Protocol, 8> kProtocols = {Protocol::ssl2,  Protocol::ssl3,  Protocol::tls10,
                                                       Protocol::tls11, Protocol::tls12, Protocol::tls13,
                                                       Protocol::dtls10, Protocol::dtls12};

std::string_view protocol_token(Protocol protocol);     // "TLS12" (finding ids, CSV)
std::string_view protocol_key_name(Protocol protocol);  // "TLS 1.2" (the registry subkey)
// The document's spelling: "TLSv1.2", "DTLSv1.0" (model/protocol_version.h, model/version_field.h).
std::string_view protocol_display_name(Protocol protocol);
nlohmann::json protocol_version_field(Protocol protocol);  // {"version": "TLSv1.2", "code": "0x0303"}
std::optional<Protocol> protocol_from_token(std::string_view token);
bool is_legacy(Protocol protocol);  // SSL 2.0, SSL 3.0, TLS 1.0, TLS 1.1
bool is_dtls(Protocol protocol);
// WinHTTP / WinINet bitmap bit (0x8 SSL 2.0 ... 0x2000 TLS 1.3); 0 for DTLS.
uint32_t protocol_bit(Protocol protocol);
// The protocols whose bit is set, oldest first, and "0x00000A80 (TLS 1.0, TLS 1.1, TLS 1.2)".
std::vector<Protocol> protocols_in_mask(uint32_t mask);
std::string describe_mask(uint32_t mask);
std::string describe_protocols(const std::vector<Protocol>& protocols);  // "TLSv1.0, TLSv1.2" or "none"

enum class Role { client, server };
std::string_view role_name(Role role);   // "Client" / "Server" (registry subkey)
std::string_view role_token(Role role);  // "CLIENT" / "SERVER" (finding ids)

struct ProtocolDefault {
  bool supported = false;
  bool client_enabled = false;
  bool client_disabled_by_default = true;
  bool server_enabled = false;
  bool server_disabled_by_default = true;
  bool enabled(Role role) const { return role == Role::client ? client_enabled : server_enabled; }
  bool disabled_by_default(Role role) const {
    return role == Role::client ? client_disabled_by_default : server_disabled_by_default;
  }
};
ProtocolDefault schannel_protocol_default(const WindowsVersion& os, Protocol protocol);

// Cipher families of SCHANNEL\Ciphers, as windows_algorithm_defaults.csv names them.
enum class CipherGroup { null_cipher, des, rc2, rc4, export_grade, triple_des };
inline constexpr std::array<CipherGroup, 6> kWeakCipherGroups = {
    CipherGroup::null_cipher, CipherGroup::des,          CipherGroup::rc2,
    CipherGroup::rc4,         CipherGroup::export_grade, CipherGroup::triple_des};
std::string_view cipher_group_token(CipherGroup group);  // "NULL", "DES", "RC2", "RC4", "EXPORT", "3DES"
bool cipher_group_offered_by_default(const WindowsVersion& os, CipherGroup group);

enum class KeySetting { dh_server_min_bits, dh_client_min_bits, pkcs_client_min_bits };
uint32_t default_key_bits(const WindowsVersion& os, KeySetting setting);

enum class HttpComponent { winhttp, wininet };
struct HttpDefault {
  uint32_t default_mask = 0;
  bool needs_kb3140245 = false;  // the registry override needs that update (Windows 7/2008 R2/2012)
};
HttpDefault http_default(const WindowsVersion& os, HttpComponent component);

// The cipher suite order a remediation writes for this OS (windows_recommended_cipher_suites.csv).
std::vector<std::string> recommended_cipher_suites(const WindowsVersion& os);

class DefaultsError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Parses every table and checks that each family has a row for every protocol / item / component.
// Throws DefaultsError on the first problem. Tests and tools call it; lookups do it lazily.
void check_default_tables();

}  // namespace tlsready::policy::windows
