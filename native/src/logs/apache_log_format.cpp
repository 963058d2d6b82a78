#include "logs/apache_log_format.h"

#include <stdexcept>
#include <string>

#include "common/text.h"
#include "logs/text_log_parts.h"

namespace tlsready::logs {
namespace {

LogField apache_field(char letter, std::string_view argument) {
  switch (letter) {
    case 'h': return LogField::client_address;
    case 'a': return text::iequals(argument, "local") ? LogField::server : LogField::client_address;
    case 'A': return LogField::server;
    case 'u': return LogField::user;
    case 'r': return LogField::request_line;
    case 'U': return LogField::resource;
    case 'v':
    case 'V': return LogField::site_name;
    case 'p': return text::iequals(argument, "remote") ? LogField::client_port : LogField::server_port;
    case 'i':
      if (text::iequals(argument, "User-Agent")) return LogField::user_agent;
      if (text::iequals(argument, "Host")) return LogField::host;
      return LogField::ignored;
    case 'x':
    case 'e':
      if (text::iequals(argument, "SSL_PROTOCOL")) return LogField::protocol;
      if (text::iequals(argument, "SSL_CIPHER")) return LogField::cipher;
      if (text::iequals(argument, "SSL_TLS_SNI")) return LogField::sni;
      return LogField::ignored;
    default: return LogField::ignored;
  }
}

bool is_letter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

LogLinePattern compile_apache_log_format(std::string_view format) {
  LogLinePattern pattern;
  std::string literal;
  std::size_t i = 0;
  while (i < format.size()) {
    const char c = format[i];
    if (c == '\\' && i + 1 < format.size()) {  // httpd.conf escapes: \" \\ \t \n
      const char next = format[i + 1];
      literal.push_back(next == 't' ? '\t' : next == 'n' ? '\n' : next);
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
    // Modifiers: '<' / '>' (original or final request), status conditions "400,501" or "!200".
    while (i < format.size() && std::string_view("<>!,0123456789").find(format[i]) != std::string_view::npos) ++i;
    std::string_view argument;
    if (i < format.size() && format[i] == '{') {
      const std::size_t close = format.find('}', i);
      if (close == std::string_view::npos) throw std::invalid_argument("\"%{\" without its '}'");
      argument = format.substr(i + 1, close - i - 1);
      i = close + 1;
    }
    if (i >= format.size() || !is_letter(format[i]))
      throw std::invalid_argument(text::quote_for_message(format.substr(start, i + 1 - start)) +
                                  " names no directive (a letter after '%')");
    const char letter = format[i++];
    const std::string name(format.substr(start, i - start));
    pattern.add_literal(literal);
    literal.clear();
    if (letter == 't' && argument.empty()) {  // "[%d/%b/%Y:%H:%M:%S %z]": the brackets are the directive's
      pattern.add_literal("[");
      pattern.add_field(LogField::time_common, name);
      pattern.add_literal("]");
      continue;
    }
    pattern.add_field(apache_field(letter, argument), name);
  }
  pattern.add_literal(literal);
  if (!pattern.has(LogField::protocol))
    throw std::invalid_argument("the format logs no %{SSL_PROTOCOL}x, so no TLS use can be read from it");
  return pattern;
}

bool looks_like_apache_ssl_request_log(std::string_view line) {
  if (line.size() < 30 || line.front() != '[') return false;
  const std::size_t close = line.find(']');
  if (close == std::string_view::npos || utc_from_common_log_time(line.substr(1, close - 1)).empty()) return false;
  const std::vector<std::string_view> words = text::split(line.substr(close + 1), ' ');
  // "", address, protocol, cipher, "\"METHOD", ...
  if (words.size() < 6 || !words[0].empty()) return false;
  const std::string_view protocol = words[2];
  return protocol == "-" || text::istarts_with(protocol, "TLSv") || text::istarts_with(protocol, "SSLv");
}

}  // namespace tlsready::logs
