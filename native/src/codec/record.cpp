// Record framing (RFC 8446 §5.1, RFC 5246 §6.2.1) and early classification of input that is
// not TLS at all: HTTP answers, banners of other protocols, SSLv2 records (draft-hickman §2.2).
#include "codec/record.h"

#include <algorithm>
#include <string_view>

#include "codec/byte_writer.h"
#include "common/hex.h"

namespace tlsready::codec {

namespace {

constexpr size_t kRecordHeader = 5;
// RFC 5246 §6.2.3: TLSCiphertext.length MUST NOT exceed 2^14 + 2048.
constexpr size_t kMaxRecordLength = 16384 + 2048;
// Smallest SSLv2 SERVER-HELLO body: 11 bytes of fixed fields (draft-hickman §2.6).
constexpr size_t kSslv2ServerHelloFixed = 11;
constexpr size_t kQuotedBytes = 16;
constexpr std::string_view kHttpPrefix = "HTTP/";

bool is_prefix_of_http(std::span<const uint8_t> data) {
  const size_t n = std::min(data.size(), kHttpPrefix.size());
  for (size_t i = 0; i < n; ++i) {
    if (data[i] != static_cast<uint8_t>(kHttpPrefix[i])) return false;
  }
  return true;
}

std::string hex_quote(std::span<const uint8_t> data) {
  const size_t n = std::min(data.size(), kQuotedBytes);
  std::string out = hex::bytes(data.first(n), hex::Case::lower, " ");
  if (data.size() > n) out += " ...";
  return out;
}

// "first bytes 48 54 ... (looks like HTTP: "HTTP/1.1 400 Bad Request")".
std::string describe_bytes(std::span<const uint8_t> data) {
  std::string out = "first bytes " + hex_quote(data);
  if (data.size() >= kHttpPrefix.size() && is_prefix_of_http(data)) {
    std::string line;
    for (size_t i = 0; i < data.size() && i < 60; ++i) {
      const uint8_t c = data[i];
      if (c == '\r' || c == '\n') break;
      line += (c >= 0x20 && c < 0x7f) ? static_cast<char>(c) : '?';
    }
    out += " (looks like HTTP: \"" + line + "\")";
  }
  return out;
}

std::string byte_hex(uint8_t value) { return hex::code8(value); }

}  // namespace

std::vector<uint8_t> encode_record(ContentType type, uint16_t version, std::span<const uint8_t> fragment) {
  ByteWriter w;
  w.u8(static_cast<uint8_t>(type));
  w.u16(version);
  const size_t body = w.open_vector(2);
  w.bytes(fragment);
  w.close_vector(body);
  return w.take();
}

std::vector<uint8_t> encode_handshake(uint8_t handshake_type, std::span<const uint8_t> body) {
  ByteWriter w;
  w.u8(handshake_type);
  const size_t message = w.open_vector(3);
  w.bytes(body);
  w.close_vector(message);
  return w.take();
}

void RecordReader::feed(std::span<const uint8_t> bytes) {
  // Drop consumed bytes once they are at least half the buffer: amortised O(1) per byte.
  if (consumed_ != 0 && consumed_ * 2 >= buffer_.size()) {
    buffer_.erase(buffer_.begin(), buffer_.begin() + static_cast<std::ptrdiff_t>(consumed_));
    consumed_ = 0;
  }
  buffer_.insert(buffer_.end(), bytes.begin(), bytes.end());
}

std::span<const uint8_t> RecordReader::buffered_bytes() const {
  return std::span<const uint8_t>(buffer_).subspan(consumed_);
}

RecordReader::Status RecordReader::next(Record& out, std::string& why) {
  const std::span<const uint8_t> data = buffered_bytes();
  if (data.empty()) return Status::need_more;

  const uint8_t first = data[0];
  if ((first & 0x80) != 0) {
    // SSLv2 record with a 2-byte header: 15-bit length, then the message type.
    if (data.size() < 3) return Status::need_more;
    const size_t length = (static_cast<size_t>(first & 0x7f) << 8) | data[1];
    if (data[2] != 4) {
      why = "not a TLS record: SSLv2-style header with message type " + byte_hex(data[2]) +
            " (not SERVER-HELLO); " + describe_bytes(data);
      return Status::not_tls;
    }
    if (length < kSslv2ServerHelloFixed) {
      why = "not a TLS record: SSLv2 SERVER-HELLO header announces only " + std::to_string(length) +
            " bytes; " + describe_bytes(data);
      return Status::not_tls;
    }
    if (data.size() < 2 + length) return Status::need_more;
    return Status::sslv2_server_hello;
  }

  if (first < static_cast<uint8_t>(ContentType::change_cipher_spec) ||
      first > static_cast<uint8_t>(ContentType::application_data)) {
    // Wait for "HTTP/" to be complete so the message can say it looks like HTTP.
    if (data.size() < kHttpPrefix.size() && is_prefix_of_http(data)) return Status::need_more;
    why = "not a TLS record: unknown content type " + byte_hex(first) + "; " + describe_bytes(data);
    return Status::not_tls;
  }
  if (data.size() < 2) return Status::need_more;
  if (data[1] != 3) {
    why = "not a TLS record: record version major " + byte_hex(data[1]) + " is not 3; " + describe_bytes(data);
    return Status::not_tls;
  }
  if (data.size() < kRecordHeader) return Status::need_more;
  const size_t length = (static_cast<size_t>(data[3]) << 8) | data[4];
  if (length > kMaxRecordLength) {
    why = "not a TLS record: record length " + std::to_string(length) + " exceeds " +
          std::to_string(kMaxRecordLength) + "; " + describe_bytes(data);
    return Status::not_tls;
  }
  if (data.size() < kRecordHeader + length) return Status::need_more;

  out.type = static_cast<ContentType>(first);
  out.version = static_cast<uint16_t>((data[1] << 8) | data[2]);
  const auto fragment = data.subspan(kRecordHeader, length);
  out.fragment.assign(fragment.begin(), fragment.end());
  consumed_ += kRecordHeader + length;
  return Status::record;
}

}  // namespace tlsready::codec
