#include "logs/haproxy_log_format.h"

#include <stdexcept>
#include <string>
#include <utility>

#include "common/text.h"

namespace tlsready::logs {
namespace {

LogField haproxy_variable(std::string_view name) {
  static const std::pair<std::string_view, LogField> kVariables[] = {
      {"ci", LogField::client_address}, {"cp", LogField::client_port},  {"fi", LogField::server},
      {"fp", LogField::server_port},    {"t", LogField::time_common},   {"tr", LogField::time_common},
      {"trg", LogField::time_common},   {"trl", LogField::time_common}, {"T", LogField::time_common},
      {"Tl", LogField::time_common},    {"ft", LogField::site_name},    {"f", LogField::site_name},
      {"H", LogField::server},          {"HU", LogField::resource},     {"HP", LogField::resource},
      {"r", LogField::request_line},    {"sslv", LogField::protocol},   {"sslc", LogField::cipher},
  };
  for (const auto& [known, field] : kVariables)  // HAProxy's names are case-sensitive (%T is not %t)
    if (name == known) return field;
  return LogField::ignored;
}

LogField haproxy_fetch(std::string_view expression) {
  // "ssl_fc_protocol", "ssl_fc_sni,lower": the fetch before its converters.
  const std::string_view fetch = text::trim_view(expression.substr(0, expression.find(',')));
  static const std::pair<std::string_view, LogField> kFetches[] = {
      {"src", LogField::client_address},
      {"src_port", LogField::client_port},
      {"dst", LogField::server},
      {"dst_port", LogField::server_port},
      {"ssl_fc_protocol", LogField::protocol},
      {"ssl_fc_cipher", LogField::cipher},
      {"ssl_fc_sni", LogField::sni},
      {"req.hdr(host)", LogField::host},
      {"req.hdr(user-agent)", LogField::user_agent},
  };
  for (const auto& [known, field] : kFetches)
    if (text::iequals(fetch, known)) return field;
  return LogField::ignored;
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

LogLinePattern compile_haproxy_log_format(std::string_view format) {
  LogLinePattern pattern;
  std::string literal;
  std::size_t i = 0;
  while (i < format.size()) {
    const char c = format[i];
    if (c == '\\' && i + 1 < format.size()) {  // haproxy.cfg escapes: "\ " "\"" "\\"
      literal.push_back(format[i + 1]);
      i += 2;
      continue;
    }
    if (c != '%') {
      literal.push_back(c);
      ++i;
      continue;
    }
    const std::size_t start = i++;
    if (i < format.size() && format[i] == '%') {
      literal.push_back('%');
      ++i;
      continue;
    }
    bool quoted = false;
    if (i < format.size() && format[i] == '{') {
      const std::size_t close = format.find('}', i);
      if (close == std::string_view::npos) throw std::invalid_argument("\"%{\" without its '}'");
      for (std::string_view flag : text::split(format.substr(i + 1, close - i - 1), ','))
        if (text::trim_view(flag) == "+Q") quoted = true;
      i = close + 1;
    }
    LogField field = LogField::ignored;
    if (i < format.size() && format[i] == '[') {
      const std::size_t close = format.find(']', i);
      if (close == std::string_view::npos) throw std::invalid_argument("\"%[\" without its ']'");
      field = haproxy_fetch(format.substr(i + 1, close - i - 1));
      i = close + 1;
    } else {
      const std::size_t begin = i;
      while (i < format.size() && is_letter(format[i])) ++i;
      if (i == begin)
        throw std::invalid_argument(text::quote_for_message(format.substr(start, i + 1 - start)) +
                                    " names no variable (letters or [fetch] after '%')");
      field = haproxy_variable(format.substr(begin, i - begin));
    }
    if (quoted) literal.push_back('"');
    pattern.add_literal(literal);
    literal.clear();
    pattern.add_field(field, format.substr(start, i - start));
    if (quoted) literal.push_back('"');
  }
  pattern.add_literal(literal);
  if (!pattern.has(LogField::protocol))
    throw std::invalid_argument("the format logs no %sslv (or %[ssl_fc_protocol]), so no TLS use can be read from it");
  return pattern;
}

}  // namespace tlsready::logs
