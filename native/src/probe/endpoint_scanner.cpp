#include "probe/endpoint_scanner.h"

#include <chrono>
#include <ctime>

#include "codec/constants.h"
#include "net/address.h"
#include "net/starttls.h"
#include "probe/certificate_probe.h"
#include "probe/evidence.h"
#include "probe/group_probe.h"
#include "probe/probe_context.h"
#include "probe/protocol_probe.h"
#include "probe/sslv2_probe.h"

namespace tlsready::probe {
namespace {

namespace v = codec::wire_version;
using Clock = std::chrono::steady_clock;

// Probed newest first: the first answer tells whether anything TLS is there at all.
constexpr uint16_t kVersionsNewestFirst[] = {v::tls1_3, v::tls1_2, v::tls1_1, v::tls1_0, v::ssl3};

// Failures after which no other hello can fare better: stop probing the endpoint.
bool ends_the_scan(FailureKind kind) {
  switch (kind) {
    case FailureKind::timeout:
    case FailureKind::not_tls:
    case FailureKind::connection_refused:
    case FailureKind::network_unreachable:
    case FailureKind::starttls_failed:
    case FailureKind::cancelled:
      return true;
    default:
      return false;
  }
}

std::string utc_now_iso8601() {
  std::time_t now = std::time(nullptr);
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return text;
}

double milliseconds_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}

std::optional<Failure> resolve_target(const ScanTarget& target, net::StartTls& starttls,
                                      std::vector<net::ResolvedAddress>& addresses) {
  if (target.starttls.empty()) {
    starttls = net::starttls_for_port(target.port);
  } else if (auto parsed = net::parse_starttls(target.starttls)) {
    starttls = *parsed;
  } else {
    return Failure{FailureKind::invalid_target, "unknown STARTTLS protocol '" + target.starttls +
                                                    "' (use smtp, imap, pop3, ftp, ldap, postgres or none)"};
  }
  return net::resolve(target.host, target.port, addresses);
}

// Scans through one address; returns the failure that ended it early, if any.
std::optional<Failure> scan_address(ProbeContext& context, model::EndpointResult& result) {
  Evidence evidence;
  const bool enumerate = context.options().enumerate_cipher_suites;
  for (uint16_t version : kVersionsNewestFirst) {
    size_t failures_before = evidence.failures.size();
    model::ProtocolResult protocol = probe_protocol(context, version, enumerate, evidence);
    if (!protocol.accepted && evidence.failures.size() > failures_before && result.protocols.empty()) {
      const Failure& first = evidence.failures[failures_before];
      if (ends_the_scan(first.kind)) return first;
    }
    result.protocols.push_back(std::move(protocol));
  }
  result.protocols.push_back(probe_sslv2(context, evidence));
  bool any_accepted = false;
  for (const auto& protocol : result.protocols) any_accepted = any_accepted || protocol.accepted;
  if (!any_accepted) {
    // Nothing accepted. A server that resets or drops every hello is reported as such; one that
    // answers with alerts speaks TLS but refuses everything we can offer.
    bool all_transport = !evidence.failures.empty() && evidence.failures.size() == result.protocols.size();
    if (all_transport) return evidence.failures.front();
    return Failure{FailureKind::handshake_refused, "the server refused every protocol version and cipher suite offered"};
  }

  if (context.options().enumerate_groups) {
    for (auto& protocol : result.protocols) {
      if (protocol.version == v::tls1_3) probe_tls13_groups(context, protocol, evidence);
    }
    // ECDHE curves, measured per version: servers may tie curves to versions (RFC 8422 §5.1.1).
    for (auto& protocol : result.protocols) {
      if (protocol.version < v::tls1_3 && protocol.accepted && protocol.version >= v::tls1_0)
        probe_ecdhe_groups(context, protocol, evidence);
    }
  }
  if (context.options().check_certificate && !context.cancelled()) {
    probe_certificate(context, evidence, std::time(nullptr), result);
  }
  if (context.cancelled()) return Failure{FailureKind::cancelled, "scan cancelled"};
  return std::nullopt;
}

model::EndpointResult scan_endpoint_unguarded(const ScanTarget& target, const ScanOptions& options,
                                              const std::atomic<bool>* cancel);

}  // namespace

model::EndpointResult scan_endpoint(const ScanTarget& target, const ScanOptions& options,
                                    const std::atomic<bool>* cancel) {
  // A bug or resource exhaustion inside one endpoint's scan becomes that endpoint's error; it
  // must never unwind through a worker thread or a front (Python, PowerShell).
  try {
    return scan_endpoint_unguarded(target, options, cancel);
  } catch (const std::exception& error) {
    model::EndpointResult result;
    result.started_at = utc_now_iso8601();
    result.target = {target.host, target.port, target.sni, target.starttls};
    result.error = model::ProbeError{FailureKind::internal, std::string("internal error: ") + error.what(), 0};
    return result;
  }
}

}  // namespace tlsready::probe

namespace tlsready::probe {
namespace {

model::EndpointResult scan_endpoint_unguarded(const ScanTarget& target, const ScanOptions& options,
                                              const std::atomic<bool>* cancel) {
  const auto start = Clock::now();
  model::EndpointResult result;
  result.started_at = utc_now_iso8601();
  result.target.host = target.host;
  result.target.port = target.port;

  net::StartTls starttls = net::StartTls::none;
  std::vector<net::ResolvedAddress> addresses;
  std::optional<Failure> failure = resolve_target(target, starttls, addresses);
  result.target.starttls = std::string(net::to_string(starttls));
  result.target.sni = !target.sni.empty() ? target.sni : net::default_server_name(target.host);  // RFC 6066 §3

  if (!failure) {
    for (size_t i = 0; i < addresses.size(); ++i) {
      ProbeContext context(addresses[i], result.target.sni, starttls, options, cancel);
      model::EndpointResult attempt = result;
      attempt.address = addresses[i].text;
      failure = scan_address(context, attempt);
      result = std::move(attempt);
      result.connections += context.connections();
      const bool try_next = failure && i + 1 < addresses.size() &&
                            (failure->kind == FailureKind::connection_refused ||
                             failure->kind == FailureKind::network_unreachable);
      if (!try_next) break;
      result.protocols.clear();
    }
  }
  if (failure) {
    result.error = model::ProbeError{failure->kind, failure->message, 0};
    if (failure->kind != FailureKind::cancelled) result.protocols.clear();
  }
  result.elapsed_ms = milliseconds_since(start);
  if (result.error) result.error->elapsed_ms = result.elapsed_ms;
  return result;
}

}  // namespace
}  // namespace tlsready::probe
