// The public C++ face of "who still uses TLS 1.0/1.1": server logs in, one TLS-use event per
// connection or request (native/schema/tls-use-event.schema.json) streamed to a callback, and the
// legacy-clients summary document (native/schema/legacy-clients.schema.json) out.
//
// Formats: "iis" (IIS W3C logs with the crypt-* custom fields), "exchange-smtp" (Exchange SMTP
// Receive/Send protocol logs), "nginx:<log_format>" / "nginx:@nginx.conf:NAME", "apache" (the stock
// ssl_request_log) / "apache:<LogFormat>", "haproxy:<log-format>", "postfix", "dovecot", or "auto"
// (recognised from the file's first lines). Files are read in blocks: memory stays flat on multi-GB logs.
//
// Errors: std::invalid_argument naming the input: an unknown format, a file that cannot be opened,
// a file whose format "auto" cannot recognise. Lines the reader cannot understand are counted in the
// document (sources[].read), never thrown.
// Thread-safety: any thread, any time; calls share no state. The callback runs on the calling thread.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace tlsready {

// The schema_version of the TLS-use event ("1.1"; the legacy-clients document has its own).
std::string legacy_clients_schema_version();

// The log formats legacy_clients() reads by their base names ("iis", "exchange-smtp", "nginx", ...), besides "auto".
std::vector<std::string> log_formats();

// Whether `format` is "auto" or a format legacy_clients() reads, with its ':' part where it takes one
// ("nginx:$remote_addr ... $ssl_protocol"): false for an unknown name; throws std::invalid_argument
// naming the format and the mistake for a bad format string.
bool is_log_format(const std::string& format);

// The format "auto" finds for `path` ("iis"); throws std::invalid_argument when none fits.
std::string detect_log_format(const std::string& path);

struct LegacyClientsOptions {
  std::string format = "auto";
  std::size_t limit = 0;  // entries per list in the summary (0: all)
  // Called with each TLS-use event document (JSON text); return false to stop reading (the summary
  // then covers what was read). Empty: no events, only the summary.
  std::function<bool(const std::string& event_json)> on_event;
  // Asked every 4096 events and after each file; false stops reading (Ctrl-C in a front).
  std::function<bool()> keep_going;
  // Called after each file with its path and the number of bytes read, for progress.
  std::function<void(const std::string& path, std::size_t bytes)> on_file_done;
};

// Reads every file in order and returns the legacy-clients document (JSON text).
std::string legacy_clients(const std::vector<std::string>& paths, const LegacyClientsOptions& options);

}  // namespace tlsready
