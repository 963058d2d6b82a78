// Bounds-checked reader: the only way the codec reads network or file bytes.
// Every read checks the length first; a failed read leaves the reader untouched
// (the pattern of OpenSSL's PACKET API). Not thread-safe; cheap to copy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace tlsready::codec {

class ByteReader {
 public:
  ByteReader() = default;
  explicit ByteReader(std::span<const uint8_t> bytes) : bytes_(bytes) {}

  size_t remaining() const { return bytes_.size(); }
  bool empty() const { return bytes_.empty(); }
  std::span<const uint8_t> rest() const { return bytes_; }

  bool read_u8(uint8_t& out);
  bool read_u16(uint16_t& out);
  bool read_u24(uint32_t& out);
  bool read_u32(uint32_t& out);
  bool read_bytes(size_t count, std::span<const uint8_t>& out);
  bool skip(size_t count);
  // Length-prefixed vectors (RFC 8446 §3.4): reads the length, then hands out exactly that
  // many bytes as a sub-reader. Fails (untouched) if the prefix exceeds what remains.
  bool read_vector8(ByteReader& out);
  bool read_vector16(ByteReader& out);
  bool read_vector24(ByteReader& out);

 private:
  std::span<const uint8_t> bytes_;
};

}  // namespace tlsready::codec
