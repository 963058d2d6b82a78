#include "probe/client_simulation.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <stdexcept>

#include "codec/constants.h"
#include "common/hex.h"
#include "net/address.h"
#include "net/starttls.h"
#include "probe/bounded_parallel.h"
#include "probe/client_simulation_hello.h"
#include "probe/hello_attempt.h"
#include "probe/key_exchange.h"
#include "probe/probe_context.h"
#include "x509/certificate_info.h"

namespace tlsready::probe {
namespace {

using Clock = std::chrono::steady_clock;
using model::ClientFailure;
using model::ClientOutcome;
using model::ClientOutcomeStatus;

std::array<uint8_t, 32> fresh_random() {
  std::random_device device;
  std::array<uint8_t, 32> out{};
  for (auto& byte : out) byte = static_cast<uint8_t>(device() & 0xff);
  return out;
}

ClientOutcome blank_outcome(const model::ClientProfile& client) {
  ClientOutcome outcome;
  outcome.client_id = client.id;
  outcome.client_name = client.name;
  outcome.method = "simulation";
  return outcome;
}

void set_unknown(ClientOutcome& outcome, std::string detail) {
  outcome.status = ClientOutcomeStatus::unknown;
  outcome.reason = ClientFailure::none;
  outcome.detail = std::move(detail);
}

void set_failed(ClientOutcome& outcome, ClientFailure reason, std::string detail) {
  outcome.status = ClientOutcomeStatus::fails;
  outcome.reason = reason;
  outcome.detail = std::move(detail);
}

// Why a profile was not simulated: the caller cancelled, the budget ran out, or a broken server
// flight ended the simulation (ProbeContext::stop_with).
std::string not_run_reason(const ProbeContext& context) {
  if (context.user_cancelled()) return "cancelled";
  if (auto stop = context.stop_reason()) return "the simulation ended: " + stop->message;
  return "the simulation's time budget ran out before this client";
}

bool contains(const std::vector<uint16_t>& list, uint16_t value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// The certificate rules' inputs from the chain as served (TLS <= 1.2, leaf first).
void read_chain(const std::vector<std::vector<uint8_t>>& chain, assess::ServerChoice& choice) {
  for (size_t i = 0; i < chain.size(); ++i) {
    const auto info = x509::parse_certificate(chain[i]);
    if (!info) continue;
    const auto hash = assess::signature_hash_of(info->signature_algorithm);
    if (i == 0) {
      choice.certificate_key_type = info->key_type;
      choice.certificate_key_bits = info->key_bits;
      choice.certificate_signature_hash = hash;
    }
    // A root's own signature is never verified (RFC 5280 §6.1: trust anchors are taken as given).
    if (!info->self_signed && hash && (*hash == "sha1" || *hash == "md5")) choice.chain_has_sha1_signature = true;
  }
}

void read_known_certificate(const KnownCertificate& known, assess::ServerChoice& choice) {
  choice.certificate_key_type = known.key_type;
  choice.certificate_key_bits = known.key_bits;
  choice.certificate_signature_hash = known.signature_hash;
  choice.chain_has_sha1_signature = known.chain_has_sha1_signature;
}

// RFC 8446 §4.1.4: the client sends its second hello with the group the HelloRetryRequest names,
// if it offered that group; otherwise it aborts.
void judge_retry_request(const model::ClientProfile& client, const codec::ServerHello& hrr, ClientOutcome& outcome) {
  const uint16_t group = hrr.key_share_group.value_or(0);
  if (!client.groups.empty() && !contains(client.groups, group)) {
    set_failed(
        outcome, ClientFailure::no_common_group,
        "the server asked (HelloRetryRequest) for group " + hex::code16(group) + ", which the client does not offer");
    return;
  }
  assess::ServerChoice choice;
  choice.version = model::ProtocolVersion::tls1_3;
  choice.cipher_suite = hrr.cipher_suite;
  choice.group = group;
  const auto judgement = assess::judge_server_choice(client, choice);
  if (!judgement.accepted()) {
    set_failed(outcome, judgement.reason, judgement.detail);
    return;
  }
  outcome.status = ClientOutcomeStatus::connects;
  outcome.version = model::ProtocolVersion::tls1_3;
  outcome.cipher_suite = hrr.cipher_suite;
  outcome.group = group;
  outcome.detail = "after a HelloRetryRequest for group " + hex::code16(group);
}

void judge_server_hello(const model::ClientProfile& client, const HelloAttempt& attempt,
                        const std::optional<KnownCertificate>& known, ClientOutcome& outcome) {
  const codec::ServerHello& hello = *attempt.server_hello;
  if (hello.is_hello_retry_request) {
    judge_retry_request(client, hello, outcome);
    return;
  }
  const auto version = model::version_from_wire(hello.negotiated_version());
  if (!version) {
    set_failed(
        outcome, ClientFailure::no_common_version,
        "the server chose version " + hex::code16(hello.negotiated_version()) + ", which the client does not know");
    return;
  }
  assess::ServerChoice choice;
  choice.version = *version;
  choice.cipher_suite = hello.cipher_suite;
  if (*version == model::ProtocolVersion::tls1_3) {
    choice.group = hello.key_share_group;
    if (known) read_known_certificate(*known, choice);
  } else {
    if (attempt.server_key_exchange) {
      if (auto kx = read_key_exchange(hello.cipher_suite, *attempt.server_key_exchange)) {
        if (kx->kind == codec::KeyExchangeKind::ecdhe) choice.group = kx->named_curve;
        if (kx->kind == codec::KeyExchangeKind::dhe) choice.dh_bits = kx->dh_prime_bits;
      }
    }
    read_chain(attempt.certificates, choice);
  }
  const auto judgement = assess::judge_server_choice(client, choice);
  if (!judgement.accepted()) {
    set_failed(outcome, judgement.reason, judgement.detail);
    return;
  }
  // A fatal alert after the ServerHello: the server gave up on the handshake itself.
  if (attempt.alert && attempt.alert->level == static_cast<uint8_t>(codec::AlertLevel::fatal)) {
    set_failed(outcome, ClientFailure::server_alert,
               "the server sent alert " + codec::alert_description_name(attempt.alert->description) +
                   " after its ServerHello");
    return;
  }
  outcome.status = ClientOutcomeStatus::connects;
  outcome.version = *version;
  outcome.cipher_suite = hello.cipher_suite;
  outcome.group = choice.group;
  if (choice.dh_bits) outcome.detail = "DH " + std::to_string(*choice.dh_bits) + " bits";
}

void judge_refusal(const HelloAttempt& attempt, bool sent_sni, const ProbeContext& context, ClientOutcome& outcome) {
  if (attempt.outcome == HelloAttempt::Outcome::alert && attempt.alert) {
    const ClientFailure reason = assess::failure_for_alert(attempt.alert->description, sent_sni);
    set_failed(outcome, reason,
               "the server answered alert " + codec::alert_description_name(attempt.alert->description) +
                   (reason == ClientFailure::sni_required ? " to a hello without server_name" : ""));
    return;
  }
  if (attempt.outcome == HelloAttempt::Outcome::sslv2_server_hello) {
    set_failed(outcome, ClientFailure::no_common_version,
               "the server answered with SSLv2, which the client does not offer");
    return;
  }
  const Failure failure = attempt.failure.value_or(Failure{FailureKind::connection_closed, "no answer"});
  switch (failure.kind) {
    case FailureKind::cancelled:
    case FailureKind::endpoint_timeout: set_unknown(outcome, not_run_reason(context)); return;
    case FailureKind::connection_reset:
    case FailureKind::connection_closed:
    case FailureKind::timeout:
      // Connected, sent the hello, and the server (or a middlebox) dropped it without an alert.
      set_failed(outcome, ClientFailure::hello_rejected, "the server dropped the hello: " + failure.message);
      return;
    default:
      set_failed(outcome, ClientFailure::connection_failed,
                 std::string(to_string(failure.kind)) + ": " + failure.message);
  }
}

ClientOutcome simulate_one(ProbeContext& context, const model::ClientProfile& client,
                           const std::optional<KnownCertificate>& known) {
  ClientOutcome outcome = blank_outcome(client);
  if (context.cancelled()) {
    set_unknown(outcome, not_run_reason(context));
    return outcome;
  }
  if (client.cipher_suites.empty()) {
    set_failed(outcome, ClientFailure::no_common_suite, "the profile offers no cipher suite");
    return outcome;
  }
  const std::vector<uint8_t> hello = build_simulation_hello(client, context.sni(), fresh_random());
  const bool sent_sni = simulation_hello_sends_sni(client, context.sni());
  const HelloAttempt attempt = send_hello(context, hello, codec::ServerFlightReader::Need::full_flight);
  if (attempt.accepted() && attempt.server_hello) {
    judge_server_hello(client, attempt, known, outcome);
  } else {
    judge_refusal(attempt, sent_sni, context, outcome);
  }
  return outcome;
}

net::StartTls starttls_of(const model::TargetSpec& target) {
  if (target.starttls) return net::parse_starttls(model::to_string(*target.starttls)).value_or(net::StartTls::none);
  return net::starttls_for_port(target.port);
}

}  // namespace

SimulationResult simulate_clients(const model::TargetSpec& target, const std::vector<model::ClientProfile>& clients,
                                  const ScanOptions& options, const std::atomic<bool>* cancel,
                                  const std::optional<KnownCertificate>& known_certificate) {
  if (target.host.empty()) throw std::invalid_argument("target: the host is empty");
  if (target.port == 0) throw std::invalid_argument("target " + target.host + ": port 0");
  const auto start = Clock::now();
  SimulationResult result;
  result.outcomes.reserve(clients.size());
  for (const auto& client : clients) result.outcomes.push_back(blank_outcome(client));

  std::vector<net::ResolvedAddress> addresses;
  if (auto failure = net::resolve(target.host, target.port, addresses)) {
    for (auto& outcome : result.outcomes) set_unknown(outcome, failure->message);
    result.error = failure;
    return result;
  }
  const std::string sni = target.sni ? *target.sni : net::default_server_name(target.host);
  ProbeContext context(addresses.front(), sni, starttls_of(target), options, cancel, start + endpoint_budget(options));
  result.address = addresses.front().text;
  run_bounded_parallel(clients.size(), std::max(1u, options.connections_per_endpoint),
                       [&](size_t i) { result.outcomes[i] = simulate_one(context, clients[i], known_certificate); });
  result.connections = context.connections();
  result.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  return result;
}

}  // namespace tlsready::probe
