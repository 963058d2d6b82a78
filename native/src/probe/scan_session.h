// One running scan of many endpoints that a front polls: the session starts the batch scan on its
// own worker thread at construction, and next(timeout) hands out each endpoint's result, with the
// target's index in the input, in the order the endpoints finish. The fronts (the pybind11
// module, the C ABI, PowerShell over it) are thin loops over next(); none of them owns a thread, a
// queue or a cancel flag of its own.
//
// Lifecycle: construct (the scan starts) -> next() until it says finished -> destroy. cancel() may
// come at any point, from any thread: endpoints not yet started are skipped, running ones stop
// within 200 ms (connects, probes and the OpenSSL handshake wait in slices that look at the flag;
// only a name lookup under way, getaddrinfo, cannot be cut short and ends within the resolver's
// own timeout), and every result that finished before is still handed out by next() ("nothing
// lost"). Results the cancel cut short (error kind `cancelled`) are not handed out: after a
// cancel, next() gives exactly the endpoints that were scanned to the end. The destructor cancels
// and joins the worker, so it returns within that same bound; it never calls std::terminate.
//
// Errors: bad targets or options are std::invalid_argument naming the input (from_json). Nothing
// thrown inside the engine or on a worker thread escapes that thread: it is stored, the scan
// stops, and next() rethrows it (once, after the results queued before it) on the caller's thread.
// An unreachable or broken endpoint is not an error but a result with its failure kind.
//
// Thread-safety: every member function except the destructor may be called from any thread at
// any time, also concurrently (next() from several threads hands each result to exactly one of
// them). The destructor must not run concurrently with another call on the same session.
// Sessions are independent: any number may run at once.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "model/scan_result.h"
#include "probe/batch_scanner.h"
#include "probe/scan_options.h"

namespace tlsready::probe {

class ScanSession {
 public:
  // What scans the targets: scan_many, unless a test or another engine is given. It must call
  // on_result once per finished endpoint and return once `cancel` is set and its work has stopped.
  using Engine = std::function<void(const std::vector<model::TargetSpec>& targets, const ScanOptions& options,
                                    const ResultCallback& on_result, std::atomic<bool>* cancel)>;

  // What next() found.
  struct Next {
    enum class Kind {
      result,     // `index` and `result` are set
      timed_out,  // nothing finished within the timeout; the scan goes on
      finished,   // every result has been handed out (or the rest was cancelled); next() says so again
    };
    Kind kind = Kind::finished;
    size_t index = 0;  // the target's position in the input
    std::optional<model::EndpointResult> result;

    // The result as its documented JSON text (the scan result schema), as the fronts pass it on.
    std::string document() const;
  };

  // next() with this timeout waits until a result comes or the scan is finished.
  static constexpr std::chrono::milliseconds kWaitForever = std::chrono::milliseconds::max();

  // Starts scanning `targets` (already validated, see scan_request.h) with `options`.
  // Throws std::system_error if the worker thread cannot be started (nothing is left running).
  ScanSession(std::vector<model::TargetSpec> targets, ScanOptions options, Engine engine = scan_many);
  // Parses and validates a scan request as the fronts give it: `targets_json` a JSON array of
  // targets, `options_json` a JSON object of options (see scan_request.h), then starts it.
  // Throws std::invalid_argument naming the input ("targets: invalid JSON ...", "target 2: ...",
  // "option 'timeout' ...") before anything is scanned.
  static std::unique_ptr<ScanSession> from_json(const std::string& targets_json, const std::string& options_json);

  ScanSession(const ScanSession&) = delete;
  ScanSession& operator=(const ScanSession&) = delete;
  ~ScanSession();

  // The next finished endpoint, waiting at most `timeout` (0: just look). Rethrows an exception
  // the engine or a worker thread raised, once, after every result finished before it.
  Next next(std::chrono::milliseconds timeout = kWaitForever);

  // Stops the scan; returns at once (it does not wait for the workers). Idempotent.
  void cancel() noexcept;

  size_t target_count() const noexcept { return target_count_; }
  // Results finished so far, handed out or not (never counts results a cancel cut short).
  size_t completed_count() const;
  bool cancelled() const noexcept { return cancel_.load(); }
  // True once the worker has stopped and next() has handed out everything.
  bool finished() const;

 private:
  struct Queued {
    size_t index;
    model::EndpointResult result;
  };

  void run(const std::vector<model::TargetSpec>& targets, const ScanOptions& options, const Engine& engine) noexcept;
  bool drained_locked() const { return queue_.empty() && engine_done_ && !engine_error_; }

  const size_t target_count_;
  std::atomic<bool> cancel_{false};
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<Queued> queue_;
  size_t completed_ = 0;
  bool engine_done_ = false;
  std::exception_ptr engine_error_;
  std::thread worker_;  // last: started once everything above exists
};

}  // namespace tlsready::probe
