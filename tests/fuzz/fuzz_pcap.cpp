// Fuzzes the pcap/pcapng reader (logs/pcap_reader.h) with arbitrary bytes as a capture file: it stops
// or skips, never crashes; it reads each byte at most once; every event names a packet that exists,
// carries a ClientHello with fingerprints, dumps as JSON and feeds the legacy-client summary; the
// counts add up.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "fuzz_check.h"
#include "logs/legacy_client_summary.h"
#include "logs/pcap_reader.h"
#include "logs/tls_use_event_json.h"

#ifdef TLSREADY_FUZZ_REPLAY
#define TLSREADY_FUZZ_ENTRY tlsready_fuzz_pcap
#else
#define TLSREADY_FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

namespace logs = tlsready::logs;

extern "C" int TLSREADY_FUZZ_ENTRY(const uint8_t* data, size_t size) {
  std::istringstream input(std::string(reinterpret_cast<const char*>(data), size));
  logs::PcapReader reader(input, "fuzz.pcap");
  logs::LegacyClientSummary summary;
  logs::TlsUseEvent event;
  std::size_t events = 0;
  while (reader.next(event)) {
    ++events;
    TLSREADY_FUZZ_CHECK(event.source_format == "pcap");
    TLSREADY_FUZZ_CHECK(event.source_line >= 1 && event.source_line <= reader.capture_stats().packets);
    TLSREADY_FUZZ_CHECK(event.client_hello.has_value());
    TLSREADY_FUZZ_CHECK(event.client_hello->ja3_hash.size() == 32);
    TLSREADY_FUZZ_CHECK(!event.protocol_raw.empty());
    (void)logs::to_json_document(event).dump();
    summary.add(event);
  }
  TLSREADY_FUZZ_CHECK(summary.events() == events);
  (void)summary.to_json_document(3).dump();
  const logs::PcapStats& capture = reader.capture_stats();
  TLSREADY_FUZZ_CHECK(reader.bytes_read() <= size);
  TLSREADY_FUZZ_CHECK(reader.stats().events == events);
  TLSREADY_FUZZ_CHECK(reader.stats().lines == capture.packets);
  TLSREADY_FUZZ_CHECK(capture.tcp_segments + capture.not_tcp + capture.undecodable <= capture.packets);
  TLSREADY_FUZZ_CHECK(events <= capture.tls_flows);
  TLSREADY_FUZZ_CHECK(capture.tls_flows + capture.not_tls_flows + capture.malformed_hellos <= capture.flows);
  TLSREADY_FUZZ_CHECK(!reader.next(event));  // the end stays the end
  return 0;
}
