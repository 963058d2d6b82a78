// tlsready's public legacy-client finder (native/include/tlsready/legacy_clients.hpp) over the logs room.
#include <fstream>
#include <memory>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "checked_log_file.h"
#include "common/text.h"
#include "logs/legacy_client_summary.h"
#include "logs/tls_use_event_json.h"
#include "logs/tls_use_reader.h"
#include "tlsready/legacy_clients.hpp"

namespace tlsready {
namespace {

std::string dump(const nlohmann::json& document) {
  return document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::ifstream open_log(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) throw std::invalid_argument("log file " + text::quote_for_message(path, 200) + ": cannot be opened");
  return file;
}

// "auto", a format name, or a name with its line format ("nginx:$remote_addr ..."): a bad line format
// throws here, before any file is read, naming the format and its mistake.
void check_format(const std::string& format) {
  if (format == "auto") return;
  if (logs::check_log_format(format)) return;
  throw std::invalid_argument("log format " + text::quote_for_message(format) + ": unknown (known: auto, " +
                              text::join(log_formats(), ", ") + ")");
}

}  // namespace

std::string legacy_clients_schema_version() { return logs::kTlsUseEventSchemaVersion; }

std::vector<std::string> log_formats() { return logs::log_format_names(); }

bool is_log_format(const std::string& format) { return format == "auto" || logs::check_log_format(format); }

std::string detect_log_format(const std::string& path) {
  std::ifstream file = open_log(path);
  std::string head(8192, '\0');
  file.read(head.data(), static_cast<std::streamsize>(head.size()));
  head.resize(static_cast<std::size_t>(file.gcount()));
  if (const auto format = logs::recognise_log_format(head)) return *format;
  throw std::invalid_argument("log file " + text::quote_for_message(path, 200) +
                              ": format not recognised (give it: " + text::join(log_formats(), ", ") + ")");
}

std::string legacy_clients(const std::vector<std::string>& paths, const LegacyClientsOptions& options) {
  check_format(options.format);
  logs::LegacyClientSummary summary;
  bool stopped = false;
  for (const std::string& path : paths) {
    if (stopped) break;
    const std::string format = options.format == "auto" ? detect_log_format(path) : options.format;
    CheckedLogFile checked(options.keep_going);  // a cancel is seen within a few MiB, events or not
    if (!checked.open(path))
      throw std::invalid_argument("log file " + text::quote_for_message(path, 200) + ": cannot be opened");
    std::istream file(&checked);
    const std::unique_ptr<logs::TlsUseReader> reader = logs::make_reader(format, file, path);
    logs::TlsUseEvent event;
    std::size_t count = 0;
    while (reader->next(event)) {
      summary.add(event);
      if (options.on_event && !options.on_event(dump(logs::to_json_document(event)))) stopped = true;
      if (++count % 4096 == 0 && options.keep_going && !options.keep_going()) stopped = true;
      if (stopped) break;
    }
    if (checked.stopped()) stopped = true;
    summary.add_source(path, format.substr(0, format.find(':')), reader->stats());  // "nginx", not its line format
    if (options.on_file_done) options.on_file_done(path, reader->bytes_read());
    if (options.keep_going && !options.keep_going()) stopped = true;
  }
  return dump(summary.to_json_document(options.limit));
}

}  // namespace tlsready
