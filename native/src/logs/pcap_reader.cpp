// pcap / pcapng → TCP flows → ClientHello + ServerHello → TLS-use events. File structures from the
// libpcap savefile format (pcap-savefile(5), tcpdump.org "LINKTYPE_" list) and the pcapng draft
// (draft-ietf-opsawg-pcapng: SHB 0x0A0D0D0A, IDB 1, SPB 3, EPB 6); IPv4 RFC 791, IPv6 RFC 8200 §4,
// TCP RFC 9293 §3.1. Every packet and block goes through codec::ByteReader.
#include "logs/pcap_reader.h"

#include <algorithm>
#include <array>
#include <deque>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include "codec/byte_reader.h"
#include "codec/client_hello_parser.h"
#include "codec/server_flight.h"
#include "common/hex.h"
#include "common/time_format.h"
#include "logs/client_hello_facts.h"

namespace tlsready::logs {
namespace {

using codec::ByteReader;

constexpr uint32_t kPcapMagicMicro = 0xA1B2C3D4;
constexpr uint32_t kPcapMagicNano = 0xA1B23C4D;
constexpr uint32_t kPcapngSectionHeader = 0x0A0D0D0A;
constexpr uint32_t kPcapngByteOrder = 0x1A2B3C4D;
constexpr uint32_t kPcapngInterface = 1;
constexpr uint32_t kPcapngSimplePacket = 3;
constexpr uint32_t kPcapngEnhancedPacket = 6;

// Bounds: a packet or block larger than this ends the file (no real capture has one).
constexpr std::size_t kMaxPacketBytes = std::size_t{256} * 1024;
constexpr std::size_t kMaxBlockBytes = kMaxPacketBytes + 1024;
constexpr std::size_t kMaxClientBytes = codec::kMaxClientHelloBytes + 1024;  // record headers of a fragmented hello
constexpr std::size_t kMaxServerBytes = std::size_t{32} * 1024;  // ServerHello is in the first record of the answer
constexpr std::size_t kMaxHeldSegments = 32;
constexpr std::size_t kMaxFlows = 4096;

// LINKTYPE_ values (tcpdump.org/linktypes.html).
constexpr uint32_t kLinkNull = 0;
constexpr uint32_t kLinkEthernet = 1;
constexpr uint32_t kLinkRawOld = 12;  // DLT_RAW on most systems
constexpr uint32_t kLinkRawOpenBsd = 14;
constexpr uint32_t kLinkRaw = 101;
constexpr uint32_t kLinkLoop = 108;
constexpr uint32_t kLinkLinuxSll = 113;
constexpr uint32_t kLinkIpv4 = 228;
constexpr uint32_t kLinkIpv6 = 229;
constexpr uint32_t kLinkLinuxSll2 = 276;

constexpr uint16_t kEtherIpv4 = 0x0800;
constexpr uint16_t kEtherIpv6 = 0x86DD;
constexpr uint16_t kEtherVlan = 0x8100;
constexpr uint16_t kEtherQinQ = 0x88A8;

constexpr uint8_t kTcpFin = 0x01;
constexpr uint8_t kTcpSyn = 0x02;
constexpr uint8_t kTcpRst = 0x04;
constexpr uint8_t kTcpAck = 0x10;

uint16_t swap16(uint16_t v) { return static_cast<uint16_t>((v >> 8) | (v << 8)); }
uint32_t swap32(uint32_t v) { return (v >> 24) | ((v >> 8) & 0xFF00u) | ((v << 8) & 0xFF0000u) | (v << 24); }

// ByteReader reads big-endian; files in little-endian order are swapped after the read.
struct Endian {
  bool little = false;
  bool u16(ByteReader& r, uint16_t& out) const {
    if (!r.read_u16(out)) return false;
    if (little) out = swap16(out);
    return true;
  }
  bool u32(ByteReader& r, uint32_t& out) const {
    if (!r.read_u32(out)) return false;
    if (little) out = swap32(out);
    return true;
  }
};

struct Address {
  uint8_t family = 0;  // 4 or 6
  std::array<uint8_t, 16> bytes{};
};

struct Endpoint {
  Address address;
  uint16_t port = 0;
  bool operator==(const Endpoint& other) const {
    return address.family == other.address.family && address.bytes == other.address.bytes && port == other.port;
  }
  bool operator<(const Endpoint& other) const {
    return std::tie(address.family, address.bytes, port) <
           std::tie(other.address.family, other.address.bytes, other.port);
  }
};

// RFC 5952 text: dotted quad, or IPv6 with the longest run (2+) of zero groups as "::", lower case.
std::string address_text(const Address& a) {
  if (a.family == 4) {
    return std::to_string(a.bytes[0]) + "." + std::to_string(a.bytes[1]) + "." + std::to_string(a.bytes[2]) + "." +
           std::to_string(a.bytes[3]);
  }
  std::array<uint16_t, 8> groups{};
  for (std::size_t i = 0; i < 8; ++i) groups[i] = static_cast<uint16_t>((a.bytes[2 * i] << 8) | a.bytes[2 * i + 1]);
  std::size_t best_start = 8;
  std::size_t best_length = 0;
  for (std::size_t i = 0; i < 8;) {
    if (groups[i] != 0) {
      ++i;
      continue;
    }
    std::size_t j = i;
    while (j < 8 && groups[j] == 0) ++j;
    if (j - i > best_length && j - i >= 2) {
      best_start = i;
      best_length = j - i;
    }
    i = j;
  }
  std::string out;
  for (std::size_t i = 0; i < 8; ++i) {
    if (i == best_start) {
      out += "::";
      i += best_length - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    std::string group = hex::digits(groups[i], 4, hex::Case::lower);
    group.erase(0, std::min(group.find_first_not_of('0'), group.size() - 1));
    out += group;
  }
  return out;
}

struct Packet {
  std::size_t number = 0;  // 1-based
  int64_t seconds = 0;     // since the epoch; the fraction is dropped (events carry whole seconds)
  bool has_time = false;
};

struct Segment {
  uint32_t seq = 0;
  std::vector<uint8_t> data;
};

// One direction of a TCP connection, reassembled from its first byte up to `limit` bytes.
struct Stream {
  bool have_base = false;
  uint32_t next_seq = 0;
  std::vector<uint8_t> bytes;
  std::vector<Segment> held;
  bool closed = false;
  bool full = false;

  // Appends what is in order (trimming what was already seen); holds what is ahead, bounded.
  void add(uint32_t seq, std::span<const uint8_t> data, std::size_t limit, PcapStats& stats) {
    if (data.empty() || full) return;
    if (!have_base) {
      have_base = true;
      next_seq = seq;
    }
    const auto ahead = static_cast<int32_t>(seq - next_seq);
    if (ahead > 0) {
      if (held.size() >= kMaxHeldSegments || static_cast<std::size_t>(ahead) > limit) {
        ++stats.dropped_segments;
        return;
      }
      ++stats.out_of_order;
      held.push_back({seq, std::vector<uint8_t>(data.begin(), data.end())});
      return;
    }
    append(seq, data, limit);
    // Drain held segments that now fit.
    bool progressed = true;
    while (progressed && !held.empty() && !full) {
      progressed = false;
      for (auto it = held.begin(); it != held.end(); ++it) {
        if (static_cast<int32_t>(it->seq - next_seq) <= 0) {
          const Segment segment = std::move(*it);
          held.erase(it);
          append(segment.seq, segment.data, limit);
          progressed = true;
          break;
        }
      }
    }
  }

 private:
  void append(uint32_t seq, std::span<const uint8_t> data, std::size_t limit) {
    const auto behind = static_cast<std::size_t>(static_cast<uint32_t>(next_seq - seq));  // retransmitted part
    if (behind >= data.size()) return;
    data = data.subspan(behind);
    const std::size_t room = limit - std::min(limit, bytes.size());
    const std::size_t take = std::min(room, data.size());
    bytes.insert(bytes.end(), data.begin(), data.begin() + static_cast<std::ptrdiff_t>(take));
    next_seq += static_cast<uint32_t>(data.size());
    if (bytes.size() >= limit) full = true;
  }
};

struct Flow {
  Endpoint client;
  Endpoint server;
  bool roles_known = false;  // from a SYN; otherwise guessed from the first data
  std::size_t order = 0;     // creation order, for eviction and end-of-file settling
  Stream to_server;
  Stream to_client;
  Packet first_client_packet;
  bool have_client_packet = false;
  enum class Hello { pending, complete, not_tls, malformed } hello_state = Hello::pending;
  codec::ClientHelloInfo hello;
  std::unique_ptr<codec::ServerFlightReader> flight =
      std::make_unique<codec::ServerFlightReader>(codec::ServerFlightReader::Need::server_hello);
  std::size_t server_fed = 0;
  bool done = false;
};

using FlowKey = std::pair<Endpoint, Endpoint>;  // lower endpoint first

FlowKey key_of(const Endpoint& a, const Endpoint& b) { return a < b ? FlowKey{a, b} : FlowKey{b, a}; }

}  // namespace

bool looks_like_pcap(std::string_view head) {
  if (head.size() < 4) return false;
  const auto b = [&](std::size_t i) { return static_cast<uint32_t>(static_cast<uint8_t>(head[i])); };
  const uint32_t big = (b(0) << 24) | (b(1) << 16) | (b(2) << 8) | b(3);
  const uint32_t little = swap32(big);
  for (uint32_t magic : {kPcapMagicMicro, kPcapMagicNano}) {
    if (big == magic || little == magic) return true;
  }
  return big == kPcapngSectionHeader;
}

struct PcapReader::State {
  std::istream& input;
  std::string source_file;
  LogReadStats stats;
  PcapStats capture;
  std::size_t bytes_read = 0;

