// nginx access logs in the log_format the administrator wrote (ngx_http_log_module): the format
// string compiled into a LogLinePattern. nginx writes '-' for an empty variable and escapes '"', '\'
// and bytes outside printable ASCII as "\xHH" (escape=default), so a quoted variable never holds an
// unescaped quote. Variables read: $remote_addr $realip_remote_addr $remote_port $remote_user
// $time_local $time_iso8601 $http_user_agent $host $server_name $ssl_server_name $hostname
// $server_addr $server_port $request $request_uri $uri $ssl_protocol $ssl_cipher $ssl_ciphers
// (also spelled ${name}); any other variable is matched and ignored.
#pragma once

#include <string>
#include <string_view>

#include "logs/log_line_pattern.h"

namespace tlsready::logs {

// Throws std::invalid_argument (the reason, without the format) for a format without
// $ssl_protocol, a '$' without a name, an unclosed "${", or two variables with nothing between them.
LogLinePattern compile_nginx_log_format(std::string_view format);

// The format string of the `log_format NAME [escape=...] 'piece' 'piece' ...;` directive in an
// nginx.conf text (quoted pieces over several lines concatenated, '#' comments skipped). Throws
// std::invalid_argument when the text has no log_format of that name.
std::string nginx_log_format_from_config(std::string_view config, std::string_view name);

}  // namespace tlsready::logs
