#include "policy/windows/winhttp_state.h"

#include <algorithm>

namespace tlsready::policy::windows {

std::string winhttp_key(RegistryView view) {
  return view == RegistryView::native
             ? "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp"
             : "HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\Windows\\CurrentVersion\\Internet Settings\\WinHttp";
}

bool WinHttpViewState::has_tls12() const {
  return std::find(protocols.begin(), protocols.end(), Protocol::tls12) != protocols.end();
}

std::string WinHttpViewState::describe() const {
  return describe_mask(mask) + (from_registry ? " from DefaultSecureProtocols" : " OS default") +
         "; usable after Schannel: " + describe_protocols(protocols);
}

std::vector<Protocol> filter_by_schannel_client(uint32_t mask, const SchannelState& schannel) {
  std::vector<Protocol> out;
  for (Protocol protocol : protocols_in_mask(mask)) {
    const RoleState& client = schannel.protocol(protocol).client;
    if (client.supported && client.enabled) out.push_back(protocol);
  }
  return out;
}

WinHttpState read_winhttp_state(const winreg::Registry& registry, const WindowsVersion& os,
                                const SchannelState& schannel, bool wow64_present) {
  WinHttpState state;
  HttpDefault defaults = http_default(os, HttpComponent::winhttp);
  state.os_default_mask = defaults.default_mask;
  state.needs_kb3140245 = defaults.needs_kb3140245;
  for (RegistryView view : {RegistryView::native, RegistryView::wow64}) {
    WinHttpViewState& v = view == RegistryView::native ? state.native : state.wow64;
    v.view = view;
    v.applicable = view == RegistryView::native || wow64_present;
    v.key = winhttp_key(view);
    v.value = detail::read_dword(registry, v.key, "DefaultSecureProtocols");
    v.from_registry = v.value.value.has_value();
    v.mask = v.from_registry ? *v.value.value : state.os_default_mask;
    v.protocols = filter_by_schannel_client(v.mask, schannel);
  }
  return state;
}

}  // namespace tlsready::policy::windows
