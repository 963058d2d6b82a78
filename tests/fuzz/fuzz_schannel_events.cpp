// Fuzzes the Windows SCHANNEL event reader of the logs room (event XML through expat) with arbitrary
// bytes: its counts add up, every event names a line that exists, its JSON form dumps without throwing,
// and the result does not depend on how the input is cut into blocks (7 bytes at a time reads like 64
// KiB) nor, for valid UTF-8 without NULs, on whether it comes as UTF-8 or as UTF-16LE with a BOM.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "logs/legacy_client_summary.h"
#include "logs/schannel_event_reader.h"
#include "logs/tls_use_event_json.h"

#ifdef TLSREADY_FUZZ_REPLAY
#define TLSREADY_FUZZ_ENTRY tlsready_fuzz_schannel_events
#else
#define TLSREADY_FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

namespace logs = tlsready::logs;

namespace {

struct Read {
  std::vector<std::string> events;
  std::string stats;
};

Read read_events(const std::string& bytes, std::size_t block_bytes) {
  std::istringstream input(bytes);
  logs::SchannelEventReader reader(input, "System.xml", block_bytes);
  logs::LegacyClientSummary summary;
  Read read;
  logs::TlsUseEvent event;
  while (reader.next(event)) {
    TLSREADY_FUZZ_CHECK(event.source_line >= 1);
    TLSREADY_FUZZ_CHECK(event.source_format == "schannel-events");
    TLSREADY_FUZZ_CHECK(event.client_address.empty());
    TLSREADY_FUZZ_CHECK(!event.resource.empty());
    summary.add(event);
    read.events.push_back(logs::to_json_document(event).dump());
  }
  const logs::LogReadStats& stats = reader.stats();
  for (const std::string& document : read.events) {
    const auto line = nlohmann::json::parse(document)["source"]["line"].get<std::size_t>();
    TLSREADY_FUZZ_CHECK(line <= stats.lines);
  }
  TLSREADY_FUZZ_CHECK(stats.events == read.events.size());
  TLSREADY_FUZZ_CHECK(stats.malformed_lines.size() <= logs::LogReadStats::kMaxListedLines);
  TLSREADY_FUZZ_CHECK(stats.unknown_values <= stats.events);
  TLSREADY_FUZZ_CHECK(reader.bytes_read() == bytes.size());
  TLSREADY_FUZZ_CHECK(summary.events() == read.events.size());
  (void)summary.to_json_document(3).dump();
  read.stats = logs::to_json_document(stats).dump();
  return read;
}

bool valid_utf8_without_nul(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (c == 0 || length == 0 || i + length > text.size()) return false;
    uint32_t code = length == 1 ? c : length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next >> 6) != 0x2) return false;
      code = (code << 6) | (next & 0x3F);
    }
    const bool overlong =
        (length == 2 && code < 0x80) || (length == 3 && code < 0x800) || (length == 4 && code < 0x10000);
    if (overlong || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) || code == 0xFEFF) return false;
    i += length;
  }
  return true;
}

std::string as_utf16le_with_bom(const std::string& utf8) {
  std::string out = "\xFF\xFE";
  std::size_t i = 0;
  const auto put = [&](uint32_t unit) {
    out.push_back(static_cast<char>(unit & 0xFF));
    out.push_back(static_cast<char>(unit >> 8));
  };
  while (i < utf8.size()) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    std::size_t length = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : 4;
    uint32_t code = length == 1 ? c : length == 2 ? (c & 0x1F) : length == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < length; ++k) code = (code << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    if (code >= 0x10000) {
      put(0xD800 + ((code - 0x10000) >> 10));
      put(0xDC00 + ((code - 0x10000) & 0x3FF));
    } else {
      put(code);
    }
    i += length;
  }
  return out;
}

}  // namespace

extern "C" int TLSREADY_FUZZ_ENTRY(const uint8_t* data, size_t size) {
  if (!tlsready::logs::schannel_events_available()) return 0;
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  const Read whole = read_events(bytes, logs::SchannelEventReader::kDefaultBlockBytes);
  const Read small = read_events(bytes, 7);
  TLSREADY_FUZZ_CHECK(small.events == whole.events);
  TLSREADY_FUZZ_CHECK(small.stats == whole.stats);
  // The same text in UTF-16LE: the same events (short inputs: the declaration is held up to one block).
  if (size < std::size_t{16} * 1024 && !bytes.starts_with("\xEF\xBB\xBF") && valid_utf8_without_nul(bytes)) {
    const Read utf16 = read_events(as_utf16le_with_bom(bytes), logs::SchannelEventReader::kDefaultBlockBytes);
    TLSREADY_FUZZ_CHECK(utf16.events == whole.events);
  }
  return 0;
}
