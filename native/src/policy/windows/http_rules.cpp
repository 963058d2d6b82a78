// WinHTTP and WinINet findings: the default secure protocols (DefaultSecureProtocols,
// SecureProtocols) without TLS 1.2, with legacy protocols, or different in the WOW6432Node view.
// Sources: KB3140245; Microsoft Learn, "Configure secure protocol options for WinHTTP".
#include "policy/windows/windows_rules.h"

namespace tlsready::policy::windows::rules {

void winhttp_findings(const RuleContext& context) {
  const WinHttpState& state = context.audit.winhttp;
  const uint32_t modern = modern_mask(context.audit.os);
  const std::string os_default = "OS default: " + describe_mask(state.os_default_mask);
  for (const WinHttpViewState* view : {&state.native, &state.wow64}) {
    if (!view->applicable) continue;
    const std::string prefix = view->view == RegistryView::wow64 ? "WINHTTP-WOW64-" : "WINHTTP-";
    if (!view->has_tls12()) {
      Finding& f = context.findings.add(
          prefix + "DEFAULT-NO-TLS12",
          {{"protocols", describe_protocols(view->protocols)}, {"mask", describe_mask(modern)}, {"key", view->key}},
          {state.needs_kb3140245 ? "kb3140245" : ""});
      f.evidence.push_back(evidence(view->value, os_default));
      f.registry_changes.push_back(dword_change(view->key, "DefaultSecureProtocols", modern));
    }
    if (view->from_registry && legacy_bits(view->mask) != 0) {
      Finding& f = context.findings.add(prefix + "LEGACY-PROTOCOLS",
                                        {{"protocols", describe_protocols(protocols_in_mask(legacy_bits(view->mask)))},
                                         {"mask", describe_mask(modern)},
                                         {"key", view->key}});
      f.evidence.push_back(evidence(view->value, os_default));
      f.registry_changes.push_back(dword_change(view->key, "DefaultSecureProtocols", modern));
    }
  }
  if (state.wow64.applicable && state.native.value.value != state.wow64.value.value) {
    Finding& f = context.findings.add("WINHTTP-WOW64-MISMATCH", {{"mask", describe_mask(modern)}});
    f.evidence.push_back(evidence(state.native.value, os_default));
    f.evidence.push_back(evidence(state.wow64.value, os_default));
    f.registry_changes.push_back(dword_change(state.native.key, "DefaultSecureProtocols", modern));
    f.registry_changes.push_back(dword_change(state.wow64.key, "DefaultSecureProtocols", modern));
  }
}

void wininet_findings(const RuleContext& context) {
  const WinInetState& state = context.audit.wininet;
  const uint32_t modern = modern_mask(context.audit.os);
  // The source in effect, else HKLM Internet Settings.
  const DwordReading& winning =
      state.winning_source >= 0 ? state.sources[static_cast<std::size_t>(state.winning_source)] : state.sources.back();
  const std::string os_default = "OS default: " + describe_mask(state.os_default_mask);
  if (!state.has_tls12()) {
    Finding& f = context.findings.add(
        "WININET-NO-TLS12",
        {{"protocols", describe_protocols(state.protocols)}, {"mask", describe_mask(modern)}, {"key", winning.key}});
    f.evidence.push_back(evidence(winning, os_default));
    f.registry_changes.push_back(dword_change(winning.key, "SecureProtocols", modern));
  }
  const uint32_t ssl_bits = state.mask & (protocol_bit(Protocol::ssl2) | protocol_bit(Protocol::ssl3));
  if (state.winning_source >= 0 && ssl_bits != 0) {
    Finding& f = context.findings.add("WININET-LEGACY-PROTOCOLS",
                                      {{"protocols", describe_protocols(protocols_in_mask(ssl_bits))},
                                       {"mask", describe_mask(modern)},
                                       {"key", winning.key}});
    f.evidence.push_back(evidence(winning, os_default));
    f.registry_changes.push_back(dword_change(winning.key, "SecureProtocols", modern));
  }
}

}  // namespace tlsready::policy::windows::rules
