// HAProxy logs in the log-format the administrator wrote (HAProxy configuration manual, "Custom log
// format"): the format compiled into a LogLinePattern; a syslog prefix ("Nov 30 08:15:02 lb1
// haproxy[123]: ", "<134>Nov 30 08:15:02 haproxy[123]: ", RFC 3339 or RFC 5424 stamps) is read off
// each line first, and lines without one (logs to stdout) are read as they are.
// Variables read: %ci %cp (client), %fi %fp (the frontend's address and port: the server side),
// %t %tr %trg ("30/Nov/2026:08:15:02.123"), %T %trl %Tl (with a zone), %ft %f (frontend: the site,
// the '~' HAProxy adds for SSL frontends dropped), %H (host name), %HU %HP (URI, path), %r (request
// line), %sslv %sslc, and the sample fetches %[src] %[src_port] %[dst] %[dst_port]
// %[ssl_fc_protocol] %[ssl_fc_cipher] %[ssl_fc_sni]; flags in %{+Q,+E}... are accepted (+Q quotes the
// value: read as quotes around it); any other variable is matched and ignored. '\ ' and '\"' (the
// escapes of haproxy.cfg) read as a space and a quote.
#pragma once

#include <string_view>

#include "logs/log_line_pattern.h"

namespace tlsready::logs {

// Throws std::invalid_argument (the reason) for a format without %sslv or %[ssl_fc_protocol], a '%'
// at the end or without a variable, an unclosed "%[" or "%{", or two variables with nothing between them.
LogLinePattern compile_haproxy_log_format(std::string_view format);

}  // namespace tlsready::logs
