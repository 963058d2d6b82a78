// A log file read through a check: after every kCheckBytes read, `keep_going` is asked, and false ends
// the stream there as if the file ended (stopped() then says so). Readers loop over lines that make no
// event (plain-HTTP requests, other providers' records) without returning, so the facade's per-event
// check alone could read a multi-GB file to its end after a Ctrl-C; this bounds that to a few MiB.
// Not thread-safe: one per file, on the reading thread (keep_going runs there).
#pragma once

#include <cstddef>
#include <fstream>
#include <functional>
#include <streambuf>
#include <string>
#include <vector>

namespace tlsready {

class CheckedLogFile final : public std::streambuf {
 public:
  static constexpr std::size_t kCheckBytes = std::size_t{4} * 1024 * 1024;

  explicit CheckedLogFile(std::function<bool()> keep_going, std::size_t check_bytes = kCheckBytes);
  // Opens `path` for reading in binary mode; false when it cannot be opened.
  bool open(const std::string& path);
  // keep_going said false: the stream ended early.
  bool stopped() const { return stopped_; }

 protected:
  int_type underflow() override;

 private:
  std::filebuf file_;
  std::vector<char> block_;
  std::function<bool()> keep_going_;
  std::size_t check_bytes_;
  std::size_t since_check_ = 0;
  bool stopped_ = false;
};

}  // namespace tlsready
