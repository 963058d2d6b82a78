// Apache httpd access logs with mod_ssl's variables, in the LogFormat the administrator wrote
// (mod_log_config), or the stock ssl_request_log of the default ssl.conf:
//   CustomLog logs/ssl_request_log "%t %h %{SSL_PROTOCOL}x %{SSL_CIPHER}x \"%r\" %b"
// Directives read: %h %a %{c}a (client), %A (server address), %u, %t ("[30/Nov/2026:08:15:02 +0100]"),
// %r, %U, %{User-Agent}i, %{Host}i, %v %V (virtual host), %p %{local}p %{canonical}p (server port),
// %{remote}p (client port), %{SSL_PROTOCOL}x, %{SSL_CIPHER}x, %{SSL_TLS_SNI}x (also as %{...}e);
// modifiers (%>s, %400,501{...}i, %!200u) are accepted; any other directive is matched and ignored.
// Apache writes '-' for an empty value and escapes '"' as \" in quoted fields. A format string copied
// from httpd.conf may keep its \" escapes: they are read as quotes.
#pragma once

#include <string_view>

#include "logs/log_line_pattern.h"

namespace tlsready::logs {

// The stock ssl_request_log format (above).
inline constexpr std::string_view kApacheSslRequestLogFormat = "%t %h %{SSL_PROTOCOL}x %{SSL_CIPHER}x \"%r\" %b";

// Throws std::invalid_argument (the reason) for a format without %{SSL_PROTOCOL}x, a '%' at the end
// or without a directive letter, an unclosed "%{", or two directives with nothing between them.
LogLinePattern compile_apache_log_format(std::string_view format);

// Whether `line` looks like a stock ssl_request_log line ("[30/Nov/2026:08:15:02 +0000] 192.0.2.7
// TLSv1.2 ECDHE-RSA-AES128-GCM-SHA256 \"GET / HTTP/1.1\" 512"), for format recognition.
bool looks_like_apache_ssl_request_log(std::string_view line);

}  // namespace tlsready::logs
