// IIS W3C extended logs with the crypt-* custom fields (IIS 8.5+ on Windows Server 2012 R2 / 2016+,
// "New IIS functionality to help identify weak TLS usage", Microsoft, 2017): one TlsUseEvent per
// request made over TLS. Streaming (LineSource): memory stays flat on multi-GB files.
//
// What real files do, and what the reader does about it:
//  * '#Fields:' may change mid-file (a field added while the site runs): each data line is read with
//    the latest header. A data line before any header, or with another number of values than its
//    header names, is malformed: counted, its line number kept (the first ten), never fatal.
//  * Values are separated by one space; IIS writes '+' for the spaces of cs(User-Agent) and '-' for
//    an empty value. All four crypt-* fields are '-' on plain HTTP: counted as plain, no event.
//  * crypt-protocol is SCHANNEL's SP_PROT_* number in hex without 0x ("40" = TLS 1.0 server side);
//    crypt-cipher/-hash/-keyexchange are ALG_IDs (native/data/schannel_log_values.csv).
//  * Files with the custom fields are named u_ex<date>_x.log; the site comes from s-sitename, or
//    from the W3SVC<n> folder the file is in when the field is not logged.
// Not thread-safe: one reader per file.
#pragma once

#include <istream>
#include <string>
#include <vector>

#include "logs/line_source.h"
#include "logs/log_read_stats.h"
#include "logs/tls_use_event.h"

namespace tlsready::logs {

class IisW3cReader {
 public:
  // `source_file` is only recorded in each event (and gives the site from a W3SVC<n> folder).
  IisW3cReader(std::istream& input, std::string source_file);

  // The next TLS use, or false at the end of the input.
  bool next(TlsUseEvent& event);
  const LogReadStats& stats() const { return stats_; }
  std::size_t bytes_read() const { return lines_.bytes_read(); }

 private:
  // Where each field this reader uses sits in the latest header; -1 when the header lacks it.
  struct Columns {
    int date = -1, time = -1, site = -1, computer = -1, server_ip = -1, server_port = -1, uri_stem = -1;
    int user = -1, client_ip = -1, client_port = -1, user_agent = -1;
    int protocol = -1, cipher = -1, hash = -1, key_exchange = -1;
  };
  void read_fields_directive(std::string_view directive);
  bool event_from(const Line& line, TlsUseEvent& event);

  LineSource lines_;
  std::string source_file_;
  std::string folder_site_;
  Columns columns_;
  std::size_t field_count_ = 0;  // values per data line under the latest header
  bool have_fields_ = false;
  std::vector<std::string_view> values_;  // reused for every line
  LogReadStats stats_;
};

}  // namespace tlsready::logs
