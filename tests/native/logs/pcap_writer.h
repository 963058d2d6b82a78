// Test-only: writes pcap and pcapng files of TCP conversations, so the pcap reader is tested on
// captures made here (tcpdump is not installed on the test machines): real ClientHellos recorded
// from openssl/gnutls on loopback, framed by this writer as Ethernet, Linux cooked (SLL, SLL2), raw
// IP or BSD loopback packets over IPv4 or IPv6, in either byte order. Checksums are left zero
// (readers of captures do not check them; offloading NICs write captures like that too).
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace tlsready::test {

enum class LinkType : uint32_t { null = 0, ethernet = 1, raw = 101, linux_sll = 113, linux_sll2 = 276 };
enum class FileFormat { pcap_le, pcap_be, pcap_ns_le, pcapng_le, pcapng_be, pcapng_simple };

struct PacketSpec {
  bool from_client = true;
  uint8_t flags = 0x18;     // PSH|ACK
  uint32_t seq_offset = 0;  // from the direction's initial sequence number + 1
  std::vector<uint8_t> data;
  uint32_t seconds = 0;
};

struct Conversation {
  bool ipv6 = false;
  std::array<uint8_t, 16> client{};
  std::array<uint8_t, 16> server{};
  uint16_t client_port = 50123;
  uint16_t server_port = 443;
  uint32_t client_isn = 0x10000000;
  uint32_t server_isn = 0xF0000000;  // wraps: exercises sequence arithmetic
  std::vector<PacketSpec> packets;
};

class ByteSink {
 public:
  explicit ByteSink(bool little) : little_(little) {}
  void u8(uint8_t v) { out.push_back(v); }
  void u16(uint16_t v) {
    if (little_) {
      out.push_back(static_cast<uint8_t>(v));
      out.push_back(static_cast<uint8_t>(v >> 8));
    } else {
      out.push_back(static_cast<uint8_t>(v >> 8));
      out.push_back(static_cast<uint8_t>(v));
    }
  }
  void u32(uint32_t v) {
    if (little_) {
      u16(static_cast<uint16_t>(v));
      u16(static_cast<uint16_t>(v >> 16));
    } else {
      u16(static_cast<uint16_t>(v >> 16));
      u16(static_cast<uint16_t>(v));
    }
  }
  void bytes(const std::vector<uint8_t>& data) { out.insert(out.end(), data.begin(), data.end()); }
  std::vector<uint8_t> out;

 private:
  bool little_;
};

inline std::array<uint8_t, 16> ipv4(uint8_t a, uint8_t b, uint8_t c, uint8_t d) { return {a, b, c, d}; }

// 2001:db8::<last> (RFC 3849 documentation prefix).
inline std::array<uint8_t, 16> ipv6_documentation(uint8_t last) {
  std::array<uint8_t, 16> out{};
  out[0] = 0x20;
  out[1] = 0x01;
  out[2] = 0x0d;
  out[3] = 0xb8;
  out[15] = last;
  return out;
}

// IP + TCP bytes of one segment (network byte order).
inline std::vector<uint8_t> ip_packet(const Conversation& c, const PacketSpec& p) {
  ByteSink tcp(false);
  const bool client = p.from_client;
  tcp.u16(client ? c.client_port : c.server_port);
  tcp.u16(client ? c.server_port : c.client_port);
  const uint32_t isn = client ? c.client_isn : c.server_isn;
  const bool syn = (p.flags & 0x02) != 0;
  tcp.u32(syn ? isn : isn + 1 + p.seq_offset);
  tcp.u32((p.flags & 0x10) != 0 ? (client ? c.server_isn + 1 : c.client_isn + 1) : 0);
  tcp.u8(0x50);  // data offset 5 words
  tcp.u8(p.flags);
  tcp.u16(65535);
  tcp.u16(0);
  tcp.u16(0);
  tcp.bytes(p.data);
  ByteSink ip(false);
  const auto& src = client ? c.client : c.server;
  const auto& dst = client ? c.server : c.client;
  if (!c.ipv6) {
    ip.u8(0x45);
    ip.u8(0);
    ip.u16(static_cast<uint16_t>(20 + tcp.out.size()));
    ip.u16(1);
    ip.u16(0x4000);  // DF
    ip.u8(64);
    ip.u8(6);
    ip.u16(0);
    for (int i = 0; i < 4; ++i) ip.u8(src[static_cast<std::size_t>(i)]);
    for (int i = 0; i < 4; ++i) ip.u8(dst[static_cast<std::size_t>(i)]);
  } else {
    ip.u32(0x60000000);
    // A hop-by-hop options header (8 bytes of padding options) in front of TCP: walked by the reader.
    ip.u16(static_cast<uint16_t>(8 + tcp.out.size()));
    ip.u8(0);  // next header: hop-by-hop
    ip.u8(64);
    for (uint8_t b : src) ip.u8(b);
    for (uint8_t b : dst) ip.u8(b);
    ip.u8(6);                      // then TCP
    ip.u8(0);                      // 8 bytes in all
    ip.bytes({1, 4, 0, 0, 0, 0});  // PadN
  }
  ip.bytes(tcp.out);
  return ip.out;
}

inline std::vector<uint8_t> link_frame(LinkType link, bool ipv6, bool little, const std::vector<uint8_t>& ip) {
  ByteSink f(false);
  switch (link) {
    case LinkType::ethernet:
      f.bytes({0x02, 0, 0, 0, 0, 2, 0x02, 0, 0, 0, 0, 1});
      f.u16(0x8100);  // an 802.1Q tag
      f.u16(42);
      f.u16(ipv6 ? 0x86DD : 0x0800);
      break;
    case LinkType::linux_sll:
      f.u16(0);  // packet type: to us
      f.u16(1);  // ARPHRD_ETHER
      f.u16(6);
      f.bytes({0x02, 0, 0, 0, 0, 1, 0, 0});
      f.u16(ipv6 ? 0x86DD : 0x0800);
      break;
    case LinkType::linux_sll2:
      f.u16(ipv6 ? 0x86DD : 0x0800);
      f.u16(0);
      f.u32(1);  // interface index
      f.u16(1);
      f.u8(0);
      f.u8(6);
      f.bytes({0x02, 0, 0, 0, 0, 1, 0, 0});
      break;
    case LinkType::null: {
      ByteSink host(little);  // the capturing host's order
      host.u32(ipv6 ? 30 : 2);
      f.bytes(host.out);
      break;
    }
    case LinkType::raw: break;
  }
  f.bytes(ip);
  if (link == LinkType::ethernet && f.out.size() < 60) f.out.resize(60, 0);  // Ethernet minimum: padding
  return f.out;
}

inline std::vector<uint8_t> write_capture(const std::vector<Conversation>& conversations, LinkType link,
                                          FileFormat format) {
  const bool little = format == FileFormat::pcap_le || format == FileFormat::pcap_ns_le ||
                      format == FileFormat::pcapng_le || format == FileFormat::pcapng_simple;
  ByteSink file(little);
  const bool pcapng =
      format == FileFormat::pcapng_le || format == FileFormat::pcapng_be || format == FileFormat::pcapng_simple;
  if (!pcapng) {
    file.u32(format == FileFormat::pcap_ns_le ? 0xA1B23C4D : 0xA1B2C3D4);
    file.u16(2);
    file.u16(4);
    file.u32(0);
    file.u32(0);
    file.u32(262144);
    file.u32(static_cast<uint32_t>(link));
  } else {
    // SHB with no options.
    file.u32(0x0A0D0D0A);
    file.u32(28);
    file.u32(0x1A2B3C4D);
    file.u16(1);
    file.u16(0);
    file.u32(0xFFFFFFFF);
    file.u32(0xFFFFFFFF);
    file.u32(28);
    // A block the reader skips (a Name Resolution Block, empty).
    file.u32(4);
    file.u32(12);
    file.u32(12);
    // IDB: link type, snaplen, if_tsresol = 9 (nanoseconds), end of options.
    file.u32(1);
    file.u32(32);
    file.u16(static_cast<uint16_t>(link));
    file.u16(0);
    file.u32(262144);
    file.u16(9);
    file.u16(1);
    file.u8(9);
    file.u8(0);
    file.u8(0);
    file.u8(0);
    file.u16(0);  // opt_endofopt
    file.u16(0);
    file.u32(32);
  }
  for (const Conversation& c : conversations) {
    for (const PacketSpec& p : c.packets) {
      const std::vector<uint8_t> frame = link_frame(link, c.ipv6, little, ip_packet(c, p));
      const auto length = static_cast<uint32_t>(frame.size());
      const uint32_t padded = (length + 3) / 4 * 4;
      if (!pcapng) {
        file.u32(p.seconds);
        file.u32(format == FileFormat::pcap_ns_le ? 500000000u : 500000u);
        file.u32(length);
        file.u32(length);
        file.bytes(frame);
      } else if (format == FileFormat::pcapng_simple) {
        file.u32(3);
        file.u32(16 + padded);
        file.u32(length);
        file.bytes(frame);
        for (uint32_t i = length; i < padded; ++i) file.u8(0);
        file.u32(16 + padded);
      } else {
        const uint64_t stamp = static_cast<uint64_t>(p.seconds) * 1000000000ull + 250;
        file.u32(6);
        file.u32(32 + padded);
        file.u32(0);
        file.u32(static_cast<uint32_t>(stamp >> 32));
        file.u32(static_cast<uint32_t>(stamp));
        file.u32(length);
        file.u32(length);
        file.bytes(frame);
        for (uint32_t i = length; i < padded; ++i) file.u8(0);
        file.u32(32 + padded);
      }
    }
  }
  return file.out;
}

// A whole TLS connection: handshake, the client's first bytes in chunks of `chunk` bytes, the
// server's answer, FIN from both. Times count up from `start`.
inline Conversation tls_conversation(const std::vector<uint8_t>& client_bytes, const std::vector<uint8_t>& server_bytes,
                                     std::size_t chunk, uint32_t start) {
  Conversation c;
  c.client = ipv4(198, 51, 100, 7);
  c.server = ipv4(203, 0, 113, 5);
  c.packets.push_back({true, 0x02, 0, {}, start});
  c.packets.push_back({false, 0x12, 0, {}, start});
  c.packets.push_back({true, 0x10, 0, {}, start});
  for (std::size_t at = 0; at < client_bytes.size(); at += chunk) {
    const std::size_t n = std::min(chunk, client_bytes.size() - at);
    c.packets.push_back({true, 0x18, static_cast<uint32_t>(at),
                         std::vector<uint8_t>(client_bytes.begin() + static_cast<std::ptrdiff_t>(at),
                                              client_bytes.begin() + static_cast<std::ptrdiff_t>(at + n)),
                         start + 1});
  }
  if (!server_bytes.empty()) c.packets.push_back({false, 0x18, 0, server_bytes, start + 2});
  c.packets.push_back({true, 0x11, static_cast<uint32_t>(client_bytes.size()), {}, start + 3});
  c.packets.push_back({false, 0x11, static_cast<uint32_t>(server_bytes.size()), {}, start + 3});
  return c;
}

}  // namespace tlsready::test
