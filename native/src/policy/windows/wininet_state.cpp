#include "policy/windows/wininet_state.h"

#include <algorithm>

#include "policy/windows/winhttp_state.h"

namespace tlsready::policy::windows {

bool WinInetState::has_tls12() const {
  return std::find(protocols.begin(), protocols.end(), Protocol::tls12) != protocols.end();
}

std::string WinInetState::describe() const {
  std::string where = winning_source < 0 ? std::string("OS default")
                                         : "from " + sources[static_cast<std::size_t>(winning_source)].location();
  return describe_mask(mask) + " " + where + "; usable after Schannel: " + describe_protocols(protocols);
}

WinInetState read_wininet_state(const winreg::Registry& registry, const WindowsVersion& os,
                                const SchannelState& schannel) {
  WinInetState state;
  state.os_default_mask = http_default(os, HttpComponent::wininet).default_mask;
  const char* keys[] = {
      "HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings",
      "HKEY_CURRENT_USER\\SOFTWARE\\Policies\\Microsoft\\Windows\\CurrentVersion\\Internet Settings",
      "HKEY_CURRENT_USER\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings",
      "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings",
  };
  for (const char* key : keys) state.sources.push_back(detail::read_dword(registry, key, "SecureProtocols"));
  state.mask = state.os_default_mask;
  for (std::size_t i = 0; i < state.sources.size(); ++i) {
    if (state.sources[i].value) {
      state.winning_source = static_cast<int>(i);
      state.mask = *state.sources[i].value;
      break;
    }
  }
  state.protocols = filter_by_schannel_client(state.mask, schannel);
  return state;
}

}  // namespace tlsready::policy::windows
