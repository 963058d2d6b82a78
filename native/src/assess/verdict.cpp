#include "assess/verdict.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>

#include "assess/weaknesses.h"
#include "common/hex.h"
#include "common/text.h"
#include "registry/cipher_suite_registry.h"
#include "registry/group_registry.h"

namespace tlsready::assess {
namespace {

using model::CheckStatus;
using model::EndpointResult;
using model::Evidence;
using model::ProtocolResult;
using model::ProtocolVersion;

// Show at most this many names in one piece of evidence; the rest are counted.
constexpr size_t kNamesShown = 6;

std::string join_names(const std::vector<std::string>& names) {
  std::string text;
  for (size_t i = 0; i < names.size() && i < kNamesShown; ++i) text += (i ? ", " : "") + names[i];
  if (names.size() > kNamesShown) text += " and " + std::to_string(names.size() - kNamesShown) + " more";
  return text;
}

std::string suite_label(uint16_t code) {
  return registry::cipher_suite_name_or_hex(code) + " (" + hex::code16(code) + ")";
}

std::string version_name(ProtocolVersion version) { return std::string(model::display_name(version)); }

// The outcome of one rule: passed, failed with evidence, or not judged and why.
struct RuleOutcome {
  enum class State { passed, failed, inconclusive };
  State state = State::passed;
  std::vector<Evidence> evidence;
  std::string missing;  // inconclusive: the facts the scan did not establish

  static RuleOutcome pass() { return {}; }
  static RuleOutcome fail(std::vector<Evidence> evidence) { return {State::failed, std::move(evidence), {}}; }
  static RuleOutcome unknown(std::string missing) { return {State::inconclusive, {}, std::move(missing)}; }
};

class Judge {
 public:
  explicit Judge(const EndpointResult& result) : result_(result), subject_(endpoint_subject(result)) {}

  RuleOutcome run(const PolicyRule& rule) const {
    switch (rule.check) {
      case RuleCheck::versions_required: return versions_required(rule);
      case RuleCheck::versions_required_any: return versions_required_any(rule);
      case RuleCheck::versions_allowed: return versions_allowed(rule);
      case RuleCheck::versions_forbidden: return versions_forbidden(rule);
      case RuleCheck::suites_allowed: return suites_outside(rule);
      case RuleCheck::suites_forbidden: return suites_forbidden(rule);
      case RuleCheck::suites_required_any: return suites_required_any(rule);
      case RuleCheck::groups_allowed: return groups_allowed(rule);
      case RuleCheck::dh_min_bits: return dh_min_bits(rule);
      case RuleCheck::certificate_key: return certificate_key(rule);
      case RuleCheck::certificate_signature: return certificate_signature(rule);
      case RuleCheck::certificate_expiry: return certificate_expiry(rule);
      case RuleCheck::certificate_lifespan: return certificate_lifespan(rule);
      case RuleCheck::certificate_trusted: return certificate_trusted();
      case RuleCheck::certificate_hostname: return certificate_hostname();
      case RuleCheck::server_order: return server_order();
    }
    return RuleOutcome::unknown("an unknown check");
  }

 private:
  const ProtocolResult* protocol(ProtocolVersion version) const {
    for (const ProtocolResult& p : result_.protocols)
      if (p.version == model::wire_code(version)) return &p;
    return nullptr;
  }

  // true/false when the scan established it, nullopt when the version's probe did not conclude.
  std::optional<bool> accepts(ProtocolVersion version) const {
    const ProtocolResult* p = protocol(version);
    if (p == nullptr) return std::nullopt;
    if (p->accepted) return true;
    if (p->check.status == CheckStatus::completed) return false;
    return std::nullopt;
  }

  static std::string why_not(const model::CheckOutcome& check) {
    std::string text(model::to_string(check.status));
    if (check.reason) text += " (" + std::string(to_string(*check.reason)) + ")";
    if (check.detail && !check.detail->empty()) text += ": " + *check.detail;
    return text;
  }

  std::string version_unknown(ProtocolVersion version) const {
    const ProtocolResult* p = protocol(version);
    return version_name(version) + " probe " + (p == nullptr ? std::string("not run") : why_not(p->check));
  }

