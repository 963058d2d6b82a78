#include "probe/hello_attempt.h"

#include <algorithm>
#include <array>
#include <chrono>

#include "codec/constants.h"

namespace tlsready::probe {

using codec::ServerFlightReader;

std::string HelloAttempt::refusal_text() const {
  switch (outcome) {
    case Outcome::server_hello: return {};
    case Outcome::alert:
      return alert ? "alert " + codec::alert_description_name(alert->description) : "alert";
    case Outcome::failure:
      return failure ? std::string(to_string(failure->kind)) + ": " + failure->message : "no answer";
    case Outcome::sslv2_server_hello: return "the server answered with an SSLv2 SERVER-HELLO";
  }
  return {};
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

// Waits for the server's next bytes up to the step timeout, in short slices so that a cancelled
// scan (Ctrl-C in a notebook or runbook) stops within a slice instead of a whole timeout.
std::optional<Failure> receive_cancellable(ProbeContext& context, net::Connection& connection,
                                           std::span<uint8_t> buffer, size_t& received) {
  constexpr auto kSlice = std::chrono::milliseconds(200);
  const auto deadline = std::chrono::steady_clock::now() + context.timeout();
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    auto failure = connection.receive_some(buffer, std::max(std::chrono::milliseconds(1), std::min(left, kSlice)), received);
    if (!failure || failure->kind != FailureKind::timeout) return failure;
    if (context.cancelled()) return Failure{FailureKind::cancelled, "scan cancelled"};
    if (std::chrono::steady_clock::now() >= deadline) {
      return Failure{FailureKind::timeout, "no answer from " + context.address().text + " within " +
                                               std::to_string(context.timeout().count()) + " ms"};
    }
  }
}

}  // namespace

HelloAttempt send_hello(ProbeContext& context, const std::vector<uint8_t>& hello, ServerFlightReader::Need need) {
  net::Connection connection;
  if (auto failure = context.connect(connection)) return failed(failure->kind, failure->message);
  if (auto failure = connection.send_all(hello, context.timeout())) return failed(failure->kind, failure->message);

  ServerFlightReader reader(need);
  std::array<uint8_t, 16384> buffer{};
  for (;;) {
    size_t received = 0;
    auto failure = receive_cancellable(context, connection, buffer, received);
    if (failure || received == 0) {
      // The server stopped talking. With a ServerHello in hand (a full flight cut short) the
      // answer still tells which version and suite it chose.
      if (reader.server_hello()) {
        HelloAttempt attempt;
        take_flight(reader, attempt);
        return attempt;
      }
      if (failure) return failed(failure->kind, failure->message);
      return failed(FailureKind::connection_closed,
                    reader.bytes_received() == 0 ? "the server closed the connection without answering"
                                                 : "the server closed the connection mid-message");
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
      case ServerFlightReader::State::malformed: return failed(FailureKind::protocol_error, reader.error());
    }
  }
}

}  // namespace tlsready::probe
