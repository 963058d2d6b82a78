// Fuzzes the text log readers of the logs room (nginx, Apache, HAProxy through the compiled line
// pattern; Postfix; Dovecot) with arbitrary bytes, and the three format-string compilers with the
// input's first line: a bad format string is a std::invalid_argument, never a crash. For every reader
// the counts must add up, every event names a line that exists and has its protocol text, its JSON
// form dumps (invalid UTF-8 made valid), and LF and CRLF line ends read alike. Format recognition
// must not crash on any head.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "fuzz_check.h"
#include "logs/apache_log_format.h"
#include "logs/dovecot_login_reader.h"
#include "logs/haproxy_log_format.h"
#include "logs/legacy_client_summary.h"
#include "logs/nginx_log_format.h"
#include "logs/pattern_log_reader.h"
#include "logs/postfix_tls_reader.h"
#include "logs/tls_use_event_json.h"
#include "logs/tls_use_reader.h"

#ifdef TLSREADY_FUZZ_REPLAY
#define TLSREADY_FUZZ_ENTRY tlsready_fuzz_text_logs
#else
#define TLSREADY_FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

namespace logs = tlsready::logs;

namespace {

const logs::SyslogYearRule kYear{2026, 12, 3};

const char* const kNginxFormat =
    "$remote_addr:$remote_port - $remote_user [$time_local] \"$request\" $status \"$http_user_agent\" "
    "$ssl_protocol/$ssl_cipher [$ssl_ciphers] $host $time_iso8601";
const char* const kHaproxyFormat = "%ci:%cp [%tr] %ft %b/%s %ST %B %sslv %sslc %{+Q}r";

using MakeReader = std::function<std::unique_ptr<logs::TlsUseReader>(std::istream&)>;

template <typename Reader>
class Adapter final : public logs::TlsUseReader {
 public:
  template <typename... Args>
  explicit Adapter(Args&&... args) : reader_(std::forward<Args>(args)...) {}
  bool next(logs::TlsUseEvent& event) override { return reader_.next(event); }
  const logs::LogReadStats& stats() const override { return reader_.stats(); }
  std::size_t bytes_read() const override { return reader_.bytes_read(); }

 private:
  Reader reader_;
};

std::vector<std::string> read_events(const MakeReader& make, const std::string& text, logs::LogReadStats& stats) {
  std::istringstream input(text);
  const std::unique_ptr<logs::TlsUseReader> reader = make(input);
  logs::LegacyClientSummary summary;
  std::vector<std::string> events;
  logs::TlsUseEvent event;
  while (reader->next(event)) {
    TLSREADY_FUZZ_CHECK(event.source_line >= 1);
    TLSREADY_FUZZ_CHECK(event.source_line <= reader->stats().lines);
    TLSREADY_FUZZ_CHECK(!event.protocol_raw.empty());
    TLSREADY_FUZZ_CHECK(!event.source_format.empty());
    summary.add(event);
    events.push_back(logs::to_json_document(event).dump());
  }
  stats = reader->stats();
  TLSREADY_FUZZ_CHECK(stats.events == events.size());
  TLSREADY_FUZZ_CHECK(stats.events + stats.plain + stats.malformed <= stats.lines);
  TLSREADY_FUZZ_CHECK(stats.unknown_values <= stats.events);
  TLSREADY_FUZZ_CHECK(stats.malformed_lines.size() <= logs::LogReadStats::kMaxListedLines);
  TLSREADY_FUZZ_CHECK(reader->bytes_read() == text.size());
  (void)summary.to_json_document(3).dump();
  return events;
}

void check_reader(const MakeReader& make, const std::string& text) {
  logs::LogReadStats stats;
  const std::vector<std::string> events = read_events(make, text, stats);
  if (text.find('\r') != std::string::npos) return;  // CRLF would double up the CRs already there
  std::string crlf;
  crlf.reserve(text.size() + text.size() / 8);
  for (char c : text) {
    if (c == '\n') crlf.push_back('\r');
    crlf.push_back(c);
  }
  logs::LogReadStats crlf_stats;
  TLSREADY_FUZZ_CHECK(read_events(make, crlf, crlf_stats) == events);
  TLSREADY_FUZZ_CHECK(crlf_stats.malformed == stats.malformed);
}

MakeReader pattern_reader(const char* format_name, logs::LogLinePattern pattern, bool syslog) {
  return [format_name, pattern = std::move(pattern), syslog](std::istream& input) {
    return std::unique_ptr<logs::TlsUseReader>(
        new Adapter<logs::PatternLogReader>(input, "fuzz.log", format_name, pattern, syslog));
  };
}

}  // namespace

extern "C" int TLSREADY_FUZZ_ENTRY(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  (void)logs::recognise_log_format(text.substr(0, 8192));

  check_reader(
      [](std::istream& input) {
        return std::unique_ptr<logs::TlsUseReader>(new Adapter<logs::PostfixTlsReader>(input, "mail.log", kYear));
      },
      text);
  check_reader(
      [](std::istream& input) {
        return std::unique_ptr<logs::TlsUseReader>(new Adapter<logs::DovecotLoginReader>(input, "mail.log", kYear));
      },
      text);
  check_reader(pattern_reader("nginx", logs::compile_nginx_log_format(kNginxFormat), false), text);
  check_reader(pattern_reader("apache", logs::compile_apache_log_format(logs::kApacheSslRequestLogFormat), false),
               text);
  check_reader(pattern_reader("haproxy", logs::compile_haproxy_log_format(kHaproxyFormat), true), text);

  // The first line as a format string of each kind, the rest as its log.
  const std::size_t newline = text.find('\n');
  const std::string format = text.substr(0, newline);
  const std::string rest = newline == std::string::npos ? std::string() : text.substr(newline + 1);
  using Compile = logs::LogLinePattern (*)(std::string_view);
  const std::pair<const char*, Compile> compilers[] = {{"nginx", logs::compile_nginx_log_format},
                                                       {"apache", logs::compile_apache_log_format},
                                                       {"haproxy", logs::compile_haproxy_log_format}};
  for (const auto& [name, compile] : compilers) {
    logs::LogLinePattern pattern;
    try {
      pattern = compile(format);
    } catch (const std::invalid_argument&) {
      continue;  // a bad format string: refused with a reason, as it must be
    }
    TLSREADY_FUZZ_CHECK(pattern.has(logs::LogField::protocol));
    check_reader(pattern_reader(name, std::move(pattern), std::string_view(name) == "haproxy"), rest);
  }
  try {
    (void)logs::nginx_log_format_from_config(text, "main");
  } catch (const std::invalid_argument&) {}
  return 0;
}