  Evidence at_version(ProtocolVersion version, std::string observed) const {
    return {subject_ + " " + version_name(version), std::move(observed)};
  }

  Evidence at_endpoint(std::string observed) const { return {subject_, std::move(observed)}; }

  std::string accepted_versions_text() const {
    std::vector<std::string> names;
    for (const ProtocolResult& p : result_.protocols)
      if (p.accepted) names.push_back(model::display_name_or_code(p.version));
    return names.empty() ? "no version accepted" : "accepted: " + join_names(names);
  }

  RuleOutcome versions_required(const PolicyRule& rule) const {
    std::vector<Evidence> evidence;
    std::vector<std::string> unknown;
    for (ProtocolVersion version : rule.versions) {
      const auto accepted = accepts(version);
      if (!accepted) {
        unknown.push_back(version_unknown(version));
      } else if (!*accepted) {
        evidence.push_back(at_version(version, "not accepted (" + accepted_versions_text() + ")"));
      }
    }
    if (!evidence.empty()) return RuleOutcome::fail(std::move(evidence));
    if (!unknown.empty()) return RuleOutcome::unknown(join_names(unknown));
    return RuleOutcome::pass();
  }

  RuleOutcome versions_required_any(const PolicyRule& rule) const {
    std::vector<std::string> unknown, names;
    for (ProtocolVersion version : rule.versions) {
      const auto accepted = accepts(version);
      if (!accepted) unknown.push_back(version_unknown(version));
      if (accepted && *accepted) return RuleOutcome::pass();
      names.push_back(version_name(version));
    }
    if (!unknown.empty()) return RuleOutcome::unknown(join_names(unknown));
    return RuleOutcome::fail(
        {at_endpoint("none of " + join_names(names) + " accepted (" + accepted_versions_text() + ")")});
  }

  RuleOutcome versions_accepted_where(const std::vector<ProtocolVersion>& judged) const {
    std::vector<Evidence> evidence;
    std::vector<std::string> unknown;
    for (ProtocolVersion version : judged) {
      const auto accepted = accepts(version);
      if (!accepted) {
        unknown.push_back(version_unknown(version));
        continue;
      }
      if (!*accepted) continue;
      const ProtocolResult* p = protocol(version);
      std::vector<std::string> names;
      for (uint16_t code : p->cipher_suites) names.push_back(suite_label(code));
      for (uint32_t spec : p->cipher_specs) names.push_back(hex::code(spec, 6, hex::Case::upper));
      evidence.push_back(
          at_version(version, "accepted" + (names.empty() ? std::string() : " with " + join_names(names))));
    }
    if (!evidence.empty()) return RuleOutcome::fail(std::move(evidence));
    if (!unknown.empty()) return RuleOutcome::unknown(join_names(unknown));
    return RuleOutcome::pass();
  }

  RuleOutcome versions_forbidden(const PolicyRule& rule) const { return versions_accepted_where(rule.versions); }

  RuleOutcome versions_allowed(const PolicyRule& rule) const {
    std::vector<ProtocolVersion> others;
    for (ProtocolVersion version : model::kAllProtocolVersions) {
      if (std::find(rule.versions.begin(), rule.versions.end(), version) == rule.versions.end())
        others.push_back(version);
    }
    return versions_accepted_where(others);
  }

  // The versions in the rule's scope the scan has no result for at all (it ended before them).
  std::vector<std::string> unprobed(const PolicyRule& rule) const {
    std::vector<std::string> out;
    for (ProtocolVersion version : model::kAllProtocolVersions) {
      const bool scoped = rule.versions.empty() ||
                          std::find(rule.versions.begin(), rule.versions.end(), version) != rule.versions.end();
      if (scoped && protocol(version) == nullptr) out.push_back(version_unknown(version));
    }
    return out;
  }

  bool in_scope(const PolicyRule& rule, const ProtocolResult& p) const {
    if (rule.versions.empty()) return true;
    const auto version = model::version_from_wire(p.version);
    return version && std::find(rule.versions.begin(), rule.versions.end(), *version) != rule.versions.end();
  }