  bool started = false;
  bool ended = false;
  bool pcapng = false;
  Endian endian;
  bool nanoseconds = false;  // pcap: nanosecond magic
  uint32_t pcap_link = 0;
  struct Interface {
    uint32_t link = 0;
    uint64_t units_per_second = 1000000;  // if_tsresol
    uint32_t snaplen = 0;
  };
  std::vector<Interface> interfaces;  // pcapng: this section's
  std::map<FlowKey, Flow> flows;
  std::size_t flow_counter = 0;
  std::deque<TlsUseEvent> ready;
  std::vector<uint8_t> buffer;

  State(std::istream& in, std::string file) : input(in), source_file(std::move(file)) {}

  bool read_exact(std::size_t count) {
    buffer.resize(count);
    if (count == 0) return true;
    input.read(reinterpret_cast<char*>(buffer.data()), static_cast<std::streamsize>(count));
    const auto got = static_cast<std::size_t>(input.gcount());
    bytes_read += got;
    return got == count;
  }

  void stop(std::string why) {
    if (capture.file_error.empty()) capture.file_error = std::move(why);
    ended = true;
  }

  // Reads the file header (pcap) or notes pcapng; false when the file is neither.
  bool start() {
    started = true;
    if (!read_exact(4)) {
      if (bytes_read != 0) stop("truncated file header");
      ended = true;
      return false;
    }
    ByteReader magic_reader(buffer);
    uint32_t magic = 0;
    magic_reader.read_u32(magic);
    if (magic == kPcapngSectionHeader) {
      pcapng = true;
      return read_section_header_rest();
    }
    if (magic == kPcapMagicMicro || magic == kPcapMagicNano) {
      endian.little = false;
    } else if (swap32(magic) == kPcapMagicMicro || swap32(magic) == kPcapMagicNano) {
      endian.little = true;
      magic = swap32(magic);
    } else {
      stop("not a pcap or pcapng file: magic " + hex::code32(magic));
      return false;
    }
    nanoseconds = magic == kPcapMagicNano;
    // pcap-savefile(5): version_major, version_minor, thiszone, sigfigs, snaplen, network.
    if (!read_exact(20)) {
      stop("truncated pcap file header");
      return false;
    }
    ByteReader r(buffer);
    uint16_t major = 0;
    uint16_t minor = 0;
    uint32_t ignored = 0;
    endian.u16(r, major);
    endian.u16(r, minor);
    endian.u32(r, ignored);
    endian.u32(r, ignored);
    endian.u32(r, ignored);
    endian.u32(r, pcap_link);
    if (major != 2) {
      stop("pcap version " + std::to_string(major) + "." + std::to_string(minor) + " is not 2.x");
      return false;
    }
    pcap_link &= 0x0FFFFFFFu;  // upper bits: FCS length / flags (pcap-linktype(7))
    return true;
  }

