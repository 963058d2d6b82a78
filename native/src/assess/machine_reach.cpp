#include "assess/machine_reach.h"

#include <algorithm>
#include <string_view>

#include "assess/client_forecast.h"
#include "assess/client_profiles.h"
#include "registry/csv_table.h"

namespace tlsready::registry::embedded {
std::string_view machine_reach_fixes_csv();  // generated from native/data/machine_reach/fixes.csv
}  // namespace tlsready::registry::embedded

namespace tlsready::assess {
namespace {

using nlohmann::json;

struct FixRow {
  std::string pattern, fix;
};

const std::vector<FixRow>& fix_rows() {
  static const std::vector<FixRow> rows = [] {
    const auto table = registry::detail::parse_csv(registry::embedded::machine_reach_fixes_csv(),
                                                   "machine_reach/fixes.csv", {"pattern", "fix"});
    std::vector<FixRow> out;
    for (const auto& row : table.rows) {
      if (row.fields[0].empty() || row.fields[1].empty()) registry::detail::fail(table, row, "fix", "is empty");
      out.push_back({row.fields[0], row.fields[1]});
    }
    return out;
  }();
  return rows;
}

// '*' matches any run of characters.
bool glob_match(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() == '*') {
    for (std::size_t skip = 0; skip <= text.size(); ++skip) {
      if (glob_match(pattern.substr(1), text.substr(skip))) return true;
    }
    return false;
  }
  return !text.empty() && pattern.front() == text.front() && glob_match(pattern.substr(1), text.substr(1));
}

const json& member(const json& object, std::string_view key) {
  static const json kNull;
  if (!object.is_object()) return kNull;
  const auto it = object.find(std::string(key));
  return it == object.end() ? kNull : *it;
}

std::optional<std::string> schannel_base_id(const json& windows) {
  const json& family = member(member(windows, "os"), "family");
  if (!family.is_string()) return std::nullopt;
  const std::string name = family.get<std::string>();
  if (name == "win7_2008r2") return "schannel-win7";
  if (name == "win8_2012" || name == "win81_2012r2") return "ie-11-win8.1";
  if (name == "win10_2016_2019") return "schannel-win10";
  if (name == "server2022" || name == "win11" || name == "server2025") return "schannel-win11";
  return std::nullopt;
}

// "1.8.0_292" -> 8, "17.0.3" -> 17, "11" -> 11; 0 when unreadable.
int java_major_of(const json& java) {
  const json& version = member(java, "version");
  if (!version.is_string()) return 0;
  const std::string text = version.get<std::string>();
  auto number_at = [&](std::size_t at) {
    int value = 0;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9' && value < 1000)
      value = value * 10 + (text[at++] - '0');
    return value;
  };
  if (text.rfind("1.", 0) == 0) return number_at(2);
  return number_at(0);
}

std::optional<std::string> java_base_id(int major) {
  if (major == 6) return "java-6u45";
  if (major == 7) return "java-7u25";
  if (major == 8) return "java-8u161";
  if (major >= 9 && major <= 16) return "java-11.0.2";
  if (major >= 17) return "java-17";
  return std::nullopt;
}

std::optional<model::ClientProfile> profile_of(const std::optional<std::string>& id) {
  if (!id) return std::nullopt;
  if (const auto* profile = find_client_profile(*id)) return *profile;
  return std::nullopt;
}

const json& java_list(const model::PolicyReport& report) {
  static const json kNull;
  return report.linux_section ? member(*report.linux_section, "java") : kNull;
}

// The server as a stack offering exactly `versions` meets it (gaps: those versions only).
model::ServerProfile for_versions(model::ServerProfile server, const std::vector<model::ProtocolVersion>& versions) {
  if (versions.empty()) return server;
  server.versions.erase(std::remove_if(server.versions.begin(), server.versions.end(),
                                       [&](const model::ServerVersionOffer& offer) {
                                         return std::find(versions.begin(), versions.end(), offer.version) ==
                                                versions.end();
                                       }),
                        server.versions.end());
  return server;
}

// crypto-policies FUTURE refuses RSA keys below 3072 bits in every back-end (Red Hat, "Security
// hardening" RHEL 9, "System-wide cryptographic policies": FUTURE, min_rsa_size = 3072). The OpenSSL
// stack already has it from its security level; GnuTLS and Java get it here, as the report does not
// carry their key-size minimum.
void apply_crypto_policy_minimums(const model::PolicyReport& report, MachineClient& client) {
  if (!report.linux_section || (client.stack != "gnutls" && client.stack != "java")) return;
  const json& policies = member(*report.linux_section, "crypto_policies");
  const json& base = member(policies, "base_policy");
  if (!member(policies, "present").is_boolean() || !member(policies, "present").get<bool>() || !base.is_string())
    return;
  if (base.get<std::string>().rfind("FUTURE", 0) != 0) return;
  if (!client.profile.min_rsa_bits || *client.profile.min_rsa_bits < 3072) client.profile.min_rsa_bits = 3072;
  client.evidence.push_back("crypto-policies " + base.get<std::string>() +
                            ": RSA keys of 3072 bits or more (min_rsa_size)");
}

}  // namespace

