#include "probe/sslv2_probe.h"

#include <random>

#include "codec/client_hello.h"
#include "codec/constants.h"
#include "probe/check_outcome.h"
#include "probe/hello_attempt.h"

namespace tlsready::probe {

model::ProtocolResult probe_sslv2(ProbeContext& context, Evidence& evidence) {
  model::ProtocolResult result;
  result.version = codec::wire_version::ssl2;
  std::array<uint8_t, 16> challenge{};
  std::random_device device;
  for (auto& byte : challenge) byte = static_cast<uint8_t>(device());
  HelloAttempt attempt =
      send_hello(context, codec::build_sslv2_client_hello(challenge), codec::ServerFlightReader::Need::server_hello);
  collect_evidence(attempt, evidence);
  if (attempt.outcome != HelloAttempt::Outcome::sslv2_server_hello || !attempt.sslv2) {
    result.refusal = attempt.refusal();
    // A TLS answer to the SSLv2 hello is this version refused, not another version offered.
    if (attempt.outcome == HelloAttempt::Outcome::server_hello) {
      result.refusal->kind = model::RefusalKind::wrong_version;
      result.refusal->detail = "the server answered the SSLv2 hello with a TLS ServerHello";
    }
    result.check = protocol_check(context, result, attempt.failure);
    return result;
  }
  // A SERVER-HELLO with no cipher kind in common is a refusal in all but name.
  for (const auto& spec : attempt.sslv2->cipher_specs)
    result.cipher_specs.push_back(static_cast<uint32_t>(spec[0]) << 16 | static_cast<uint32_t>(spec[1]) << 8 | spec[2]);
  result.accepted = !result.cipher_specs.empty();
  if (!result.accepted) {
    result.refusal = model::Refusal{model::RefusalKind::no_common_cipher, std::nullopt, std::nullopt, std::nullopt,
                                    "SSLv2 SERVER-HELLO without a cipher kind in common"};
  }
  result.check = protocol_check(context, result, std::nullopt);
  if (evidence.raw_chain.empty() && !attempt.sslv2->certificate_der.empty())
    evidence.raw_chain.push_back(attempt.sslv2->certificate_der);
  return result;
}

}  // namespace tlsready::probe
