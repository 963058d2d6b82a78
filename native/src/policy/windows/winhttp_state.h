#pragma once
// WinHTTP's default secure protocols: the DefaultSecureProtocols DWORD bitmap (KB3140245) in the
// native and WOW6432Node views, else the OS default (windows_http_defaults.csv). WinHTTP asks
// Schannel for these protocols explicitly, so a protocol Schannel has Enabled = 0 for is dropped
// while DisabledByDefault does not matter.

#include <cstdint>
#include <string>
#include <vector>

#include "policy/windows/defaults.h"
#include "policy/windows/dotnet_state.h"
#include "policy/windows/reg_read.h"
#include "policy/windows/schannel_state.h"
#include "winreg/registry_model.h"

namespace tlsready::policy::windows {

std::string winhttp_key(RegistryView view);  // ...\Internet Settings\WinHttp (native / WOW6432Node)

struct WinHttpViewState {
  RegistryView view = RegistryView::native;
  bool applicable = false;       // native always; wow64 on 64-bit Windows
  std::string key;
  detail::DwordReading value;    // DefaultSecureProtocols
  bool from_registry = false;
  uint32_t mask = 0;             // effective bitmap
  std::vector<Protocol> protocols;  // mask filtered by Schannel client Enabled
  bool has_tls12() const;
  std::string describe() const;  // "0x00000800 (TLS 1.2) from DefaultSecureProtocols" / "... OS default"
};

struct WinHttpState {
  uint32_t os_default_mask = 0;
  bool needs_kb3140245 = false;  // Windows 7 / 2008 R2 / 2012: the value works only with KB3140245
  WinHttpViewState native;
  WinHttpViewState wow64;
};

// Protocols of `mask` that Schannel lets a client request on this machine.
std::vector<Protocol> filter_by_schannel_client(uint32_t mask, const SchannelState& schannel);

WinHttpState read_winhttp_state(const winreg::Registry& registry, const WindowsVersion& os,
                                const SchannelState& schannel, bool wow64_present);

}  // namespace tlsready::policy::windows
