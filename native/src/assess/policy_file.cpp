#include "assess/policy_file.h"

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <set>
#include <sstream>
#include <utility>

#include "assess/builtin_policy_data.h"
#include "common/text.h"
#include "model/finding_json.h"
#include "registry/cipher_suite_registry.h"
#include "registry/group_registry.h"

namespace tlsready::assess {
namespace {

using nlohmann::json;

constexpr std::pair<RuleCheck, std::string_view> kChecks[] = {
    {RuleCheck::versions_required, "versions_required"},
    {RuleCheck::versions_required_any, "versions_required_any"},
    {RuleCheck::versions_allowed, "versions_allowed"},
    {RuleCheck::versions_forbidden, "versions_forbidden"},
    {RuleCheck::suites_allowed, "suites_allowed"},
    {RuleCheck::suites_forbidden, "suites_forbidden"},
    {RuleCheck::suites_required_any, "suites_required_any"},
    {RuleCheck::groups_allowed, "groups_allowed"},
    {RuleCheck::dh_min_bits, "dh_min_bits"},
    {RuleCheck::certificate_key, "certificate_key"},
    {RuleCheck::certificate_signature, "certificate_signature"},
    {RuleCheck::certificate_expiry, "certificate_expiry"},
    {RuleCheck::certificate_lifespan, "certificate_lifespan"},
    {RuleCheck::certificate_trusted, "certificate_trusted"},
    {RuleCheck::certificate_hostname, "certificate_hostname"},
    {RuleCheck::server_order, "server_order"},
};

// The schema's suite_property enum (assess/weaknesses.h codes plus three).
const std::set<std::string>& suite_properties() {
  static const std::set<std::string> kProperties = {
      "null_encryption", "export_grade",      "anonymous", "rc4",      "rc2", "des",      "triple_des",        "idea",
      "md5_mac",         "rsa_key_transport", "static_dh", "cbc_sha1", "cbc", "not_aead", "not_forward_secret"};
  return kProperties;
}

// One JSON value and where it is, so every error names the file and the field.
class Field {
 public:
  Field(const json& value, std::string origin, std::string path)
      : value_(value), origin_(std::move(origin)), path_(std::move(path)) {}

  [[noreturn]] void fail(const std::string& problem) const {
    throw PolicyError(origin_ + ": " + (path_.empty() ? "document" : path_) + ": " + problem);
  }

  const json& value() const { return value_; }

  // An object with only these fields, of which `required` must be present.
  void expect_object(std::initializer_list<std::string_view> allowed,
                     std::initializer_list<std::string_view> required) const {
    if (!value_.is_object()) fail("must be an object");
    for (const auto& [key, unused] : value_.items()) {
      (void)unused;
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        Field(value_, origin_, child_path(key)).fail("unknown field");
    }
    for (std::string_view key : required) {
      if (!value_.contains(std::string(key))) Field(value_, origin_, child_path(std::string(key))).fail("missing");
    }
  }

  bool has(const std::string& key) const { return value_.contains(key); }
  Field at(const std::string& key) const { return {value_.at(key), origin_, child_path(key)}; }

  std::vector<Field> items(bool non_empty = false) const {
    if (!value_.is_array()) fail("must be an array");
    if (non_empty && value_.empty()) fail("must not be empty");
    std::vector<Field> out;
    for (size_t i = 0; i < value_.size(); ++i)
      out.emplace_back(value_[i], origin_, path_ + "[" + std::to_string(i) + "]");
    return out;
  }

  std::string text(bool non_empty = true) const {
    if (!value_.is_string()) fail("must be a string");
    std::string out = value_.get<std::string>();
    if (non_empty && out.empty()) fail("must not be empty");
    return out;
  }

  int integer(int minimum) const {
    if (!value_.is_number_integer()) fail("must be an integer");
    const auto number = value_.get<long long>();
    if (number < minimum || number > 1000000) fail("must be between " + std::to_string(minimum) + " and 1000000");
    return static_cast<int>(number);
  }

  bool boolean() const {
    if (!value_.is_boolean()) fail("must be true or false");
    return value_.get<bool>();
  }

  std::string string_or(const std::string& key, std::string fallback) const {
    return has(key) ? at(key).text(false) : std::move(fallback);
  }

 private:
  std::string child_path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

