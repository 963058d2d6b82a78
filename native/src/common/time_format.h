// ISO-8601 UTC timestamps ("2026-12-02T00:15:02Z", RFC 3339 §5.6 with the Z offset), the one
// formatter for the scan document's started_at and the certificate validity dates.
// Thread-safe: gmtime_r/timegm on POSIX, gmtime_s/_mkgmtime on Windows (the library is cross-built
// with mingw-w64).
#pragma once

#include <ctime>
#include <string>

namespace tlsready::time_format {

// "YYYY-MM-DDTHH:MM:SSZ" from broken-down UTC time; "" when it cannot be formatted.
std::string iso8601_utc(const std::tm& utc);
// The same from seconds since the epoch; "" when the time cannot be broken down.
std::string iso8601_utc(std::time_t time);
// The current time.
std::string iso8601_utc_now();
// Seconds since the epoch of broken-down UTC time (timegm, which Windows calls _mkgmtime);
// -1 when it cannot be represented.
std::time_t utc_to_time_t(std::tm utc);

}  // namespace tlsready::time_format
