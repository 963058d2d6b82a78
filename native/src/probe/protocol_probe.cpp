#include "probe/protocol_probe.h"

#include <algorithm>

#include "codec/client_hello.h"
#include "codec/constants.h"
#include "probe/hello_attempt.h"
#include "probe/hello_templates.h"
#include "probe/key_exchange.h"
#include "registry/cipher_suite_registry.h"
#include "registry/protocol_version.h"

namespace tlsready::probe {
namespace {

using codec::ServerFlightReader;
namespace v = codec::wire_version;

bool contains(const std::vector<uint16_t>& list, uint16_t value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

HelloAttempt offer(ProbeContext& context, uint16_t version, const std::vector<uint16_t>& suites) {
  auto spec = hello_for_version(version, suites, context.sni());
  // TLS <= 1.2: read through ServerHelloDone to see the certificate and key-exchange parameters.
  auto need = version == v::tls1_3 ? ServerFlightReader::Need::server_hello : ServerFlightReader::Need::full_flight;
  return send_hello(context, codec::build_client_hello(spec), need);
}

void note_key_exchange(const HelloAttempt& attempt, model::ProtocolResult& result) {
  if (!attempt.server_key_exchange || !attempt.server_hello) return;
  auto params = read_key_exchange(attempt.server_hello->cipher_suite, *attempt.server_key_exchange);
  if (!params) return;
  if (params->kind == codec::KeyExchangeKind::dhe && params->dh_prime_bits > 0) {
    result.dh_bits = std::min(result.dh_bits.value_or(params->dh_prime_bits), params->dh_prime_bits);
  } else if (params->kind == codec::KeyExchangeKind::ecdhe && !contains(result.groups, params->named_curve)) {
    result.groups.push_back(params->named_curve);
  }
}

void decide_preference(ProbeContext& context, model::ProtocolResult& result) {
  if (result.cipher_suites.size() < 2) return;
  std::vector<uint16_t> reversed(result.cipher_suites.rbegin(), result.cipher_suites.rend());
  HelloAttempt attempt = offer(context, result.version, reversed);
  if (!attempt.accepted()) return;
  // A server that follows the client takes our first offer; one with its own order takes the
  // suite it picked first during enumeration.
  const bool follows_client = attempt.server_hello->cipher_suite == reversed.front();
  result.server_preference = !follows_client;
  if (!follows_client) result.preference_order = result.cipher_suites;
}

}  // namespace

model::ProtocolResult probe_protocol(ProbeContext& context, uint16_t version, bool enumerate_all,
                                     Evidence& evidence) {
  model::ProtocolResult result;
  result.version = version;
  std::vector<uint16_t> remaining = offerable_suites(version);

  while (!remaining.empty() && !context.cancelled()) {
    HelloAttempt attempt = offer(context, version, remaining);
    collect_evidence(attempt, evidence);
    if (!attempt.accepted()) {
      if (!result.accepted) result.refusal = attempt.refusal_text();
      break;
    }
    const codec::ServerHello& hello = *attempt.server_hello;
    const uint16_t negotiated = hello.negotiated_version();
    if (negotiated != version) {
      // A server that cannot do `version` answers with the highest it has (lower), which is
      // probed on its own; an answer above what we offered breaks RFC 5246 §7.4.1.3.
      if (!result.accepted)
        result.refusal = "server answered with " + registry::version_name_or_hex(negotiated);
      break;
    }
    if (!contains(remaining, hello.cipher_suite)) {
      if (!result.accepted)
        result.refusal = "server chose a suite that was not offered: " + registry::cipher_suite_name_or_hex(hello.cipher_suite);
      break;
    }
    result.accepted = true;
    result.cipher_suites.push_back(hello.cipher_suite);
    remaining.erase(std::find(remaining.begin(), remaining.end(), hello.cipher_suite));
    if (version < v::tls1_3 && !hello.is_hello_retry_request) {
      result.downgrade_sentinel = result.downgrade_sentinel.value_or(false) ||
                                  hello.downgrade != codec::DowngradeSentinel::none;
    }
    note_key_exchange(attempt, result);
    if (version == v::tls1_3 && hello.key_share_group && !contains(result.groups, *hello.key_share_group))
      result.groups.push_back(*hello.key_share_group);
    if (!enumerate_all) break;
  }
  if (result.accepted && enumerate_all && !context.cancelled()) decide_preference(context, result);
  return result;
}

}  // namespace tlsready::probe
