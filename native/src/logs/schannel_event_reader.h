// Windows SCHANNEL events as TLS uses (format "schannel-events"): with SCHANNEL's EventLogging raised,
// Windows writes to the System log, provider "Schannel",
//  * 36880 a handshake completed (the negotiated protocol and cipher suite): resource "handshake";
//  * 36874 a client asked for a protocol ("TLS 1.0") but no suite of its is enabled: "no common suite";
//  * 36888 this machine sent a fatal alert: "alert 70" (70 protocol_version: a client offered only
//    versions the server has disabled; the event names no version, so protocol stays unknown).
// The fields each event carries are native/data/schannel_event_fields.csv. SCHANNEL says that TLS 1.0
// was used, not by whom: client_address is always empty, so a legacy-clients summary counts all these
// events under one client without an address, with the servers (System/Computer) named in its servers
// list and the days counted in its days list. A 36880 of the client side (Type "client": this machine
// connected out) is the other way round: client_name is this machine, server the TargetName it asked for.
//
// Inputs, told apart by their first bytes:
//  * event XML: `wevtutil qe System /q:"*[System[Provider[@Name='Schannel']]]" /f:xml` (<Event>
//    elements one after another, no root), Event Viewer's "Save All Events As... XML" (an <Events>
//    root), `Get-WinEvent ... | % ToXml` (one event per line); UTF-8 or UTF-16 (LE/BE, with or without
//    a byte-order mark, as PowerShell's '>' writes), LF or CRLF. Parsed with expat, streaming: memory
//    stays flat. Events of other providers and other Schannel events are counted (without_tls_fields),
//    not returned. A broken or cut event is counted malformed (its line kept) and reading resumes at
//    the next <Event; a file that ends inside an event sets unterminated_last_line.
//  * .evtx ("ElfFile\0"), read through libyal's libevtx by the path `source_file` (each record's XML
//    then goes the same way; source_line is the record's 1-based index). Only in builds that found
//    libevtx; otherwise the constructor throws std::invalid_argument saying so.
// Builds without expat (the Windows cross build) have no reader: the constructor throws
// std::invalid_argument ("not available in this build"). Not thread-safe: one reader per file.
#pragma once

#include <cstddef>
#include <istream>
#include <memory>
#include <string>

#include "logs/log_read_stats.h"
#include "logs/tls_use_event.h"

namespace tlsready::logs {

// Whether this build reads event XML (expat found) and .evtx files (libevtx found).
bool schannel_events_available();
bool schannel_evtx_available();

class SchannelEventReader {
 public:
  // Throws std::invalid_argument when this build cannot read the input (see above), or when an .evtx
  // file cannot be opened by libevtx (naming the file).
  // `block_bytes`: how much is read at a time (the tests and the fuzzer shrink it to cross every boundary).
  static constexpr std::size_t kDefaultBlockBytes = std::size_t{64} * 1024;
  SchannelEventReader(std::istream& input, std::string source_file, std::size_t block_bytes = kDefaultBlockBytes);
  ~SchannelEventReader();
  SchannelEventReader(const SchannelEventReader&) = delete;
  SchannelEventReader& operator=(const SchannelEventReader&) = delete;

  // The next TLS use, or false at the end of the input.
  bool next(TlsUseEvent& event);
  const LogReadStats& stats() const;
  std::size_t bytes_read() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace tlsready::logs
