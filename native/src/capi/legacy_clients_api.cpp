// tlsr_log_formats, tlsr_detect_log_format, tlsr_legacy_clients_*: who still uses TLS 1.0/1.1, from
// server logs (native/include/tlsready/legacy_clients.hpp), as a handle a caller pulls events from.
//
// The reading runs on a thread of the handle's own, in tlsready::legacy_clients(); its events go
// through a bounded queue (so memory stays flat however slowly the caller pulls) to
// tlsr_legacy_clients_next_event. A cancel sets the flag the core polls (keep_going, and the
// on_event return) and wakes every waiter.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "boundary.h"
#include "tlsready/legacy_clients.hpp"

namespace {

using tlsready::capi::guarded;
using tlsready::capi::reject;
using tlsready::capi::require;

// Events read ahead of the caller: enough to keep the reader busy, small enough to stay flat.
constexpr std::size_t kQueuedEvents = 512;
constexpr const char* kRequest = "legacy-clients request";
// The request document's own version (native/schema/legacy-clients-request.schema.json), apart from the
// TLS-use event's and the summary's.
constexpr const char* kRequestSchemaVersion = "1.0";

// The request document (native/schema/legacy-clients-request.schema.json), checked member by member.
struct Request {
  std::vector<std::string> paths;
  std::string format = "auto";
  std::size_t limit = 0;
  bool events = false;
};

std::string quoted(const std::string& text) { return "'" + text + "'"; }

void check_format(const std::string& format) {
  try {
    if (tlsready::is_log_format(format)) return;  // "nginx:<its log_format>" and the like too
  } catch (const std::invalid_argument& error) {
    reject(std::string(kRequest) + ": " + error.what());  // it names the format and the mistake
  }
  const std::vector<std::string> known = tlsready::log_formats();
  std::string list = "auto";
  for (const std::string& name : known) list += ", " + name;
  reject(std::string(kRequest) + ": format " + quoted(format) + " is unknown (known: " + list + ")");
}

Request parse_request(const char* request_json) {
  nlohmann::json document;
  try {
    document = nlohmann::json::parse(request_json);
  } catch (const nlohmann::json::parse_error& error) {
    reject(std::string(kRequest) + ": not valid JSON (" + error.what() + ")");
  }
  if (!document.is_object()) reject(std::string(kRequest) + ": must be a JSON object");
  Request request;
  bool has_paths = false;
  for (const auto& [name, value] : document.items()) {
    if (name == "schema_version") {
      if (!value.is_string() || value.get<std::string>() != kRequestSchemaVersion)
        reject(std::string(kRequest) + ": 'schema_version' must be \"" + kRequestSchemaVersion +
               "\" (this build's), not " + value.dump());
    } else if (name == "paths") {
      if (!value.is_array()) reject(std::string(kRequest) + ": 'paths' must be an array of log file paths");
      has_paths = true;
      for (std::size_t i = 0; i < value.size(); ++i) {
        if (!value[i].is_string() || value[i].get<std::string>().empty())
          reject(std::string(kRequest) + ": paths[" + std::to_string(i) + "] must be a file path (a non-empty string)");
        request.paths.push_back(value[i].get<std::string>());
      }
    } else if (name == "format") {
      if (!value.is_null()) {
        if (!value.is_string()) reject(std::string(kRequest) + R"(: 'format' must be a string ("auto", "iis", ...))");
        request.format = value.get<std::string>();
      }
    } else if (name == "limit") {
      if (!value.is_null()) {
        if (!value.is_number_unsigned())
          reject(std::string(kRequest) + ": 'limit' must be a whole number >= 0 (0: every entry), not " + value.dump());
        request.limit = value.get<std::size_t>();
      }
    } else if (name == "events") {
      if (!value.is_null()) {
        if (!value.is_boolean()) reject(std::string(kRequest) + ": 'events' must be true or false");
        request.events = value.get<bool>();
      }
    } else {
      reject(std::string(kRequest) + ": unknown member " + quoted(name) +
             " (known: schema_version, paths, format, limit, events)");
    }
  }
  if (!has_paths) reject(std::string(kRequest) + ": 'paths' is missing (the log files to read)");
  if (request.paths.empty()) reject(std::string(kRequest) + ": 'paths' is empty (give at least one log file)");
  check_format(request.format);
  return request;
}

std::chrono::milliseconds timeout_of(int timeout_ms) {
  if (timeout_ms < -1)
    reject("timeout_ms: " + std::to_string(timeout_ms) +
           " (use milliseconds >= 0, or -1 to wait until an event comes)");
  return std::chrono::milliseconds(timeout_ms);
}

}  // namespace

