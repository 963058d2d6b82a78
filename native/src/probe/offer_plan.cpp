#include "probe/offer_plan.h"

#include "codec/client_hello.h"

namespace tlsready::probe {
namespace {

// RFC 8446 §6 / RFC 5246 §7.2 alert descriptions.
constexpr uint8_t kUnexpectedMessage = 10;
constexpr uint8_t kRecordOverflow = 22;
constexpr uint8_t kHandshakeFailure = 40;
constexpr uint8_t kIllegalParameter = 47;
constexpr uint8_t kDecodeError = 50;
constexpr uint8_t kProtocolVersion = 70;
constexpr uint8_t kInternalError = 80;
constexpr uint8_t kUnsupportedExtension = 110;

}  // namespace

std::vector<std::vector<uint16_t>> split_into_chunks(const std::vector<uint16_t>& suites, size_t max_per_chunk) {
  std::vector<std::vector<uint16_t>> chunks;
  if (suites.empty() || max_per_chunk == 0) return chunks;
  const size_t count = (suites.size() + max_per_chunk - 1) / max_per_chunk;
  const size_t base = suites.size() / count, extra = suites.size() % count;
  size_t at = 0;
  for (size_t i = 0; i < count; ++i) {
    const size_t size = base + (i < extra ? 1 : 0);
    chunks.emplace_back(suites.begin() + static_cast<std::ptrdiff_t>(at),
                        suites.begin() + static_cast<std::ptrdiff_t>(at + size));
    at += size;
  }
  return chunks;
}

size_t suites_fitting(uint16_t version, const std::string& sni, HelloShape shape,
                      const std::vector<uint16_t>& suites, size_t max_bytes) {
  // Each suite costs two bytes (RFC 5246 §7.4.1.2), so the size is linear in the count.
  auto size_with = [&](size_t n) {
    std::vector<uint16_t> head(suites.begin(), suites.begin() + static_cast<std::ptrdiff_t>(n));
    return codec::build_client_hello(hello_for_version(version, head, sni, {}, shape)).size();
  };
  if (suites.empty()) return 1;
  const size_t one = size_with(1);
  if (one >= max_bytes) return 1;
  return std::min(suites.size(), 1 + (max_bytes - one) / 2);
}

Refusal read_refusal(const HelloAttempt& attempt) {
  switch (attempt.outcome) {
    case HelloAttempt::Outcome::server_hello: return Refusal::not_refused;
    case HelloAttempt::Outcome::sslv2_server_hello: return Refusal::of_the_version;
    case HelloAttempt::Outcome::alert: {
      if (!attempt.alert) return Refusal::maybe_shape;
      switch (attempt.alert->description) {
        case kProtocolVersion: return Refusal::of_the_version;
        case kUnexpectedMessage:
        case kRecordOverflow:
        case kIllegalParameter:
        case kDecodeError:
        case kInternalError:
        case kUnsupportedExtension: return Refusal::maybe_shape;
        case kHandshakeFailure:
        default: return Refusal::of_the_offer;
      }
    }
    case HelloAttempt::Outcome::failure:
      if (!attempt.failure) return Refusal::maybe_shape;
      switch (attempt.failure->kind) {
        case FailureKind::connection_closed:
        case FailureKind::connection_reset: return Refusal::maybe_shape;
        // Silence may be a middlebox dropping a hello it dislikes; a server that started to
        // answer and then stalled (a tarpit) would stall a smaller hello just the same.
        case FailureKind::timeout: return attempt.answer_bytes == 0 ? Refusal::maybe_shape : Refusal::final;
        default: return Refusal::final;
      }
  }
  return Refusal::final;
}

}  // namespace tlsready::probe
