#include "probe/endpoint_scanner.h"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <iterator>
#include <vector>

#include "assess/describe.h"
#include "codec/client_hello.h"
#include "codec/constants.h"
#include "common/time_format.h"
#include "net/address.h"
#include "net/starttls.h"
#include "probe/bounded_parallel.h"
#include "probe/certificate_probe.h"
#include "probe/check_outcome.h"
#include "probe/evidence.h"
#include "probe/group_probe.h"
#include "probe/hello_attempt.h"
#include "probe/hello_templates.h"
#include "probe/probe_context.h"
#include "probe/protocol_probe.h"
#include "probe/sslv2_probe.h"

namespace tlsready::probe {
namespace {

namespace v = codec::wire_version;
using Clock = std::chrono::steady_clock;

// Probed first and alone: the first answer tells whether anything TLS is there at all.
constexpr uint16_t kFirstVersion = v::tls1_3;
// Then the others at once (at most connections_per_endpoint at a time), reported in this order.
constexpr uint16_t kOtherVersions[] = {v::tls1_2, v::tls1_1, v::tls1_0, v::ssl3, v::ssl2};

// Failures after which no other hello can fare better: stop probing the endpoint.
bool ends_the_scan(FailureKind kind) {
  switch (kind) {
    case FailureKind::timeout:
    case FailureKind::not_tls:
    case FailureKind::connection_refused:
    case FailureKind::network_unreachable:
    case FailureKind::starttls_failed:
    case FailureKind::cancelled:
    case FailureKind::endpoint_timeout: return true;
    default: return false;
  }
}

size_t connection_limit(const ProbeContext& context) {
  return std::max(1u, context.options().connections_per_endpoint);
}

std::string utc_now_iso8601() { return time_format::iso8601_utc_now(); }

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

// The model's STARTTLS names are the net room's (net/starttls.h parses every model name).
net::StartTls to_net(model::StartTls protocol) {
  return net::parse_starttls(model::to_string(protocol)).value_or(net::StartTls::none);
}

// The STARTTLS dialogue asked for, or the one the port implies.
model::StartTls starttls_of(const model::TargetSpec& target) {
  if (target.starttls) return *target.starttls;
  return model::parse_starttls(net::to_string(net::starttls_for_port(target.port))).value_or(model::StartTls::none);
}

// The SNI asked for, or the host when it is a name (RFC 6066 §3: no IP literals); nullopt: none.
std::optional<std::string> sni_of(const model::TargetSpec& target) {
  std::string sni = target.sni ? *target.sni : net::default_server_name(target.host);
  if (sni.empty()) return std::nullopt;
  return sni;
}

// Probes every version except the first, concurrently; each task keeps its own Evidence and the
// results are put in kOtherVersions order whatever order they finish in.
void probe_other_versions(ProbeContext& context, model::EndpointResult& result, Evidence& evidence) {
  constexpr size_t kCount = std::size(kOtherVersions);
  const bool enumerate = context.options().enumerate_cipher_suites;
  std::vector<model::ProtocolResult> protocols(kCount);
  std::vector<Evidence> seen(kCount);
  run_bounded_parallel(kCount, connection_limit(context), [&](size_t i) {
    protocols[i] = kOtherVersions[i] == v::ssl2 ? probe_sslv2(context, seen[i])
                                                : probe_protocol(context, kOtherVersions[i], enumerate, seen[i]);
  });
  for (size_t i = 0; i < kCount; ++i) {
    result.protocols.push_back(std::move(protocols[i]));
    merge_evidence(seen[i], evidence);
  }
}

// TLS 1.3 key-share groups and the ECDHE curves of each accepted older version, concurrently:
// each task writes only its own ProtocolResult (RFC 8422 §5.1.1: curves may depend on the version).
void probe_groups(ProbeContext& context, model::EndpointResult& result, Evidence& evidence) {
  std::vector<model::ProtocolResult*> wanted;
  for (auto& protocol : result.protocols) {
    if (protocol.version == v::tls1_3 || (protocol.accepted && protocol.version >= v::tls1_0))
      wanted.push_back(&protocol);
  }
  std::vector<Evidence> seen(wanted.size());
  run_bounded_parallel(wanted.size(), connection_limit(context), [&](size_t i) {
    if (wanted[i]->version == v::tls1_3)
      probe_tls13_groups(context, *wanted[i], seen[i]);
    else {
      probe_ecdhe_groups(context, *wanted[i], seen[i]);
      probe_dhe_needs_ffdhe(context, *wanted[i], seen[i]);
    }
  });
  for (const auto& part : seen) merge_evidence(part, evidence);
  result.checks.groups = unfinished_check(context);
}

// Whether the server refuses a hello without server_name: only asked when the scan sent one, with
// one connection: the highest accepted version (TLS 1.0 and up) and its first accepted suite in the
// small shape (under the size, suite-count and extension limits a middlebox or server may have),
// no name. A ServerHello: not required; an alert: required; anything else tells nothing.
void probe_sni_required(ProbeContext& context, model::EndpointResult& result) {
  if (context.sni().empty() || context.cancelled()) return;
  const model::ProtocolResult* best = nullptr;
  for (const auto& protocol : result.protocols) {
    if (!protocol.accepted || protocol.cipher_suites.empty() || protocol.version < v::tls1_0) continue;
    if (best == nullptr || protocol.version > best->version) best = &protocol;
  }
  if (best == nullptr) return;
  const auto need = best->version == v::tls1_3 ? codec::ServerFlightReader::Need::server_hello
                                               : codec::ServerFlightReader::Need::full_flight;
  const codec::ClientHelloSpec spec =
      hello_for_version(best->version, {best->cipher_suites.front()}, "", {}, HelloShape::small);
  const HelloAttempt attempt = send_hello(context, codec::build_client_hello(spec), need);
  if (attempt.accepted())
    result.sni.required = false;
  else if (attempt.outcome == HelloAttempt::Outcome::alert)
    result.sni.required = true;
}

// A sub-check that never ran (still the default: skipped, no detail) gets why: not asked for,
// or the failure that ended the scan before it.
void explain_unrun(model::CheckOutcome& check, const std::optional<Failure>& failure, const char* not_asked) {
  if (check.status != model::CheckStatus::skipped || check.detail) return;
  if (failure) {
    check = model::CheckOutcome::skipped("the scan ended before this check: " + failure->message, failure->kind);
  } else {
    check = model::CheckOutcome::skipped(not_asked);
  }
}

void explain_unrun_checks(model::EndpointResult& result, const std::optional<Failure>& failure,
                          const ScanOptions& options) {
  explain_unrun(result.checks.groups, options.enumerate_groups ? failure : std::nullopt,
                "not requested (enumerate_groups is off)");
  explain_unrun(result.checks.certificate, options.check_certificate ? failure : std::nullopt,
                "not requested (check_certificate is off)");
  explain_unrun(result.checks.session, options.check_certificate ? failure : std::nullopt,
                "not requested (check_certificate is off)");
}

// Scans through one address; returns the failure that ended it early, if any. Whatever was
// found before that stays in `result`.
std::optional<Failure> scan_address(ProbeContext& context, model::EndpointResult& result) {
  Evidence evidence;
  model::ProtocolResult first =
      probe_protocol(context, kFirstVersion, context.options().enumerate_cipher_suites, evidence);
  if (!first.accepted && !evidence.failures.empty() && ends_the_scan(evidence.failures.front().kind))
    return evidence.failures.front();
  if (!first.accepted) {
    if (auto stop = early_stop(context)) return stop;
  }
  result.protocols.push_back(std::move(first));
  probe_other_versions(context, result, evidence);

  bool any_accepted = false;
  for (const auto& protocol : result.protocols) any_accepted = any_accepted || protocol.accepted;
  if (auto stop = early_stop(context)) return stop;
  if (!any_accepted) {
    // Nothing accepted. A server that resets or drops every hello is reported as such; one that
    // answers with alerts speaks TLS but refuses everything we can offer.
    bool all_transport = !evidence.failures.empty() && evidence.failures.size() == result.protocols.size();
    if (all_transport) return evidence.failures.front();
    return Failure{FailureKind::handshake_refused,
                   "the server refused every protocol version and cipher suite offered"};
  }

  if (context.options().enumerate_groups) probe_groups(context, result, evidence);
  probe_sni_required(context, result);
  if (context.options().check_certificate && !context.cancelled()) {
    probe_certificate(context, evidence, std::time(nullptr), result);
  }
  return early_stop(context);
}

model::EndpointResult scan_endpoint_unguarded(const model::TargetSpec& target, const ScanOptions& options,
                                              const std::atomic<bool>* cancel);

}  // namespace

model::EndpointResult scan_endpoint(const model::TargetSpec& target, const ScanOptions& options,
                                    const std::atomic<bool>* cancel) {
  // A bug or resource exhaustion inside one endpoint's scan becomes that endpoint's error; it
  // must never unwind through a worker thread or a front (Python, PowerShell).
  try {
    return scan_endpoint_unguarded(target, options, cancel);
  } catch (const std::exception& error) {
    model::EndpointResult result;
    result.started_at = utc_now_iso8601();
    result.target = {target.host, target.port, sni_of(target), starttls_of(target)};
    result.error = model::ProbeError{FailureKind::internal, std::string("internal error: ") + error.what(), 0};
    explain_unrun_checks(result, Failure{result.error->kind, result.error->message}, options);
    return result;
  }
}

}  // namespace tlsready::probe