std::string machine_reach_fix(const std::string& stack_id) {
  for (const auto& row : fix_rows()) {
    if (glob_match(row.pattern, stack_id)) return row.fix;
  }
  return {};
}

model::ServerProfile policy_server_profile(const Policy& policy) {
  if (!policy.server_side)
    throw MachineReachError("policy '" + policy.id + "' (" + policy.origin +
                            ") has no server_side: nothing to judge this machine's clients against");
  const PolicyServerSide& side = *policy.server_side;
  model::ServerProfile server;
  server.description = side.description.empty() ? "policy " + policy.id : side.description;
  for (const auto& version : side.versions) {
    model::ServerVersionOffer offer;
    offer.version = version.version;
    offer.cipher_suites = version.cipher_suites;
    offer.server_order = version.server_order;
    offer.groups = version.groups;
    offer.groups_known = true;  // the policy states them (none: no ECDHE)
    offer.dh_bits = version.dh_bits;
    server.versions.push_back(std::move(offer));
  }
  std::sort(server.versions.begin(), server.versions.end(),
            [](const auto& a, const auto& b) { return model::wire_code(a.version) < model::wire_code(b.version); });
  server.certificate_key_type = side.certificate_key_type;
  server.certificate_key_bits = side.certificate_key_bits;
  server.certificate_signature_hash = side.certificate_signature_hash;
  server.requires_sni = side.requires_sni;
  return server;
}

MachineClientBases machine_client_bases(const model::PolicyReport& report) {
  MachineClientBases bases;
  if (report.windows) bases.schannel = profile_of(schannel_base_id(*report.windows));
  const json& javas = java_list(report);
  if (javas.is_array() && !javas.empty()) bases.java = profile_of(java_base_id(java_major_of(javas.front())));
  return bases;
}

MachineReach machine_reach(const model::PolicyReport& report, const Policy& policy) {
  const model::ServerProfile server = policy_server_profile(policy);
  MachineReach out;
  out.policy_id = policy.id;
  out.policy_name = policy.name;
  out.policy_origin = policy.origin;
  out.server = server.description;
  out.platform = report.platform;

  const MachineClientBases bases = machine_client_bases(report);
  std::vector<MachineClient> clients = machine_clients(report, bases);
  const std::optional<std::string> schannel_base = report.windows ? schannel_base_id(*report.windows) : std::nullopt;
  const json& javas = java_list(report);
  std::size_t java_index = 0;
  for (auto& client : clients) {
    StackReach stack;
    if (client.stack == "java") {
      const json& java = javas.is_array() && java_index < javas.size() ? javas[java_index] : json();
      stack.base = java_base_id(java_major_of(java));
      if (stack.base && (!bases.java || bases.java->id != *stack.base)) {
        // Another JDK major: the same report with that Java's catalogue profile as base.
        MachineClientBases own = bases;
        own.java = profile_of(stack.base);
        std::size_t seen = 0;
        for (auto& again : machine_clients(report, own)) {
          if (again.stack == "java" && seen++ == java_index) {
            client = std::move(again);
            break;
          }
        }
      }
      ++java_index;
    } else if (client.stack != "openssl" && client.stack != "gnutls") {
      stack.base = bases.schannel ? schannel_base : std::nullopt;  // SCHANNEL and the stacks built on it
    }
    if (stack.base && !find_client_profile(*stack.base)) stack.base.reset();
    stack.client = std::move(client);
    apply_crypto_policy_minimums(report, stack.client);
    stack.outcome = forecast(stack.client.profile, for_versions(server, stack.client.versions));
    if (stack.outcome.status == model::ClientOutcomeStatus::connects) {
      ++out.reach;
    } else if (stack.outcome.status == model::ClientOutcomeStatus::fails) {
      ++out.fail;
      stack.fix = machine_reach_fix(stack.client.profile.id);
    } else {
      ++out.unknown;
    }
    out.stacks.push_back(std::move(stack));
  }
  return out;
}

model::PolicyReport policy_report_from_json(const json& document) {
  if (!document.is_object()) throw MachineReachError("local-policy report: not a JSON object");
  const json& platform = member(document, "platform");
  if (!platform.is_string() || (platform != "windows" && platform != "linux"))
    throw MachineReachError(R"(local-policy report: platform must be "windows" or "linux")");
  model::PolicyReport report;
  report.platform = platform == "windows" ? model::PolicyPlatform::windows : model::PolicyPlatform::linux_unix;
  const char* key = report.platform == model::PolicyPlatform::windows ? "windows" : "linux";
  const json& section = member(document, key);
  if (!section.is_object())
    throw MachineReachError(std::string("local-policy report: platform ") + platform.get<std::string>() +
                            " needs a \"" + key + "\" object");
  if (report.platform == model::PolicyPlatform::windows)
    report.windows = section;
  else
    report.linux_section = section;
  return report;
}

}  // namespace tlsready::assess
