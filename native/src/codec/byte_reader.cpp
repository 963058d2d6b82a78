// Bounds-checked reads: every accessor checks the length before touching a byte and leaves the
// reader unchanged on failure.
#include "codec/byte_reader.h"

namespace tlsready::codec {

namespace {

// Reads a big-endian unsigned integer of `width` bytes (1..4) without consuming.
bool peek_be(std::span<const uint8_t> bytes, size_t width, uint32_t& out) {
  if (bytes.size() < width) return false;
  uint32_t value = 0;
  for (size_t i = 0; i < width; ++i) value = (value << 8) | bytes[i];
  out = value;
  return true;
}

}  // namespace

bool ByteReader::read_u8(uint8_t& out) {
  if (bytes_.empty()) return false;
  out = bytes_[0];
  bytes_ = bytes_.subspan(1);
  return true;
}

bool ByteReader::read_u16(uint16_t& out) {
  uint32_t value = 0;
  if (!peek_be(bytes_, 2, value)) return false;
  out = static_cast<uint16_t>(value);
  bytes_ = bytes_.subspan(2);
  return true;
}

bool ByteReader::read_u24(uint32_t& out) {
  if (!peek_be(bytes_, 3, out)) return false;
  bytes_ = bytes_.subspan(3);
  return true;
}

bool ByteReader::read_u32(uint32_t& out) {
  if (!peek_be(bytes_, 4, out)) return false;
  bytes_ = bytes_.subspan(4);
  return true;
}

bool ByteReader::read_bytes(size_t count, std::span<const uint8_t>& out) {
  if (bytes_.size() < count) return false;
  out = bytes_.first(count);
  bytes_ = bytes_.subspan(count);
  return true;
}

bool ByteReader::skip(size_t count) {
  if (bytes_.size() < count) return false;
  bytes_ = bytes_.subspan(count);
  return true;
}

namespace {

bool read_vector(std::span<const uint8_t>& bytes, size_t prefix, ByteReader& out) {
  uint32_t length = 0;
  if (!peek_be(bytes, prefix, length)) return false;
  if (bytes.size() - prefix < length) return false;
  out = ByteReader(bytes.subspan(prefix, length));
  bytes = bytes.subspan(prefix + length);
  return true;
}

}  // namespace

bool ByteReader::read_vector8(ByteReader& out) { return read_vector(bytes_, 1, out); }
bool ByteReader::read_vector16(ByteReader& out) { return read_vector(bytes_, 2, out); }
bool ByteReader::read_vector24(ByteReader& out) { return read_vector(bytes_, 3, out); }

}  // namespace tlsready::codec
