// IMAP STARTTLS (RFC 9051 §6.2.1, RFC 2595 §3.1): "* OK" greeting, "a1 STARTTLS", "a1 OK".
#include <string>

#include "net/starttls_dialogue.h"

namespace tlsready::net::detail {

namespace {

constexpr std::string_view kTag = "a1";

// The word after `prefix`: ("* OK [x] hi", 2) -> "OK".
std::string_view word_at(std::string_view line, size_t start) {
  if (start >= line.size()) return {};
  std::string_view rest = line.substr(start);
  return rest.substr(0, rest.find(' '));
}

}  // namespace

std::optional<Failure> negotiate_imap(Connection& connection, std::chrono::milliseconds timeout) {
  Dialogue dialogue(connection, "IMAP", timeout);
  std::string line;

  if (auto failure = dialogue.read_line(dialogue.new_deadline(), "greeting", line)) return failure;
  if (line.rfind("* ", 0) != 0) return dialogue.refused("greeting", "malformed greeting", line);
  const std::string_view status = word_at(line, 2);
  if (equals_ignoring_case(status, "PREAUTH")) {
    return dialogue.refused("greeting", "server pre-authenticated the session, so STARTTLS is not allowed", line);
  }
  if (equals_ignoring_case(status, "BYE")) return dialogue.refused("greeting", "server refused the session", line);
  if (!equals_ignoring_case(status, "OK")) return dialogue.refused("greeting", "malformed greeting", line);

  if (auto failure = dialogue.send_line(std::string(kTag) + " STARTTLS", "STARTTLS")) return failure;
  const auto deadline = dialogue.new_deadline();
  // Untagged data ("* CAPABILITY ...") may come before the tagged completion.
  for (size_t count = 0;; ++count) {
    if (count >= kMaxReplyLines) return dialogue.refused("STARTTLS", "no tagged reply after many lines", line);
    if (auto failure = dialogue.read_line(deadline, "STARTTLS", line)) return failure;
    if (line.rfind("* ", 0) == 0) {
      if (equals_ignoring_case(word_at(line, 2), "BYE")) return dialogue.refused("STARTTLS", "server is closing", line);
      continue;
    }
    if (line.size() > kTag.size() && line.compare(0, kTag.size(), kTag) == 0 && line[kTag.size()] == ' ') break;
    return dialogue.refused("STARTTLS", "unexpected reply", line);
  }
  if (!equals_ignoring_case(word_at(line, kTag.size() + 1), "OK")) {
    return dialogue.refused("STARTTLS", "server refused STARTTLS", line);
  }
  return dialogue.finish();
}

}  // namespace tlsready::net::detail
