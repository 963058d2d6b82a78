#include "logs/text_log_parts.h"

#include <charconv>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <system_error>

#include "common/text.h"
#include "common/time_format.h"

namespace tlsready::logs {
namespace {

constexpr std::string_view kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

bool is_digit(char c) { return c >= '0' && c <= '9'; }

// `count` digits at `at` as a number; -1 when they are not all there.
int number_at(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return -1;
  int value = 0;
  for (std::size_t i = at; i < at + count; ++i) {
    if (!is_digit(text[i])) return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

int month_number(std::string_view name) {
  for (int i = 0; i < 12; ++i)
    if (text::iequals(name, kMonths[i])) return i + 1;
  return -1;
}

// Seconds east of UTC of "+01:00", "+0100", "Z", or nullopt; "" is UTC (no zone written).
std::optional<int> zone_offset(std::string_view zone) {
  zone = text::trim_view(zone);
  if (zone.empty() || zone == "Z" || zone == "z") return 0;
  if (zone.size() < 5 || (zone[0] != '+' && zone[0] != '-')) return std::nullopt;
  const int hours = number_at(zone, 1, 2);
  const std::size_t minutes_at = zone[3] == ':' ? 4 : 3;
  const int minutes = number_at(zone, minutes_at, 2);
  if (hours < 0 || minutes < 0 || hours > 23 || minutes > 59 || zone.size() != minutes_at + 2) return std::nullopt;
  const int offset = hours * 3600 + minutes * 60;
  return zone[0] == '-' ? -offset : offset;
}

// Past "HH:MM:SS" at `at`: an optional ".fraction"; the index after it.
std::size_t skip_fraction(std::string_view text, std::size_t at) {
  if (at < text.size() && (text[at] == '.' || text[at] == ',')) {
    ++at;
    while (at < text.size() && is_digit(text[at])) ++at;
  }
  return at;
}

std::string utc_text(int year, int month, int day, int hour, int minute, int second, int offset) {
  if (year < 1970 || year > 9999 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 ||
      minute < 0 || minute > 59 || second < 0 || second > 60)
    return "";
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  const std::time_t local = time_format::utc_to_time_t(tm);
  if (local == static_cast<std::time_t>(-1)) return "";
  std::tm check{};
  const std::time_t utc = local - offset;
#if defined(_WIN32)
  if (gmtime_s(&check, &local) != 0) return "";
#else
  if (gmtime_r(&local, &check) == nullptr) return "";
#endif
  if (check.tm_mday != day) return "";  // 31 November, 30 February
  return time_format::iso8601_utc(utc);
}

}  // namespace

std::string utc_from_common_log_time(std::string_view text) {
  // DD/Mon/YYYY:HH:MM:SS[.fff][ zone]
  text = text::trim_view(text);
  if (text.size() < 20 || text[2] != '/' || text[6] != '/' || text[11] != ':' || text[14] != ':' || text[17] != ':')
    return "";
  const int day = number_at(text, 0, 2);
  const int month = month_number(text.substr(3, 3));
  const int year = number_at(text, 7, 4);
  const int hour = number_at(text, 12, 2);
  const int minute = number_at(text, 15, 2);
  const int second = number_at(text, 18, 2);
  const std::size_t end = skip_fraction(text, 20);
  const std::optional<int> offset = zone_offset(text.substr(end));
  if (day < 0 || month < 0 || year < 0 || hour < 0 || minute < 0 || second < 0 || !offset) return "";
  if (end < text.size() && text[end] != ' ') return "";
  return utc_text(year, month, day, hour, minute, second, *offset);
}

std::string utc_from_iso_time(std::string_view text) {
  // YYYY-MM-DDTHH:MM:SS[.ffffff][zone]
  text = text::trim_view(text);
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' ||
      text[16] != ':')
    return "";
  const int year = number_at(text, 0, 4);
  const int month = number_at(text, 5, 2);
  const int day = number_at(text, 8, 2);
  const int hour = number_at(text, 11, 2);
  const int minute = number_at(text, 14, 2);
  const int second = number_at(text, 17, 2);
  const std::optional<int> offset = zone_offset(text.substr(skip_fraction(text, 19)));
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0 || !offset) return "";
  return utc_text(year, month, day, hour, minute, second, *offset);
}

SyslogYearRule syslog_year_rule_for(const std::string& path) {
  std::time_t when = std::time(nullptr);
  std::error_code error;
  const auto written = std::filesystem::last_write_time(path, error);
  if (!error) {
    // file_clock to system_clock: the difference of the two clocks' now (C++20's clock_cast is not
    // in every standard library this builds with).
    const auto system_time = std::chrono::time_point_cast<std::chrono::system_clock::duration>(
        written - std::filesystem::file_time_type::clock::now() + std::chrono::system_clock::now());
    when = std::chrono::system_clock::to_time_t(system_time);
  }
  std::tm utc{};
#if defined(_WIN32)
  if (gmtime_s(&utc, &when) != 0) return {};
#else
  if (gmtime_r(&when, &utc) == nullptr) return {};
#endif
  return {utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday};
}

std::string utc_from_syslog_time(std::string_view text, const SyslogYearRule& rule) {
  // "Mon DD HH:MM:SS" (DD space-padded)
  if (text.size() < 15 || text[3] != ' ' || text[9] != ':' || text[12] != ':') return "";
  const int month = month_number(text.substr(0, 3));
  const int day = text[4] == ' ' ? number_at(text, 5, 1) : number_at(text, 4, 2);
  const int hour = number_at(text, 7, 2);
  const int minute = number_at(text, 10, 2);
  const int second = number_at(text, 13, 2);
  if (month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return "";
  const bool after_last_write = month > rule.month || (month == rule.month && day > rule.day);
  return utc_text(after_last_write ? rule.year - 1 : rule.year, month, day, hour, minute, second, 0);
}

std::optional<SyslogLine> parse_syslog_line(std::string_view line, const SyslogYearRule& rule) {
  SyslogLine parts;
  std::string_view rest = line;
  bool rfc5424 = false;
  if (!rest.empty() && rest.front() == '<') {  // <PRI>, and "1 " after it for RFC 5424
    const std::size_t close = rest.find('>');
    if (close == std::string_view::npos || close > 4) return std::nullopt;
    rest.remove_prefix(close + 1);
    if (rest.size() > 2 && rest[0] == '1' && rest[1] == ' ') {
      rfc5424 = true;
      rest.remove_prefix(2);
    }
  }
  if (rest.size() >= 15 && month_number(rest.substr(0, 3)) > 0 && rest[3] == ' ') {
    parts.time = utc_from_syslog_time(rest.substr(0, 15), rule);
    rest.remove_prefix(15);
  } else if (rest.size() >= 19 && is_digit(rest[0]) && rest[4] == '-') {
    const std::size_t space = rest.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    parts.time = utc_from_iso_time(rest.substr(0, space));
    rest.remove_prefix(space);
  } else {
    return std::nullopt;
  }
  if (parts.time.empty()) return std::nullopt;
  rest = text::trim_view(rest, " ");
  if (rfc5424) {  // HOST APP PROCID MSGID SD MSG
    std::string_view fields[5];
    for (std::string_view& field : fields) {
      const std::size_t space = rest.find(' ');
      if (space == std::string_view::npos) return std::nullopt;
      field = rest.substr(0, space);
      rest.remove_prefix(space + 1);
    }
    if (fields[4] != "-") return std::nullopt;  // structured data is not read: such lines are not ours
    parts.host = fields[0] == "-" ? std::string_view{} : fields[0];
    parts.program = fields[1];
    parts.message = rest;
    return parts;
  }
  // [HOST ]PROGRAM[PID]: MESSAGE -- a first word that ends in ':' or "]:" is the program (no host).
  std::size_t space = rest.find(' ');
  if (space == std::string_view::npos) return std::nullopt;
  std::string_view word = rest.substr(0, space);
  if (word.back() != ':') {
    parts.host = word;
    rest.remove_prefix(space + 1);
    space = rest.find(' ');
    if (space == std::string_view::npos) return std::nullopt;
    word = rest.substr(0, space);
    if (word.back() != ':') return std::nullopt;
  }
  rest.remove_prefix(space + 1);
  word.remove_suffix(1);
  if (const std::size_t bracket = word.find('['); bracket != std::string_view::npos) word = word.substr(0, bracket);
  if (word.empty()) return std::nullopt;
  parts.program = word;
  parts.message = rest;
  return parts;
}

std::optional<BracketPeer> parse_bracket_peer(std::string_view text) {
  const std::size_t open = text.find('[');
  const std::size_t close = text.find(']', open == std::string_view::npos ? 0 : open);
  if (open == std::string_view::npos || close == std::string_view::npos || close <= open) return std::nullopt;
  BracketPeer peer;
  peer.name = text.substr(0, open);
  if (peer.name == "unknown") peer.name = {};
  peer.address = text.substr(open + 1, close - open - 1);
  if (text::istarts_with(peer.address, "ipv6:")) peer.address.remove_prefix(5);  // Postfix's "[ipv6:2001:db8::1]"
  const std::string_view after = text.substr(close + 1);
  if (!after.empty()) {
    if (after.front() != ':') return std::nullopt;
    peer.port = parse_port(after.substr(1));
    if (!peer.port) return std::nullopt;
  }
  if (peer.address.empty()) return std::nullopt;
  return peer;
}

std::optional<uint16_t> parse_port(std::string_view text) {
  unsigned value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc() || end != text.data() + text.size() || value == 0 || value > 65535)
    return std::nullopt;
  return static_cast<uint16_t>(value);
}

std::string_view request_path(std::string_view request_line) {
  std::string_view target = text::trim_view(request_line);
  if (target.empty() || target == "-") return {};
  if (target.front() != '/') {  // "METHOD TARGET VERSION"
    const std::size_t space = target.find(' ');
    if (space == std::string_view::npos) return {};
    target.remove_prefix(space + 1);
    target = target.substr(0, target.find(' '));
  } else {
    target = target.substr(0, target.find(' '));
  }
  return target.substr(0, target.find('?'));
}

std::string unescape_log_value(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c != '\\' || i + 1 == text.size()) {
      out.push_back(c);
      continue;
    }
    const char next = text[i + 1];
    if (next == '"' || next == '\\') {
      out.push_back(next);
      ++i;
    } else if (next == 'x' && i + 3 < text.size()) {
      unsigned value = 0;
      const auto [end, error] = std::from_chars(text.data() + i + 2, text.data() + i + 4, value, 16);
      if (error == std::errc() && end == text.data() + i + 4) {
        out.push_back(static_cast<char>(value));
        i += 3;
      } else {
        out.push_back(c);
      }
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<WithCipher> parse_with_cipher(std::string_view text) {
  text = text::trim_view(text);
  constexpr std::string_view kWith = " with cipher ";
  const std::size_t with = text.find(kWith);
  if (with == std::string_view::npos || with == 0) return std::nullopt;
  WithCipher parts;
  parts.protocol = text.substr(0, with);
  if (parts.protocol.find(' ') != std::string_view::npos) return std::nullopt;
  const std::string_view rest = text.substr(with + kWith.size());
  parts.cipher = rest.substr(0, rest.find(' '));
  if (parts.cipher.empty()) return std::nullopt;
  return parts;
}

}  // namespace tlsready::logs
