#include "probe/group_probe.h"

#include <algorithm>

#include "codec/client_hello.h"
#include "codec/constants.h"
#include "probe/hello_attempt.h"
#include "probe/hello_templates.h"
#include "probe/key_exchange.h"

namespace tlsready::probe {
namespace {

using codec::ServerFlightReader;

void erase_value(std::vector<uint16_t>& list, uint16_t value) {
  list.erase(std::remove(list.begin(), list.end(), value), list.end());
}

bool contains(const std::vector<uint16_t>& list, uint16_t value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

}  // namespace

void probe_tls13_groups(ProbeContext& context, model::ProtocolResult& tls13, Evidence& evidence) {
  if (!tls13.accepted) return;
  // Groups already seen in enumeration answers were chosen from the full list: keep them and
  // ask only about the rest (saves a connection per group seen).
  std::vector<uint16_t> remaining = default_tls13_groups();
  std::vector<uint16_t> found = tls13.groups;
  for (uint16_t group : found) erase_value(remaining, group);
  while (!remaining.empty() && !context.cancelled()) {
    auto spec = hello_for_version(codec::wire_version::tls1_3, tls13.cipher_suites, context.sni(), remaining);
    spec.key_shares.clear();  // force a HelloRetryRequest naming the server's choice
    HelloAttempt attempt =
        send_hello(context, codec::build_client_hello(spec), ServerFlightReader::Need::server_hello);
    collect_evidence(attempt, evidence);
    if (!attempt.accepted() || !attempt.server_hello->key_share_group) break;
    const uint16_t group = *attempt.server_hello->key_share_group;
    if (!contains(remaining, group)) break;  // a group we did not offer: stop, do not loop
    found.push_back(group);
    erase_value(remaining, group);
  }
  tls13.groups = found;
}

void probe_ecdhe_groups(ProbeContext& context, model::ProtocolResult& protocol, Evidence& evidence) {
  std::vector<uint16_t> ecdhe_suites;
  for (uint16_t suite : protocol.cipher_suites) {
    if (ephemeral_kind(suite) == codec::KeyExchangeKind::ecdhe) ecdhe_suites.push_back(suite);
  }
  if (ecdhe_suites.empty()) return;
  std::vector<uint16_t> remaining = default_tls12_groups();
  std::vector<uint16_t> found = protocol.groups;  // curves seen while enumerating suites
  for (uint16_t group : found) erase_value(remaining, group);
  while (!remaining.empty() && !context.cancelled()) {
    auto spec = hello_for_version(protocol.version, ecdhe_suites, context.sni(), remaining);
    HelloAttempt attempt =
        send_hello(context, codec::build_client_hello(spec), ServerFlightReader::Need::full_flight);
    collect_evidence(attempt, evidence);
    if (!attempt.accepted() || !attempt.server_key_exchange) break;
    auto params = read_key_exchange(attempt.server_hello->cipher_suite, *attempt.server_key_exchange);
    if (!params || !contains(remaining, params->named_curve)) break;
    found.push_back(params->named_curve);
    erase_value(remaining, params->named_curve);
  }
  if (!found.empty()) protocol.groups = found;
}

// RFC 7919 §4: a server may choose an FFDHE (DHE) suite only for a client whose supported_groups
// names an FFDHE group, and refuse the others. The suite hellos list the FFDHE groups, so they do
// not tell; one more hello offering the accepted DHE suites with the ECDHE curves only does.
void probe_dhe_needs_ffdhe(ProbeContext& context, model::ProtocolResult& protocol, Evidence& evidence) {
  if (!protocol.accepted || protocol.version < codec::wire_version::tls1_0 ||
      protocol.version >= codec::wire_version::tls1_3)
    return;
  std::vector<uint16_t> dhe_suites;
  for (uint16_t suite : protocol.cipher_suites) {
    if (ephemeral_kind(suite) == codec::KeyExchangeKind::dhe) dhe_suites.push_back(suite);
  }
  if (dhe_suites.empty() || context.cancelled()) return;
  auto spec = hello_for_version(protocol.version, dhe_suites, context.sni(), default_tls12_groups());
  HelloAttempt attempt = send_hello(context, codec::build_client_hello(spec), ServerFlightReader::Need::server_hello);
  collect_evidence(attempt, evidence);
  if (attempt.accepted() && attempt.server_hello && contains(dhe_suites, attempt.server_hello->cipher_suite) &&
      attempt.server_hello->negotiated_version() == protocol.version) {
    protocol.dhe_needs_ffdhe = false;
  } else if (attempt.outcome == HelloAttempt::Outcome::alert) {
    protocol.dhe_needs_ffdhe = true;
  }
}

}  // namespace tlsready::probe