struct tlsr_legacy_reader {
  std::mutex mutex;
  std::condition_variable changed;  // any change below: an event queued or taken, the end, a cancel
  std::deque<std::string> events;
  bool finished = false;    // the reading thread is done (summary or error set)
  bool cancelled = false;   // tlsr_legacy_clients_cancel was called
  bool discarding = false;  // tlsr_legacy_clients_summary was called: events are no longer kept
  std::atomic<bool> stop{false};
  tlsr_status error = TLSR_OK;
  std::string error_message;
  std::string summary;
  std::size_t file_count = 0;
  std::size_t files_read = 0;
  unsigned long long bytes_read = 0;
  std::thread worker;

  void read(const Request& request) {
    tlsready::LegacyClientsOptions options;
    options.format = request.format;
    options.limit = request.limit;
    options.keep_going = [this] { return !stop.load(); };
    options.on_file_done = [this](const std::string&, std::size_t bytes) {
      const std::lock_guard<std::mutex> lock(mutex);
      ++files_read;
      bytes_read += bytes;
    };
    if (request.events) options.on_event = [this](const std::string& event) { return queue(event); };
    std::string document;
    // The core's exceptions become a status and a message here, on this thread, as at an entry point.
    const tlsr_status status = guarded([&] {
      document = tlsready::legacy_clients(request.paths, options);
      return TLSR_OK;
    });
    const std::string message = tlsr_last_error();
    {
      const std::lock_guard<std::mutex> lock(mutex);
      error = status;
      error_message = message;
      summary = std::move(document);
      finished = true;
    }
    changed.notify_all();
  }

  // on_event: waits while the queue is full; false (stop reading) once cancelled.
  bool queue(const std::string& event) {
    std::unique_lock<std::mutex> lock(mutex);
    changed.wait(lock, [this] { return events.size() < kQueuedEvents || cancelled || discarding; });
    if (cancelled) return false;
    if (!discarding) events.push_back(event);
    lock.unlock();
    changed.notify_all();
    return true;
  }

  void cancel() {
    stop.store(true);
    {
      const std::lock_guard<std::mutex> lock(mutex);
      cancelled = true;
      events.clear();
    }
    changed.notify_all();
  }

  ~tlsr_legacy_reader() {
    cancel();
    if (worker.joinable()) worker.join();
  }
};

