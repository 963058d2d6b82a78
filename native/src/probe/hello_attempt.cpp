#include "probe/hello_attempt.h"

#include <algorithm>
#include <array>
#include <chrono>

#include "codec/constants.h"

namespace tlsready::probe {

using codec::ServerFlightReader;
using Clock = std::chrono::steady_clock;

std::string HelloAttempt::refusal_text() const {
  switch (outcome) {
    case Outcome::server_hello: return {};
    case Outcome::alert: return alert ? "alert " + codec::alert_description_name(alert->description) : "alert";
    case Outcome::failure:
      return failure ? std::string(to_string(failure->kind)) + ": " + failure->message : "no answer";
    case Outcome::sslv2_server_hello: return "the server answered with an SSLv2 SERVER-HELLO";
  }
  return {};
}

model::Refusal HelloAttempt::refusal() const {
  model::Refusal refusal;
  refusal.detail = refusal_text();
  switch (outcome) {
    case Outcome::alert:
      refusal.kind = model::RefusalKind::alert;
      if (alert) {
        // RFC 8446 §6 / RFC 5246 §7.2: AlertLevel and AlertDescription as sent.
        refusal.alert_level = static_cast<uint8_t>(alert->level);
        refusal.alert_code = alert->description;
        refusal.alert_name = codec::alert_description_name(alert->description);
      }
      break;
    case Outcome::failure:
      refusal.kind = model::RefusalKind::other;
      if (!failure) break;
      switch (failure->kind) {
        case FailureKind::connection_reset: refusal.kind = model::RefusalKind::connection_reset; break;
        case FailureKind::connection_closed: refusal.kind = model::RefusalKind::connection_closed; break;
        case FailureKind::timeout: refusal.kind = model::RefusalKind::timeout; break;
        case FailureKind::not_tls:
        case FailureKind::protocol_error:
        case FailureKind::flight_limit_exceeded: refusal.kind = model::RefusalKind::unparseable_answer; break;
        default: break;  // the hello was never answered: connect failed, cancelled, budget spent
      }
      break;
    case Outcome::sslv2_server_hello: refusal.kind = model::RefusalKind::wrong_version; break;
    case Outcome::server_hello: refusal.kind = model::RefusalKind::other; break;
  }
  return refusal;
}

namespace {

HelloAttempt failed(FailureKind kind, std::string message) {
  HelloAttempt attempt;
  attempt.outcome = HelloAttempt::Outcome::failure;
  attempt.failure = Failure{kind, std::move(message)};
  return attempt;
}

void take_flight(const ServerFlightReader& reader, HelloAttempt& attempt) {
  attempt.server_hello = reader.server_hello();
  attempt.certificates = reader.certificates();
  attempt.server_key_exchange = reader.server_key_exchange();
  attempt.ocsp_response = reader.ocsp_response();
  attempt.outcome = HelloAttempt::Outcome::server_hello;
}

// Waits for the server's next bytes until `deadline` (one deadline for the whole answer: bytes
// that trickle in do not extend it), in short slices so that a cancelled scan (Ctrl-C in a
// notebook or runbook) stops within a slice instead of a whole timeout.
std::optional<Failure> receive_until(ProbeContext& context, net::Connection& connection, Clock::time_point deadline,
                                     std::span<uint8_t> buffer, size_t& received) {
  constexpr auto kSlice = std::chrono::milliseconds(200);
  for (;;) {
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(deadline - Clock::now());
    auto failure = connection.receive_some(buffer, std::clamp(left, std::chrono::milliseconds(1), kSlice), received);
    if (!failure || (failure->kind != FailureKind::timeout && failure->kind != FailureKind::endpoint_timeout))
      return failure;
    if (context.user_cancelled()) return Failure{FailureKind::cancelled, "scan cancelled"};
    if (Clock::now() >= deadline) {
      if (deadline >= context.deadline())
        return Failure{FailureKind::endpoint_timeout, "no complete answer from " + context.address().text +
                                                          " before the endpoint's time budget ran out"};
      return Failure{FailureKind::timeout, "no complete answer from " + context.address().text + " within " +
                                               std::to_string(context.options().timeout.count()) + " ms"};
    }
  }
}

// After a ServerHello, a flight the reader rejects (too big, malformed) is classified as what it
// is -- the version and suite the server chose stand -- and ends the endpoint's scan: a server
// that answers every hello so would only cost time.
HelloAttempt broken_flight(ProbeContext& context, const ServerFlightReader& reader) {
  HelloAttempt attempt;
  take_flight(reader, attempt);
  const bool too_big = reader.error().find("exceeds") != std::string::npos;
  Failure failure{too_big ? FailureKind::flight_limit_exceeded : FailureKind::protocol_error,
                  "after its ServerHello the server sent " +
                      std::string(too_big ? "more than a flight may hold: " : "a broken handshake: ") + reader.error()};
  attempt.flight_failure = failure;
  context.stop_with(std::move(failure));
  return attempt;
}

}  // namespace

HelloAttempt send_hello(ProbeContext& context, const std::vector<uint8_t>& hello, ServerFlightReader::Need need) {
  net::Connection connection;
  if (auto failure = context.connect(connection)) return failed(failure->kind, failure->message);
  if (auto failure = connection.send_all(hello, context.timeout())) return failed(failure->kind, failure->message);

  // RFC 8446 §4.1.3 / RFC 5246 §7.4.1.3: the whole answer (ServerHello through ServerHelloDone)
  // within one step timeout, however the server paces its bytes.
  const Clock::time_point deadline = context.step_deadline();
  ServerFlightReader reader(need);
  std::array<uint8_t, 16384> buffer{};
  for (;;) {
    size_t received = 0;
    auto failure = receive_until(context, connection, deadline, buffer, received);
    if (failure || received == 0) {
      // The server stopped talking. With a ServerHello in hand (a full flight cut short) the
      // answer still tells which version and suite it chose.
      if (reader.server_hello()) {
        HelloAttempt attempt;
        take_flight(reader, attempt);
        return attempt;
      }
      HelloAttempt attempt =
          failure ? failed(failure->kind, failure->message)
                  : failed(FailureKind::connection_closed, reader.bytes_received() == 0
                                                               ? "the server closed the connection without answering"
                                                               : "the server closed the connection mid-message");
      attempt.answer_bytes = reader.bytes_received();
      return attempt;
    }
    switch (reader.feed(std::span<const uint8_t>(buffer.data(), received))) {
      case ServerFlightReader::State::need_more: continue;
      case ServerFlightReader::State::complete: {
        HelloAttempt attempt;
        take_flight(reader, attempt);
        return attempt;
      }
      case ServerFlightReader::State::alert: {
        HelloAttempt attempt;
        if (reader.server_hello()) take_flight(reader, attempt);
        attempt.outcome = reader.server_hello() ? HelloAttempt::Outcome::server_hello : HelloAttempt::Outcome::alert;
        attempt.alert = reader.alert();
        return attempt;
      }
      case ServerFlightReader::State::not_tls: return failed(FailureKind::not_tls, reader.error());
      case ServerFlightReader::State::sslv2: {
        HelloAttempt attempt;
        attempt.outcome = HelloAttempt::Outcome::sslv2_server_hello;
        attempt.sslv2 = reader.sslv2();
        return attempt;
      }
      case ServerFlightReader::State::malformed:
        if (reader.server_hello()) return broken_flight(context, reader);
        return failed(FailureKind::protocol_error, reader.error());
    }
  }
}

}  // namespace tlsready::probe
