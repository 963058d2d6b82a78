// SMTP STARTTLS (RFC 3207, replies per RFC 5321 §4.2): 220 greeting, EHLO, a 250 reply that
// lists STARTTLS, then "STARTTLS" answered by 220.
#include <string>

#include "net/starttls_dialogue.h"

namespace tlsready::net::detail {

namespace {

// The EHLO keyword of one reply line: "250-STARTTLS" -> "STARTTLS", "250 SIZE 100" -> "SIZE".
std::string_view keyword(std::string_view line) {
  if (line.size() <= 4) return {};
  std::string_view rest = line.substr(4);
  const size_t end = rest.find_first_of(" \t");
  return rest.substr(0, end);
}

std::string summary(const NumericReply& reply) {
  std::string text;
  for (const auto& line : reply.lines) {
    if (!text.empty()) text += " | ";
    text += line;
  }
  return text;
}

bool valid_client_name(const std::string& name) {
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f) return false;
  }
  return name.size() <= 255;
}

}  // namespace

std::optional<Failure> negotiate_smtp(Connection& connection, const std::string& client_name,
                                      std::chrono::milliseconds timeout) {
  const std::string name = client_name.empty() ? std::string("localhost") : client_name;
  if (!valid_client_name(name)) {
    return Failure{FailureKind::invalid_target, "SMTP client name " + quote(name) + " is not a valid EHLO domain"};
  }
  Dialogue dialogue(connection, "SMTP", timeout);
  NumericReply reply;

  if (auto failure = dialogue.read_reply("greeting", reply)) return failure;
  if (reply.code != 220) return dialogue.refused("greeting", "server refused the session", reply.lines.back());

  if (auto failure = dialogue.send_line("EHLO " + name, "EHLO")) return failure;
  if (auto failure = dialogue.read_reply("EHLO", reply)) return failure;
  if (reply.code != 250) return dialogue.refused("EHLO", "server refused EHLO", reply.lines.back());
  bool offered = false;
  for (size_t i = 1; i < reply.lines.size(); ++i) {  // line 0 is the server's name and greeting
    offered = offered || equals_ignoring_case(keyword(reply.lines[i]), "STARTTLS");
  }
  if (!offered) return dialogue.refused("EHLO", "server does not offer STARTTLS", summary(reply));

  if (auto failure = dialogue.send_line("STARTTLS", "STARTTLS")) return failure;
  if (auto failure = dialogue.read_reply("STARTTLS", reply)) return failure;
  if (reply.code != 220) return dialogue.refused("STARTTLS", "server refused STARTTLS", reply.lines.back());
  return dialogue.finish();
}

}  // namespace tlsready::net::detail