  // pcapng SHB after its type: total length, byte-order magic, then the rest of the block.
  bool read_section_header_rest() {
    if (!read_exact(8)) {
      stop("truncated pcapng section header");
      return false;
    }
    ByteReader r(buffer);
    uint32_t length_big = 0;
    uint32_t order = 0;
    r.read_u32(length_big);
    r.read_u32(order);
    if (order == kPcapngByteOrder) {
      endian.little = false;
    } else if (swap32(order) == kPcapngByteOrder) {
      endian.little = true;
    } else {
      stop("pcapng section header with byte-order magic " + hex::code32(order));
      return false;
    }
    const uint32_t length = endian.little ? swap32(length_big) : length_big;
    if (length < 28 || length % 4 != 0 || length > kMaxBlockBytes) {
      stop("pcapng section header length " + std::to_string(length) + " is invalid");
      return false;
    }
    if (!read_exact(length - 12)) {
      stop("truncated pcapng section header");
      return false;
    }
    interfaces.clear();
    return true;
  }

  // The next packet's link-layer bytes; false at the end (or on a broken file).
  bool next_packet(Packet& packet, uint32_t& link, std::vector<uint8_t>& data) {
    if (ended) return false;
    if (!started && !start()) return false;
    return pcapng ? next_pcapng_packet(packet, link, data) : next_pcap_packet(packet, link, data);
  }