  const json& value_;
  std::string origin_;
  std::string path_;
};

model::ProtocolVersion version_of(const Field& field) {
  const std::string name = field.text();
  const auto version = model::parse_any_version_name(name);
  if (!version || model::display_name(*version) != name)
    field.fail("'" + name + "' is not a version name (SSLv2, SSLv3, TLSv1.0, TLSv1.1, TLSv1.2, TLSv1.3)");
  return *version;
}

std::vector<model::ProtocolVersion> versions_of(const Field& field) {
  std::vector<model::ProtocolVersion> out;
  for (const Field& item : field.items(true)) out.push_back(version_of(item));
  return out;
}

// "0xC030" or an IANA/OpenSSL name of the registry.
uint16_t suite_of(const Field& field) {
  const std::string name = field.text();
  if (name.size() == 6 && name.rfind("0x", 0) == 0) {
    const std::string digits = name.substr(2);
    if (digits.find_first_not_of("0123456789ABCDEF") != std::string::npos)
      field.fail("'" + name + "': write a code as 0x and four upper-case hex digits");
    const auto code = static_cast<uint16_t>(std::stoul(digits, nullptr, 16));
    if (registry::find_cipher_suite(code) == nullptr) field.fail("unknown cipher suite code '" + name + "'");
    return code;
  }
  const registry::CipherSuite* suite = registry::find_cipher_suite_by_name(name);
  if (suite == nullptr) field.fail("unknown cipher suite '" + name + "' (an IANA or OpenSSL name, or 0xC030)");
  return suite->code;
}

std::vector<uint16_t> suites_of(const Field& field) {
  std::vector<uint16_t> out;
  for (const Field& item : field.items()) out.push_back(suite_of(item));
  return out;
}

uint16_t group_of(const Field& field) {
  const std::string name = field.text();
  if (name.size() == 6 && name.rfind("0x", 0) == 0 &&
      name.find_first_not_of("0123456789ABCDEF", 2) == std::string::npos)
    return static_cast<uint16_t>(std::stoul(name.substr(2), nullptr, 16));
  const registry::NamedGroup* group = registry::find_group_by_name(name);
  if (group == nullptr) field.fail("unknown group '" + name + "' (an IANA or OpenSSL name of groups.csv, or 0x001D)");
  return group->code;
}

std::vector<uint16_t> groups_of(const Field& field) {
  std::vector<uint16_t> out;
  for (const Field& item : field.items()) out.push_back(group_of(item));
  return out;
}

std::vector<std::string> texts_of(const Field& field, const std::set<std::string>* allowed = nullptr) {
  std::vector<std::string> out;
  for (const Field& item : field.items()) {
    std::string value = item.text();
    if (allowed != nullptr && allowed->count(value) == 0) item.fail("'" + value + "' is not one of the allowed values");
    out.push_back(std::move(value));
  }
  return out;
}

model::Finding finding_of(const Field& field) {
  field.expect_object({"id", "severity", "title", "why", "fix", "references"},
                      {"id", "severity", "title", "why", "fix"});
  model::Finding finding;
  finding.id = field.at("id").text();
  const bool id_ok = std::all_of(finding.id.begin(), finding.id.end(),
                                 [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'; }) &&
                     finding.id.front() != '-' && finding.id.back() != '-' &&
                     finding.id.find("--") == std::string::npos;
  if (!id_ok) field.at("id").fail("'" + finding.id + "' is not an id (upper-case letters, digits and single dashes)");
  const Field severity = field.at("severity");
  try {
    finding.severity = model::severity_from_string(severity.text());
  } catch (const std::invalid_argument& error) {
    severity.fail(error.what());
  }
  finding.title = field.at("title").text();
  finding.why = field.at("why").text();
  finding.fix = field.at("fix").text();
  if (field.has("references")) finding.references = texts_of(field.at("references"));
  return finding;
}

RuleCheck check_of(const Field& field) {
  const std::string name = field.text();
  for (const auto& [check, check_name] : kChecks)
    if (check_name == name) return check;
  std::string known;
  for (const auto& [check, check_name] : kChecks) known += (known.empty() ? "" : ", ") + std::string(check_name);
  field.fail("unknown check '" + name + "' (" + known + ")");
}

void require(const Field& rule, bool present, const std::string& what) {
  if (!present) rule.fail("this check needs " + what);
}

PolicyRule rule_of(const Field& field) {
  field.expect_object(
      {"check", "effect", "versions", "suites", "properties", "groups", "bits", "key_types", "min_key_bits",
       "forbidden_hashes", "allowed_signatures", "min_days_remaining", "max_days", "finding"},
      {"check", "effect", "finding"});
  PolicyRule rule;
  rule.check = check_of(field.at("check"));
  const std::string effect = field.at("effect").text();
  if (effect == "not_ready") {
    rule.effect = RuleEffect::not_ready;
  } else if (effect == "warning") {
    rule.effect = RuleEffect::warning;
  } else {
    field.at("effect").fail("'" + effect + "' is neither not_ready nor warning");
  }
  if (field.has("versions")) rule.versions = versions_of(field.at("versions"));
  if (field.has("suites")) rule.suites = suites_of(field.at("suites"));
  if (field.has("properties")) rule.properties = texts_of(field.at("properties"), &suite_properties());
  if (field.has("groups")) rule.groups = groups_of(field.at("groups"));
  if (field.has("bits")) rule.bits = field.at("bits").integer(1);
  static const std::set<std::string> kKeyTypes = {"RSA", "EC", "DSA", "Ed25519", "Ed448"};
  if (field.has("key_types")) rule.key_types = texts_of(field.at("key_types"), &kKeyTypes);
  if (field.has("min_key_bits")) {
    const Field bits = field.at("min_key_bits");
    bits.expect_object({"RSA", "EC", "DSA"}, {});
    if (bits.has("RSA")) rule.min_key_bits.rsa = bits.at("RSA").integer(1);
    if (bits.has("EC")) rule.min_key_bits.ec = bits.at("EC").integer(1);
    if (bits.has("DSA")) rule.min_key_bits.dsa = bits.at("DSA").integer(1);
  }
  static const std::set<std::string> kHashes = {"md2", "md4", "md5", "sha1"};
  if (field.has("forbidden_hashes")) rule.forbidden_hashes = texts_of(field.at("forbidden_hashes"), &kHashes);
  if (field.has("allowed_signatures")) rule.allowed_signatures = texts_of(field.at("allowed_signatures"));
  if (field.has("min_days_remaining")) rule.min_days_remaining = field.at("min_days_remaining").integer(0);
  if (field.has("max_days")) rule.max_days = field.at("max_days").integer(1);
  rule.finding = finding_of(field.at("finding"));

  switch (rule.check) {
    case RuleCheck::versions_required:
    case RuleCheck::versions_required_any:
    case RuleCheck::versions_allowed:
    case RuleCheck::versions_forbidden: require(field, !rule.versions.empty(), "'versions'"); break;
    case RuleCheck::suites_allowed:
    case RuleCheck::suites_required_any: require(field, field.has("suites"), "'suites'"); break;
    case RuleCheck::suites_forbidden:
      require(field, field.has("suites") || field.has("properties"), "'suites' or 'properties'");
      break;
    case RuleCheck::groups_allowed: require(field, field.has("groups"), "'groups'"); break;
    case RuleCheck::dh_min_bits: require(field, rule.bits.has_value(), "'bits'"); break;
    case RuleCheck::certificate_key:
      require(field, field.has("key_types") || field.has("min_key_bits"), "'key_types' or 'min_key_bits'");
      break;
    case RuleCheck::certificate_signature:
      require(field, field.has("forbidden_hashes") || field.has("allowed_signatures"),
              "'forbidden_hashes' or 'allowed_signatures'");
      break;
    case RuleCheck::certificate_lifespan: require(field, rule.max_days.has_value(), "'max_days'"); break;
    case RuleCheck::certificate_expiry:
    case RuleCheck::certificate_trusted:
    case RuleCheck::certificate_hostname:
    case RuleCheck::server_order: break;
  }
  return rule;
}

PolicyServerSide server_side_of(const Field& field) {
  field.expect_object({"description", "versions", "certificate", "requires_sni"}, {"versions"});
  PolicyServerSide side;
  side.description = field.string_or("description", "");
  for (const Field& item : field.at("versions").items(true)) {
    item.expect_object({"version", "cipher_suites", "server_order", "groups", "dh_bits"}, {"version", "cipher_suites"});
    PolicyServerVersion version;
    version.version = version_of(item.at("version"));
    version.cipher_suites = suites_of(item.at("cipher_suites"));
    if (item.has("server_order")) version.server_order = item.at("server_order").boolean();
    if (item.has("groups")) version.groups = groups_of(item.at("groups"));
    if (item.has("dh_bits")) version.dh_bits = item.at("dh_bits").integer(512);
    side.versions.push_back(std::move(version));
  }
  if (field.has("certificate")) {
    const Field cert = field.at("certificate");
    cert.expect_object({"key_type", "key_bits", "signature_hash"}, {});
    if (cert.has("key_type")) side.certificate_key_type = cert.at("key_type").text();
    if (cert.has("key_bits")) side.certificate_key_bits = cert.at("key_bits").integer(1);
    if (cert.has("signature_hash")) side.certificate_signature_hash = cert.at("signature_hash").text();
  }
  if (field.has("requires_sni")) side.requires_sni = field.at("requires_sni").boolean();
  return side;
}

struct BuiltinDocument {
  std::string_view id;
  std::string_view (*text)();
};

constexpr BuiltinDocument kBuiltins[] = {
    {"m365", registry::embedded::policy_m365},
    {"mozilla-modern", registry::embedded::policy_mozilla_modern},
    {"mozilla-intermediate", registry::embedded::policy_mozilla_intermediate},
    {"mozilla-old", registry::embedded::policy_mozilla_old},
    {"nist-800-52r2", registry::embedded::policy_nist_800_52r2},
    {"pci-dss", registry::embedded::policy_pci_dss},
    {"tls12-strict", registry::embedded::policy_tls12_strict},
};

bool valid_id(const std::string& id) {
  if (id.empty() || id.size() > 64) return false;
  if (!((id[0] >= 'a' && id[0] <= 'z') || (id[0] >= '0' && id[0] <= '9'))) return false;
  return std::all_of(id.begin(), id.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-'; });
}

}  // namespace

Policy parse_policy(const nlohmann::json& document, const std::string& origin) {
  const Field root(document, origin, "");
  root.expect_object({"schema_version", "id", "name", "description", "sources", "milestones", "rules", "server_side"},
                     {"schema_version", "id", "name", "description", "sources", "rules"});
  if (root.at("schema_version").text() != "1.0")
    root.at("schema_version").fail("this build reads policy schema_version \"1.0\"");
  Policy policy;
  policy.origin = origin;
  policy.id = root.at("id").text();
  if (!valid_id(policy.id))
    root.at("id").fail("'" + policy.id + "' is not an id (lower-case letters, digits, '.' and '-')");
  policy.name = root.at("name").text();
  policy.description = root.at("description").text(false);
  for (const Field& item : root.at("sources").items(true)) {
    item.expect_object({"title", "url", "section", "version"}, {"title", "url"});
    policy.sources.push_back(
        {item.at("title").text(), item.at("url").text(), item.string_or("section", ""), item.string_or("version", "")});
  }
  if (root.has("milestones")) {
    for (const Field& item : root.at("milestones").items()) {
      item.expect_object({"date", "event"}, {"date", "event"});
      const std::string date = item.at("date").text();
      const bool shaped = date.size() == 10 && date[4] == '-' && date[7] == '-' &&
                          date.find_first_not_of("0123456789-") == std::string::npos;
      if (!shaped) item.at("date").fail("'" + date + "' is not a YYYY-MM-DD date");
      policy.milestones.push_back({date, item.at("event").text()});
    }
  }
  for (const Field& item : root.at("rules").items(true)) policy.rules.push_back(rule_of(item));
  if (root.has("server_side")) policy.server_side = server_side_of(root.at("server_side"));
  return policy;
}

Policy load_policy_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw PolicyError(path + ": cannot open the policy file");
  std::ostringstream text;
  text << file.rdbuf();
  if (file.bad()) throw PolicyError(path + ": cannot read the policy file");
  const json document = json::parse(text.str(), nullptr, false);
  if (document.is_discarded()) throw PolicyError(path + ": not valid JSON");
  return parse_policy(document, path);
}

const std::vector<Policy>& builtin_policies() {
  static const std::vector<Policy> kPolicies = [] {
    std::vector<Policy> out;
    for (const BuiltinDocument& builtin : kBuiltins) {
      const std::string origin = "built-in policy " + std::string(builtin.id);
      const json document = json::parse(builtin.text(), nullptr, false);
      if (document.is_discarded()) throw PolicyError(origin + ": not valid JSON");
      Policy policy = parse_policy(document, origin);
      if (policy.id != builtin.id) throw PolicyError(origin + ": id: is '" + policy.id + "'");
      policy.origin = "built-in";
      out.push_back(std::move(policy));
    }
    return out;
  }();
  return kPolicies;
}

const Policy* find_builtin_policy(std::string_view id) {
  for (const Policy& policy : builtin_policies())
    if (policy.id == id) return &policy;
  return nullptr;
}

std::string_view builtin_policy_document(std::string_view id) {
  for (const BuiltinDocument& builtin : kBuiltins)
    if (builtin.id == id) return builtin.text();
  return {};
}

Policy resolve_policy(const std::string& reference) {
  const size_t first = reference.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) throw PolicyError("policy: empty (a built-in id such as m365, or a policy file)");
  if (reference[first] == '{') {
    const json document = json::parse(reference, nullptr, false);
    if (document.is_discarded()) throw PolicyError("policy document: not valid JSON");
    return parse_policy(document, "policy document");
  }
  if (const Policy* builtin = find_builtin_policy(reference)) return *builtin;
  const bool looks_like_path = reference.find('/') != std::string::npos || reference.find('\\') != std::string::npos ||
                               text::iends_with(reference, ".json");
  if (looks_like_path || std::ifstream(reference).good()) return load_policy_file(reference);
  std::string names;
  for (const Policy& policy : builtin_policies()) names += (names.empty() ? "" : ", ") + policy.id;
  throw PolicyError("unknown policy '" + reference + "' (built-in: " + names + "; or a policy file path)");
}

}  // namespace tlsready::assess
