// Cipher suite order findings: the SSL Cipher Suite Order policy (or the local list) that leaves out
// every modern suite, lists weak or unknown suites, and an empty ECC curve order.
// Source: Microsoft Learn, "Manage Transport Layer Security (TLS)" and "Cipher Suites in TLS/SSL (Schannel SSP)".
#include <algorithm>

#include "policy/windows/windows_rules.h"

namespace tlsready::policy::windows::rules {
namespace {

// The order a fix writes: the listed suites without the weak ones, or the recommended order for
// this Windows when nothing modern would remain.
std::vector<std::string> remediated_order(const WindowsAudit& audit) {
  std::vector<std::string> kept;
  bool modern = false;
  for (const SuiteInfo& suite : audit.schannel.order.suites) {
    if (suite.suite == nullptr || !suite.weaknesses.empty()) continue;
    kept.push_back(suite.name);
    modern = modern || suite.modern;
  }
  if (modern) return kept;
  return recommended_cipher_suites(audit.os);
}

void order_change(Finding& f, const WindowsAudit& audit) {
  f.registry_changes.push_back(
      {std::string(kCipherSuitePolicyKey), "Functions", "REG_SZ", detail::join(remediated_order(audit), ",")});
}

// What the suites were read from, as a finding title names it.
std::string list_name(const CipherSuiteOrder& order) {
  return catalogue::sentence(order.source == OrderSource::policy ? "cipher-order-policy" : "cipher-order-local");
}

void empty_curve_order(const RuleContext& context) {
  const CipherSuiteOrder& order = context.audit.schannel.order;
  if (!order.ecc_curves.present || !order.ecc_curves.items.empty()) return;
  Finding& f = context.findings.add("CIPHER-SUITE-ECC-CURVES-EMPTY");
  f.evidence.push_back({order.ecc_curves.location(), order.ecc_curves.observed()});
  f.registry_changes.push_back({std::string(kCipherSuitePolicyKey), "EccCurves", "delete", ""});
}

}  // namespace

void cipher_suite_order_findings(const RuleContext& context) {
  empty_curve_order(context);
  const CipherSuiteOrder& order = context.audit.schannel.order;
  if (order.source == OrderSource::os_default) return;
  const detail::StringListReading& list = order.in_effect();
  const std::string where = list_name(order);
  std::vector<std::string> weak, weak_not_3des, unknown;
  bool any_modern = false;
  for (const SuiteInfo& suite : order.suites) {
    any_modern = any_modern || suite.modern;
    if (suite.suite == nullptr && suite.weaknesses.empty()) unknown.push_back(suite.name);
    if (!suite.weaknesses.empty()) {
      weak.push_back(suite.name + " (" + detail::join(suite.weaknesses, "/") + ")");
      const bool only_3des_or_md5 = std::all_of(suite.weaknesses.begin(), suite.weaknesses.end(),
                                                [](const std::string& w) { return w == "3DES" || w == "MD5"; });
      if (!only_3des_or_md5) weak_not_3des.push_back(suite.name);
    }
  }
  if (!any_modern) {
    Finding& f = context.findings.add("CIPHER-SUITE-ORDER-LEGACY-ONLY", {{"list", where}});
    f.evidence.push_back({list.location(), list.observed()});
    order_change(f, context.audit);
  }
  if (!weak.empty()) {
    Finding& f = context.findings.add("CIPHER-SUITE-ORDER-WEAK-SUITES",
                                      {{"list", where}, {"count", std::to_string(weak.size())}},
                                      {weak.size() == 1 ? "one" : "", weak_not_3des.empty() ? "only-3des-md5" : ""});
    f.evidence.push_back({list.location(), detail::join(weak, ", ")});
    order_change(f, context.audit);
  }
  if (!unknown.empty()) {
    Finding& f = context.findings.add("CIPHER-SUITE-ORDER-UNKNOWN-SUITES",
                                      {{"list", where}, {"count", std::to_string(unknown.size())}},
                                      {unknown.size() == 1 ? "one" : ""});
    f.evidence.push_back({list.location(), detail::join(unknown, ", ")});
  }
}

}  // namespace tlsready::policy::windows::rules
