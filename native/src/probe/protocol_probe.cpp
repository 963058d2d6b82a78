#include "probe/protocol_probe.h"

#include <algorithm>
#include <optional>

#include "codec/client_hello.h"
#include "codec/constants.h"
#include "probe/check_outcome.h"
#include "probe/hello_attempt.h"
#include "probe/hello_templates.h"
#include "probe/key_exchange.h"
#include "probe/offer_plan.h"
#include "registry/cipher_suite_registry.h"
#include "registry/hex_format.h"
#include "registry/protocol_version.h"

namespace tlsready::probe {
namespace {

using codec::ServerFlightReader;
namespace v = codec::wire_version;

bool contains(const std::vector<uint16_t>& list, uint16_t value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

struct Asked {
  HelloAttempt attempt;
  size_t hello_bytes = 0;
};

// One way of asking: the hello's shape and at most how many suites go in one hello.
struct OfferLevel {
  HelloShape shape = HelloShape::full;
  size_t chunk = 0;
};

// The probing of one version: every connection goes through `ask`, every choice through `take`.
// Holds only references to the caller's per-endpoint state, so versions can run on different
// threads with their own VersionProbe (ProbeContext and Evidence are the only shared objects).
class VersionProbe {
 public:
  VersionProbe(ProbeContext& context, uint16_t version, bool enumerate_all, Evidence& evidence)
      : context_(context), version_(version), enumerate_all_(enumerate_all), evidence_(evidence) {
    result_.version = version;
  }

  model::ProtocolResult run();

 private:
  Asked ask(const codec::ClientHelloSpec& spec) {
    // TLS <= 1.2: read through ServerHelloDone to see the certificate and key-exchange parameters.
    auto need = version_ == v::tls1_3 ? ServerFlightReader::Need::server_hello : ServerFlightReader::Need::full_flight;
    const std::vector<uint8_t> hello = codec::build_client_hello(spec);
    Asked asked{send_hello(context_, hello, need), hello.size()};
    return asked;
  }
  Asked ask(HelloShape shape, const std::vector<uint16_t>& suites) {
    return ask(hello_for_version(version_, suites, context_.sni(), {}, shape));
  }
  // What the answer means for the offer `offered`; explains refusals in result_.refusal.
  Refusal judge(const HelloAttempt& attempt, const std::vector<uint16_t>& offered);
  void take(const HelloAttempt& attempt, std::vector<uint16_t>& remaining);
  void note_key_exchange(const HelloAttempt& attempt);

  // Enumerates `chunks` from `first_chunk` on with `shape`; `first` is the answer already got for
  // the whole of chunks[first_chunk]. Returns how many chunks contributed a suite.
  size_t enumerate(HelloShape shape, const std::vector<std::vector<uint16_t>>& chunks, size_t first_chunk, Asked first,
                   bool keep_all_evidence);
  // After `first` (the full offer in the full shape) was refused in a way its shape may explain.
  void retry_in_other_shapes(const Asked& first);
  void find_order(OfferLevel level);
  void decide_preference(HelloShape shape);
  void explain_plain_success(const std::vector<uint16_t>& chunk, size_t refused_bytes, size_t answered_bytes);
  void record(std::string kind, std::optional<int> limit, std::optional<int> refused_at,
              std::optional<uint16_t> extension, std::string detail);

  ProbeContext& context_;
  const uint16_t version_;
  const bool enumerate_all_;
  Evidence& evidence_;
  model::ProtocolResult result_;
  std::vector<uint16_t> candidates_;
  std::optional<Failure> refusal_failure_;  // the transport failure behind result_.refusal, if any
};

Refusal VersionProbe::judge(const HelloAttempt& attempt, const std::vector<uint16_t>& offered) {
  const Refusal refusal = read_refusal(attempt);
  auto explain = [&](model::RefusalKind kind, std::string text) {
    if (result_.accepted || result_.refusal) return;
    result_.refusal = model::Refusal{kind, std::nullopt, std::nullopt, std::nullopt, std::move(text)};
  };
  if (refusal != Refusal::not_refused) {
    if (!result_.accepted && !result_.refusal) {
      result_.refusal = attempt.refusal();
      refusal_failure_ = attempt.failure;
    }
    return refusal;
  }
  const codec::ServerHello& hello = *attempt.server_hello;
  const uint16_t negotiated = hello.negotiated_version();
  if (negotiated != version_) {
    // A server that cannot do `version` answers with the highest it has (lower), which is
    // probed on its own; an answer above what we offered breaks RFC 5246 §7.4.1.3.
    explain(model::RefusalKind::wrong_version, "server answered with " + registry::version_name_or_hex(negotiated));
    return Refusal::of_the_version;
  }
  if (!contains(offered, hello.cipher_suite)) {
    explain(model::RefusalKind::unoffered_suite,
            "server chose a suite that was not offered: " + registry::cipher_suite_name_or_hex(hello.cipher_suite));
    return Refusal::of_the_version;
  }
  return Refusal::not_refused;
}

void VersionProbe::note_key_exchange(const HelloAttempt& attempt) {
  if (!attempt.server_key_exchange || !attempt.server_hello) return;
  auto params = read_key_exchange(attempt.server_hello->cipher_suite, *attempt.server_key_exchange);
  if (!params) return;
  if (params->kind == codec::KeyExchangeKind::dhe && params->dh_prime_bits > 0) {
    result_.dh_bits = std::min(result_.dh_bits.value_or(params->dh_prime_bits), params->dh_prime_bits);
  } else if (params->kind == codec::KeyExchangeKind::ecdhe && !contains(result_.groups, params->named_curve)) {
    result_.groups.push_back(params->named_curve);
  }
}

void VersionProbe::take(const HelloAttempt& attempt, std::vector<uint16_t>& remaining) {
  const codec::ServerHello& hello = *attempt.server_hello;
  result_.accepted = true;
  result_.refusal.reset();
  refusal_failure_.reset();
  result_.cipher_suites.push_back(hello.cipher_suite);
  remaining.erase(std::find(remaining.begin(), remaining.end(), hello.cipher_suite));
  if (version_ < v::tls1_3 && !hello.is_hello_retry_request) {
    result_.downgrade_sentinel =
        result_.downgrade_sentinel.value_or(false) || hello.downgrade != codec::DowngradeSentinel::none;
  }
  note_key_exchange(attempt);
  if (version_ == v::tls1_3 && hello.key_share_group && !contains(result_.groups, *hello.key_share_group))
    result_.groups.push_back(*hello.key_share_group);
}

size_t VersionProbe::enumerate(HelloShape shape, const std::vector<std::vector<uint16_t>>& chunks, size_t first_chunk,
                               Asked first, bool keep_all_evidence) {
  size_t contributed = 0;
  std::optional<Asked> pending = std::move(first);
  // The answer already in hand is taken even when the scan has just been stopped: a ServerHello
  // followed by a broken flight stops the endpoint, and its version and suite still stand.
  for (size_t i = first_chunk; i < chunks.size() && (pending || !context_.cancelled()); ++i) {
    std::vector<uint16_t> remaining = chunks[i];
    bool from_this_chunk = false;
    while (!remaining.empty() && (pending || !context_.cancelled())) {
      Asked asked = pending ? std::move(*pending) : ask(shape, remaining);
      const bool was_pending = pending.has_value();
      pending.reset();
      // Retries record only what they saw accepted: one failure per refused version stays the
      // endpoint scanner's signal that every hello failed in transport.
      if (!was_pending && (keep_all_evidence || asked.attempt.accepted())) collect_evidence(asked.attempt, evidence_);
      const Refusal refusal = judge(asked.attempt, remaining);
      if (refusal == Refusal::of_the_version || refusal == Refusal::final)
        return contributed + (from_this_chunk ? 1 : 0);
      if (refusal != Refusal::not_refused) break;  // nothing more in this chunk
      take(asked.attempt, remaining);
      from_this_chunk = true;
      if (!enumerate_all_) return contributed + 1;
    }
    if (from_this_chunk) ++contributed;
  }
  return contributed;
}

void VersionProbe::record(std::string kind, std::optional<int> limit, std::optional<int> refused_at,
                          std::optional<uint16_t> extension, std::string detail) {
  model::Intolerance found;
  found.kind = std::move(kind);
  found.versions = {version_};
  found.limit = limit;
  found.refused_at = refused_at;
  found.extension = extension;
  found.detail = registry::version_name_or_hex(version_) + ": " + detail;
  result_.intolerances.push_back(std::move(found));
}

// A `plain` hello was answered where the `full` one with the same suites was not: either the
// RFC 7685 padding made it too big, or one of the optional extensions is refused. One hello with
// every extension but no padding tells which; then each optional extension alone names it.
void VersionProbe::explain_plain_success(const std::vector<uint16_t>& chunk, size_t refused_bytes,
                                         size_t answered_bytes) {
  codec::ClientHelloSpec unpadded = hello_for_version(version_, chunk, context_.sni(), {}, HelloShape::full);
  unpadded.padding_workaround = false;
  const Asked without_padding = ask(unpadded);
  if (read_refusal(without_padding.attempt) == Refusal::not_refused) {
    record("hello_size", static_cast<int>(std::max(answered_bytes, without_padding.hello_bytes)),
           static_cast<int>(refused_bytes), std::nullopt,
           "a " + std::to_string(refused_bytes) + "-byte ClientHello was refused, a " +
               std::to_string(without_padding.hello_bytes) + "-byte one answered");
    return;
  }
  bool named = false;
  for (uint16_t extension : optional_extensions(version_)) {
    if (context_.cancelled()) return;
    codec::ClientHelloSpec with_one = hello_for_version(version_, chunk, context_.sni(), {}, HelloShape::plain);
    set_optional_extension(with_one, extension, true);
    const Asked asked = ask(with_one);
    if (read_refusal(asked.attempt) != Refusal::maybe_shape) continue;
    named = true;
    record("extension", std::nullopt, std::nullopt, extension,
           "a ClientHello with extension " + registry::format_hex16(extension) + " was refused (" +
               asked.attempt.refusal_text() + "), the same hello without it answered");
  }
  if (!named)
    record("extension", std::nullopt, std::nullopt, std::nullopt,
           "a ClientHello with the optional extensions together was refused, one without them answered");
}

void VersionProbe::retry_in_other_shapes(const Asked& first) {
  const bool silent = first.attempt.failure && first.attempt.failure->kind == FailureKind::timeout;
  const OfferLevel small{HelloShape::small,
                         suites_fitting(version_, context_.sni(), HelloShape::small, candidates_, kSmallHelloBytes)};
  std::vector<OfferLevel> levels;
  // Silence costs a whole timeout per hello: go straight to the smallest hello. Otherwise one
  // small hello first tells whether the shape matters at all (servers that reset or close on a
  // version they have disabled do so for every hello: one more connection, not three), then
  // fewer suites (the suite-count limit answers with an alert), fewer extensions, small.
  if (!silent) {
    const std::vector<uint16_t> head = split_into_chunks(candidates_, small.chunk).front();
    const Refusal refusal = judge(ask(small.shape, head).attempt, head);
    if (refusal != Refusal::not_refused && refusal != Refusal::of_the_offer) return;
    if (candidates_.size() > kChunkSuites) levels.push_back({HelloShape::full, kChunkSuites});
    if (version_ != v::ssl3) levels.push_back({HelloShape::plain, kChunkSuites});
  }
  levels.push_back(small);

  size_t smallest_refused = first.hello_bytes;
  size_t previous_chunk = candidates_.size();
  for (const OfferLevel& level : levels) {
    if (context_.cancelled()) return;
    const auto chunks = split_into_chunks(candidates_, level.chunk);
    bool refused_for_shape = false;
    for (size_t i = 0; i < chunks.size() && !context_.cancelled(); ++i) {
      Asked asked = ask(level.shape, chunks[i]);
      const Refusal refusal = judge(asked.attempt, chunks[i]);
      if (refusal == Refusal::maybe_shape) {
        smallest_refused = std::min(smallest_refused, asked.hello_bytes);
        refused_for_shape = true;
        break;  // this level is refused too: try the next
      }
      if (refusal == Refusal::of_the_offer) continue;
      if (refusal != Refusal::not_refused) return;  // parsed, and this version is not spoken
      // This shape gets answers. Say what the first shape's refusal was about, then enumerate.
      const size_t answered_bytes = asked.hello_bytes;
      const std::vector<uint16_t> chunk = chunks[i];
      collect_evidence(asked.attempt, evidence_);
      const size_t contributed = enumerate(level.shape, chunks, i, std::move(asked), false);
      if (level.shape == HelloShape::full) {
        record("suite_count", static_cast<int>(chunk.size()), static_cast<int>(previous_chunk), std::nullopt,
               "a ClientHello with " + std::to_string(previous_chunk) + " cipher suites was refused (" +
                   first.attempt.refusal_text() + "), one with " + std::to_string(chunk.size()) + " answered");
      } else if (level.shape == HelloShape::plain) {
        explain_plain_success(chunk, smallest_refused, answered_bytes);
      } else {
        record("hello_size", static_cast<int>(answered_bytes), static_cast<int>(smallest_refused), std::nullopt,
               "ClientHellos of " + std::to_string(smallest_refused) + " bytes and more were refused (" +
                   first.attempt.refusal_text() + "), a " + std::to_string(answered_bytes) + "-byte one answered");
      }
      if (enumerate_all_ && contributed > 1) find_order(level);
      if (enumerate_all_) decide_preference(level.shape);
      return;
    }
    if (!refused_for_shape) return;  // every chunk parsed and refused: not accepted
    previous_chunk = level.chunk;
  }
}

// The suites were found chunk by chunk, so their order says nothing yet: enumerate again over
// the accepted set only (small), which gives the server's order if it has one.
void VersionProbe::find_order(OfferLevel level) {
  if (result_.cipher_suites.size() > level.chunk) return;  // does not fit one hello: order unknown
  std::vector<uint16_t> remaining = result_.cipher_suites;
  std::vector<uint16_t> order;
  while (remaining.size() > 1 && !context_.cancelled()) {
    const Asked asked = ask(level.shape, remaining);
    if (read_refusal(asked.attempt) != Refusal::not_refused ||
        !contains(remaining, asked.attempt.server_hello->cipher_suite))
      return;
    order.push_back(asked.attempt.server_hello->cipher_suite);
    remaining.erase(std::find(remaining.begin(), remaining.end(), order.back()));
  }
  if (remaining.size() != 1) return;
  order.push_back(remaining.front());
  result_.cipher_suites = order;
}

void VersionProbe::decide_preference(HelloShape shape) {
  if (result_.cipher_suites.size() < 2 || context_.cancelled()) return;
  std::vector<uint16_t> reversed(result_.cipher_suites.rbegin(), result_.cipher_suites.rend());
  const Asked asked = ask(shape, reversed);
  if (!asked.attempt.accepted()) return;
  // A server that follows the client takes our first offer; one with its own order takes the
  // suite it picked first during enumeration.
  const bool follows_client = asked.attempt.server_hello->cipher_suite == reversed.front();
  result_.server_preference = !follows_client;
  if (!follows_client) result_.preference_order = result_.cipher_suites;
}

model::ProtocolResult VersionProbe::run() {
  candidates_ = offerable_suites(version_);
  if (candidates_.empty()) {
    result_.check = model::CheckOutcome::skipped("no cipher suite to offer in this version");
    return result_;
  }
  if (context_.cancelled()) {
    result_.check = unfinished_check(context_);
    return result_;
  }
  // First everything in one hello, the shape a modern client sends: most servers answer it, and
  // then the enumeration costs accepted suites + 1 connections.
  Asked first = ask(HelloShape::full, candidates_);
  collect_evidence(first.attempt, evidence_);
  const Refusal refusal = judge(first.attempt, candidates_);
  if (refusal == Refusal::not_refused) {
    enumerate(HelloShape::full, {candidates_}, 0, std::move(first), true);
    if (result_.accepted && enumerate_all_) decide_preference(HelloShape::full);
  } else if (refusal == Refusal::maybe_shape) {
    // Never conclude "refused" from a hello the server may have refused for its size or shape.
    const std::optional<model::Refusal> first_refusal = result_.refusal;
    const std::optional<Failure> first_failure = refusal_failure_;
    retry_in_other_shapes(first);
    if (!result_.accepted) {
      result_.refusal = first_refusal;
      refusal_failure_ = first_failure;
    }
  }
  result_.check = protocol_check(context_, result_, refusal_failure_);
  return result_;
}

}  // namespace

model::ProtocolResult probe_protocol(ProbeContext& context, uint16_t version, bool enumerate_all, Evidence& evidence) {
  return VersionProbe(context, version, enumerate_all, evidence).run();
}

}  // namespace tlsready::probe
