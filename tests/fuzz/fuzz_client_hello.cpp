// Fuzzes the ClientHello parser (codec/client_hello_parser.h) with arbitrary bytes as a client's first
// flight: it never reads out of bounds, a complete hello says how many bytes it used and parses the
// same from exactly those bytes, a failure always says why, and a TLS-record hello re-framed into
// small records parses to the same lists (fragmentation changes nothing but the framing).
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "codec/client_hello_parser.h"
#include "codec/record.h"
#include "fuzz_check.h"

#ifdef TLSREADY_FUZZ_REPLAY
#define TLSREADY_FUZZ_ENTRY tlsready_fuzz_client_hello
#else
#define TLSREADY_FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

namespace codec = tlsready::codec;

extern "C" int TLSREADY_FUZZ_ENTRY(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> bytes(data, size);
  codec::ClientHelloInfo hello;
  std::size_t consumed = 0;
  std::string why;
  const codec::ClientHelloStatus status = codec::parse_client_hello_stream(bytes, hello, consumed, why);
  if (status == codec::ClientHelloStatus::not_tls || status == codec::ClientHelloStatus::malformed) {
    TLSREADY_FUZZ_CHECK(!why.empty());
  }
  // The body parser on its own, from any offset.
  codec::ClientHelloInfo body;
  std::string body_why;
  if (!codec::parse_client_hello_body(bytes, body, body_why)) TLSREADY_FUZZ_CHECK(!body_why.empty());
  if (size > 9) (void)codec::parse_client_hello_body(bytes.subspan(9), body, body_why);

  if (status != codec::ClientHelloStatus::complete) return 0;
  TLSREADY_FUZZ_CHECK(consumed > 0 && consumed <= size);
  TLSREADY_FUZZ_CHECK(hello.hello_bytes == consumed);
  TLSREADY_FUZZ_CHECK(hello.message_bytes <= consumed);
  TLSREADY_FUZZ_CHECK(!hello.offered_versions().empty());
  (void)hello.max_version();

  codec::ClientHelloInfo again;
  std::size_t again_consumed = 0;
  TLSREADY_FUZZ_CHECK(codec::parse_client_hello_stream(bytes.first(consumed), again, again_consumed, why) ==
                      codec::ClientHelloStatus::complete);
  TLSREADY_FUZZ_CHECK(again.cipher_suites == hello.cipher_suites && again.extensions == hello.extensions);
  // Every shorter prefix is incomplete (checked at a few cut points).
  for (std::size_t cut : {consumed / 2, consumed - 1}) {
    codec::ClientHelloInfo partial;
    std::size_t partial_consumed = 0;
    TLSREADY_FUZZ_CHECK(codec::parse_client_hello_stream(bytes.first(cut), partial, partial_consumed, why) ==
                        codec::ClientHelloStatus::need_more);
  }

  if (hello.sslv2_format) return 0;
  // Re-frame the handshake message into 16-byte records.
  std::vector<uint8_t> message;
  std::size_t at = 0;
  while (at + 5 <= consumed) {
    const std::size_t length = (static_cast<std::size_t>(data[at + 3]) << 8) | data[at + 4];
    message.insert(message.end(), data + at + 5, data + at + 5 + length);
    at += 5 + length;
  }
  std::vector<uint8_t> reframed;
  for (std::size_t i = 0; i < message.size(); i += 16) {
    const std::size_t n = std::min<std::size_t>(16, message.size() - i);
    const std::vector<uint8_t> record =
        codec::encode_record(codec::ContentType::handshake, 0x0301, std::span<const uint8_t>(message).subspan(i, n));
    reframed.insert(reframed.end(), record.begin(), record.end());
  }
  codec::ClientHelloInfo split;
  std::size_t split_consumed = 0;
  TLSREADY_FUZZ_CHECK(codec::parse_client_hello_stream(reframed, split, split_consumed, why) ==
                      codec::ClientHelloStatus::complete);
  TLSREADY_FUZZ_CHECK(split_consumed == reframed.size());
  TLSREADY_FUZZ_CHECK(split.cipher_suites == hello.cipher_suites && split.extensions == hello.extensions &&
                      split.supported_groups == hello.supported_groups && split.alpn == hello.alpn &&
                      split.server_name == hello.server_name && split.message_bytes == hello.message_bytes);
  return 0;
}
