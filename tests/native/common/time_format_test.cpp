// The shared ISO-8601 UTC formatter (common/time_format.h).
#include <catch2/catch.hpp>
#include <ctime>
#include <string>
#include <thread>
#include <vector>

#include "common/time_format.h"

namespace tf = tlsready::time_format;

TEST_CASE("iso8601_of_the_epoch", "[common][time]") { CHECK(tf::iso8601_utc(std::time_t{0}) == "1970-01-01T00:00:00Z"); }

TEST_CASE("iso8601_of_a_leap_day", "[common][time]") {
  CHECK(tf::iso8601_utc(std::time_t{951782400}) == "2000-02-29T00:00:00Z");   // 2000 is a leap year (÷400)
  CHECK(tf::iso8601_utc(std::time_t{1709251199}) == "2024-02-29T23:59:59Z");
  CHECK(tf::iso8601_utc(std::time_t{1709251200}) == "2024-03-01T00:00:00Z");
}

TEST_CASE("iso8601_past_2038", "[common][time]") {
  CHECK(tf::iso8601_utc(std::time_t{4102444800}) == "2100-01-01T00:00:00Z");  // 2100 is no leap year
}

TEST_CASE("iso8601_from_broken_down_time", "[common][time]") {
  std::tm utc{};
  utc.tm_year = 2026 - 1900;
  utc.tm_mon = 11;
  utc.tm_mday = 2;
  utc.tm_hour = 0;
  utc.tm_min = 15;
  utc.tm_sec = 2;
  CHECK(tf::iso8601_utc(utc) == "2026-12-02T00:15:02Z");
}

TEST_CASE("iso8601_now_has_the_documented_shape", "[common][time]") {
  const std::string now = tf::iso8601_utc_now();
  REQUIRE(now.size() == 20);
  CHECK(now[4] == '-');
  CHECK(now[10] == 'T');
  CHECK(now.back() == 'Z');
}

TEST_CASE("iso8601_is_thread_safe", "[common][time]") {
  // gmtime_r/gmtime_s: concurrent calls with different times never see each other's result.
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &wrong] {
      const std::time_t when = t % 2 == 0 ? std::time_t{0} : std::time_t{951782400};
      const std::string want = t % 2 == 0 ? "1970-01-01T00:00:00Z" : "2000-02-29T00:00:00Z";
      for (int i = 0; i < 2000; ++i)
        if (tf::iso8601_utc(when) != want) ++wrong[t];
    });
  }
  for (auto& thread : threads) thread.join();
  CHECK(wrong == std::vector<int>(4, 0));
}

TEST_CASE("utc_to_time_t_inverts_the_formatter", "[common][time]") {
  // timegm on POSIX, _mkgmtime on Windows: the same seconds for the same broken-down UTC time.
  for (const std::time_t seconds :
       {std::time_t{0}, std::time_t{951782400}, std::time_t{1709251199}, std::time_t{4102444800}}) {
    std::tm utc{};
    const std::string text = tf::iso8601_utc(seconds);
    REQUIRE(text.size() == 20);
    utc.tm_year = std::stoi(text.substr(0, 4)) - 1900;
    utc.tm_mon = std::stoi(text.substr(5, 2)) - 1;
    utc.tm_mday = std::stoi(text.substr(8, 2));
    utc.tm_hour = std::stoi(text.substr(11, 2));
    utc.tm_min = std::stoi(text.substr(14, 2));
    utc.tm_sec = std::stoi(text.substr(17, 2));
    CHECK(tf::utc_to_time_t(utc) == seconds);
  }
}
