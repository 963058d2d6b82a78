// .NET Framework findings: SchUseStrongCrypto and SystemDefaultTlsVersions missing or invalid per
// framework key (v2.0.50727 = 3.5, v4.0.30319 = 4.x) and view (native, WOW6432Node), the two views
// disagreeing, and exports without any .NET key.
// Source: Microsoft Learn, "Transport Layer Security (TLS) best practices with the .NET Framework";
// Exchange HealthChecker.
#include <algorithm>

#include "policy/windows/windows_rules.h"

namespace tlsready::policy::windows::rules {
namespace {

constexpr std::string_view kV2 = "v2.0.50727";
constexpr std::string_view kV4 = "v4.0.30319";

std::string version_token(std::string_view version_key) { return version_key == kV2 ? "V2" : "V4"; }

std::string dotnet_id(const DotNetKeyState& key, std::string_view suffix) {
  return "DOTNET-" + version_token(key.version_key) + (key.view == RegistryView::wow64 ? "-WOW64-" : "-") +
         std::string(suffix);
}

std::vector<const DotNetGenerationState*> generations_of(const WindowsAudit& audit, const DotNetKeyState& key) {
  std::vector<const DotNetGenerationState*> out;
  for (const DotNetGenerationState& g : audit.dotnet.generations) {
    if (g.view == key.view && generation_version_key(g.generation) == key.version_key) out.push_back(&g);
  }
  return out;
}

// SchUseStrongCrypto (`strong`) or SystemDefaultTlsVersions not 1 under one framework key.
void switch_missing(const RuleContext& context, const DotNetKeyState& key, bool strong) {
  const DwordReading& reading = strong ? key.strong_crypto : key.system_default_tls;
  if (reading.value && *reading.value == 1) return;
  const auto generations = generations_of(context.audit, key);
  std::vector<std::string> affected;
  for (const DotNetGenerationState* g : generations) {
    const bool switch_on = strong ? g->strong_crypto : g->system_default;
    // .NET 3.5 applies SchUseStrongCrypto only to an explicit TLS request, not to its defaults.
    if (strong && g->generation == DotNetGeneration::net35) continue;
    if (!switch_on && !g->has_tls12()) {
      affected.push_back(std::string(generation_name(g->generation)) + " -> " + describe_protocols(g->protocols));
    }
  }
  const std::string& first = affected.empty() ? std::string() : affected.front();
  Finding& f = context.findings.add(dotnet_id(key, strong ? "STRONG-CRYPTO-MISSING" : "SYSTEM-DEFAULT-TLS-MISSING"),
                                    {{"setting", reading.value ? "1" : "set"},
                                     {"generation", first.substr(0, first.find(' '))},
                                     {"affected", detail::join(affected, "; ")},
                                     {"key", key.key}},
                                    {affected.empty() ? "" : "affected", affected.size() > 1 ? "affected-many" : ""});
  f.evidence.push_back(evidence(reading, strong ? "framework default: 1 for apps targeting 4.6+, else 0"
                                                : "framework default: 1 for apps targeting 4.7+, else 0"));
  for (const DotNetGenerationState* g : generations) {
    f.evidence.push_back({key.key, "apps targeting " + std::string(generation_name(g->generation)) + " get " +
                                       describe_protocols(g->protocols) + " (" + g->mode + ")"});
  }
  f.registry_changes.push_back(dword_change(key.key, strong ? "SchUseStrongCrypto" : "SystemDefaultTlsVersions", 1));
}

// Either switch holding something other than REG_DWORD 0/1.
void invalid_values(const RuleContext& context, const DotNetKeyState& key) {
  std::vector<std::string> problems;
  for (const DwordReading* r : {&key.strong_crypto, &key.system_default_tls}) {
    if (!r->present) continue;
    if (r->wrong_type)
      problems.push_back(r->name + " is " + detail::type_name(r->type));
    else if (r->value && *r->value > 1)
      problems.push_back(r->name + " = " + detail::hex32(*r->value));
  }
  if (problems.empty()) return;
  Finding& f = context.findings.add(dotnet_id(key, "VALUE-INVALID"), {{"detail", detail::join(problems, "; ")}});
  f.evidence.push_back(evidence(key.strong_crypto, "not set"));
  f.evidence.push_back(evidence(key.system_default_tls, "not set"));
  f.registry_changes.push_back(dword_change(key.key, "SchUseStrongCrypto", 1));
  f.registry_changes.push_back(dword_change(key.key, "SystemDefaultTlsVersions", 1));
}

void not_exported(const RuleContext& context) {
  const auto& keys = context.audit.dotnet.keys;
  const bool any_native = std::any_of(
      keys.begin(), keys.end(), [](const DotNetKeyState& k) { return k.view == RegistryView::native && k.present; });
  if (any_native) return;
  Finding& f = context.findings.add("DOTNET-NOT-EXPORTED");
  f.evidence.push_back({dotnet_key(kV4, RegistryView::native), "absent"});
}

// Native and WOW6432Node switches that differ: 32-bit apps behave differently.
void wow64_mismatch(const RuleContext& context) {
  if (!context.audit.dotnet.wow64_present) return;
  for (std::string_view version : {kV2, kV4}) {
    const DotNetKeyState& native = context.audit.dotnet.key(version, RegistryView::native);
    const DotNetKeyState& wow = context.audit.dotnet.key(version, RegistryView::wow64);
    if (!native.present || !wow.present) continue;
    if (native.strong_crypto.value == wow.strong_crypto.value &&
        native.system_default_tls.value == wow.system_default_tls.value) {
      continue;
    }
    Finding& f = context.findings.add("DOTNET-" + version_token(version) + "-WOW64-MISMATCH",
                                      {{"native_key", native.key}, {"wow64_key", wow.key}});
    for (const DotNetKeyState* k : {&native, &wow}) {
      f.evidence.push_back(evidence(k->strong_crypto, "not set"));
      f.evidence.push_back(evidence(k->system_default_tls, "not set"));
    }
    for (const DotNetKeyState* k : {&native, &wow}) {
      f.registry_changes.push_back(dword_change(k->key, "SchUseStrongCrypto", 1));
      f.registry_changes.push_back(dword_change(k->key, "SystemDefaultTlsVersions", 1));
    }
  }
}

}  // namespace

void dotnet_findings(const RuleContext& context) {
  not_exported(context);
  for (const DotNetKeyState& key : context.audit.dotnet.keys) {
    if (!key.present) continue;
    switch_missing(context, key, true);
    switch_missing(context, key, false);
    invalid_values(context, key);
  }
  wow64_mismatch(context);
}

}  // namespace tlsready::policy::windows::rules
