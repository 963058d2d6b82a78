// See server_prelude.h.
#include "capture/server_prelude.h"

#include "common/text.h"

namespace tlsready::capture {

namespace {

constexpr std::string_view kHost = "tlsready";

// The command word of a line and the rest: "EHLO client.test" -> ("EHLO", "client.test").
std::pair<std::string_view, std::string_view> split_word(std::string_view line) {
  const std::size_t space = line.find(' ');
  if (space == std::string_view::npos) return {line, {}};
  return {line.substr(0, space), line.substr(space + 1)};
}

// A printable client-given word for a reply or record: at most 255 bytes of visible ASCII.
std::string printable(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 255)) {
    const auto u = static_cast<unsigned char>(c);
    if (u > 0x20 && u < 0x7F) out += c;
  }
  return out;
}

}  // namespace

std::optional<PreludeProtocol> prelude_protocol(std::string_view name) {
  if (name == "smtp") return PreludeProtocol::smtp;
  if (name == "imap") return PreludeProtocol::imap;
  if (name == "pop3") return PreludeProtocol::pop3;
  return std::nullopt;
}

std::string_view to_string(PreludeProtocol protocol) {
  switch (protocol) {
    case PreludeProtocol::smtp: return "smtp";
    case PreludeProtocol::imap: return "imap";
    case PreludeProtocol::pop3: return "pop3";
  }
  return "smtp";
}

ServerPrelude::ServerPrelude(PreludeProtocol protocol) : protocol_(protocol) {}

std::string ServerPrelude::greeting() const {
  switch (protocol_) {
    case PreludeProtocol::smtp:
      return std::string("220 ") + std::string(kHost) + " ESMTP tlsready capture listener\r\n";
    case PreludeProtocol::imap:
      return "* OK [CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED] tlsready capture listener ready\r\n";
    case PreludeProtocol::pop3: return "+OK tlsready capture listener ready\r\n";
  }
  return {};
}

void ServerPrelude::fail(std::string why) {
  state_ = State::failed;
  why_ = std::move(why);
}

ServerPrelude::State ServerPrelude::feed(std::span<const uint8_t> bytes, std::string& replies) {
  std::size_t pos = 0;
  while (state_ == State::talking && pos < bytes.size()) {
    const char c = static_cast<char>(bytes[pos++]);
    if (c != '\n') {
      if (line_.size() >= kMaxLineLength) {
        fail("command line longer than " + std::to_string(kMaxLineLength) + " bytes");
        break;
      }
      line_ += c;
      continue;
    }
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    if (++commands_ > kMaxCommands) {
      fail("more than " + std::to_string(kMaxCommands) + " commands before STARTTLS");
      break;
    }
    const std::string line = std::move(line_);
    line_.clear();
    command(line, replies);
  }
  if (state_ == State::upgrade)
    tls_start_.insert(tls_start_.end(), bytes.begin() + static_cast<std::ptrdiff_t>(pos), bytes.end());
  return state_;
}

void ServerPrelude::command(std::string_view line, std::string& replies) {
  switch (protocol_) {
    case PreludeProtocol::smtp: {
      const auto [verb, rest] = split_word(line);
      if (text::iequals(verb, "EHLO")) {
        client_name_ = printable(rest);
        replies += "250-" + std::string(kHost) + " greets " + (client_name_.empty() ? "you" : client_name_) +
                   "\r\n250-8BITMIME\r\n250 STARTTLS\r\n";
      } else if (text::iequals(verb, "HELO")) {
        client_name_ = printable(rest);
        replies += "250 " + std::string(kHost) + "\r\n";
      } else if (text::iequals(verb, "STARTTLS")) {
        replies += "220 Ready to start TLS\r\n";  // RFC 3207 §4
        state_ = State::upgrade;
      } else if (text::iequals(verb, "NOOP") || text::iequals(verb, "RSET")) {
        replies += "250 OK\r\n";
      } else if (text::iequals(verb, "QUIT")) {
        replies += "221 Bye\r\n";
        fail("the client quit before STARTTLS");
      } else {
        replies += "530 5.7.0 Must issue a STARTTLS command first\r\n";  // RFC 3207 §4
      }
      return;
    }
    case PreludeProtocol::imap: {
      // RFC 9051 §2.2.1: "tag SP command"; the tag is echoed in the tagged reply.
      const auto [tag_view, rest] = split_word(line);
      const std::string tag = printable(tag_view).empty() ? "*" : printable(tag_view);
      const auto [verb, args] = split_word(rest);
      (void)args;
      if (text::iequals(verb, "CAPABILITY")) {
        replies += "* CAPABILITY IMAP4rev1 STARTTLS LOGINDISABLED\r\n" + tag + " OK CAPABILITY completed\r\n";
      } else if (text::iequals(verb, "STARTTLS")) {
        replies += tag + " OK Begin TLS negotiation now\r\n";
        state_ = State::upgrade;
      } else if (text::iequals(verb, "NOOP")) {
        replies += tag + " OK NOOP completed\r\n";
      } else if (text::iequals(verb, "LOGOUT")) {
        replies += "* BYE tlsready capture listener\r\n" + tag + " OK LOGOUT completed\r\n";
        fail("the client logged out before STARTTLS");
      } else {
        replies += tag + " BAD STARTTLS first\r\n";
      }
      return;
    }
    case PreludeProtocol::pop3: {
      const auto [verb, rest] = split_word(line);
      (void)rest;
      if (text::iequals(verb, "CAPA")) {
        replies += "+OK Capability list follows\r\nSTLS\r\n.\r\n";  // RFC 2449 §5
      } else if (text::iequals(verb, "STLS")) {
        replies += "+OK Begin TLS negotiation\r\n";  // RFC 2595 §4
        state_ = State::upgrade;
      } else if (text::iequals(verb, "NOOP")) {
        replies += "+OK\r\n";
      } else if (text::iequals(verb, "QUIT")) {
        replies += "+OK Bye\r\n";
        fail("the client quit before STLS");
      } else {
        replies += "-ERR STLS first\r\n";
      }
      return;
    }
  }
}

}  // namespace tlsready::capture
