// The one face of every log reader (IIS W3C, Exchange SMTP, nginx, Apache, HAProxy, Postfix, Dovecot): TLS-use events
// one at a time, with what the reader saw besides them; and the formats by name, recognised from a file's first lines.
// Not thread-safe: one reader per stream.
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

// "iis", "exchange-smtp", "nginx", "apache", "haproxy", "postfix", "dovecot", "pcap" (pcap and pcapng
// captures: open the stream in binary mode), "schannel-events" (Windows SCHANNEL events: event XML or
// .evtx): the base names. nginx and
// HAProxy take their line format after a colon ("nginx:$remote_addr ... $ssl_protocol $ssl_cipher",
// "nginx:@/etc/nginx/nginx.conf:NAME", "haproxy:%ci:%cp [%tr] ... %sslv %sslc"); apache reads the stock
// ssl_request_log, or the LogFormat after a colon ("apache:%h %l %u %t \"%r\" ... %{SSL_PROTOCOL}x").
const std::vector<std::string>& log_format_names();

// Whether `format` names a format (with its ':' part where it takes one): false for an unknown
// name; throws std::invalid_argument naming the format and the mistake for a bad format string
// (no protocol field in it, an unreadable nginx.conf, a ':' part where the format takes none).
bool check_log_format(std::string_view format);

// The reader of `format` over `input`, or nullptr for an unknown format; throws as check_log_format
// for a bad format string. `source_file` is recorded in each event (and its last-write time gives the
// year of syslog's year-less stamps: postfix, dovecot, haproxy). `input` must outlive the reader.
std::unique_ptr<TlsUseReader> make_reader(std::string_view format, std::istream& input, std::string source_file);

// The format of a log whose first lines are `head` (a few KiB from the start), or nullopt.
std::optional<std::string> recognise_log_format(std::string_view head);

}  // namespace tlsready::logs
