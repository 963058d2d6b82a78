// TLS record layer framing (RFC 8446 §5.1, RFC 5246 §6.2.1): bytes in, records out. No I/O.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "codec/constants.h"

namespace tlsready::codec {

struct Record {
  ContentType type = ContentType::handshake;
  uint16_t version = 0;
  std::vector<uint8_t> fragment;
};

// Frames one plaintext record. Splits nothing: callers keep fragments <= 2^14 bytes.
std::vector<uint8_t> encode_record(ContentType type, uint16_t version, std::span<const uint8_t> fragment);
// Frames one handshake message (type, uint24 length, body).
std::vector<uint8_t> encode_handshake(uint8_t handshake_type, std::span<const uint8_t> body);

// Incremental record parser. Feed it whatever arrived; pull complete records.
// Classifies non-TLS input early (first bytes that cannot start a TLS record:
// unknown content type, major version != 3, length > 2^14 + 2048), so a plain HTTP or
// garbage answer becomes `not_tls` as soon as 5 bytes are in.
// An SSLv2 server hello (RFC 6101 App. E / draft-hickman: high bit set, msg type 4) is reported
// as `sslv2_server_hello` with its bytes left in place for parse_sslv2_server_hello; the reader
// reports it once the whole SSLv2 record (2-byte header + length) is buffered.
class RecordReader {
 public:
  enum class Status { need_more, record, not_tls, sslv2_server_hello };

  void feed(std::span<const uint8_t> bytes);
  // On `record`, `out` holds the record. On `not_tls`, `why` says what was wrong, naming the bytes.
  Status next(Record& out, std::string& why);
  size_t buffered() const { return buffer_.size() - consumed_; }
  std::span<const uint8_t> buffered_bytes() const;

 private:
  std::vector<uint8_t> buffer_;
  size_t consumed_ = 0;
};

}  // namespace tlsready::codec
