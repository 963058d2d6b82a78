#include <catch2/catch.hpp>

#include <openssl/x509.h>

#include <algorithm>
#include <random>

#include "captured_flights.h"
#include "codec/constants.h"
#include "codec/server_flight.h"
#include "codec_test_support.h"

using namespace tlsready::codec;
using namespace tlsready::codec::test;
using State = ServerFlightReader::State;
using Need = ServerFlightReader::Need;

namespace {

// RFC 8448 §3 ServerHello as its record ("server sends handshake record ... complete record").
const char* const kRfc8448ServerHelloRecord =
    "16 03 03 00 5a 02 00 00 56 03 03 a6 af 06 a4 12 18 60 dc 5e 6e 60 24 9c d3 4c 95 93 0c 8a c5 cb 14"
    "34 da c1 55 77 2e d3 e2 69 28 00 13 01 00 00 2e 00 33 00 24 00 1d 00 20 c9 82 88 76 11 20 95 fe 66"
    "76 2b db f7 c6 72 e1 56 d6 cc 25 3b 83 3d f1 dd 69 b1 b0 4e 75 1f 0f 00 2b 00 02 03 04";

std::vector<uint8_t> tls12_server_hello_message() {
  return encode_handshake(handshake_type::server_hello,
                          server_hello_body(0x0303, filled_random(0x21), 0xc02f, {{0xff01, hex("00")}, {23, {}}, {5, {}}}));
}

// SH, Certificate (2 certs), CertificateStatus, ServerKeyExchange, ServerHelloDone as messages.
std::vector<std::vector<uint8_t>> tls12_flight_messages() {
  auto ske = hex("03 00 17 41 04");
  ske.insert(ske.end(), 64, 0x55);
  const auto sig = hex("04 01 00 02 ab cd");
  ske.insert(ske.end(), sig.begin(), sig.end());
  return {tls12_server_hello_message(),
          encode_handshake(handshake_type::certificate, certificate_body({hex("30 03 02 01 01"), hex("30 00")})),
          encode_handshake(handshake_type::certificate_status, hex("01 00 00 03 30 01 00")),
          encode_handshake(handshake_type::server_key_exchange, ske),
          encode_handshake(handshake_type::server_hello_done, {})};
}

std::vector<uint8_t> joined(const std::vector<std::vector<uint8_t>>& parts) {
  std::vector<uint8_t> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// Cuts `payload` into handshake records of at most `chunk` bytes.
std::vector<uint8_t> as_records(const std::vector<uint8_t>& payload, size_t chunk, uint16_t version = 0x0303) {
  std::vector<uint8_t> out;
  for (size_t at = 0; at < payload.size(); at += chunk) {
    const size_t n = std::min(chunk, payload.size() - at);
    const auto rec = encode_record(ContentType::handshake, version,
                                   std::span<const uint8_t>(payload).subspan(at, n));
    out.insert(out.end(), rec.begin(), rec.end());
  }
  return out;
}

void check_tls12_flight(const ServerFlightReader& reader) {
  REQUIRE(reader.state() == State::complete);
  REQUIRE(reader.server_hello().has_value());
  CHECK(reader.server_hello()->cipher_suite == 0xc02f);
  CHECK(reader.server_hello()->status_request);
  REQUIRE(reader.certificates().size() == 2);
  CHECK(reader.certificates()[0] == hex("30 03 02 01 01"));
  CHECK(reader.ocsp_response() == hex("30 01 00"));
  REQUIRE(reader.server_key_exchange().has_value());
  CHECK(reader.server_key_exchange()->size() == 5 + 64 + 6);
  CHECK(reader.server_hello_done());
}

State feed_in_chunks(ServerFlightReader& reader, const std::vector<uint8_t>& bytes, size_t chunk) {
  for (size_t at = 0; at < bytes.size(); at += chunk) {
    reader.feed(std::span<const uint8_t>(bytes).subspan(at, std::min(chunk, bytes.size() - at)));
  }
  return reader.state();
}

}  // namespace

TEST_CASE("server_hello_need_completes_after_rfc8448_server_hello", "[codec][server_flight]") {
  ServerFlightReader reader(Need::server_hello);
  const auto record = hex(kRfc8448ServerHelloRecord);
  CHECK(reader.feed(std::span<const uint8_t>(record).first(50)) == State::need_more);
  CHECK(reader.feed(std::span<const uint8_t>(record).subspan(50)) == State::complete);
  REQUIRE(reader.server_hello().has_value());
  CHECK(reader.server_hello()->selected_version == 0x0304);
  CHECK(reader.bytes_received() == record.size());
}

TEST_CASE("full_flight_collects_certificate_status_and_key_exchange_until_done", "[codec][server_flight]") {
  ServerFlightReader reader(Need::full_flight);
  const auto bytes = as_records(joined(tls12_flight_messages()), 16384);
  CHECK(reader.feed(bytes) == State::complete);
  check_tls12_flight(reader);
}

TEST_CASE("full_flight_with_several_messages_in_one_record", "[codec][server_flight]") {
  // All five messages in a single record.
  ServerFlightReader reader(Need::full_flight);
  const auto payload = joined(tls12_flight_messages());
  REQUIRE(reader.feed(encode_record(ContentType::handshake, 0x0303, payload)) == State::complete);
  check_tls12_flight(reader);
}

TEST_CASE("full_flight_with_messages_split_across_records", "[codec][server_flight]") {
  // Record boundaries at every size from 1 byte up: messages span records and records hold
  // message tails plus heads of the next.
  const auto payload = joined(tls12_flight_messages());
  for (size_t chunk = 1; chunk <= payload.size(); chunk += (chunk < 16 ? 1 : 7)) {
    INFO("record size " << chunk);
    ServerFlightReader reader(Need::full_flight);
    reader.feed(as_records(payload, chunk));
    check_tls12_flight(reader);
  }
}

TEST_CASE("full_flight_fed_byte_by_byte_matches_single_feed", "[codec][server_flight]") {
  const auto bytes = as_records(joined(tls12_flight_messages()), 37);
  ServerFlightReader reader(Need::full_flight);
  for (size_t i = 0; i < bytes.size(); ++i) {
    const auto state = reader.feed(std::span<const uint8_t>(bytes).subspan(i, 1));
    if (i + 1 < bytes.size()) REQUIRE(state == State::need_more);
  }
  check_tls12_flight(reader);
}

TEST_CASE("server_hello_need_stops_before_certificate", "[codec][server_flight]") {
  ServerFlightReader reader(Need::server_hello);
  CHECK(reader.feed(as_records(joined(tls12_flight_messages()), 16384)) == State::complete);
  CHECK(reader.server_hello().has_value());
  CHECK(reader.certificates().empty());
  CHECK_FALSE(reader.server_hello_done());
}

TEST_CASE("full_flight_completes_at_tls13_server_hello", "[codec][server_flight]") {
  ServerFlightReader reader(Need::full_flight);
  CHECK(reader.feed(hex(kRfc8448ServerHelloRecord)) == State::complete);
  CHECK(reader.certificates().empty());
  CHECK_FALSE(reader.server_hello_done());
}

TEST_CASE("full_flight_completes_at_hello_retry_request", "[codec][server_flight]") {
  ServerFlightReader reader(Need::full_flight);
  CHECK(feed_in_chunks(reader, hex(kOpenSslTls13HrrFlight), 7) == State::complete);
  REQUIRE(reader.server_hello().has_value());
  CHECK(reader.server_hello()->is_hello_retry_request);
  CHECK(reader.server_hello()->key_share_group == 0x001d);
}

TEST_CASE("change_cipher_spec_before_server_hello_is_skipped", "[codec][server_flight]") {
  ServerFlightReader reader(Need::server_hello);
  const auto bytes = concat({hex("14 03 03 00 01 01"), hex(kRfc8448ServerHelloRecord)});
  CHECK(reader.feed(bytes) == State::complete);
}

TEST_CASE("change_cipher_spec_after_tls12_server_hello_means_resumption", "[codec][server_flight]") {
  ServerFlightReader reader(Need::full_flight);
  const auto bytes = concat({as_records(tls12_server_hello_message(), 16384), hex("14 03 03 00 01 01"),
                             hex("16 03 03 00 28"), std::vector<uint8_t>(40, 0x77)});  // encrypted Finished
  CHECK(reader.feed(bytes) == State::complete);
  CHECK_FALSE(reader.server_hello_done());
}

TEST_CASE("fatal_alert_before_server_hello_ends_flight", "[codec][server_flight]") {
  // What OpenSSL 3.0 s_server answers a TLS 1.3 hello with no group in common (captured).
  ServerFlightReader reader(Need::full_flight);
  CHECK(reader.feed(hex("15 03 03 00 02 02 28")) == State::alert);
  REQUIRE(reader.alert().has_value());
  CHECK(reader.alert()->level == 2);
  CHECK(reader.alert()->description == 40);
  CHECK_FALSE(reader.server_hello().has_value());
  // Later bytes do not change the verdict.
  CHECK(reader.feed(hex(kRfc8448ServerHelloRecord)) == State::alert);
}

TEST_CASE("warning_alert_before_server_hello_is_recorded_and_flight_continues", "[codec][server_flight]") {
  ServerFlightReader reader(Need::server_hello);
  CHECK(reader.feed(hex("15 03 01 00 02 01 70")) == State::need_more);  // warning unrecognized_name
  REQUIRE(reader.alert().has_value());
  CHECK(reader.alert()->description == 112);
  CHECK(reader.feed(hex(kRfc8448ServerHelloRecord)) == State::complete);
  CHECK(reader.server_hello().has_value());
  CHECK(reader.alert()->level == 1);
}

TEST_CASE("warning_close_notify_ends_flight", "[codec][server_flight]") {
  ServerFlightReader reader(Need::server_hello);
  CHECK(reader.feed(hex("15 03 03 00 02 01 00")) == State::alert);
  CHECK(reader.alert()->description == 0);
}

TEST_CASE("alert_after_server_hello_ends_full_flight", "[codec][server_flight]") {
  ServerFlightReader reader(Need::full_flight);
  const auto bytes = concat({as_records(tls12_server_hello_message(), 16384), hex("15 03 03 00 02 02 50")});
  CHECK(reader.feed(bytes) == State::alert);
  CHECK(reader.server_hello().has_value());
  CHECK(reader.alert()->description == 80);
}

TEST_CASE("application_data_before_server_hello_is_malformed", "[codec][server_flight]") {
  ServerFlightReader reader(Need::server_hello);
  CHECK(reader.feed(hex("17 03 03 00 02 aa bb")) == State::malformed);
  CHECK_THAT(reader.error(), Catch::Contains("application_data"));
}

TEST_CASE("handshake_message_other_than_server_hello_first_is_malformed", "[codec][server_flight]") {
  ServerFlightReader reader(Need::full_flight);
  CHECK(reader.feed(as_records(encode_handshake(11, certificate_body({})), 100)) == State::malformed);
  CHECK_THAT(reader.error(), Catch::Contains("expected ServerHello"));
}

TEST_CASE("malformed_server_hello_in_flight_reports_why", "[codec][server_flight]") {
  auto message = tls12_server_hello_message();
  message.push_back(0);  // trailing byte inside the message
  message[3] = static_cast<uint8_t>(message[3] + 1);
  ServerFlightReader reader(Need::server_hello);
  CHECK(reader.feed(as_records(message, 16384)) == State::malformed);
  CHECK_THAT(reader.error(), Catch::Contains("ServerHello"));
}

TEST_CASE("http_answer_is_not_tls", "[codec][server_flight]") {
  ServerFlightReader reader(Need::server_hello);
  const std::string http = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
  CHECK(reader.feed(std::vector<uint8_t>(http.begin(), http.end())) == State::not_tls);
  CHECK_THAT(reader.error(), Catch::Contains("looks like HTTP"));
}

TEST_CASE("bad_record_after_valid_records_is_malformed_not_not_tls", "[codec][server_flight]") {
  ServerFlightReader reader(Need::full_flight);
  const auto bytes = concat({as_records(tls12_server_hello_message(), 16384), hex("48 54 54 50 2f")});
  CHECK(reader.feed(bytes) == State::malformed);
}

TEST_CASE("sslv2_server_hello_is_reported_as_sslv2", "[codec][server_flight]") {
  ServerFlightReader reader(Need::server_hello);
  const auto bytes = hex("80 0e 04 00 01 00 02 00 00 00 03 00 00 07 00 c0");
  CHECK(feed_in_chunks(reader, bytes, 3) == State::sslv2);
  REQUIRE(reader.sslv2().has_value());
  CHECK(reader.sslv2()->cipher_specs.size() == 1);
  CHECK_FALSE(reader.sslv2()->certificate_present);
}

TEST_CASE("flight_exceeding_256_kib_is_malformed", "[codec][server_flight]") {
  SECTION("endless warning alerts before ServerHello") {
    ServerFlightReader reader(Need::server_hello);
    const auto warning = hex("15 03 03 00 02 01 70");
    State state = State::need_more;
    size_t sent = 0;
    while (state == State::need_more && sent < 1024 * 1024) {
      state = reader.feed(warning);
      sent += warning.size();
    }
    CHECK(state == State::malformed);
    CHECK_THAT(reader.error(), Catch::Contains("server flight exceeds 262144"));
    CHECK(sent <= 256 * 1024 + warning.size());
  }
  SECTION("endless CertificateRequest messages after ServerHello") {
    ServerFlightReader reader(Need::full_flight);
    reader.feed(as_records(tls12_server_hello_message(), 16384));
    const auto filler = as_records(encode_handshake(handshake_type::certificate_request, std::vector<uint8_t>(16000, 1)), 16384);
    State state = State::need_more;
    size_t rounds = 0;
    while (state == State::need_more && rounds++ < 100) state = reader.feed(filler);
    CHECK(state == State::malformed);
    CHECK_THAT(reader.error(), Catch::Contains("exceeds"));
  }
  SECTION("one handshake message announcing 16 MiB") {
    ServerFlightReader reader(Need::full_flight);
    reader.feed(as_records(tls12_server_hello_message(), 16384));
    CHECK(reader.feed(hex("16 03 03 00 04 0b ff ff ff")) == State::malformed);
    CHECK_THAT(reader.error(), Catch::Contains("exceeds"));
  }
}

TEST_CASE("captured_openssl_tls12_ecdhe_flight_is_parsed", "[codec][server_flight][captured]") {
  const auto bytes = hex(kOpenSslTls12EcdheFlight);
  ServerFlightReader reader(Need::full_flight);
  REQUIRE(feed_in_chunks(reader, bytes, 100) == State::complete);
  const ServerHello& sh = *reader.server_hello();
  CHECK(sh.negotiated_version() == wire_version::tls1_2);
  CHECK(sh.cipher_suite == 0xc02f);
  CHECK(sh.downgrade == DowngradeSentinel::tls12);  // OpenSSL 3 supports TLS 1.3
  CHECK(sh.alpn == "http/1.1");
  CHECK(sh.extended_master_secret);
  CHECK(sh.renegotiation_info);
  CHECK(sh.session_ticket);
  CHECK(reader.server_hello_done());
  REQUIRE(reader.certificates().size() == 1);
  const auto& der = reader.certificates()[0];
  const unsigned char* p = der.data();
  X509* cert = d2i_X509(nullptr, &p, static_cast<long>(der.size()));
  REQUIRE(cert != nullptr);
  char cn[64] = {};
  X509_NAME_get_text_by_NID(X509_get_subject_name(cert), NID_commonName, cn, sizeof cn);
  X509_free(cert);
  CHECK(std::string(cn) == "localhost");
  REQUIRE(reader.server_key_exchange().has_value());
  ServerKeyExchange ske;
  std::string why;
  REQUIRE(parse_server_key_exchange(*reader.server_key_exchange(), KeyExchangeKind::ecdhe, ske, why));
  CHECK(ske.named_curve == 0x001d);
}

TEST_CASE("captured_openssl_tls12_dhe_flight_reports_prime_size", "[codec][server_flight][captured]") {
  ServerFlightReader reader(Need::full_flight);
  REQUIRE(reader.feed(hex(kOpenSslTls12DheFlight)) == State::complete);
  CHECK(reader.server_hello()->cipher_suite == 0x009e);
  ServerKeyExchange ske;
  std::string why;
  REQUIRE(parse_server_key_exchange(*reader.server_key_exchange(), KeyExchangeKind::dhe, ske, why));
  CHECK(ske.dh_prime_bits == 2048);
  // OpenSSL's automatic DH parameters are the RFC 3526 §3 2048-bit MODP group:
  // FFFFFFFF FFFFFFFF C90FDAA2 2168C234 ... FFFFFFFF FFFFFFFF.
  REQUIRE(ske.dh_prime.size() == 256);
  CHECK(std::vector<uint8_t>(ske.dh_prime.begin(), ske.dh_prime.begin() + 16) ==
        hex("FFFFFFFF FFFFFFFF C90FDAA2 2168C234"));
  CHECK(ske.dh_prime[255] == 0xff);
}

TEST_CASE("captured_openssl_tls10_flight_has_downgrade_sentinel", "[codec][server_flight][captured]") {
  ServerFlightReader reader(Need::full_flight);
  REQUIRE(reader.feed(hex(kOpenSslTls10EcdheFlight)) == State::complete);
  CHECK(reader.server_hello()->legacy_version == wire_version::tls1_0);
  CHECK(reader.server_hello()->downgrade == DowngradeSentinel::tls11_or_below);
  ServerKeyExchange ske;
  std::string why;
  // TLS 1.0 signature has no SignatureAndHashAlgorithm; only the params are read.
  REQUIRE(parse_server_key_exchange(*reader.server_key_exchange(), KeyExchangeKind::ecdhe, ske, why));
  CHECK(ske.named_curve == 0x001d);
}

TEST_CASE("captured_openssl_tls13_flight_completes_at_server_hello", "[codec][server_flight][captured]") {
  ServerFlightReader reader(Need::full_flight);
  REQUIRE(reader.feed(hex(kOpenSslTls13Flight)) == State::complete);
  CHECK(reader.server_hello()->selected_version == wire_version::tls1_3);
  CHECK(reader.server_hello()->key_share_group == 0x001d);
  CHECK(reader.server_hello()->session_id == std::vector<uint8_t>(32, 0xab));  // echoed compat session id
  CHECK(reader.certificates().empty());
}

TEST_CASE("every_truncation_of_captured_flights_waits_for_more", "[codec][server_flight][captured]") {
  for (const char* flight : {kOpenSslTls12EcdheFlight, kOpenSslTls12DheFlight, kOpenSslTls10EcdheFlight,
                             kOpenSslTls13HrrFlight}) {
    const auto bytes = hex(flight);
    ServerFlightReader whole(Need::full_flight);
    REQUIRE(whole.feed(bytes) == State::complete);
    for (size_t n = 0; n < bytes.size(); ++n) {
      ServerFlightReader reader(Need::full_flight);
      const auto state = reader.feed(std::span<const uint8_t>(bytes).first(n));
      if (state != State::need_more) {
        // Only the HRR flight may complete before its trailing CCS record.
        CHECK(state == State::complete);
        CHECK(reader.server_hello()->is_hello_retry_request);
      }
    }
  }
}

TEST_CASE("random_split_points_of_captured_flight_give_the_same_result", "[codec][server_flight][captured]") {
  const auto bytes = hex(kOpenSslTls12EcdheFlight);
  std::mt19937 rng(7);
  for (int round = 0; round < 50; ++round) {
    ServerFlightReader reader(Need::full_flight);
    size_t at = 0;
    while (at < bytes.size()) {
      const size_t n = std::min<size_t>(1 + rng() % 300, bytes.size() - at);
      reader.feed(std::span<const uint8_t>(bytes).subspan(at, n));
      at += n;
    }
    REQUIRE(reader.state() == State::complete);
    CHECK(reader.certificates().size() == 1);
    CHECK(reader.server_key_exchange().has_value());
  }
}

TEST_CASE("sslv2_record_after_tls_records_is_malformed", "[codec][server_flight]") {
  ServerFlightReader reader(Need::full_flight);
  const auto bytes = concat({as_records(tls12_server_hello_message(), 16384),
                             hex("80 0e 04 00 01 00 02 00 00 00 03 00 00 07 00 c0")});
  CHECK(reader.feed(bytes) == State::malformed);
  CHECK_FALSE(reader.sslv2().has_value());
}

TEST_CASE("certificate_request_is_skipped_and_bytes_after_done_are_ignored", "[codec][server_flight]") {
  auto messages = tls12_flight_messages();
  messages.insert(messages.end() - 1, encode_handshake(handshake_type::certificate_request, hex("01 01 00 00 00 00")));
  auto bytes = as_records(joined(messages), 16384);
  const auto garbage = hex("17 03 03 00 02 aa bb ff ff ff");  // would be malformed if read
  bytes.insert(bytes.end(), garbage.begin(), garbage.end());
  ServerFlightReader reader(Need::full_flight);
  CHECK(reader.feed(bytes) == State::complete);
  check_tls12_flight(reader);
  CHECK(reader.bytes_received() == bytes.size());
}

TEST_CASE("resumed_tls12_session_with_new_session_ticket_completes_at_ccs", "[codec][server_flight]") {
  const auto bytes = concat({as_records(tls12_server_hello_message(), 16384),
                             as_records(encode_handshake(handshake_type::new_session_ticket, hex("00 00 1c 20 00 02 ab cd")),
                                        16384),
                             hex("14 03 03 00 01 01")});
  ServerFlightReader reader(Need::full_flight);
  CHECK(reader.feed(bytes) == State::complete);
  CHECK(reader.certificates().empty());
}

TEST_CASE("change_cipher_spec_inside_a_fragmented_handshake_message_is_malformed", "[codec][server_flight]") {
  const auto message = tls12_server_hello_message();
  const auto bytes = concat({encode_record(ContentType::handshake, 0x0303, std::span<const uint8_t>(message).first(10)),
                             hex("14 03 03 00 01 01")});
  ServerFlightReader reader(Need::server_hello);
  CHECK(reader.feed(bytes) == State::malformed);
}
