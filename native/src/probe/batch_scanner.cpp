#include "probe/batch_scanner.h"

#include <algorithm>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>

#include "probe/endpoint_scanner.h"

namespace tlsready::probe {

void scan_many(const std::vector<model::TargetSpec>& targets, const ScanOptions& options,
               const ResultCallback& on_result, std::atomic<bool>* cancel) {
  std::atomic<bool> local_cancel{false};
  std::atomic<bool>* stop = cancel != nullptr ? cancel : &local_cancel;
  std::atomic<size_t> next{0};
  std::mutex deliver;
  std::exception_ptr first_error;  // of on_result, or anything else a worker raised
  auto fail = [&](std::exception_ptr error) {
    if (!first_error) first_error = std::move(error);
    stop->store(true);
  };
  auto worker = [&]() noexcept {
    // Nothing may unwind out of a worker: on a std::thread that is std::terminate.
    try {
      for (;;) {
        if (stop->load()) return;
        const size_t index = next.fetch_add(1);
        if (index >= targets.size()) return;
        model::EndpointResult result = scan_endpoint(targets[index], options, stop);
        std::lock_guard<std::mutex> lock(deliver);
        if (first_error) return;
        try {
          on_result(index, result);
        } catch (...) {
          fail(std::current_exception());
          return;
        }
      }
    } catch (...) {
      std::lock_guard<std::mutex> lock(deliver);
      fail(std::current_exception());
    }
  };
  const size_t workers = std::clamp<size_t>(options.concurrency, 1, std::max<size_t>(targets.size(), 1));
  std::vector<std::thread> threads;
  threads.reserve(workers - 1);
  for (size_t i = 1; i < workers; ++i) {
    try {
      threads.emplace_back(worker);
    } catch (const std::system_error&) {
      // No more threads (a process or memory limit): the workers already running share the
      // targets. Unwinding here instead would destroy joinable threads: std::terminate.
      break;
    }
  }
  worker();
  for (auto& thread : threads) thread.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace tlsready::probe