  bool next_pcap_packet(Packet& packet, uint32_t& link, std::vector<uint8_t>& data) {
    if (!read_exact(16)) {
      if (input.gcount() == 0) {
        ended = true;
      } else {
        stop("truncated packet record header");
      }
      return false;
    }
    ByteReader r(buffer);
    uint32_t seconds = 0;
    uint32_t fraction = 0;
    uint32_t captured = 0;
    uint32_t original = 0;
    endian.u32(r, seconds);
    endian.u32(r, fraction);
    endian.u32(r, captured);
    endian.u32(r, original);
    if (captured > kMaxPacketBytes) {
      stop("packet record of " + std::to_string(captured) + " bytes exceeds the limit");
      return false;
    }
    if (!read_exact(captured)) {
      stop("truncated packet data");
      return false;
    }
    data = buffer;
    link = pcap_link;
    packet.number = ++capture.packets;
    packet.seconds = seconds;
    packet.has_time = true;
    (void)fraction;
    return true;
  }

  bool next_pcapng_packet(Packet& packet, uint32_t& link, std::vector<uint8_t>& data) {
    while (true) {
      if (!read_exact(4)) {
        if (input.gcount() == 0) {
          ended = true;
        } else {
          stop("truncated pcapng block header");
        }
        return false;
      }
      ByteReader type_reader(buffer);
      uint32_t type_big = 0;
      type_reader.read_u32(type_big);
      if (type_big == kPcapngSectionHeader) {  // a new section: its own byte order and interfaces
        if (!read_section_header_rest()) return false;
        continue;
      }
      const uint32_t type = endian.little ? swap32(type_big) : type_big;
      if (!read_exact(4)) {
        stop("truncated pcapng block header");
        return false;
      }
      ByteReader length_reader(buffer);
      uint32_t length = 0;
      endian.u32(length_reader, length);
      if (length < 12 || length % 4 != 0 || length > kMaxBlockBytes) {
        stop("pcapng block of type " + std::to_string(type) + " has invalid length " + std::to_string(length));
        return false;
      }
      if (!read_exact(length - 8)) {
        stop("truncated pcapng block");
        return false;
      }
      // Body, then the trailing copy of the length.
      ByteReader block(std::span<const uint8_t>(buffer).first(length - 12));
      if (type == kPcapngInterface) {
        read_interface(block);
      } else if (type == kPcapngEnhancedPacket) {
        if (read_enhanced_packet(block, packet, link, data)) return true;
      } else if (type == kPcapngSimplePacket) {
        if (read_simple_packet(block, packet, link, data)) return true;
      }
    }
  }

  void read_interface(ByteReader block) {
    Interface interface;
    uint16_t link = 0;
    uint16_t reserved = 0;
    if (!endian.u16(block, link) || !endian.u16(block, reserved) || !endian.u32(block, interface.snaplen)) {
      interfaces.push_back(interface);  // keeps the numbering; its link type 0 decodes as null/loopback
      return;
    }
    interface.link = link;
    // Options: code, length, value padded to 4; if_tsresol (9): 10^-n, or 2^-n with the high bit.
    while (block.remaining() >= 4) {
      uint16_t code = 0;
      uint16_t option_length = 0;
      endian.u16(block, code);
      endian.u16(block, option_length);
      std::span<const uint8_t> value;
      if (code == 0 || !block.read_bytes(option_length, value)) break;
      (void)block.skip((4 - option_length % 4) % 4);
      if (code == 9 && option_length == 1) {
        const uint8_t resolution = value[0];
        const unsigned exponent = resolution & 0x7Fu;
        uint64_t units = 1;
        bool overflow = false;
        for (unsigned i = 0; i < exponent && !overflow; ++i) {
          const uint64_t base = (resolution & 0x80u) != 0 ? 2 : 10;
          if (units > UINT64_MAX / base) overflow = true;
          units *= base;
        }
        if (!overflow) interface.units_per_second = units;
      }
    }
    interfaces.push_back(interface);
  }