namespace tlsready::probe {
namespace {

model::EndpointResult scan_endpoint_unguarded(const model::TargetSpec& target, const ScanOptions& options,
                                              const std::atomic<bool>* cancel) {
  const auto start = Clock::now();
  model::EndpointResult result;
  result.started_at = utc_now_iso8601();
  result.target.host = target.host;
  result.target.port = target.port;

  result.target.starttls = starttls_of(target);
  result.target.sni = sni_of(target);
  const net::StartTls starttls = to_net(*result.target.starttls);
  std::vector<net::ResolvedAddress> addresses;
  std::optional<Failure> failure = net::resolve(target.host, target.port, addresses);

  // One budget for the whole endpoint, every address included.
  const Clock::time_point deadline = start + endpoint_budget(options);
  if (!failure) {
    for (size_t i = 0; i < addresses.size(); ++i) {
      ProbeContext context(addresses[i], result.target.sni.value_or(""), starttls, options, cancel, deadline);
      model::EndpointResult attempt = result;
      attempt.address = addresses[i].text;
      failure = scan_address(context, attempt);
      result = std::move(attempt);
      result.connections += context.connections();
      const bool try_next =
          failure && i + 1 < addresses.size() &&
          (failure->kind == FailureKind::connection_refused || failure->kind == FailureKind::network_unreachable);
      if (!try_next) break;
      result.protocols.clear();
      result.checks = {};
    }
  }
  // An error keeps every protocol probed before it (a budget or a broken flight cuts a scan
  // short; what was found until then is still true).
  if (failure) result.error = model::ProbeError{failure->kind, failure->message, 0};
  explain_unrun_checks(result, failure, options);
  assess::describe_endpoint(result);
  result.elapsed_ms = milliseconds_since(start);
  if (result.error) result.error->elapsed_ms = result.elapsed_ms;
  return result;
}

}  // namespace
}  // namespace tlsready::probe
