#include "logs/tls_use_reader.h"

#include "common/text.h"
#include "logs/exchange_smtp_reader.h"
#include "logs/iis_w3c_reader.h"
#include "logs/schannel_event_reader.h"

namespace tlsready::logs {
namespace {

template <typename Reader>
class Adapter final : public TlsUseReader {
 public:
  Adapter(std::istream& input, std::string source_file) : reader_(input, std::move(source_file)) {}
  bool next(TlsUseEvent& event) override { return reader_.next(event); }
  const LogReadStats& stats() const override { return reader_.stats(); }
  std::size_t bytes_read() const override { return reader_.bytes_read(); }

 private:
  Reader reader_;
};

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
  static const std::vector<std::string> names = {"iis", "exchange-smtp", "schannel-events"};
  return names;
}

std::unique_ptr<TlsUseReader> make_reader(std::string_view format, std::istream& input, std::string source_file) {
  if (format == "iis") return std::make_unique<Adapter<IisW3cReader>>(input, std::move(source_file));
  if (format == "exchange-smtp") return std::make_unique<Adapter<ExchangeSmtpReader>>(input, std::move(source_file));
  if (format == "schannel-events") return std::make_unique<Adapter<SchannelEventReader>>(input, std::move(source_file));
  return nullptr;
}

std::optional<std::string> recognise_log_format(std::string_view head) {
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
  }
  return std::nullopt;
}

}  // namespace tlsready::logs