  // Every accepted suite in scope that `offends`, per version; inconclusive when a version in
  // scope did not conclude and nothing offended.
  template <class Offends>
  RuleOutcome accepted_suites_where(const PolicyRule& rule, Offends offends) const {
    std::vector<Evidence> evidence;
    std::vector<std::string> unknown = unprobed(rule);
    for (const ProtocolResult& p : result_.protocols) {
      if (!in_scope(rule, p)) continue;
      if (p.check.status != CheckStatus::completed) {
        const auto version = model::version_from_wire(p.version);
        if (version) unknown.push_back(version_unknown(*version));
      }
      if (!p.accepted) continue;
      std::vector<std::string> names;
      for (uint16_t code : p.cipher_suites) {
        if (const auto why = offends(code))
          names.push_back(suite_label(code) + (why->empty() ? "" : " [" + *why + "]"));
      }
      if (!names.empty()) {
        evidence.push_back({subject_ + " " + model::display_name_or_code(p.version), "accepted: " + join_names(names)});
      }
    }
    if (!evidence.empty()) return RuleOutcome::fail(std::move(evidence));
    if (!unknown.empty()) return RuleOutcome::unknown(join_names(unknown));
    return RuleOutcome::pass();
  }

  RuleOutcome suites_outside(const PolicyRule& rule) const {
    return accepted_suites_where(rule, [&](uint16_t code) -> std::optional<std::string> {
      if (std::find(rule.suites.begin(), rule.suites.end(), code) != rule.suites.end()) return std::nullopt;
      return std::string();
    });
  }

  RuleOutcome suites_forbidden(const PolicyRule& rule) const {
    return accepted_suites_where(rule, [&](uint16_t code) -> std::optional<std::string> {
      if (std::find(rule.suites.begin(), rule.suites.end(), code) != rule.suites.end()) return std::string();
      std::vector<std::string> found;
      for (const std::string& property : rule.properties)
        if (suite_has_property(code, property)) found.push_back(property);
      if (found.empty()) return std::nullopt;
      return text::join(found, ", ");
    });
  }

  RuleOutcome suites_required_any(const PolicyRule& rule) const {
    std::vector<std::string> unknown = unprobed(rule);
    std::vector<std::string> accepted_names;
    for (const ProtocolResult& p : result_.protocols) {
      if (!in_scope(rule, p)) continue;
      if (p.check.status != CheckStatus::completed) {
        const auto version = model::version_from_wire(p.version);
        if (version) unknown.push_back(version_unknown(*version));
      }
      if (!p.accepted) continue;
      for (uint16_t code : p.cipher_suites) {
        if (std::find(rule.suites.begin(), rule.suites.end(), code) != rule.suites.end()) return RuleOutcome::pass();
        accepted_names.push_back(suite_label(code));
      }
    }
    if (!unknown.empty()) return RuleOutcome::unknown(join_names(unknown));
    std::string scope;
    for (ProtocolVersion version : rule.versions) scope += (scope.empty() ? " in " : ", ") + version_name(version);
    return RuleOutcome::fail({at_endpoint(
        "none of the " + std::to_string(rule.suites.size()) + " required suites accepted" + scope +
        (accepted_names.empty() ? " (no suite accepted there)" : "; accepted: " + join_names(accepted_names)))});
  }

  RuleOutcome groups_allowed(const PolicyRule& rule) const {
    std::vector<Evidence> evidence;
    for (const ProtocolResult& p : result_.protocols) {
      if (!p.accepted || !in_scope(rule, p)) continue;
      std::vector<std::string> names;
      for (uint16_t group : p.groups) {
        if (std::find(rule.groups.begin(), rule.groups.end(), group) == rule.groups.end())
          names.push_back(registry::group_name_or_hex(group));
      }
      if (!names.empty())
        evidence.push_back(
            {subject_ + " " + model::display_name_or_code(p.version), "accepted groups: " + join_names(names)});
    }
    if (!evidence.empty()) return RuleOutcome::fail(std::move(evidence));
    if (result_.checks.groups.status == CheckStatus::failed)
      return RuleOutcome::unknown("groups probe " + why_not(result_.checks.groups));
    return RuleOutcome::pass();
  }

