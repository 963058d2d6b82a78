// One connection, one ClientHello, the server's answer classified: the unit every probe is made of.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "codec/server_flight.h"
#include "common/failure.h"
#include "model/refusal.h"
#include "probe/probe_context.h"

namespace tlsready::probe {

struct HelloAttempt {
  enum class Outcome {
    server_hello,        // a ServerHello or HelloRetryRequest arrived (see server_hello)
    alert,               // the server refused with an alert
    failure,             // no TLS answer: transport failure, closed, not TLS, malformed (see failure)
    sslv2_server_hello,  // an SSLv2 SERVER-HELLO (see sslv2)
  };
  Outcome outcome = Outcome::failure;
  std::optional<codec::ServerHello> server_hello;
  std::optional<codec::Alert> alert;
  std::vector<std::vector<uint8_t>> certificates;
  std::optional<std::vector<uint8_t>> server_key_exchange;
  std::optional<std::vector<uint8_t>> ocsp_response;
  std::optional<Failure> failure;
  std::optional<codec::SslV2ServerHello> sslv2;
  // With outcome server_hello: what went wrong in the rest of the flight (protocol_error,
  // flight_limit_exceeded). The ServerHello itself stands.
  std::optional<Failure> flight_failure;
  // Bytes of the server's answer read before the attempt ended. A timeout after some bytes is a
  // slow or stuck server, not a middlebox that silently dropped the hello.
  size_t answer_bytes = 0;

  bool accepted() const { return outcome == Outcome::server_hello; }
  // How the server said no, for reports: "alert handshake_failure", "connection_reset: ...".
  std::string refusal_text() const;
  // The same as the model's structured refusal (kind, the alert's level, number and name, and
  // refusal_text() as detail). Meaningful when not accepted().
  model::Refusal refusal() const;
};

// Thread-safe for distinct connections: several threads may call it with one context.
HelloAttempt send_hello(ProbeContext& context, const std::vector<uint8_t>& hello, codec::ServerFlightReader::Need need);

}  // namespace tlsready::probe