  bool read_enhanced_packet(ByteReader block, Packet& packet, uint32_t& link, std::vector<uint8_t>& data) {
    uint32_t interface_id = 0;
    uint32_t high = 0;
    uint32_t low = 0;
    uint32_t captured = 0;
    uint32_t original = 0;
    std::span<const uint8_t> bytes;
    packet.number = ++capture.packets;
    if (!endian.u32(block, interface_id) || !endian.u32(block, high) || !endian.u32(block, low) ||
        !endian.u32(block, captured) || !endian.u32(block, original) || !block.read_bytes(captured, bytes)) {
      ++capture.undecodable;
      stats.note_malformed(packet.number);
      return false;
    }
    if (interface_id >= interfaces.size()) {
      ++capture.undecodable;
      stats.note_malformed(packet.number);
      return false;
    }
    const Interface& interface = interfaces[interface_id];
    const uint64_t stamp = (static_cast<uint64_t>(high) << 32) | low;
    packet.seconds = static_cast<int64_t>(stamp / interface.units_per_second);
    packet.has_time = true;
    link = interface.link;
    data.assign(bytes.begin(), bytes.end());
    return true;
  }

  bool read_simple_packet(ByteReader block, Packet& packet, uint32_t& link, std::vector<uint8_t>& data) {
    uint32_t original = 0;
    packet.number = ++capture.packets;
    if (interfaces.empty() || !endian.u32(block, original)) {
      ++capture.undecodable;
      stats.note_malformed(packet.number);
      return false;
    }
    // SPB: the data is min(original length, snaplen) bytes, padded to 4.
    std::size_t captured = std::min<std::size_t>(original, block.remaining());
    if (interfaces.front().snaplen != 0) captured = std::min<std::size_t>(captured, interfaces.front().snaplen);
    std::span<const uint8_t> bytes;
    (void)block.read_bytes(captured, bytes);
    packet.has_time = false;
    link = interfaces.front().link;
    data.assign(bytes.begin(), bytes.end());
    return true;
  }

  // Link layer → network-layer protocol (4, 6) and its bytes; false for anything else.
  bool network_layer(uint32_t link, std::span<const uint8_t> frame, int& version, ByteReader& ip) {
    ByteReader r(frame);
    uint16_t ethertype = 0;
    switch (link) {
      case kLinkEthernet: {
        if (!r.skip(12) || !r.read_u16(ethertype)) return false;
        for (int tags = 0; (ethertype == kEtherVlan || ethertype == kEtherQinQ) && tags < 2; ++tags) {
          if (!r.skip(2) || !r.read_u16(ethertype)) return false;
        }
        break;
      }
      case kLinkLinuxSll:  // 16 bytes: packet type, ARPHRD, address length, 8 address bytes, protocol
        if (!r.skip(14) || !r.read_u16(ethertype)) return false;
        break;
      case kLinkLinuxSll2: {  // 20 bytes: protocol first, then reserved, ifindex, ARPHRD, type, address
        if (!r.read_u16(ethertype) || !r.skip(18)) return false;
        break;
      }
      case kLinkNull:
      case kLinkLoop: {  // 4-byte address family: host order for NULL, network order for LOOP
        uint32_t family = 0;
        if (!r.read_u32(family)) return false;
        if (link == kLinkNull && (family & 0xFFFFu) == 0) family = swap32(family);
        if (family == 2) {
          ethertype = kEtherIpv4;
        } else if (family == 24 || family == 28 || family == 30 || family == 10) {  // BSDs, Linux AF_INET6
          ethertype = kEtherIpv6;
        } else {
          return false;
        }
        break;
      }
      case kLinkRaw:
      case kLinkRawOld:
      case kLinkRawOpenBsd:
      case kLinkIpv4:
      case kLinkIpv6: {
        uint8_t first = 0;
        if (!ByteReader(r).read_u8(first)) return false;
        ethertype = (first >> 4) == 6 ? kEtherIpv6 : kEtherIpv4;
        break;
      }
      default: return false;
    }
    if (ethertype == kEtherIpv4) {
      version = 4;
    } else if (ethertype == kEtherIpv6) {
      version = 6;
    } else {
      return false;
    }
    ip = r;
    return true;
  }

  enum class Decode { tcp, other, broken };

