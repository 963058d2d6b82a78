// FTP AUTH TLS (RFC 4217 §4): 220 greeting (possibly after 120 "ready in n minutes"),
// "AUTH TLS", 234.
#include <string>

#include "net/starttls_dialogue.h"

namespace tlsready::net::detail {

std::optional<Failure> negotiate_ftp(Connection& connection, std::chrono::milliseconds timeout) {
  Dialogue dialogue(connection, "FTP", timeout);
  NumericReply reply;

  if (auto failure = dialogue.read_reply("greeting", reply)) return failure;
  for (int delays = 0; reply.code == 120 && delays < 3; ++delays) {  // RFC 959 §5.4: 120 then 220
    if (auto failure = dialogue.read_reply("greeting", reply)) return failure;
  }
  if (reply.code != 220) return dialogue.refused("greeting", "server refused the session", reply.lines.back());

  if (auto failure = dialogue.send_line("AUTH TLS", "AUTH TLS")) return failure;
  if (auto failure = dialogue.read_reply("AUTH TLS", reply)) return failure;
  if (reply.code != 234) return dialogue.refused("AUTH TLS", "server refused AUTH TLS", reply.lines.back());
  return dialogue.finish();
}

}  // namespace tlsready::net::detail