extern "C" {

TLSR_API tlsr_status tlsr_log_formats(char** out_json) {
  tlsready::capi::clear_out(out_json);
  return guarded([&] {
    require(out_json, "out_json");
    *out_json = tlsready::capi::copy_out(nlohmann::json(tlsready::log_formats()).dump());
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_detect_log_format(const char* path, char** out_format) {
  tlsready::capi::clear_out(out_format);
  return guarded([&] {
    require(out_format, "out_format");
    require(path, "path");
    *out_format = tlsready::capi::copy_out(tlsready::detect_log_format(path));
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_legacy_clients_start(const char* request_json, tlsr_legacy_reader** out_reader) {
  tlsready::capi::clear_out(out_reader);
  return guarded([&] {
    require(out_reader, "out_reader");
    require(request_json, "request_json");
    Request request = parse_request(request_json);
    auto reader = std::make_unique<tlsr_legacy_reader>();
    reader->file_count = request.paths.size();
    tlsr_legacy_reader* raw = reader.get();
    reader->worker = std::thread([raw, request = std::move(request)] { raw->read(request); });
    *out_reader = reader.release();
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_legacy_clients_next_event(tlsr_legacy_reader* reader, int timeout_ms, char** out_event_json) {
  tlsready::capi::clear_out(out_event_json);
  return guarded([&] {
    require(reader, "reader");
    require(out_event_json, "out_event_json");
    const std::chrono::milliseconds timeout = timeout_of(timeout_ms);
    std::unique_lock<std::mutex> lock(reader->mutex);
    const auto ready = [reader] {
      return !reader->events.empty() || reader->finished || reader->cancelled || reader->discarding;
    };
    if (timeout_ms == -1)
      reader->changed.wait(lock, ready);
    else if (!reader->changed.wait_for(lock, timeout, ready)) {
      tlsready::capi::set_last_error("no event within " + std::to_string(timeout_ms) + " ms");
      return TLSR_ERR_TIMEOUT;
    }
    if (reader->cancelled) {
      tlsready::capi::set_last_error("the reading was cancelled");
      return TLSR_ERR_DONE;
    }
    if (!reader->events.empty()) {
      *out_event_json = tlsready::capi::copy_out(reader->events.front());
      reader->events.pop_front();
      lock.unlock();
      reader->changed.notify_all();
      return TLSR_OK;
    }
    if (reader->finished && reader->error != TLSR_OK) {
      tlsready::capi::set_last_error(reader->error_message);
      return reader->error;
    }
    tlsready::capi::set_last_error(reader->discarding && !reader->finished
                                       ? "the summary was asked for: no more events are handed out"
                                       : "every file is read: every event has been handed out");
    return TLSR_ERR_DONE;
  });
}

TLSR_API tlsr_status tlsr_legacy_clients_summary(tlsr_legacy_reader* reader, char** out_summary_json) {
  tlsready::capi::clear_out(out_summary_json);
  return guarded([&] {
    require(reader, "reader");
    require(out_summary_json, "out_summary_json");
    std::unique_lock<std::mutex> lock(reader->mutex);
    reader->discarding = true;
    reader->events.clear();
    reader->changed.notify_all();
    reader->changed.wait(lock, [reader] { return reader->finished; });
    if (reader->error != TLSR_OK) {
      tlsready::capi::set_last_error(reader->error_message);
      return reader->error;
    }
    *out_summary_json = tlsready::capi::copy_out(reader->summary);
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_legacy_clients_cancel(tlsr_legacy_reader* reader) {
  return guarded([&] {
    require(reader, "reader");
    reader->cancel();
    return TLSR_OK;
  });
}

TLSR_API tlsr_status tlsr_legacy_clients_progress(tlsr_legacy_reader* reader, size_t* out_files_read,
                                                  size_t* out_file_count, unsigned long long* out_bytes_read) {
  if (out_files_read != nullptr) *out_files_read = 0;
  if (out_file_count != nullptr) *out_file_count = 0;
  if (out_bytes_read != nullptr) *out_bytes_read = 0;
  return guarded([&] {
    require(reader, "reader");
    const std::lock_guard<std::mutex> lock(reader->mutex);
    if (out_files_read != nullptr) *out_files_read = reader->files_read;
    if (out_file_count != nullptr) *out_file_count = reader->file_count;
    if (out_bytes_read != nullptr) *out_bytes_read = reader->bytes_read;
    return TLSR_OK;
  });
}

TLSR_API void tlsr_legacy_clients_free(tlsr_legacy_reader* reader) {
  // The destructor cancels and joins the reading thread (it stops at its next TLS use or file end).
  (void)guarded([&] {
    delete reader;
    return TLSR_OK;
  });
}

}  // extern "C"
