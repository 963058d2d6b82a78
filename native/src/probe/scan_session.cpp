#include "probe/scan_session.h"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include <nlohmann/json.hpp>

#include "model/scan_result_json.h"
#include "probe/scan_request.h"

namespace tlsready::probe {
namespace {

// Longer than any scan can take; wait_for with durations near milliseconds::max() overflows the
// clock arithmetic, so such timeouts mean "wait until something happens".
constexpr std::chrono::milliseconds kLongestTimedWait = std::chrono::hours(24 * 365);

nlohmann::json parse_input(const std::string& text, const std::string& what) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    throw std::invalid_argument(what + ": invalid JSON: " + error.what());
  }
}

// targets_from_json, with the position of a bad target in its message (the fronts pass arrays).
std::vector<model::TargetSpec> parse_targets(const nlohmann::json& targets) {
  if (!targets.is_array()) return targets_from_json(targets);  // throws, naming what it got
  std::vector<model::TargetSpec> result;
  result.reserve(targets.size());
  for (size_t i = 0; i < targets.size(); ++i) {
    try {
      result.push_back(target_from_json(targets[i]));
    } catch (const std::invalid_argument& error) {
      throw std::invalid_argument("target " + std::to_string(i) + ": " + error.what());
    }
  }
  return result;
}

}  // namespace

std::string ScanSession::Next::document() const {
  if (!result) return "";
  return nlohmann::json(*result).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

ScanSession::ScanSession(std::vector<model::TargetSpec> targets, ScanOptions options, Engine engine)
    : target_count_(targets.size()) {
  worker_ = std::thread([this, targets = std::move(targets), options = std::move(options), engine = std::move(engine)] {
    run(targets, options, engine);
  });
}

std::unique_ptr<ScanSession> ScanSession::from_json(const std::string& targets_json, const std::string& options_json) {
  auto targets = parse_targets(parse_input(targets_json, "targets"));
  auto options = options_from_json(parse_input(options_json, "scan options"));
  return std::make_unique<ScanSession>(std::move(targets), std::move(options));
}

ScanSession::~ScanSession() {
  cancel();
  if (!worker_.joinable()) return;
  // The worker never destroys its own session (it calls nothing outside the engine), but joining
  // oneself would throw, and a throwing destructor is std::terminate.
  if (worker_.get_id() == std::this_thread::get_id()) {
    worker_.detach();
    return;
  }
  worker_.join();
}

void ScanSession::run(const std::vector<model::TargetSpec>& targets, const ScanOptions& options,
                      const Engine& engine) noexcept {
  std::exception_ptr error;
  try {
    engine(
        targets, options,
        [this](size_t index, const model::EndpointResult& result) {
          // Cut short by a cancel: not a finished endpoint (see the header).
          if (result.error && result.error->kind == FailureKind::cancelled) return;
          std::lock_guard<std::mutex> lock(mutex_);
          queue_.push_back({index, result});
          ++completed_;
          changed_.notify_all();
        },
        &cancel_);
  } catch (...) {
    error = std::current_exception();
    cancel_.store(true);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  engine_error_ = error;
  engine_done_ = true;
  changed_.notify_all();
}

ScanSession::Next ScanSession::next(std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  const auto ready = [this] { return !queue_.empty() || engine_done_; };
  if (timeout >= kLongestTimedWait) {
    changed_.wait(lock, ready);
  } else {
    changed_.wait_for(lock, std::max(timeout, std::chrono::milliseconds(0)), ready);
  }
  Next next;
  if (!queue_.empty()) {
    Queued item = std::move(queue_.front());
    queue_.pop_front();
    next.kind = Next::Kind::result;
    next.index = item.index;
    next.result = std::move(item.result);
    return next;
  }
  if (!engine_done_) {
    next.kind = Next::Kind::timed_out;
    return next;
  }
  if (engine_error_) std::rethrow_exception(std::exchange(engine_error_, nullptr));
  next.kind = Next::Kind::finished;
  return next;
}

void ScanSession::cancel() noexcept { cancel_.store(true); }

size_t ScanSession::completed_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return completed_;
}

bool ScanSession::finished() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return drained_locked();
}

}  // namespace tlsready::probe
