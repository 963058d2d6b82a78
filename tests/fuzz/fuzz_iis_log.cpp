// Fuzzes the IIS W3C log reader of the logs room with arbitrary bytes: the reader's counts must add
// up (every line is a directive, a blank, an event, plain, without TLS fields, malformed, or a line
// of a header that had no room), every event names a line that exists, its JSON form dumps without
// throwing (invalid UTF-8 made valid), and a short line limit cuts but never crashes. LF and CRLF
// line ends must read alike.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "logs/iis_w3c_reader.h"
#include "logs/legacy_client_summary.h"
#include "logs/tls_use_event_json.h"

#ifdef TLSREADY_FUZZ_REPLAY
#define TLSREADY_FUZZ_ENTRY tlsready_fuzz_iis_log
#else
#define TLSREADY_FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

namespace logs = tlsready::logs;

namespace {

std::vector<std::string> read_events(const std::string& text, logs::LogReadStats& stats) {
  std::istringstream input(text);
  logs::IisW3cReader reader(input, "W3SVC7/u_ex261130_x.log");
  logs::LegacyClientSummary summary;
  std::vector<std::string> events;
  logs::TlsUseEvent event;
  while (reader.next(event)) {
    TLSREADY_FUZZ_CHECK(event.source_line >= 1);
    TLSREADY_FUZZ_CHECK(event.source_line <= reader.stats().lines);
    TLSREADY_FUZZ_CHECK(!event.protocol_raw.empty());
    summary.add(event);
    const nlohmann::json document = logs::to_json_document(event);
    events.push_back(document.dump());
  }
  stats = reader.stats();
  TLSREADY_FUZZ_CHECK(stats.events == events.size());
  TLSREADY_FUZZ_CHECK(stats.events + stats.plain + stats.without_tls_fields + stats.malformed + stats.directives <=
                      stats.lines);
  TLSREADY_FUZZ_CHECK(stats.malformed_lines.size() <= logs::LogReadStats::kMaxListedLines);
  TLSREADY_FUZZ_CHECK(summary.events() == events.size());
  (void)summary.to_json_document(3).dump();
  return events;
}

}  // namespace

extern "C" int TLSREADY_FUZZ_ENTRY(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  logs::LogReadStats stats;
  const std::vector<std::string> events = read_events(text, stats);

  // Bare LF -> CRLF changes no event (the reader drops one CR before each LF). Skipped when the
  // input already holds CRs, which the conversion would double up.
  if (text.find('\r') == std::string::npos) {
    std::string crlf;
    crlf.reserve(size + size / 8);
    for (char c : text) {
      if (c == '\n') crlf.push_back('\r');
      crlf.push_back(c);
    }
    logs::LogReadStats crlf_stats;
    TLSREADY_FUZZ_CHECK(read_events(crlf, crlf_stats) == events);
    TLSREADY_FUZZ_CHECK(crlf_stats.malformed == stats.malformed);
  }

  // A tiny line limit: lines are cut, nothing else changes in kind.
  std::istringstream input(text);
  logs::LineSource lines(input, 16);
  logs::Line line;
  std::size_t count = 0;
  while (lines.next(line)) {
    TLSREADY_FUZZ_CHECK(line.text.size() <= 16);
    TLSREADY_FUZZ_CHECK(line.number == ++count);
  }
  TLSREADY_FUZZ_CHECK(lines.bytes_read() == size);
  return 0;
}
