#include "logs/tls_use_reader.h"

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>

#include "common/text.h"
#include "logs/apache_log_format.h"
#include "logs/dovecot_login_reader.h"
#include "logs/exchange_smtp_reader.h"
#include "logs/haproxy_log_format.h"
#include "logs/iis_w3c_reader.h"
#include "logs/nginx_log_format.h"
#include "logs/pattern_log_reader.h"
#include "logs/pcap_reader.h"
#include "logs/postfix_tls_reader.h"
#include "logs/schannel_event_reader.h"

namespace tlsready::logs {
namespace {

template <typename Reader>
class Adapter final : public TlsUseReader {
 public:
  template <typename... Args>
  explicit Adapter(Args&&... args) : reader_(std::forward<Args>(args)...) {}
  bool next(TlsUseEvent& event) override { return reader_.next(event); }
  const LogReadStats& stats() const override { return reader_.stats(); }
  std::size_t bytes_read() const override { return reader_.bytes_read(); }

 private:
  Reader reader_;
};

[[noreturn]] void bad_format(std::string_view format, const std::string& reason) {
  throw std::invalid_argument("log format " + text::quote_for_message(format, 200) + ": " + reason);
}

// "nginx:@/etc/nginx/nginx.conf:main": the log_format named at the end of the configuration file
// (the path may hold ':' itself, as C:\nginx\conf\nginx.conf does).
std::string nginx_format_from_config_argument(std::string_view format, std::string_view argument) {
  const std::size_t colon = argument.rfind(':');
  if (colon == std::string_view::npos || colon == 1 || colon + 1 == argument.size())
    bad_format(format, "give the configuration file and the log_format's name: nginx:@PATH:NAME");
  const std::string path(argument.substr(1, colon - 1));
  std::ifstream file(path, std::ios::binary);
  if (!file) bad_format(format, "the configuration file " + text::quote_for_message(path, 200) + " cannot be opened");
  std::ostringstream text;
  text << file.rdbuf();
  try {
    return nginx_log_format_from_config(text.str(), argument.substr(colon + 1));
  } catch (const std::invalid_argument& error) {
    bad_format(format, text::quote_for_message(path, 200) + ": " + error.what());
  }
}

// The compiled pattern of "nginx:..", "apache[:..]", "haproxy:.."; throws for a bad format string.
LogLinePattern pattern_for(std::string_view format, std::string_view base, std::string_view argument,
                           bool has_argument) {
  try {
    if (base == "nginx") {
      if (!has_argument || argument.empty())
        bad_format(format,
                   "nginx logs in the format their log_format names: give it, nginx:<log_format string> "
                   "or nginx:@/etc/nginx/nginx.conf:NAME");
      if (argument.front() == '@') return compile_nginx_log_format(nginx_format_from_config_argument(format, argument));
      return compile_nginx_log_format(argument);
    }
    if (base == "apache") return compile_apache_log_format(has_argument ? argument : kApacheSslRequestLogFormat);
    if (!has_argument || argument.empty())
      bad_format(format, "HAProxy logs in the format its log-format names: give it, haproxy:<log-format string>");
    return compile_haproxy_log_format(argument);
  } catch (const std::invalid_argument& error) {
    const std::string message = error.what();
    if (text::istarts_with(message, "log format ")) throw;
    bad_format(format, message);
  }
}

struct FormatParts {
  std::string_view base;
  std::string_view argument;
  bool has_argument = false;
};

FormatParts split_format(std::string_view format) {
  const std::size_t colon = format.find(':');
  if (colon == std::string_view::npos) return {format, {}, false};
  return {format.substr(0, colon), format.substr(colon + 1), true};
}

bool takes_format_string(std::string_view base) { return base == "nginx" || base == "apache" || base == "haproxy"; }

// Windows event logs: the .evtx magic, or event XML (UTF-8 or UTF-16, whose zero bytes are dropped
// here) with an <Event in the events namespace and the Schannel provider, or Event Viewer's <Events> root.
bool looks_like_schannel_events(std::string_view head) {
  if (head.substr(0, 8) == std::string_view("ElfFile\0", 8)) return true;
  std::string text;
  text.reserve(head.size());
  for (char c : head)
    if (c != '\0') text.push_back(c);
  if (text.find("schemas.microsoft.com/win/2004/08/events/event") == std::string::npos) return false;
  return text.find("Name=\"Schannel\"") != std::string::npos || text.find("Name='Schannel'") != std::string::npos ||
         text.find("<Events>") != std::string::npos || text.find("<Events ") != std::string::npos;
}

}  // namespace

const std::vector<std::string>& log_format_names() {
  static const std::vector<std::string> names = {"iis",     "exchange-smtp", "nginx", "apache",         "haproxy",
                                                 "postfix", "dovecot",       "pcap",  "schannel-events"};
  return names;
}

bool check_log_format(std::string_view format) {
  const FormatParts parts = split_format(format);
  if (takes_format_string(parts.base)) {
    (void)pattern_for(format, parts.base, parts.argument, parts.has_argument);
    return true;
  }
  if (parts.has_argument) {
    for (const std::string& known : log_format_names())
      if (parts.base == known) bad_format(format, "the " + known + " format takes no ':' part");
    return false;
  }
  for (const std::string& known : log_format_names())
    if (format == known) return true;
  return false;
}

std::unique_ptr<TlsUseReader> make_reader(std::string_view format, std::istream& input, std::string source_file) {
  if (format == "iis") return std::make_unique<Adapter<IisW3cReader>>(input, std::move(source_file));
  if (format == "exchange-smtp") return std::make_unique<Adapter<ExchangeSmtpReader>>(input, std::move(source_file));
  if (format == "pcap") return std::make_unique<Adapter<PcapReader>>(input, std::move(source_file));
  if (format == "schannel-events") return std::make_unique<Adapter<SchannelEventReader>>(input, std::move(source_file));
  if (format == "postfix") return std::make_unique<Adapter<PostfixTlsReader>>(input, std::move(source_file));
  if (format == "dovecot") return std::make_unique<Adapter<DovecotLoginReader>>(input, std::move(source_file));
  const FormatParts parts = split_format(format);
  if (!takes_format_string(parts.base)) {
    if (parts.has_argument) (void)check_log_format(format);  // "iis:x" names its mistake
    return nullptr;
  }
  LogLinePattern pattern = pattern_for(format, parts.base, parts.argument, parts.has_argument);
  return std::make_unique<Adapter<PatternLogReader>>(input, std::move(source_file), std::string(parts.base),
                                                     std::move(pattern), parts.base == "haproxy");
}

std::optional<std::string> recognise_log_format(std::string_view head) {
  if (looks_like_pcap(head)) return "pcap";  // binary: recognised by its magic bytes
  if (looks_like_schannel_events(head)) return "schannel-events";
  if (head.substr(0, 3) == "\xEF\xBB\xBF") head.remove_prefix(3);
  bool exchange = false;
  for (std::string_view line : text::split(head, '\n')) {
    line = text::trim_view(line);
    if (text::istarts_with(line, "#Software: Microsoft Internet Information Services")) return "iis";
    if (text::istarts_with(line, "#Software: Microsoft Exchange Server")) exchange = true;
    if (text::istarts_with(line, "#Log-type: SMTP")) return "exchange-smtp";
    if (text::istarts_with(line, "#Fields:")) {
      if (line.find("crypt-protocol") != std::string_view::npos) return "iis";
      if (line.find("session-id") != std::string_view::npos && line.find("remote-endpoint") != std::string_view::npos)
        return "exchange-smtp";
      if (exchange) return "exchange-smtp";
    }
    // Text logs: the first line that says which (nginx and custom Apache/HAProxy formats cannot be told).
    if (line.empty() || line.front() == '#') continue;
    if (looks_like_postfix_line(line)) return "postfix";
    if (looks_like_dovecot_login_line(line)) return "dovecot";
    if (looks_like_apache_ssl_request_log(line)) return "apache";
  }
  return std::nullopt;
}

}  // namespace tlsready::logs
