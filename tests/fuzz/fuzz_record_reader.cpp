// Fuzzes RecordReader framing and, through it, every message parser. Checks that records come
// out the same whatever the read sizes, that an SSLv2 verdict leaves a whole record in place,
// and that every parser rejects or accepts without touching memory it should not.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "codec/record.h"
#include "codec/server_messages.h"
#include "fuzz_check.h"

#ifdef TLSREADY_FUZZ_REPLAY
#define TLSREADY_FUZZ_ENTRY tlsready_fuzz_record_reader
#else
#define TLSREADY_FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

namespace codec = tlsready::codec;
using codec::Record;
using codec::RecordReader;

namespace {

struct Outcome {
  std::vector<Record> records;
  RecordReader::Status last = RecordReader::Status::need_more;
  size_t buffered = 0;
};

// Pulls records until the reader stops returning them.
void drain(RecordReader& reader, Outcome& outcome) {
  Record record;
  std::string why;
  while (true) {
    const auto status = reader.next(record, why);
    outcome.last = status;
    if (status != RecordReader::Status::record) {
      if (status == RecordReader::Status::not_tls) TLSREADY_FUZZ_CHECK(!why.empty());
      if (status == RecordReader::Status::sslv2_server_hello) {
        const auto rest = reader.buffered_bytes();
        TLSREADY_FUZZ_CHECK(rest.size() >= 3 && (rest[0] & 0x80) != 0 && rest[2] == 4);
        codec::SslV2ServerHello hello;
        codec::parse_sslv2_server_hello(rest.first(2 + (((rest[0] & 0x7fu) << 8) | rest[1])), hello, why);
      }
      break;
    }
    TLSREADY_FUZZ_CHECK(record.fragment.size() <= 16384 + 2048);
    outcome.records.push_back(record);
  }
  outcome.buffered = reader.buffered();
}

// Runs a record's fragment through every parser that could meet it.
void parse_everything(const Record& record) {
  std::string why;
  const std::span<const uint8_t> fragment(record.fragment);
  codec::Alert alert;
  codec::parse_alert(fragment, alert, why);
  if (fragment.size() < 4) return;
  const auto body = fragment.subspan(4);
  codec::ServerHello hello;
  if (codec::parse_server_hello(body, hello, why)) {
    TLSREADY_FUZZ_CHECK(hello.session_id.size() <= 32);
    if (hello.is_hello_retry_request) TLSREADY_FUZZ_CHECK(hello.downgrade == codec::DowngradeSentinel::none);
  }
  std::vector<std::vector<uint8_t>> certificates;
  codec::parse_certificate_list(body, certificates, why);
  for (const auto& c : certificates) TLSREADY_FUZZ_CHECK(!c.empty());
  codec::ServerKeyExchange ske;
  codec::parse_server_key_exchange(body, codec::KeyExchangeKind::ecdhe, ske, why);
  codec::parse_server_key_exchange(body, codec::KeyExchangeKind::dhe, ske, why);
  std::vector<uint8_t> ocsp;
  codec::parse_certificate_status(body, ocsp, why);
}

}  // namespace

extern "C" int TLSREADY_FUZZ_ENTRY(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> bytes(data, size);

  RecordReader whole_reader;
  Outcome whole;
  whole_reader.feed(bytes);
  drain(whole_reader, whole);

  // Byte by byte, draining after every byte.
  RecordReader byte_reader;
  Outcome bytewise;
  for (size_t i = 0; i < size && bytewise.last != RecordReader::Status::not_tls &&
                     bytewise.last != RecordReader::Status::sslv2_server_hello;
       ++i) {
    byte_reader.feed(bytes.subspan(i, 1));
    drain(byte_reader, bytewise);
  }

  TLSREADY_FUZZ_CHECK(whole.last == bytewise.last);
  TLSREADY_FUZZ_CHECK(whole.records.size() == bytewise.records.size());
  for (size_t i = 0; i < whole.records.size(); ++i) {
    TLSREADY_FUZZ_CHECK(whole.records[i].type == bytewise.records[i].type);
    TLSREADY_FUZZ_CHECK(whole.records[i].version == bytewise.records[i].version);
    TLSREADY_FUZZ_CHECK(whole.records[i].fragment == bytewise.records[i].fragment);
  }
  if (whole.last == RecordReader::Status::need_more) TLSREADY_FUZZ_CHECK(whole.buffered == bytewise.buffered);

  for (const auto& record : whole.records) parse_everything(record);

  // Round trip: re-encoding the records reproduces the consumed bytes.
  std::vector<uint8_t> reencoded;
  for (const auto& record : whole.records) {
    const auto framed = codec::encode_record(record.type, record.version, record.fragment);
    reencoded.insert(reencoded.end(), framed.begin(), framed.end());
  }
  TLSREADY_FUZZ_CHECK(reencoded.size() <= size);
  TLSREADY_FUZZ_CHECK(std::equal(reencoded.begin(), reencoded.end(), bytes.begin()));
  return 0;
}
