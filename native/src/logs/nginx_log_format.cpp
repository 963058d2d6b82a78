#include "logs/nginx_log_format.h"

#include <stdexcept>
#include <utility>
#include <vector>

#include "common/text.h"

namespace tlsready::logs {
namespace {

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

LogField nginx_field(std::string_view name) {
  static const std::pair<std::string_view, LogField> kFields[] = {
      {"remote_addr", LogField::client_address},
      {"realip_remote_addr", LogField::client_address},
      {"remote_port", LogField::client_port},
      {"remote_user", LogField::user},
      {"time_local", LogField::time_common},
      {"time_iso8601", LogField::time_iso},
      {"http_user_agent", LogField::user_agent},
      {"host", LogField::host},
      {"server_name", LogField::site_name},
      {"ssl_server_name", LogField::sni},
      {"hostname", LogField::server},
      {"server_addr", LogField::server},
      {"server_port", LogField::server_port},
      {"request", LogField::request_line},
      {"request_uri", LogField::resource},
      {"uri", LogField::resource},
      {"ssl_protocol", LogField::protocol},
      {"ssl_cipher", LogField::cipher},
      {"ssl_ciphers", LogField::client_ciphers},
  };
  for (const auto& [known, field] : kFields)
    if (text::iequals(name, known)) return field;
  return LogField::ignored;
}

// nginx.conf tokens: words, quoted strings (quotes removed, backslash escapes kept as nginx keeps
// them: \" and \' become the quote), ';' and braces on their own; '#' comments skipped.
std::vector<std::string> config_tokens(std::string_view config) {
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < config.size()) {
    const char c = config[i];
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      ++i;
    } else if (c == '#') {
      while (i < config.size() && config[i] != '\n') ++i;
    } else if (c == ';' || c == '{' || c == '}') {
      tokens.emplace_back(1, c);
      ++i;
    } else if (c == '\'' || c == '"') {
      std::string token;
      ++i;
      while (i < config.size() && config[i] != c) {
        if (config[i] == '\\' && i + 1 < config.size() && (config[i + 1] == c || config[i + 1] == '\\')) ++i;
        token.push_back(config[i++]);
      }
      ++i;  // the closing quote (or the end)
      tokens.push_back(std::move(token));
    } else {
      std::string token;
      while (i < config.size() && std::string_view(" \t\r\n;{}").find(config[i]) == std::string_view::npos)
        token.push_back(config[i++]);
      tokens.push_back(std::move(token));
    }
  }
  return tokens;
}

}  // namespace

LogLinePattern compile_nginx_log_format(std::string_view format) {
  LogLinePattern pattern;
  std::size_t i = 0;
  std::string literal;
  while (i < format.size()) {
    if (format[i] != '$') {
      literal.push_back(format[i++]);
      continue;
    }
    std::string_view name;
    if (i + 1 < format.size() && format[i + 1] == '{') {
      const std::size_t close = format.find('}', i + 2);
      if (close == std::string_view::npos) throw std::invalid_argument("\"${\" without its '}'");
      name = format.substr(i + 2, close - i - 2);
      i = close + 1;
    } else {
      std::size_t end = i + 1;
      while (end < format.size() && is_name_char(format[end])) ++end;
      name = format.substr(i + 1, end - i - 1);
      i = end;
    }
    if (name.empty()) throw std::invalid_argument("a '$' without a variable name");
    pattern.add_literal(literal);
    literal.clear();
    pattern.add_field(nginx_field(name), "$" + std::string(name));
  }
  pattern.add_literal(literal);
  if (!pattern.has(LogField::protocol))
    throw std::invalid_argument("the format logs no $ssl_protocol, so no TLS use can be read from it");
  return pattern;
}

std::string nginx_log_format_from_config(std::string_view config, std::string_view name) {
  const std::vector<std::string> tokens = config_tokens(config);
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i] != "log_format" || (i > 0 && tokens[i - 1] != ";" && tokens[i - 1] != "{" && tokens[i - 1] != "}"))
      continue;
    if (tokens[i + 1] != name) continue;
    std::string format;
    std::size_t j = i + 2;
    if (j < tokens.size() && text::istarts_with(tokens[j], "escape=")) ++j;
    for (; j < tokens.size() && tokens[j] != ";"; ++j) format += tokens[j];
    return format;
  }
  throw std::invalid_argument("no log_format " + text::quote_for_message(name) + " in it");
}

}  // namespace tlsready::logs