  RuleOutcome dh_min_bits(const PolicyRule& rule) const {
    std::vector<Evidence> evidence;
    std::vector<std::string> unknown = unprobed(rule);
    for (const ProtocolResult& p : result_.protocols) {
      if (!in_scope(rule, p)) continue;
      if (p.accepted && p.dh_bits && rule.bits && *p.dh_bits < *rule.bits) {
        evidence.push_back(
            {subject_ + " " + model::display_name_or_code(p.version),
             std::to_string(*p.dh_bits) + "-bit DH prime (at least " + std::to_string(*rule.bits) + ")"});
      } else if (p.check.status != CheckStatus::completed) {
        const auto version = model::version_from_wire(p.version);
        if (version) unknown.push_back(version_unknown(*version));
      }
    }
    if (!evidence.empty()) return RuleOutcome::fail(std::move(evidence));
    if (!unknown.empty()) return RuleOutcome::unknown(join_names(unknown));
    return RuleOutcome::pass();
  }

  // The chain, or why the scan has none.
  const model::ChainAnalysis* chain(std::string& missing) const {
    if (result_.certificate && !result_.certificate->analysis.certificates.empty())
      return &result_.certificate->analysis;
    missing = "no certificate: certificate check " + why_not(result_.checks.certificate);
    return nullptr;
  }

  static std::string describe(const model::CertificateInfo& cert, size_t position) {
    const std::string role = position == 0 ? "leaf certificate" : "certificate #" + std::to_string(position + 1);
    const std::string name = cert.subject_common_name.empty() ? cert.subject : "CN=" + cert.subject_common_name;
    return role + " (" + name + ")";
  }

  Evidence at_certificate(const model::CertificateInfo& cert, size_t position, std::string observed) const {
    return {subject_ + " " + describe(cert, position), std::move(observed)};
  }

  RuleOutcome certificate_key(const PolicyRule& rule) const {
    std::string missing;
    const model::ChainAnalysis* analysis = chain(missing);
    if (analysis == nullptr) return RuleOutcome::unknown(missing);
    const model::CertificateInfo& leaf = analysis->certificates.front();
    const std::string key = leaf.key_type + " " + std::to_string(leaf.key_bits) + " bits";
    if (!rule.key_types.empty() &&
        std::find(rule.key_types.begin(), rule.key_types.end(), leaf.key_type) == rule.key_types.end()) {
      return RuleOutcome::fail(
          {at_certificate(leaf, 0, "key " + key + " (allowed types: " + text::join(rule.key_types, ", ") + ")")});
    }
    std::optional<int> minimum;
    if (leaf.key_type == "RSA") minimum = rule.min_key_bits.rsa;
    if (leaf.key_type == "EC") minimum = rule.min_key_bits.ec;
    if (leaf.key_type == "DSA") minimum = rule.min_key_bits.dsa;
    if (minimum && leaf.key_bits < *minimum)
      return RuleOutcome::fail(
          {at_certificate(leaf, 0, "key " + key + " (at least " + std::to_string(*minimum) + ")")});
    return RuleOutcome::pass();
  }

  RuleOutcome certificate_signature(const PolicyRule& rule) const {
    std::string missing;
    const model::ChainAnalysis* analysis = chain(missing);
    if (analysis == nullptr) return RuleOutcome::unknown(missing);
    std::vector<Evidence> evidence;
    const auto& certs = analysis->certificates;
    for (size_t i = 0; i < certs.size(); ++i) {
      // A trust anchor's signature on itself is never checked by clients: only issued signatures count.
      if (i != 0 && certs[i].self_signed) continue;
      const std::string algorithm = text::to_lower_ascii(certs[i].signature_algorithm);
      for (const std::string& hash : rule.forbidden_hashes) {
        // OpenSSL long names: sha1WithRSAEncryption, ecdsa-with-SHA1, md5WithRSAEncryption, dsaWithSHA1.
        if (algorithm.find(hash) != std::string::npos) {
          evidence.push_back(at_certificate(certs[i], i, "signed with " + certs[i].signature_algorithm));
          break;
        }
      }
    }
    const model::CertificateInfo& leaf = certs.front();
    if (!rule.allowed_signatures.empty() && std::find(rule.allowed_signatures.begin(), rule.allowed_signatures.end(),
                                                      leaf.signature_algorithm) == rule.allowed_signatures.end()) {
      evidence.push_back(at_certificate(
          leaf, 0,
          "signed with " + leaf.signature_algorithm + " (allowed: " + text::join(rule.allowed_signatures, ", ") + ")"));
    }
    if (!evidence.empty()) return RuleOutcome::fail(std::move(evidence));
    return RuleOutcome::pass();
  }

