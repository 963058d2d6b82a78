#pragma once
// Which protocols a .NET Framework application gets when it does not choose one itself, per
// framework generation and per registry view (64-bit native / 32-bit WOW6432Node), given
// SchUseStrongCrypto, SystemDefaultTlsVersions and the machine's SCHANNEL client state.
//
// Rules (Microsoft "Transport Layer Security (TLS) best practices with the .NET Framework"):
//  * Keys: HKLM\SOFTWARE\[WOW6432Node\]Microsoft\.NETFramework\v2.0.50727 (3.5) and \v4.0.30319 (4.x).
//  * SystemDefaultTlsVersions = 1: the OS chooses (Schannel client defaults). Default 1 for apps
//    targeting 4.7+, 0 for 4.6.1 and earlier (and for 3.5 / 4.0-4.5.2 until set, which needs the
//    2016 "TLS System Default Versions" updates).
//  * SchUseStrongCrypto = 1: TLS 1.0/1.1/1.2 and no weak protocols or ciphers (SCH_USE_STRONG_CRYPTO).
//    Default 1 for apps targeting 4.6+, 0 for 4.5.2 and earlier; .NET 3.5 honours it only when
//    the app passes an explicit TLS value, so it does not change 3.5's default set.
//  * Otherwise the framework default is SSL 3.0 + TLS 1.0.
// A protocol the framework asks for explicitly still needs Schannel client Enabled != 0
// (DisabledByDefault does not block an explicit request).

#include <string>
#include <vector>

#include "policy/windows/defaults.h"
#include "policy/windows/reg_read.h"
#include "policy/windows/schannel_state.h"
#include "winreg/registry_model.h"

namespace tlsready::policy::windows {

enum class DotNetGeneration { net35, net40_452, net46x, net47plus };
inline constexpr std::array<DotNetGeneration, 4> kDotNetGenerations = {
    DotNetGeneration::net35, DotNetGeneration::net40_452, DotNetGeneration::net46x, DotNetGeneration::net47plus};
std::string_view generation_name(DotNetGeneration generation);  // "3.5", "4.0-4.5.2", "4.6.x", "4.7+"
std::string_view generation_version_key(DotNetGeneration generation);  // "v2.0.50727" / "v4.0.30319"

// Registry view: native is the 64-bit view on x64 (the only one on 32-bit Windows); wow64 is what
// 32-bit processes on x64 read (SOFTWARE\WOW6432Node).
enum class RegistryView { native, wow64 };
std::string_view view_name(RegistryView view);  // "native" / "WOW6432Node"

std::string dotnet_key(std::string_view version_key, RegistryView view);

struct DotNetKeyState {
  std::string version_key;  // "v4.0.30319"
  RegistryView view = RegistryView::native;
  std::string key;
  bool present = false;     // the key (or a subkey) is in the registry: that framework is installed
  detail::DwordReading strong_crypto;       // SchUseStrongCrypto
  detail::DwordReading system_default_tls;  // SystemDefaultTlsVersions
  bool strong_crypto_set() const { return strong_crypto.value && *strong_crypto.value == 1; }
  bool system_default_set() const { return system_default_tls.value && *system_default_tls.value == 1; }
};

struct DotNetGenerationState {
  DotNetGeneration generation = DotNetGeneration::net47plus;
  RegistryView view = RegistryView::native;
  bool applicable = false;       // the framework's key is present in this view
  bool strong_crypto = false;    // effective
  bool system_default = false;   // effective
  std::string mode;              // how the default set is chosen, in words
  std::vector<Protocol> protocols;  // what the app gets by default, oldest first
  bool has_tls12() const;
  bool falls_back_to_legacy() const;  // no TLS 1.2 / 1.3 at all
};

struct DotNetState {
  bool wow64_present = false;  // SOFTWARE\WOW6432Node exists (64-bit Windows)
  std::vector<DotNetKeyState> keys;                // v2 native, v2 wow64, v4 native, v4 wow64
  std::vector<DotNetGenerationState> generations;  // generation x view, kDotNetGenerations order
  const DotNetKeyState& key(std::string_view version_key, RegistryView view) const;
  const DotNetGenerationState& generation(DotNetGeneration g, RegistryView view) const;
};

// The default protocol set of one generation for given effective switches (exposed for tests).
DotNetGenerationState evaluate_generation(DotNetGeneration generation, const DotNetKeyState& key,
                                          const SchannelState& schannel);

DotNetState read_dotnet_state(const winreg::Registry& registry, const SchannelState& schannel);

}  // namespace tlsready::policy::windows