  // IP + TCP headers; `payload` is the TCP data (Ethernet padding cut by the IP length).
  Decode decode_tcp(int version, ByteReader ip, Endpoint& source, Endpoint& destination, uint32_t& seq, uint8_t& flags,
                    std::span<const uint8_t>& payload) {
    ByteReader tcp;
    if (version == 4) {
      // RFC 791 §3.1.
      uint8_t version_ihl = 0;
      uint8_t tos = 0;
      uint16_t total_length = 0;
      uint16_t id = 0;
      uint16_t fragment = 0;
      uint8_t ttl = 0;
      uint8_t protocol = 0;
      uint16_t checksum = 0;
      std::span<const uint8_t> src;
      std::span<const uint8_t> dst;
      ByteReader header = ip;
      if (!header.read_u8(version_ihl) || !header.read_u8(tos) || !header.read_u16(total_length) ||
          !header.read_u16(id) || !header.read_u16(fragment) || !header.read_u8(ttl) || !header.read_u8(protocol) ||
          !header.read_u16(checksum) || !header.read_bytes(4, src) || !header.read_bytes(4, dst)) {
        return Decode::broken;
      }
      const std::size_t header_length = static_cast<std::size_t>(version_ihl & 0x0F) * 4;
      if ((version_ihl >> 4) != 4 || header_length < 20 || total_length < header_length) return Decode::broken;
      if (protocol != 6) return Decode::other;
      if ((fragment & 0x3FFFu) != 0) return Decode::other;  // MF or an offset: fragments are not reassembled
      std::span<const uint8_t> datagram;
      if (!ByteReader(ip).read_bytes(std::min<std::size_t>(total_length, ip.remaining()), datagram)) {
        return Decode::broken;
      }
      if (datagram.size() < header_length) return Decode::broken;
      tcp = ByteReader(datagram.subspan(header_length));
      source.address.family = destination.address.family = 4;
      std::copy(src.begin(), src.end(), source.address.bytes.begin());
      std::copy(dst.begin(), dst.end(), destination.address.bytes.begin());
    } else {
      // RFC 8200 §3: 40-byte header, then extension headers until TCP (6).
      uint32_t first_word = 0;
      uint16_t payload_length = 0;
      uint8_t next_header = 0;
      uint8_t hop_limit = 0;
      std::span<const uint8_t> src;
      std::span<const uint8_t> dst;
      ByteReader header = ip;
      if (!header.read_u32(first_word) || !header.read_u16(payload_length) || !header.read_u8(next_header) ||
          !header.read_u8(hop_limit) || !header.read_bytes(16, src) || !header.read_bytes(16, dst)) {
        return Decode::broken;
      }
      if ((first_word >> 28) != 6) return Decode::broken;
      std::span<const uint8_t> body;
      if (!ByteReader(header).read_bytes(std::min<std::size_t>(payload_length, header.remaining()), body)) {
        return Decode::broken;
      }
      ByteReader rest(body);
      for (int hops = 0; next_header != 6; ++hops) {
        if (hops == 8) return Decode::other;
        if (next_header == 44) return Decode::other;  // fragment header: not reassembled
        if (next_header != 0 && next_header != 43 && next_header != 60) return Decode::other;
        uint8_t following = 0;
        uint8_t length = 0;
        if (!rest.read_u8(following) || !rest.read_u8(length) || !rest.skip(static_cast<std::size_t>(length) * 8 + 6)) {
          return Decode::broken;
        }
        next_header = following;
      }
      tcp = rest;
      source.address.family = destination.address.family = 6;
      std::copy(src.begin(), src.end(), source.address.bytes.begin());
      std::copy(dst.begin(), dst.end(), destination.address.bytes.begin());
    }
    // RFC 9293 §3.1: ports, sequence, acknowledgment, data offset, flags.
    uint32_t ack = 0;
    uint8_t offset = 0;
    ByteReader header = tcp;
    if (!header.read_u16(source.port) || !header.read_u16(destination.port) || !header.read_u32(seq) ||
        !header.read_u32(ack) || !header.read_u8(offset) || !header.read_u8(flags)) {
      return Decode::broken;
    }
    const std::size_t data_offset = static_cast<std::size_t>(offset >> 4) * 4;
    if (data_offset < 20 || data_offset > tcp.remaining()) return Decode::broken;
    payload = tcp.rest().subspan(data_offset);
    return Decode::tcp;
  }

