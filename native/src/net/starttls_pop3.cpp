// POP3 STLS (RFC 2595 §4): "+OK" greeting, "STLS", "+OK".
#include <string>

#include "net/starttls_dialogue.h"

namespace tlsready::net::detail {

namespace {

bool is_ok(std::string_view line) {
  return starts_with_ignoring_case(line, "+OK") && (line.size() == 3 || line[3] == ' ');
}

bool is_err(std::string_view line) {
  return starts_with_ignoring_case(line, "-ERR") && (line.size() == 4 || line[4] == ' ');
}

}  // namespace

std::optional<Failure> negotiate_pop3(Connection& connection, std::chrono::milliseconds timeout) {
  Dialogue dialogue(connection, "POP3", timeout);
  std::string line;

  if (auto failure = dialogue.read_line(dialogue.new_deadline(), "greeting", line)) return failure;
  if (is_err(line)) return dialogue.refused("greeting", "server refused the session", line);
  if (!is_ok(line)) return dialogue.refused("greeting", "malformed greeting", line);

  if (auto failure = dialogue.send_line("STLS", "STLS")) return failure;
  if (auto failure = dialogue.read_line(dialogue.new_deadline(), "STLS", line)) return failure;
  if (is_err(line)) return dialogue.refused("STLS", "server refused STLS", line);
  if (!is_ok(line)) return dialogue.refused("STLS", "malformed reply", line);
  return dialogue.finish();
}

}  // namespace tlsready::net::detail
