#include "checked_log_file.h"

namespace tlsready {

CheckedLogFile::CheckedLogFile(std::function<bool()> keep_going, std::size_t check_bytes)
    : block_(std::size_t{64} * 1024), keep_going_(std::move(keep_going)), check_bytes_(check_bytes) {}

bool CheckedLogFile::open(const std::string& path) {
  return file_.open(path, std::ios::in | std::ios::binary) != nullptr;
}

CheckedLogFile::int_type CheckedLogFile::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (stopped_) return traits_type::eof();
  if (since_check_ >= check_bytes_) {
    since_check_ = 0;
    if (keep_going_ && !keep_going_()) {
      stopped_ = true;
      return traits_type::eof();
    }
  }
  const std::streamsize got = file_.sgetn(block_.data(), static_cast<std::streamsize>(block_.size()));
  if (got <= 0) return traits_type::eof();
  since_check_ += static_cast<std::size_t>(got);
  setg(block_.data(), block_.data(), block_.data() + got);
  return traits_type::to_int_type(*gptr());
}

}  // namespace tlsready