  RuleOutcome certificate_expiry(const PolicyRule& rule) const {
    std::string missing;
    const model::ChainAnalysis* analysis = chain(missing);
    if (analysis == nullptr) return RuleOutcome::unknown(missing);
    const model::CertificateInfo& leaf = analysis->certificates.front();
    if (analysis->has_problem(model::CertificateProblemCode::validity_unreadable))
      return RuleOutcome::unknown("the leaf certificate's validity cannot be read");
    if (analysis->expired)
      return RuleOutcome::fail({at_certificate(leaf, 0,
                                               "expired: not after " + leaf.not_after + " (" +
                                                   std::to_string(-analysis->days_until_expiry) + " days ago)")});
    if (analysis->not_yet_valid)
      return RuleOutcome::fail({at_certificate(leaf, 0, "not yet valid: not before " + leaf.not_before)});
    const int margin = rule.min_days_remaining.value_or(0);
    if (analysis->days_until_expiry < margin)
      return RuleOutcome::fail(
          {at_certificate(leaf, 0,
                          "expires " + leaf.not_after + ", in " + std::to_string(analysis->days_until_expiry) +
                              " days (at least " + std::to_string(margin) + ")")});
    return RuleOutcome::pass();
  }

  // Days since 1970-01-01 of an ISO 8601 date ("2026-11-23T20:00:00Z"); nullopt when unreadable.
  static std::optional<long> days_of(const std::string& iso) {
    if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return std::nullopt;
    const int year = std::atoi(iso.substr(0, 4).c_str());
    const int month = std::atoi(iso.substr(5, 2).c_str());
    const int day = std::atoi(iso.substr(8, 2).c_str());
    if (month < 1 || month > 12 || day < 1 || day > 31) return std::nullopt;
    // H. Hinnant's days_from_civil (proleptic Gregorian calendar).
    const int y = year - (month <= 2 ? 1 : 0);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int yoe = y - era * 400;
    const int doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
    const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return static_cast<long>(era) * 146097 + doe - 719468;
  }

  RuleOutcome certificate_lifespan(const PolicyRule& rule) const {
    std::string missing;
    const model::ChainAnalysis* analysis = chain(missing);
    if (analysis == nullptr) return RuleOutcome::unknown(missing);
    const model::CertificateInfo& leaf = analysis->certificates.front();
    const auto from = days_of(leaf.not_before);
    const auto to = days_of(leaf.not_after);
    if (!from || !to) return RuleOutcome::unknown("the leaf certificate's validity cannot be read");
    const long days = *to - *from;
    if (rule.max_days && days > *rule.max_days)
      return RuleOutcome::fail(
          {at_certificate(leaf, 0,
                          "valid for " + std::to_string(days) + " days (" + leaf.not_before + " to " + leaf.not_after +
                              "; at most " + std::to_string(*rule.max_days) + ")")});
    return RuleOutcome::pass();
  }

  RuleOutcome certificate_trusted() const {
    std::string missing;
    const model::ChainAnalysis* analysis = chain(missing);
    if (analysis == nullptr) return RuleOutcome::unknown(missing);
    if (analysis->trusted) return RuleOutcome::pass();
    if (analysis->has_problem(model::CertificateProblemCode::trust_store_unavailable))
      return RuleOutcome::unknown("trust not judged: the trust store could not be set up");
    const model::CertificateInfo& leaf = analysis->certificates.front();
    std::string observed = "not trusted";
    if (analysis->verify_error) observed += ": " + *analysis->verify_error;
    if (analysis->self_signed) observed += " (self-signed)";
    return RuleOutcome::fail({at_certificate(leaf, 0, observed + "; issuer " + leaf.issuer)});
  }

