// Runs `count` independent tasks on at most `limit` threads (the calling thread included) and
// returns when all are done. Task i is run exactly once with argument i; results go where the
// task puts them (a slot per index keeps the order deterministic). An exception from a task
// never escapes a worker thread: the first one is rethrown here once every thread has joined.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace tlsready::probe {

template <typename Task>
void run_bounded_parallel(size_t count, size_t limit, const Task& task) {
  std::atomic<size_t> next{0};
  std::mutex error_mutex;
  std::exception_ptr first_error;
  auto worker = [&] {
    for (size_t index = next.fetch_add(1); index < count; index = next.fetch_add(1)) {
      try {
        task(index);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mutex);
        if (!first_error) first_error = std::current_exception();
      }
    }
  };
  const size_t workers = std::clamp<size_t>(limit, 1, std::max<size_t>(count, 1));
  std::vector<std::thread> threads;
  threads.reserve(workers - 1);
  for (size_t i = 1; i < workers; ++i) threads.emplace_back(worker);
  worker();
  for (auto& thread : threads) thread.join();
  if (first_error) std::rethrow_exception(first_error);
}

}  // namespace tlsready::probe
