#include "policy/windows_audit_json.h"

#include <cstdio>
#include <string>

#include "model/finding_json.h"
#include "policy/windows/reg_read.h"

namespace tlsready::policy::windows {
namespace {

nlohmann::json protocol_names(const std::vector<Protocol>& protocols) {
  nlohmann::json names = nlohmann::json::array();
  for (Protocol protocol : protocols) names.push_back(protocol_display_name(protocol));
  return names;
}

nlohmann::json optional_dword(const detail::DwordReading& reading) {
  return reading.value ? nlohmann::json(*reading.value) : nlohmann::json(nullptr);
}

nlohmann::json role_json(const RoleState& role) {
  return {{"status", role_status_name(role.status())},
          {"enabled", role.enabled},
          {"disabled_by_default", role.disabled_by_default},
          {"from_registry", role.explicitly_configured()},
          {"registry_enabled", optional_dword(role.enabled_value)},
          {"registry_disabled_by_default", optional_dword(role.disabled_by_default_value)},
          {"key", role.key}};
}

nlohmann::json schannel_json(const SchannelState& schannel) {
  nlohmann::json protocols = nlohmann::json::array();
  for (const auto& p : schannel.protocols) {
    nlohmann::json protocol = protocol_version_field(p.protocol);
    protocol["supported"] = p.client.supported || p.server.supported;
    protocol["client"] = role_json(p.client);
    protocol["server"] = role_json(p.server);
    protocols.push_back(std::move(protocol));
  }
  nlohmann::json weak = nlohmann::json::array();
  for (const auto& g : schannel.cipher_groups)
    weak.push_back({{"family", cipher_group_token(g.group)}, {"offered", g.offered}, {"reason", g.reason}});
  nlohmann::json hashes = nlohmann::json::array();
  for (const auto& h : schannel.hashes) hashes.push_back({{"name", h.name}, {"offered", h.offered}, {"reason", h.reason}});
  auto kx = [](const KeyExchangeState& k) {
    return nlohmann::json{{"disabled", k.disabled()},
                          {"server_min_bits", k.effective_server_min},
                          {"client_min_bits", k.effective_client_min}};
  };
  nlohmann::json suites = nlohmann::json::array();
  for (const auto& s : schannel.order.suites)
    suites.push_back({{"name", s.name}, {"modern", s.modern}, {"weaknesses", s.weaknesses}});
  return {{"protocols", protocols},
          {"weak_cipher_families", weak},
          {"hashes", hashes},
          {"key_exchange", {{"diffie_hellman", kx(schannel.diffie_hellman)}, {"pkcs", kx(schannel.pkcs)},
                            {"ecdh", kx(schannel.ecdh)}}},
          {"cipher_suite_order",
           {{"source", order_source_name(schannel.order.source)},
            {"suites", suites},
            {"ecc_curves", schannel.order.ecc_curves.items}}}};
}

nlohmann::json winhttp_view_json(const WinHttpViewState& view) {
  return {{"view", view_name(view.view)},
          {"applicable", view.applicable},
          {"mask", detail::hex32(view.mask)},
          {"from_registry", view.from_registry},
          {"protocols", protocol_names(view.protocols)},
          {"tls12", view.has_tls12()}};
}

}  // namespace

void to_json(nlohmann::json& j, const WindowsVersion& value) {
  j = {{"product_name", value.product_name},
       {"version", std::to_string(value.major) + "." + std::to_string(value.minor) + "." + std::to_string(value.build)},
       {"build", value.build},
       {"ubr", value.ubr},
       {"installation_type", value.is_server() ? "server" : "client"},
       {"display_version", value.display_version ? nlohmann::json(*value.display_version) : nlohmann::json(nullptr)},
       {"family", family_name(value.family)},
       {"source", value.source}};
}

void to_json(nlohmann::json& j, const WindowsAudit& value) {
  nlohmann::json dotnet = nlohmann::json::array();
  for (const auto& g : value.dotnet.generations) {
    dotnet.push_back({{"generation", generation_name(g.generation)},
                      {"view", view_name(g.view)},
                      {"applicable", g.applicable},
                      {"strong_crypto", g.strong_crypto},
                      {"system_default_tls_versions", g.system_default},
                      {"mode", g.mode},
                      {"protocols", protocol_names(g.protocols)},
                      {"tls12", g.has_tls12()}});
  }
  j = {{"os", value.os},
       {"schannel", schannel_json(value.schannel)},
       {"dotnet", dotnet},
       {"winhttp", {{"os_default_mask", detail::hex32(value.winhttp.os_default_mask)},
                    {"needs_kb3140245", value.winhttp.needs_kb3140245},
                    {"views", {winhttp_view_json(value.winhttp.native), winhttp_view_json(value.winhttp.wow64)}}}},
       {"wininet", {{"mask", detail::hex32(value.wininet.mask)},
                    {"os_default_mask", detail::hex32(value.wininet.os_default_mask)},
                    {"from_registry", value.wininet.winning_source >= 0},
                    {"protocols", protocol_names(value.wininet.protocols)},
                    {"tls12", value.wininet.has_tls12()}}},
       {"exchange_installed", value.exchange_installed}};
}

}  // namespace tlsready::policy::windows
