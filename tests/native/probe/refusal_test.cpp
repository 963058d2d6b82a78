// How a refused hello becomes the model's structured refusal (model/refusal.h), and which
// refusals make a version's probe a failed check rather than a completed one.
#include <catch2/catch.hpp>

#include "probe/check_outcome.h"
#include "probe/hello_attempt.h"

namespace probe = tlsready::probe;
namespace model = tlsready::model;
using tlsready::FailureKind;

namespace {

probe::HelloAttempt alert(uint8_t level, uint8_t description) {
  probe::HelloAttempt attempt;
  attempt.outcome = probe::HelloAttempt::Outcome::alert;
  attempt.alert = tlsready::codec::Alert{level, description};
  return attempt;
}

probe::HelloAttempt failure(FailureKind kind, std::string message = "what happened") {
  probe::HelloAttempt attempt;
  attempt.outcome = probe::HelloAttempt::Outcome::failure;
  attempt.failure = tlsready::Failure{kind, std::move(message)};
  return attempt;
}

}  // namespace

TEST_CASE("an alert refusal keeps its level, number and RFC name", "[probe][refusal]") {
  const model::Refusal refusal = alert(2, 40).refusal();
  CHECK(refusal.kind == model::RefusalKind::alert);
  CHECK(refusal.alert_level == 2);
  CHECK(refusal.alert_code == 40);
  CHECK(refusal.alert_name == "handshake_failure");
  CHECK(refusal.detail == "alert handshake_failure");
  CHECK(alert(2, 70).refusal().alert_name == "protocol_version");
  CHECK(alert(1, 112).refusal().alert_level == 1);
}

TEST_CASE("transport refusals are told apart by kind, the message kept as detail", "[probe][refusal]") {
  CHECK(failure(FailureKind::connection_reset).refusal().kind == model::RefusalKind::connection_reset);
  CHECK(failure(FailureKind::connection_closed).refusal().kind == model::RefusalKind::connection_closed);
  CHECK(failure(FailureKind::timeout).refusal().kind == model::RefusalKind::timeout);
  CHECK(failure(FailureKind::not_tls).refusal().kind == model::RefusalKind::unparseable_answer);
  CHECK(failure(FailureKind::protocol_error).refusal().kind == model::RefusalKind::unparseable_answer);
  CHECK(failure(FailureKind::connection_refused).refusal().kind == model::RefusalKind::other);
  const model::Refusal reset = failure(FailureKind::connection_reset, "reset by peer").refusal();
  CHECK(reset.detail == "connection_reset: reset by peer");
  CHECK_FALSE(reset.alert_code);
  CHECK_FALSE(reset.alert_name);
  probe::HelloAttempt sslv2;
  sslv2.outcome = probe::HelloAttempt::Outcome::sslv2_server_hello;
  CHECK(sslv2.refusal().kind == model::RefusalKind::wrong_version);
}

TEST_CASE("a hello that never reached a server is a failed check; a server's refusal is not", "[probe][refusal]") {
  for (FailureKind kind : {FailureKind::connection_refused, FailureKind::network_unreachable,
                           FailureKind::starttls_failed, FailureKind::cancelled, FailureKind::endpoint_timeout}) {
    CHECK(probe::hello_not_asked(kind));
  }
  for (FailureKind kind : {FailureKind::timeout, FailureKind::connection_reset, FailureKind::connection_closed,
                           FailureKind::not_tls, FailureKind::protocol_error}) {
    CHECK_FALSE(probe::hello_not_asked(kind));
  }
}
