// Packet captures as a log source: each TLS connection in a pcap or pcapng file becomes one TLS-use
// event, its client identified by the ClientHello it sent (JA3/JA4, nearest client profile: the
// event's client_hello) and its protocol the version the server chose (else the best the client
// offered). For networks whose servers log no TLS version at all (POP/IMAP, appliances).
//
// Read directly, no libpcap: pcap (both byte orders, microsecond and nanosecond magic) and pcapng
// (SHB, IDB with if_tsresol, EPB, SPB; other blocks skipped; one section's byte order at a time).
// Link layers: Ethernet (with 802.1Q/802.1ad tags), Linux cooked SLL and SLL2, raw IPv4/IPv6,
// BSD loopback/null. IPv4 and IPv6 (extension headers walked; fragments counted, not reassembled);
// TCP only. Per connection the first client and server bytes are reassembled by sequence number,
// just far enough to read the ClientHello and the ServerHello: retransmissions are trimmed,
// out-of-order segments held (a few, bounded) until the gap fills, everything bounded per flow and in
// the number of flows (the oldest unresolved flow is settled when the table is full).
//
// An event is returned when its server has answered the hello (ServerHello, alert, or bytes that
// are not TLS), when the connection closes, or at the end of the file: events come in that order.
// Its time is the ClientHello's first packet's (UTC, to the second), source.line that packet's
// 1-based number in the file. What the reader skipped is counted (capture_stats()); the common
// LogReadStats count packets as lines, non-TLS flows as plain, broken hellos/packets as malformed.
// Not thread-safe: one reader per stream.
#pragma once

#include <cstddef>
#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>

#include "logs/log_read_stats.h"
#include "logs/tls_use_event.h"

namespace tlsready::logs {

struct PcapStats {
  std::size_t packets = 0;            // records read (pcap) / EPB+SPB blocks (pcapng)
  std::size_t tcp_segments = 0;       // packets that were TCP over IPv4/IPv6
  std::size_t not_tcp = 0;            // other link types, protocols, IP fragments
  std::size_t undecodable = 0;        // packets too short for their own headers
  std::size_t flows = 0;              // TCP connections seen
  std::size_t tls_flows = 0;          // ... whose client sent a ClientHello
  std::size_t not_tls_flows = 0;      // ... whose client sent something else
  std::size_t malformed_hellos = 0;   // broken ClientHellos
  std::size_t incomplete_hellos = 0;  // the capture ended or the flow closed inside the hello
  std::size_t out_of_order = 0;       // segments held until an earlier gap filled
  std::size_t dropped_segments = 0;   // out-of-order segments beyond the per-flow bound
  std::size_t evicted_flows = 0;      // unresolved flows settled early because the table was full
  std::string file_error;             // bad magic, a broken block: reading stopped there ("" = none)
};

// The first bytes of a pcap or pcapng file (either byte order).
bool looks_like_pcap(std::string_view head);

class PcapReader {
 public:
  // `source_file` is only recorded in each event.
  PcapReader(std::istream& input, std::string source_file);
  ~PcapReader();
  PcapReader(const PcapReader&) = delete;
  PcapReader& operator=(const PcapReader&) = delete;

  // The next TLS use, or false at the end of the input.
  bool next(TlsUseEvent& event);
  const LogReadStats& stats() const;
  const PcapStats& capture_stats() const;
  std::size_t bytes_read() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tlsready::logs
