// Test-only helpers for the codec tests: hex decoding, a minimal independent ClientHello parser
// (so built hellos can be round-tripped without trusting the builder), and hand-built server
// messages.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "codec/byte_writer.h"
#include "codec/record.h"

namespace tlsready::codec::test {

// Decodes hex digits, skipping anything else (spaces, newlines), as RFCs print vectors.
inline std::vector<uint8_t> hex(std::string_view text) {
  std::vector<uint8_t> out;
  int high = -1;
  for (char c : text) {
    int v = -1;
    if (c >= '0' && c <= '9') v = c - '0';
    if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    if (v < 0) continue;
    if (high < 0) {
      high = v;
    } else {
      out.push_back(static_cast<uint8_t>(high * 16 + v));
      high = -1;
    }
  }
  return out;
}

inline std::vector<uint8_t> concat(std::initializer_list<std::vector<uint8_t>> parts) {
  std::vector<uint8_t> out;
  for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
  return out;
}

// A ClientHello as read back by the independent parser below.
struct ParsedClientHello {
  uint16_t client_version = 0;
  std::array<uint8_t, 32> random{};
  std::vector<uint8_t> session_id;
  std::vector<uint16_t> cipher_suites;
  std::vector<uint8_t> compression_methods;
  bool has_extensions_block = false;
  std::vector<std::pair<uint16_t, std::vector<uint8_t>>> extensions;
  size_t message_length = 0;  // handshake message incl. its 4-byte header

  const std::vector<uint8_t>* extension(uint16_t type) const {
    for (const auto& e : extensions) {
      if (e.first == type) return &e.second;
    }
    return nullptr;
  }
  std::vector<uint16_t> extension_types() const {
    std::vector<uint16_t> out;
    for (const auto& e : extensions) out.push_back(e.first);
    return out;
  }
};

// Straight-line parser with its own bounds checks (deliberately not ByteReader).
inline std::optional<ParsedClientHello> parse_client_hello_message(std::span<const uint8_t> m) {
  size_t at = 0;
  auto need = [&](size_t n) { return m.size() - at >= n; };
  auto u8 = [&] { return m[at++]; };
  auto u16 = [&] {
    const auto v = static_cast<uint16_t>((m[at] << 8) | m[at + 1]);
    at += 2;
    return v;
  };
  ParsedClientHello ch;
  if (!need(4) || m[0] != 1) return std::nullopt;
  const size_t length = (size_t{m[1]} << 16) | (size_t{m[2]} << 8) | m[3];
  at = 4;
  if (m.size() != 4 + length) return std::nullopt;
  ch.message_length = m.size();
  if (!need(2 + 32 + 1)) return std::nullopt;
  ch.client_version = u16();
  for (auto& b : ch.random) b = u8();
  const size_t sid = u8();
  if (!need(sid)) return std::nullopt;
  ch.session_id.assign(m.begin() + static_cast<std::ptrdiff_t>(at), m.begin() + static_cast<std::ptrdiff_t>(at + sid));
  at += sid;
  if (!need(2)) return std::nullopt;
  const size_t suites = u16();
  if (suites % 2 != 0 || !need(suites)) return std::nullopt;
  for (size_t i = 0; i < suites / 2; ++i) ch.cipher_suites.push_back(u16());
  if (!need(1)) return std::nullopt;
  const size_t comp = u8();
  if (!need(comp)) return std::nullopt;
  for (size_t i = 0; i < comp; ++i) ch.compression_methods.push_back(u8());
  if (at == m.size()) return ch;
  ch.has_extensions_block = true;
  if (!need(2)) return std::nullopt;
  const size_t block = u16();
  if (m.size() - at != block) return std::nullopt;
  while (at < m.size()) {
    if (!need(4)) return std::nullopt;
    const uint16_t type = u16();
    const size_t len = u16();
    if (!need(len)) return std::nullopt;
    ch.extensions.emplace_back(type, std::vector<uint8_t>(m.begin() + static_cast<std::ptrdiff_t>(at),
                                                          m.begin() + static_cast<std::ptrdiff_t>(at + len)));
    at += len;
  }
  return ch;
}

// Parses a full ClientHello record stream (one or more handshake records).
inline std::optional<ParsedClientHello> parse_client_hello_records(std::span<const uint8_t> bytes,
                                                                   uint16_t* record_version = nullptr) {
  std::vector<uint8_t> message;
  size_t at = 0;
  while (at < bytes.size()) {
    if (bytes.size() - at < 5 || bytes[at] != 22) return std::nullopt;
    if (record_version) *record_version = static_cast<uint16_t>((bytes[at + 1] << 8) | bytes[at + 2]);
    const size_t len = (size_t{bytes[at + 3]} << 8) | bytes[at + 4];
    if (bytes.size() - at - 5 < len) return std::nullopt;
    message.insert(message.end(), bytes.begin() + static_cast<std::ptrdiff_t>(at + 5),
                   bytes.begin() + static_cast<std::ptrdiff_t>(at + 5 + len));
    at += 5 + len;
  }
  return parse_client_hello_message(message);
}

struct TestExtension {
  uint16_t type;
  std::vector<uint8_t> data;
};

// ServerHello body (without the handshake header).
inline std::vector<uint8_t> server_hello_body(uint16_t version, const std::array<uint8_t, 32>& random,
                                              uint16_t suite, const std::vector<TestExtension>& extensions,
                                              bool with_extensions_block = true,
                                              std::vector<uint8_t> session_id = {}) {
  ByteWriter w;
  w.u16(version);
  w.bytes(random);
  const size_t sid = w.open_vector(1);
  w.bytes(session_id);
  w.close_vector(sid);
  w.u16(suite);
  w.u8(0);
  if (with_extensions_block) {
    const size_t block = w.open_vector(2);
    for (const auto& e : extensions) {
      w.u16(e.type);
      const size_t d = w.open_vector(2);
      w.bytes(e.data);
      w.close_vector(d);
    }
    w.close_vector(block);
  }
  return w.take();
}

inline std::array<uint8_t, 32> filled_random(uint8_t value) {
  std::array<uint8_t, 32> r{};
  r.fill(value);
  return r;
}

inline std::vector<uint8_t> handshake_record(uint8_t type, const std::vector<uint8_t>& body,
                                             uint16_t version = 0x0303) {
  return encode_record(ContentType::handshake, version, encode_handshake(type, body));
}

// Certificate message body (RFC 5246 §7.4.2) holding `certs`.
inline std::vector<uint8_t> certificate_body(const std::vector<std::vector<uint8_t>>& certs) {
  ByteWriter w;
  const size_t list = w.open_vector(3);
  for (const auto& c : certs) {
    const size_t one = w.open_vector(3);
    w.bytes(c);
    w.close_vector(one);
  }
  w.close_vector(list);
  return w.take();
}

}  // namespace tlsready::codec::test
