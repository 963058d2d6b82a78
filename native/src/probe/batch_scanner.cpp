#include "probe/batch_scanner.h"

#include <algorithm>
#include <exception>
#include <mutex>
#include <thread>

#include "probe/endpoint_scanner.h"

namespace tlsready::probe {

void scan_many(const std::vector<ScanTarget>& targets, const ScanOptions& options, const ResultCallback& on_result,
               std::atomic<bool>* cancel) {
  std::atomic<bool> local_cancel{false};
  std::atomic<bool>* stop = cancel != nullptr ? cancel : &local_cancel;
  std::atomic<size_t> next{0};
  std::mutex deliver;
  std::exception_ptr callback_error;
  auto worker = [&] {
    for (;;) {
      if (stop->load()) return;
      const size_t index = next.fetch_add(1);
      if (index >= targets.size()) return;
      model::EndpointResult result = scan_endpoint(targets[index], options, stop);
      std::lock_guard<std::mutex> lock(deliver);
      if (callback_error) return;
      try {
        on_result(index, result);
      } catch (...) {
        callback_error = std::current_exception();
        stop->store(true);
        return;
      }
    }
  };
  const size_t workers = std::clamp<size_t>(options.concurrency, 1, std::max<size_t>(targets.size(), 1));
  std::vector<std::thread> threads;
  threads.reserve(workers - 1);
  for (size_t i = 1; i < workers; ++i) threads.emplace_back(worker);
  worker();
  for (auto& thread : threads) thread.join();
  if (callback_error) std::rethrow_exception(callback_error);
}

}  // namespace tlsready::probe