  void handle(const Packet& packet, uint32_t link, std::span<const uint8_t> frame) {
    int version = 0;
    ByteReader ip;
    if (!network_layer(link, frame, version, ip)) {
      ++capture.not_tcp;
      return;
    }
    Endpoint source;
    Endpoint destination;
    uint32_t seq = 0;
    uint8_t flags = 0;
    std::span<const uint8_t> payload;
    const Decode decoded = decode_tcp(version, ip, source, destination, seq, flags, payload);
    if (decoded == Decode::other) {
      ++capture.not_tcp;
      return;
    }
    if (decoded == Decode::broken) {
      ++capture.undecodable;
      stats.note_malformed(packet.number);
      return;
    }
    ++capture.tcp_segments;
    const FlowKey key = key_of(source, destination);
    auto it = flows.find(key);
    if (it == flows.end()) {
      // Only a SYN or data opens a flow: the FIN or ACK of a settled one must not.
      if ((flags & kTcpRst) != 0 || ((flags & kTcpSyn) == 0 && payload.empty())) return;
      if (flows.size() >= kMaxFlows) evict_oldest();
      it = flows.emplace(key, Flow{}).first;
      Flow& created = it->second;
      created.order = flow_counter++;
      created.client = source;
      created.server = destination;
      ++capture.flows;
    }
    Flow& flow = it->second;
    if (flow.done) {
      // Kept (without buffers) until both sides have closed, so its later packets open nothing.
      if ((flags & kTcpFin) != 0) (source == flow.client ? flow.to_server : flow.to_client).closed = true;
      if ((flags & kTcpRst) != 0 || (flow.to_server.closed && flow.to_client.closed)) flows.erase(it);
      return;
    }
    if ((flags & kTcpSyn) != 0 && !flow.roles_known) {
      // SYN: the sender is the client; SYN+ACK: the receiver is.
      const bool from_client = (flags & kTcpAck) == 0;
      flow.client = from_client ? source : destination;
      flow.server = from_client ? destination : source;
      flow.roles_known = true;
    }
    if (!flow.roles_known && !payload.empty() && !flow.to_server.have_base && !flow.to_client.have_base) {
      // No handshake seen: the side whose first bytes start a ClientHello is the client.
      const bool client_hello_start = payload.size() >= 6 && payload[0] == 0x16 && payload[5] == 0x01;
      const bool sslv2_start = payload.size() >= 3 && (payload[0] & 0x80) != 0 && payload[2] == 0x01;
      const bool from_source = client_hello_start || sslv2_start || !(payload.size() >= 6 && payload[5] == 0x02);
      flow.client = from_source ? source : destination;
      flow.server = from_source ? destination : source;
      flow.roles_known = true;
    }
    const bool from_client = source == flow.client;
    Stream& stream = from_client ? flow.to_server : flow.to_client;
    uint32_t data_seq = seq;
    if ((flags & kTcpSyn) != 0) {
      stream.have_base = true;
      stream.next_seq = seq + 1;
      data_seq = seq + 1;
    }
    if (from_client && !payload.empty() && !flow.have_client_packet) {
      flow.first_client_packet = packet;
      flow.have_client_packet = true;
    }
    stream.add(data_seq, payload, from_client ? kMaxClientBytes : kMaxServerBytes, capture);
    if ((flags & (kTcpFin | kTcpRst)) != 0) stream.closed = true;
    advance(flow);
    if ((flags & (kTcpFin | kTcpRst)) != 0 && !flow.done) settle(flow);
    if (flow.done && ((flags & kTcpRst) != 0 || (flow.to_server.closed && flow.to_client.closed))) {
      flows.erase(key);
    } else if (flow.done) {
      release(flow);
    }
  }

  void advance(Flow& flow) {
    if (flow.hello_state == Flow::Hello::pending && !flow.to_server.bytes.empty()) {
      std::size_t consumed = 0;
      std::string why;
      switch (codec::parse_client_hello_stream(flow.to_server.bytes, flow.hello, consumed, why)) {
        case codec::ClientHelloStatus::complete:
          flow.hello_state = Flow::Hello::complete;
          ++capture.tls_flows;
          break;
        case codec::ClientHelloStatus::need_more:
          if (flow.to_server.full) {
            flow.hello_state = Flow::Hello::malformed;
            ++capture.malformed_hellos;
            stats.note_malformed(flow.first_client_packet.number);
          }
          break;
        case codec::ClientHelloStatus::not_tls:
          flow.hello_state = Flow::Hello::not_tls;
          ++capture.not_tls_flows;
          ++stats.plain;
          break;
        case codec::ClientHelloStatus::malformed:
          flow.hello_state = Flow::Hello::malformed;
          ++capture.malformed_hellos;
          stats.note_malformed(flow.first_client_packet.number);
          break;
      }
    }
    if (flow.hello_state == Flow::Hello::not_tls || flow.hello_state == Flow::Hello::malformed) {
      flow.done = true;
      return;
    }
    // Feed the server's new in-order bytes to its flight reader.
    if (flow.to_client.bytes.size() > flow.server_fed &&
        flow.flight->state() == codec::ServerFlightReader::State::need_more) {
      flow.flight->feed(std::span<const uint8_t>(flow.to_client.bytes).subspan(flow.server_fed));
      flow.server_fed = flow.to_client.bytes.size();
    }
    if (flow.hello_state == Flow::Hello::complete &&
        (flow.flight->state() != codec::ServerFlightReader::State::need_more || flow.to_client.full)) {
      emit(flow);
    }
  }

