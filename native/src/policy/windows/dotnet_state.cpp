#include "policy/windows/dotnet_state.h"

#include <algorithm>
#include <stdexcept>

namespace tlsready::policy::windows {

namespace {

bool client_allows(const SchannelState& schannel, Protocol protocol) {
  const RoleState& client = schannel.protocol(protocol).client;
  return client.supported && client.enabled;
}

std::vector<Protocol> os_default_client_protocols(const SchannelState& schannel, bool strong_crypto) {
  std::vector<Protocol> out;
  for (Protocol protocol : kProtocols) {
    if (is_dtls(protocol)) continue;
    if (strong_crypto && (protocol == Protocol::ssl2 || protocol == Protocol::ssl3)) continue;
    if (schannel.protocol(protocol).client.used_by_default()) out.push_back(protocol);
  }
  return out;
}

std::vector<Protocol> requested(const SchannelState& schannel, std::initializer_list<Protocol> protocols) {
  std::vector<Protocol> out;
  for (Protocol protocol : protocols) {
    if (client_allows(schannel, protocol)) out.push_back(protocol);
  }
  return out;
}

}  // namespace

std::string_view generation_name(DotNetGeneration generation) {
  switch (generation) {
    case DotNetGeneration::net35: return "3.5";
    case DotNetGeneration::net40_452: return "4.0-4.5.2";
    case DotNetGeneration::net46x: return "4.6.x";
    case DotNetGeneration::net47plus: return "4.7+";
  }
  return "unknown";
}

std::string_view generation_version_key(DotNetGeneration generation) {
  return generation == DotNetGeneration::net35 ? "v2.0.50727" : "v4.0.30319";
}

std::string_view view_name(RegistryView view) { return view == RegistryView::native ? "native" : "WOW6432Node"; }

std::string dotnet_key(std::string_view version_key, RegistryView view) {
  return std::string(view == RegistryView::native ? "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\.NETFramework\\"
                                                  : "HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node\\Microsoft\\.NETFramework\\") +
         std::string(version_key);
}

bool DotNetGenerationState::has_tls12() const {
  return std::find(protocols.begin(), protocols.end(), Protocol::tls12) != protocols.end();
}

bool DotNetGenerationState::falls_back_to_legacy() const {
  return std::none_of(protocols.begin(), protocols.end(),
                      [](Protocol p) { return p == Protocol::tls12 || p == Protocol::tls13; });
}

const DotNetKeyState& DotNetState::key(std::string_view version_key, RegistryView view) const {
  for (const DotNetKeyState& k : keys) {
    if (k.version_key == version_key && k.view == view) return k;
  }
  throw std::out_of_range("no such .NET key");
}

const DotNetGenerationState& DotNetState::generation(DotNetGeneration g, RegistryView view) const {
  for (const DotNetGenerationState& state : generations) {
    if (state.generation == g && state.view == view) return state;
  }
  throw std::out_of_range("no such .NET generation");
}

DotNetGenerationState evaluate_generation(DotNetGeneration generation, const DotNetKeyState& key,
                                          const SchannelState& schannel) {
  DotNetGenerationState state;
  state.generation = generation;
  state.view = key.view;
  state.applicable = key.present;
  const bool modern_defaults = generation == DotNetGeneration::net46x || generation == DotNetGeneration::net47plus;
  // An explicit value decides; absent falls back to what the targeted framework defaults to.
  if (key.strong_crypto.value) state.strong_crypto = *key.strong_crypto.value == 1;
  else state.strong_crypto = modern_defaults;
  if (key.system_default_tls.value) state.system_default = *key.system_default_tls.value == 1;
  else state.system_default = generation == DotNetGeneration::net47plus;

  if (state.system_default) {
    state.protocols = os_default_client_protocols(schannel, state.strong_crypto);
    state.mode = "OS defaults (SystemDefaultTlsVersions" +
                 std::string(key.system_default_tls.value ? " = 1" : " not set; default for apps targeting 4.7+") + ")";
  } else if (state.strong_crypto && generation != DotNetGeneration::net35) {
    state.protocols = requested(schannel, {Protocol::tls10, Protocol::tls11, Protocol::tls12});
    state.mode = "framework default with strong crypto: TLS 1.0, 1.1, 1.2 (SchUseStrongCrypto" +
                 std::string(key.strong_crypto.value ? " = 1" : " not set; default for apps targeting 4.6+") + ")";
  } else {
    state.protocols = requested(schannel, {Protocol::ssl3, Protocol::tls10});
    state.mode = "framework default: SSL 3.0 + TLS 1.0 (SystemDefaultTlsVersions and SchUseStrongCrypto not 1)";
  }
  return state;
}

DotNetState read_dotnet_state(const winreg::Registry& registry, const SchannelState& schannel) {
  DotNetState state;
  state.wow64_present = detail::key_or_subkey_exists(registry, "HKEY_LOCAL_MACHINE\\SOFTWARE\\WOW6432Node");
  for (std::string_view version : {std::string_view("v2.0.50727"), std::string_view("v4.0.30319")}) {
    for (RegistryView view : {RegistryView::native, RegistryView::wow64}) {
      DotNetKeyState key;
      key.version_key = std::string(version);
      key.view = view;
      key.key = dotnet_key(version, view);
      key.present = (view == RegistryView::native || state.wow64_present) && detail::key_or_subkey_exists(registry, key.key);
      key.strong_crypto = detail::read_dword(registry, key.key, "SchUseStrongCrypto");
      key.system_default_tls = detail::read_dword(registry, key.key, "SystemDefaultTlsVersions");
      state.keys.push_back(std::move(key));
    }
  }
  for (DotNetGeneration generation : kDotNetGenerations) {
    for (RegistryView view : {RegistryView::native, RegistryView::wow64}) {
      state.generations.push_back(
          evaluate_generation(generation, state.key(generation_version_key(generation), view), schannel));
    }
  }
  return state;
}

}  // namespace tlsready::policy::windows
