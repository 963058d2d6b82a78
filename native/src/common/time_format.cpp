#include "common/time_format.h"

#include <array>

namespace tlsready::time_format {

std::string iso8601_utc(const std::tm& utc) {
  std::array<char, 32> buffer{};
  const std::size_t written = std::strftime(buffer.data(), buffer.size(), "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(buffer.data(), written);
}

std::string iso8601_utc(std::time_t time) {
  std::tm utc{};
#if defined(_WIN32)
  if (gmtime_s(&utc, &time) != 0) return {};  // MSVC/mingw argument order: (result, input)
#else
  if (gmtime_r(&time, &utc) == nullptr) return {};
#endif
  return iso8601_utc(utc);
}

std::string iso8601_utc_now() { return iso8601_utc(std::time(nullptr)); }

std::time_t utc_to_time_t(std::tm utc) {
#if defined(_WIN32)
  return _mkgmtime(&utc);
#else
  return timegm(&utc);
#endif
}

}  // namespace tlsready::time_format
