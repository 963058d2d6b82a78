#include "probe/evidence.h"

#include "codec/constants.h"

namespace tlsready::probe {

void collect_evidence(const HelloAttempt& attempt, Evidence& evidence) {
  if (attempt.failure) evidence.failures.push_back(*attempt.failure);
  if (!attempt.server_hello || attempt.server_hello->is_hello_retry_request) return;
  const codec::ServerHello& hello = *attempt.server_hello;
  if (hello.negotiated_version() >= codec::wire_version::tls1_3) return;
  auto merge = [](std::optional<bool>& slot, bool seen) { slot = slot.value_or(false) || seen; };
  merge(evidence.secure_renegotiation, hello.renegotiation_info);
  merge(evidence.extended_master_secret, hello.extended_master_secret);
  merge(evidence.ocsp_stapling, hello.status_request);
  if (evidence.raw_chain.empty() && !attempt.certificates.empty()) evidence.raw_chain = attempt.certificates;
  if (!evidence.ocsp_response && attempt.ocsp_response) evidence.ocsp_response = attempt.ocsp_response;
}

void merge_evidence(const Evidence& later, Evidence& into) {
  auto merge = [](std::optional<bool>& slot, const std::optional<bool>& seen) {
    if (seen) slot = slot.value_or(false) || *seen;
  };
  merge(into.secure_renegotiation, later.secure_renegotiation);
  merge(into.extended_master_secret, later.extended_master_secret);
  merge(into.ocsp_stapling, later.ocsp_stapling);
  if (into.raw_chain.empty()) into.raw_chain = later.raw_chain;
  if (!into.ocsp_response) into.ocsp_response = later.ocsp_response;
  into.failures.insert(into.failures.end(), later.failures.begin(), later.failures.end());
}

}  // namespace tlsready::probe
