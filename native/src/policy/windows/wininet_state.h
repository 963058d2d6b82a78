#pragma once
// WinINet's (Internet Explorer / Internet Options) SecureProtocols bitmap: the machine policy,
// the user policy, the user's setting and the machine setting, first present wins; else the OS
// default (windows_http_defaults.csv). Same bits as WinHTTP (0x2000 = TLS 1.3).

#include <cstdint>
#include <string>
#include <vector>

#include "policy/windows/defaults.h"
#include "policy/windows/reg_read.h"
#include "policy/windows/schannel_state.h"
#include "winreg/registry_model.h"

namespace tlsready::policy::windows {

struct WinInetState {
  std::vector<detail::DwordReading> sources;  // precedence order (policy HKLM, policy HKCU, HKCU, HKLM)
  int winning_source = -1;                    // index into sources, -1 = OS default
  uint32_t os_default_mask = 0;
  uint32_t mask = 0;
  std::vector<Protocol> protocols;            // mask filtered by Schannel client Enabled
  bool has_tls12() const;
  std::string describe() const;
};

WinInetState read_wininet_state(const winreg::Registry& registry, const WindowsVersion& os,
                                const SchannelState& schannel);

}  // namespace tlsready::policy::windows
