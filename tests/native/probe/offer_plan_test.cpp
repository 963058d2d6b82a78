// What the enumeration offers and how it splits and shapes hellos for strict servers (issue 10).
#include <catch2/catch.hpp>

#include <algorithm>

#include "codec/client_hello.h"
#include "codec/constants.h"
#include "probe/hello_templates.h"
#include "probe/offer_plan.h"

namespace {

using namespace tlsready;
namespace v = codec::wire_version;

bool has(const std::vector<uint16_t>& list, uint16_t value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

probe::HelloAttempt alert(uint8_t description) {
  probe::HelloAttempt attempt;
  attempt.outcome = probe::HelloAttempt::Outcome::alert;
  attempt.alert = codec::Alert{2, description};
  return attempt;
}

probe::HelloAttempt failure(FailureKind kind) {
  probe::HelloAttempt attempt;
  attempt.outcome = probe::HelloAttempt::Outcome::failure;
  attempt.failure = Failure{kind, "test"};
  return attempt;
}

}  // namespace

TEST_CASE("every version is offered the whole TLS <= 1.2 candidate set", "[probe][offer]") {
  // Servers take SHA-256 suites in TLS 1.1 and ECDHE suites in SSLv3: the server decides.
  CHECK(has(probe::offerable_suites(v::tls1_1), 0x003C));  // TLS_RSA_WITH_AES_128_CBC_SHA256
  CHECK(has(probe::offerable_suites(v::ssl3), 0xC013));    // TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
  CHECK(probe::offerable_suites(v::ssl3) == probe::offerable_suites(v::tls1_2));
  CHECK_FALSE(has(probe::offerable_suites(v::tls1_2), 0x1301));
  CHECK_FALSE(has(probe::offerable_suites(v::tls1_2), codec::cipher_suite_code::empty_renegotiation_info_scsv));
  const auto tls13 = probe::offerable_suites(v::tls1_3);  // the registry's TLS 1.3 suites
  for (uint16_t code : std::vector<uint16_t>{0x1301, 0x1302, 0x1303, 0x1304, 0x1305}) CHECK(has(tls13, code));
  CHECK_FALSE(has(tls13, 0xC02F));
}

TEST_CASE("private-use suites 0xFF00-0xFFFF are offered, registered or not", "[probe][offer]") {
  const auto suites = probe::offerable_suites(v::tls1_2);
  for (uint32_t code = 0xff00; code <= 0xffff; ++code) CHECK(has(suites, static_cast<uint16_t>(code)));
  CHECK(std::is_sorted(suites.begin(), suites.end()));
  CHECK(std::adjacent_find(suites.begin(), suites.end()) == suites.end());
}

TEST_CASE("TLS <= 1.2 hellos list the RFC 7919 FFDHE groups", "[probe][offer]") {
  const auto spec = probe::hello_for_version(v::tls1_2, {0x009E}, "localhost");
  for (uint16_t group : std::vector<uint16_t>{0x0100, 0x0101, 0x0102, 0x0103, 0x0104}) CHECK(has(spec.supported_groups, group));
  CHECK(has(probe::hello_for_version(v::tls1_0, {0x0033}, "localhost").supported_groups, 0x0100));
  // An explicit group list (the curve probe) is sent as given.
  CHECK(probe::hello_for_version(v::tls1_2, {0xC02F}, "localhost", {0x0017}).supported_groups ==
        std::vector<uint16_t>{0x0017});
}

TEST_CASE("chunks keep every suite in order and respect the limit", "[probe][offer]") {
  const auto suites = probe::offerable_suites(v::tls1_2);
  const auto chunks = probe::split_into_chunks(suites, probe::kChunkSuites);
  REQUIRE(chunks.size() == (suites.size() + probe::kChunkSuites - 1) / probe::kChunkSuites);
  std::vector<uint16_t> joined;
  for (const auto& chunk : chunks) {
    CHECK(chunk.size() <= probe::kChunkSuites);
    CHECK(chunk.size() <= 150);  // wolfSSL's WOLFSSL_MAX_SUITE_SZ / 2
    joined.insert(joined.end(), chunk.begin(), chunk.end());
  }
  CHECK(joined == suites);
  CHECK(probe::split_into_chunks({}, 10).empty());
  CHECK(probe::split_into_chunks({1, 2, 3}, 10).size() == 1);
}

TEST_CASE("a small hello of every version fits in 255 bytes with dozens of suites", "[probe][offer]") {
  for (uint16_t version : {v::ssl3, v::tls1_0, v::tls1_1, v::tls1_2, v::tls1_3}) {
    INFO("version " << version);
    const auto suites = probe::offerable_suites(version);
    const size_t n = probe::suites_fitting(version, "localhost", probe::HelloShape::small, suites, probe::kSmallHelloBytes);
    CHECK(n >= std::min<size_t>(suites.size(), 40));
    const std::vector<uint16_t> head(suites.begin(), suites.begin() + static_cast<std::ptrdiff_t>(n));
    CHECK(codec::build_client_hello(probe::hello_for_version(version, head, "localhost", {}, probe::HelloShape::small))
              .size() <= probe::kSmallHelloBytes);
  }
}

TEST_CASE("plain and small hellos drop the optional extensions and the padding", "[probe][offer]") {
  const auto full = probe::hello_for_version(v::tls1_3, {0x1301}, "localhost");
  CHECK(full.status_request);
  CHECK(full.padding_workaround);
  const auto plain = probe::hello_for_version(v::tls1_3, {0x1301}, "localhost", {}, probe::HelloShape::plain);
  CHECK_FALSE(plain.status_request);
  CHECK_FALSE(plain.session_ticket);
  CHECK_FALSE(plain.extended_master_secret);
  CHECK_FALSE(plain.psk_key_exchange_modes);
  CHECK_FALSE(plain.padding_workaround);
  CHECK(plain.key_shares.size() == full.key_shares.size());
  const auto small = probe::hello_for_version(v::tls1_3, {0x1301}, "localhost", {}, probe::HelloShape::small);
  CHECK(small.key_shares.size() == 1);
  CHECK(small.session_id.empty());
  auto one_back = plain;
  probe::set_optional_extension(one_back, codec::extension_type::status_request, true);
  CHECK(one_back.status_request);
  CHECK(probe::optional_extensions(v::ssl3).empty());
}

TEST_CASE("refusals that a hello's size or shape may explain are told apart", "[probe][offer]") {
  using probe::Refusal;
  CHECK(probe::read_refusal(alert(50)) == Refusal::maybe_shape);  // decode_error (wolfSSL, > 150 suites)
  CHECK(probe::read_refusal(alert(47)) == Refusal::maybe_shape);  // illegal_parameter
  CHECK(probe::read_refusal(alert(40)) == Refusal::of_the_offer);  // handshake_failure
  CHECK(probe::read_refusal(alert(70)) == Refusal::of_the_version);
  CHECK(probe::read_refusal(failure(FailureKind::connection_reset)) == Refusal::maybe_shape);
  CHECK(probe::read_refusal(failure(FailureKind::connection_closed)) == Refusal::maybe_shape);
  CHECK(probe::read_refusal(failure(FailureKind::timeout)) == Refusal::maybe_shape);
  CHECK(probe::read_refusal(failure(FailureKind::not_tls)) == Refusal::final);
  CHECK(probe::read_refusal(failure(FailureKind::connection_refused)) == Refusal::final);
}
