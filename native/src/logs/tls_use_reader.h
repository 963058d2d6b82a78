// The one face of every log reader (IIS W3C, Exchange SMTP, ...): TLS-use events one at a time,
// with what the reader saw besides them; and the formats by name, recognised from a file's first
// lines. Not thread-safe: one reader per stream.
#pragma once

#include <istream>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "logs/log_read_stats.h"
#include "logs/tls_use_event.h"

namespace tlsready::logs {

class TlsUseReader {
 public:
  virtual ~TlsUseReader() = default;
  // The next TLS use, or false at the end of the input.
  virtual bool next(TlsUseEvent& event) = 0;
  virtual const LogReadStats& stats() const = 0;
  virtual std::size_t bytes_read() const = 0;
};

// "iis", "exchange-smtp", "schannel-events" (Windows SCHANNEL events: event XML or .evtx).
const std::vector<std::string>& log_format_names();

// The reader of `format` over `input`, or nullptr for an unknown format. `source_file` is recorded
// in each event. `input` must outlive the reader.
std::unique_ptr<TlsUseReader> make_reader(std::string_view format, std::istream& input, std::string source_file);

// The format of a log whose first lines are `head` (a few KiB from the start), or nullopt.
std::optional<std::string> recognise_log_format(std::string_view head);

}  // namespace tlsready::logs
