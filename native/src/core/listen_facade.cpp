// tlsready's public capture listener (native/include/tlsready/listen.hpp) over the capture room.
#include <cmath>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "capture/listener.h"
#include "common/text.h"
#include "logs/tls_use_event_json.h"
#include "tlsready/listen.hpp"

namespace tlsready {
namespace {

std::string dump(const nlohmann::json& document) {
  return document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::chrono::milliseconds checked_seconds(double seconds, const char* option) {
  if (!std::isfinite(seconds) || seconds < 0 || seconds > 366.0 * 86400)
    throw std::invalid_argument(std::string("listen option ") + option + ": must be a number of seconds in [0, " +
                                "31622400], got " + std::to_string(seconds));
  return std::chrono::milliseconds(static_cast<long long>(std::ceil(seconds * 1000)));
}

}  // namespace

ListenResult listen(const ListenOptions& options) {
  capture::ListenOptions room;
  room.bind = options.bind;
  if (options.port < 0 || options.port > 65535)
    throw std::invalid_argument("listen port " + std::to_string(options.port) + ": must be in 0..65535");
  room.port = static_cast<uint16_t>(options.port);
  if (!options.starttls.empty()) {
    room.starttls = capture::prelude_protocol(options.starttls);
    if (!room.starttls)
      throw std::invalid_argument("listen starttls " + text::quote_for_message(options.starttls) +
                                  ": unknown (known: smtp, imap, pop3)");
  }
  room.count = options.count;
  room.duration = checked_seconds(options.duration_seconds, "duration");
  room.connection_timeout = checked_seconds(options.connection_timeout_seconds, "connection_timeout");
  if (room.connection_timeout.count() == 0)
    throw std::invalid_argument("listen option connection_timeout: must be more than 0 seconds");
  room.max_connections = options.max_connections;
  room.on_listening = [&](const std::string& address, uint16_t port) {
    if (options.on_listening) options.on_listening(address, port);
  };
  if (options.on_event)
    room.on_event = [&](const logs::TlsUseEvent& event) {
      return options.on_event(dump(logs::to_json_document(event)));
    };
  room.keep_going = options.keep_going;
  room.cancel = options.cancel;
  capture::ListenOutcome outcome = capture::run_listener(room);
  if (outcome.failure) throw std::invalid_argument(outcome.failure->message);
  const capture::ListenCounts& c = outcome.counts;
  const char* stopped_by = outcome.stopped_by_count ? "count" : outcome.stopped_by_duration ? "duration" : "stopped";
  const nlohmann::json counts = {{"connections", c.connections},
                                 {"hellos", c.hellos},
                                 {"fallback_retries", c.fallback_retries},
                                 {"timed_out", c.timed_out},
                                 {"not_tls", c.not_tls},
                                 {"malformed", c.malformed},
                                 {"closed_early", c.closed_early},
                                 {"prelude_failed", c.prelude_failed},
                                 {"dropped", c.dropped()},
                                 {"source", outcome.source},
                                 {"stopped_by", stopped_by}};
  return {dump(outcome.summary.to_json_document()), dump(counts)};
}

}  // namespace tlsready
