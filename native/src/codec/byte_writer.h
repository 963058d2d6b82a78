// Appends big-endian integers and length-prefixed vectors; prefixes are patched when a
// vector is closed, so callers never compute lengths by hand.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace tlsready::codec {

class ByteWriter {
 public:
  void u8(uint8_t value);
  void u16(uint16_t value);
  void u24(uint32_t value);
  void u32(uint32_t value);
  void bytes(std::span<const uint8_t> data);
  void text(std::string_view data);

  // Opens a vector whose length prefix is `prefix_bytes` (1, 2 or 3) wide; returns a token
  // for close_vector. Vectors nest. Throws std::length_error if the body exceeds the prefix.
  size_t open_vector(int prefix_bytes);
  void close_vector(size_t token);

  const std::vector<uint8_t>& data() const { return out_; }
  std::vector<uint8_t> take() { return std::move(out_); }

 private:
  std::vector<uint8_t> out_;
  std::vector<std::pair<size_t, int>> open_;  // (offset of prefix, width)
};

}  // namespace tlsready::codec