  // The flow ends (closed, evicted, end of file): emit what is known.
  void settle(Flow& flow) {
    if (flow.done) return;
    if (flow.hello_state == Flow::Hello::complete) {
      emit(flow);
    } else if (flow.hello_state == Flow::Hello::pending && !flow.to_server.bytes.empty()) {
      ++capture.incomplete_hellos;
      stats.note_malformed(flow.first_client_packet.number);
    }
    flow.done = true;
  }

  // A settled flow keeps only its key (later packets of it are ignored) until it closes.
  static void release(Flow& flow) {
    const bool client_closed = flow.to_server.closed;
    const bool server_closed = flow.to_client.closed;
    flow.to_server = Stream{};
    flow.to_client = Stream{};
    flow.to_server.closed = client_closed;
    flow.to_client.closed = server_closed;
    flow.flight.reset();
  }

  void evict_oldest() {
    auto oldest = flows.end();
    for (auto it = flows.begin(); it != flows.end(); ++it) {
      if (oldest == flows.end() || it->second.order < oldest->second.order) oldest = it;
    }
    if (oldest == flows.end()) return;
    if (!oldest->second.done) {
      ++capture.evicted_flows;
      settle(oldest->second);
    }
    flows.erase(oldest);
  }

  void emit(Flow& flow) {
    flow.done = true;
    TlsUseEvent event;
    event.client_address = address_text(flow.client.address);
    event.client_port = flow.client.port != 0 ? std::optional<uint16_t>(flow.client.port) : std::nullopt;
    event.server = address_text(flow.server.address);
    event.server_port = flow.server.port != 0 ? std::optional<uint16_t>(flow.server.port) : std::nullopt;
    if (flow.first_client_packet.has_time) {
      event.time = time_format::iso8601_utc(static_cast<std::time_t>(flow.first_client_packet.seconds));
    }
    ClientHelloFacts facts = facts_of(flow.hello);
    uint16_t version = flow.hello.max_version();
    const codec::ServerFlightReader& server = *flow.flight;
    if (server.server_hello() && !server.server_hello()->is_hello_retry_request) {
      version = server.server_hello()->negotiated_version();
      facts.chosen_suite = server.server_hello()->cipher_suite;
    } else if (server.server_hello() && server.server_hello()->selected_version) {
      version = *server.server_hello()->selected_version;  // HelloRetryRequest: TLS 1.3 chosen
    } else if (server.sslv2()) {
      version = codec::wire_version::ssl2;
    }
    event.protocol = model::version_from_wire(version);
    event.protocol_raw = hex::code16(version);
    if (!event.protocol) ++stats.unknown_values;
    event.client_hello = std::move(facts);
    event.source_format = "pcap";
    event.source_file = source_file;
    event.source_line = flow.first_client_packet.number;
    ready.push_back(std::move(event));
  }

  void finish() {
    std::vector<Flow*> open;
    for (auto& [key, flow] : flows) {
      if (!flow.done) open.push_back(&flow);
    }
    std::sort(open.begin(), open.end(), [](const Flow* a, const Flow* b) { return a->order < b->order; });
    for (Flow* flow : open) settle(*flow);
    flows.clear();
  }
};

PcapReader::PcapReader(std::istream& input, std::string source_file)
    : state_(std::make_unique<State>(input, std::move(source_file))) {}

PcapReader::~PcapReader() = default;

bool PcapReader::next(TlsUseEvent& event) {
  State& s = *state_;
  Packet packet;
  uint32_t link = 0;
  std::vector<uint8_t> frame;
  while (s.ready.empty()) {
    const bool more = s.next_packet(packet, link, frame);
    s.stats.lines = s.capture.packets;  // every packet, the undecodable pcapng blocks included
    if (!more) {
      s.finish();
      break;
    }
    s.handle(packet, link, frame);
  }
  if (s.ready.empty()) return false;
  event = std::move(s.ready.front());
  s.ready.pop_front();
  ++s.stats.events;
  return true;
}

const LogReadStats& PcapReader::stats() const { return state_->stats; }
const PcapStats& PcapReader::capture_stats() const { return state_->capture; }
std::size_t PcapReader::bytes_read() const { return state_->bytes_read; }

}  // namespace tlsready::logs