  RuleOutcome certificate_hostname() const {
    std::string missing;
    const model::ChainAnalysis* analysis = chain(missing);
    if (analysis == nullptr) return RuleOutcome::unknown(missing);
    if (analysis->hostname_matches) return RuleOutcome::pass();
    const model::CertificateInfo& leaf = analysis->certificates.front();
    const std::string names =
        leaf.subject_alt_names.empty() ? "no subject alternative names" : "names " + join_names(leaf.subject_alt_names);
    return RuleOutcome::fail(
        {at_certificate(leaf, 0, "'" + result_.certificate->hostname + "' does not match (" + names + ")")});
  }

  RuleOutcome server_order() const {
    std::vector<Evidence> evidence;
    for (const ProtocolResult& p : result_.protocols) {
      if (p.accepted && p.server_preference && !*p.server_preference)
        evidence.push_back({subject_ + " " + model::display_name_or_code(p.version),
                            "the client's order decides (" + std::to_string(p.cipher_suites.size()) + " suites)"});
    }
    if (!evidence.empty()) return RuleOutcome::fail(std::move(evidence));
    return RuleOutcome::pass();
  }

  const EndpointResult& result_;
  std::string subject_;
};

bool is_cbc(const std::string& cipher) {
  // TLS runs DES, 3DES, IDEA and RC2 in CBC mode only; the others say so in their name.
  const bool named_cbc = cipher.size() > 4 && cipher.compare(cipher.size() - 4, 4, "_CBC") == 0;
  return named_cbc || cipher == "DES" || cipher == "DES40" || cipher == "3DES" || cipher == "IDEA" ||
         cipher.rfind("RC2_", 0) == 0;
}

}  // namespace

bool suite_has_property(uint16_t code, const std::string& property) {
  const registry::CipherSuite* suite = registry::find_cipher_suite(code);
  if (suite == nullptr) return false;
  if (property == "cbc") return is_cbc(suite->cipher);
  if (property == "not_aead") return suite->mac != "AEAD";
  if (property == "not_forward_secret") return !suite->forward_secret;
  const std::vector<std::string> weaknesses = suite_weaknesses(*suite);
  return std::find(weaknesses.begin(), weaknesses.end(), property) != weaknesses.end();
}

std::string endpoint_subject(const model::EndpointResult& result) {
  const std::string& host = result.target.host;
  std::string subject =
      (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(result.target.port);
  if (result.target.starttls && *result.target.starttls != model::StartTls::none)
    subject += " (" + std::string(model::to_string(*result.target.starttls)) + ")";
  return subject;
}

model::Verdict judge(const model::EndpointResult& result, const Policy& policy) {
  model::Verdict verdict;
  verdict.policy = policy.id;
  verdict.policy_name = policy.name;
  verdict.subject = endpoint_subject(result);
  const Judge judge_rules(result);
  bool failed_required = false, failed_warning = false, unknown_required = false, unknown_warning = false;
  if (result.error) {
    verdict.inconclusive.push_back("the scan ended with " + std::string(to_string(result.error->kind)) + ": " +
                                   result.error->message);
  }
  for (const PolicyRule& rule : policy.rules) {
    RuleOutcome outcome = judge_rules.run(rule);
    const bool required = rule.effect == RuleEffect::not_ready;
    if (outcome.state == RuleOutcome::State::failed) {
      model::Finding finding = rule.finding;
      finding.evidence = std::move(outcome.evidence);
      verdict.findings.push_back(std::move(finding));
      (required ? failed_required : failed_warning) = true;
    } else if (outcome.state == RuleOutcome::State::inconclusive) {
      verdict.inconclusive.push_back(rule.finding.id + " (" + rule.finding.title + ") not judged: " + outcome.missing);
      (required ? unknown_required : unknown_warning) = true;
    }
  }
  std::stable_sort(verdict.findings.begin(), verdict.findings.end(),
                   [](const model::Finding& a, const model::Finding& b) { return a.severity > b.severity; });
  if (failed_required) {
    verdict.readiness = model::Readiness::not_ready;
  } else if (unknown_required || result.error) {
    verdict.readiness = model::Readiness::unknown;
  } else if (failed_warning || unknown_warning) {
    verdict.readiness = model::Readiness::ready_with_warnings;
  } else {
    verdict.readiness = model::Readiness::ready;
  }
  return verdict;
}

}  // namespace tlsready::assess
