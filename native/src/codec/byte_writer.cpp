// Big-endian serialisation with length prefixes patched on close. Misuse (an unknown prefix
// width, closing out of order, a body longer than its prefix allows) is a programmer error and
// throws; nothing here depends on network input.
#include "codec/byte_writer.h"

#include <stdexcept>
#include <string>

namespace tlsready::codec {

void ByteWriter::u8(uint8_t value) { out_.push_back(value); }

void ByteWriter::u16(uint16_t value) {
  out_.push_back(static_cast<uint8_t>(value >> 8));
  out_.push_back(static_cast<uint8_t>(value));
}

void ByteWriter::u24(uint32_t value) {
  if (value > 0xFFFFFFu) throw std::length_error("ByteWriter::u24: value exceeds 24 bits");
  out_.push_back(static_cast<uint8_t>(value >> 16));
  out_.push_back(static_cast<uint8_t>(value >> 8));
  out_.push_back(static_cast<uint8_t>(value));
}

void ByteWriter::u32(uint32_t value) {
  out_.push_back(static_cast<uint8_t>(value >> 24));
  out_.push_back(static_cast<uint8_t>(value >> 16));
  out_.push_back(static_cast<uint8_t>(value >> 8));
  out_.push_back(static_cast<uint8_t>(value));
}

void ByteWriter::bytes(std::span<const uint8_t> data) { out_.insert(out_.end(), data.begin(), data.end()); }

void ByteWriter::text(std::string_view data) {
  for (char c : data) out_.push_back(static_cast<uint8_t>(c));
}

size_t ByteWriter::open_vector(int prefix_bytes) {
  if (prefix_bytes < 1 || prefix_bytes > 3) {
    throw std::invalid_argument("ByteWriter::open_vector: prefix width must be 1, 2 or 3, got " +
                                std::to_string(prefix_bytes));
  }
  open_.emplace_back(out_.size(), prefix_bytes);
  out_.insert(out_.end(), static_cast<size_t>(prefix_bytes), uint8_t{0});
  return open_.size() - 1;
}

void ByteWriter::close_vector(size_t token) {
  if (open_.empty() || token != open_.size() - 1) {
    throw std::logic_error("ByteWriter::close_vector: vectors must be closed innermost first");
  }
  const auto [offset, width] = open_.back();
  const size_t body = out_.size() - offset - static_cast<size_t>(width);
  const size_t max = (size_t{1} << (8 * width)) - 1;
  if (body > max) {
    throw std::length_error("ByteWriter::close_vector: body of " + std::to_string(body) +
                            " bytes exceeds a " + std::to_string(width) + "-byte length prefix");
  }
  for (int i = 0; i < width; ++i) {
    const int shift = 8 * (width - 1 - i);
    out_[offset + static_cast<size_t>(i)] = static_cast<uint8_t>(body >> shift);
  }
  open_.pop_back();
}

}  // namespace tlsready::codec
