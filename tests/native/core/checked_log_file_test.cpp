#include "core/checked_log_file.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <istream>
#include <string>

#include "tlsready/legacy_clients.hpp"

namespace {

constexpr std::size_t kBlock = std::size_t{64} * 1024;  // the reader's own block

std::filesystem::path plain_http_log(std::size_t lines) {
  // An IIS log whose every request is plain HTTP: the reader never returns an event.
  auto path = std::filesystem::temp_directory_path() / ("tlsready_checked_" + std::to_string(lines) + ".log");
  std::ofstream out(path, std::ios::binary);
  out << "#Software: Microsoft Internet Information Services 10.0\r\n"
         "#Fields: date time s-ip cs-method cs-uri-stem s-port c-ip crypt-protocol crypt-cipher crypt-hash "
         "crypt-keyexchange\r\n";
  for (std::size_t i = 0; i < lines; ++i) out << "2026-11-30 08:00:01 192.0.2.10 GET / 80 203.0.113.5 - - - -\r\n";
  return path;
}

}  // namespace

TEST_CASE("checked_log_file_reads_the_whole_file_while_keep_going_says_yes", "[core][logs]") {
  const auto path = plain_http_log(20000);
  int asked = 0;
  {  // closed before the file is removed (Windows refuses to remove an open file)
    tlsready::CheckedLogFile checked([&] { return ++asked, true; }, kBlock);
    REQUIRE(checked.open(path.string()));
    std::istream in(&checked);
    std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(all.size() == std::filesystem::file_size(path));
    CHECK_FALSE(checked.stopped());
  }
  CHECK(asked >= 10);
  std::filesystem::remove(path);
}

TEST_CASE("checked_log_file_ends_the_stream_when_keep_going_says_no", "[core][logs]") {
  const auto path = plain_http_log(20000);
  {  // closed before the file is removed (Windows refuses to remove an open file)
    tlsready::CheckedLogFile checked([] { return false; }, kBlock);
    REQUIRE(checked.open(path.string()));
    std::istream in(&checked);
    std::string all((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(all.size() == kBlock);
    CHECK(checked.stopped());
  }
  std::filesystem::remove(path);
}

TEST_CASE("checked_log_file_cannot_open_a_missing_file", "[core][logs]") {
  tlsready::CheckedLogFile checked({});
  CHECK_FALSE(checked.open("/nonexistent/tlsready/u_ex261130_x.log"));
}

TEST_CASE("legacy_clients_stops_within_a_few_mib_of_lines_without_events", "[core][logs]") {
  // 250,000 plain-HTTP lines (~17 MiB) and a cancel at the first question: read stops at the first
  // check (4 MiB), not at the end of the file.
  const auto path = plain_http_log(250000);
  tlsready::LegacyClientsOptions options;
  options.format = "iis";
  std::size_t bytes = 0;
  options.keep_going = [] { return false; };
  options.on_file_done = [&](const std::string&, std::size_t read) { bytes = read; };
  const std::string document = tlsready::legacy_clients({path.string()}, options);
  CHECK(bytes <= tlsready::CheckedLogFile::kCheckBytes + kBlock);
  CHECK(bytes < std::filesystem::file_size(path) / 2);
  CHECK(document.find("\"legacy_uses\":0") != std::string::npos);
  std::filesystem::remove(path);
}
