// Exchange SMTP Receive and Send protocol logs (CSV; Exchange 2013-2019 and Subscription Edition,
// "#Log-type: SMTP Receive Protocol Log" / "SMTP Send Protocol Log"): one TlsUseEvent per SMTP
// session that negotiated TLS. Streaming (LineSource); only the sessions still open are kept.
//
// A session's lines share its session-id and are interleaved with other sessions'. The reader joins
// them: the '*' line whose context reads "TLS protocol SP_PROT_TLS1_2_SERVER negotiation succeeded
// using bulk encryption algorithm CALG_AES_256 ..., MAC hash algorithm CALG_SHA1 ... and key exchange
// algorithm CALG_ECDH_EPHEM ..." gives the protocol and algorithms (both the SP_PROT_ and the SP_PROT-
// spellings), the client's EHLO/HELO gives its name, the '*' "authenticated" line its user. The event
// is emitted when the session ends ('-'), or at the end of the file for sessions the file does not
// close. Who is the client follows the protocol constant: _SERVER (a Receive log) means the remote
// endpoint connected to this server; _CLIENT (a Send log) means this server connected out to the
// remote one. Lines with another number of fields than the header names are malformed: counted.
// Not thread-safe: one reader per file.
#pragma once

#include <deque>
#include <istream>
#include <map>
#include <string>
#include <vector>

#include "logs/line_source.h"
#include "logs/log_read_stats.h"
#include "logs/tls_use_event.h"

namespace tlsready::logs {

class ExchangeSmtpReader {
 public:
  // Sessions kept open at most; past it the oldest is emitted with what it has (a log that never
  // closes its sessions must not grow memory without bound).
  static constexpr std::size_t kMaxOpenSessions = 65536;

  ExchangeSmtpReader(std::istream& input, std::string source_file);

  bool next(TlsUseEvent& event);
  const LogReadStats& stats() const { return stats_; }
  std::size_t bytes_read() const { return lines_.bytes_read(); }

 private:
  struct Session {
    std::size_t first_line = 0;
    bool tls = false;
    TlsUseEvent event;
    std::string client_name;
    std::string user;
  };
  struct Columns {
    int date_time = -1, connector = -1, session = -1, local = -1, remote = -1, event = -1, data = -1, context = -1;
    std::size_t count = 0;
  };

  void read_fields_directive(std::string_view directive);
  void read_line(const Line& line);
  void finish(const std::string& session_id);
  void finish_all();

  LineSource lines_;
  std::string source_file_;
  Columns columns_;
  bool have_fields_ = false;
  bool send_log_ = false;  // "#Log-type: SMTP Send Protocol Log"
  std::map<std::string, Session> open_;
  std::deque<std::string> open_order_;  // session ids by first line, for the cap
  std::deque<TlsUseEvent> ready_;
  bool ended_ = false;
  LogReadStats stats_;
};

}  // namespace tlsready::logs
