#include "probe/hello_attempt.h"

#include <array>

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

}  // namespace

HelloAttempt send_hello(ProbeContext& context, const std::vector<uint8_t>& hello, ServerFlightReader::Need need) {
  net::Connection connection;
  if (auto failure = context.connect(connection)) return failed(failure->kind, failure->message);
  if (auto failure = connection.send_all(hello, context.timeout())) return failed(failure->kind, failure->message);

  ServerFlightReader reader(need);
  std::array<uint8_t, 16384> buffer{};
  for (;;) {
    size_t received = 0;
    auto failure = connection.receive_some(buffer, context.timeout(), received);
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
      case ServerFlightReader::State::sslv2:
        return failed(FailureKind::protocol_error, "the server answered with an SSLv2 SERVER-HELLO");
      case ServerFlightReader::State::malformed: return failed(FailureKind::protocol_error, reader.error());
    }
  }
}

}  // namespace tlsready::probe
