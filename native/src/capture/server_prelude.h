// The server side of a STARTTLS prelude, for the capture listener: the plaintext dialogue a mail
// client expects before it sends its ClientHello. SMTP (RFC 3207; replies RFC 5321 §4.2): "220"
// greeting, EHLO answered with a 250 list naming STARTTLS, "STARTTLS" answered "220 Ready to start
// TLS". IMAP (RFC 9051 §6.2.1, RFC 2595 §3.1): "* OK" greeting with CAPABILITY ... STARTTLS,
// "tag STARTTLS" answered "tag OK Begin TLS negotiation now". POP3 (RFC 2595 §4, CAPA RFC 2449):
// "+OK" greeting, CAPA listing STLS, "STLS" answered "+OK Begin TLS negotiation". The mirror of
// the client dialogues in net/starttls_*.cpp (same line limits, net/starttls_dialogue.h).
//
// Bytes in, bytes out, no I/O: feed() takes what the client sent and appends the replies to send.
// Lines are bounded (kMaxLineLength) and so is the number of commands before the upgrade
// (kMaxCommands); past either, or on a client's QUIT / LOGOUT, the prelude fails. Plain value;
// thread-compatible.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace tlsready::capture {

enum class PreludeProtocol { smtp, imap, pop3 };

// "smtp", "imap", "pop3" -> the protocol; nullopt for anything else.
std::optional<PreludeProtocol> prelude_protocol(std::string_view name);
std::string_view to_string(PreludeProtocol protocol);

class ServerPrelude {
 public:
  static constexpr std::size_t kMaxLineLength = 2048;  // as net/starttls_dialogue.h
  static constexpr std::size_t kMaxCommands = 32;      // EHLO, CAPABILITY, NOOP, ... before STARTTLS
  static constexpr std::size_t kMaxBytes = kMaxLineLength * kMaxCommands;

  enum class State {
    talking,  // waiting for the next command line
    upgrade,  // the go-ahead is in the output: what follows is TLS (see tls_start())
    failed,   // the client quit, sent an overlong line or too many commands (see why())
  };

  explicit ServerPrelude(PreludeProtocol protocol);

  // The server's greeting, sent first.
  std::string greeting() const;
  // Reads the client's bytes; appends the replies to `replies`. After `upgrade`, the bytes that
  // came after the STARTTLS line (a client that did not wait) are in tls_start().
  State feed(std::span<const uint8_t> bytes, std::string& replies);

  State state() const { return state_; }
  const std::string& why() const { return why_; }
  const std::vector<uint8_t>& tls_start() const { return tls_start_; }
  // The name the client gave in EHLO/HELO (SMTP), "" otherwise.
  const std::string& client_name() const { return client_name_; }

 private:
  void command(std::string_view line, std::string& replies);
  void fail(std::string why);

  PreludeProtocol protocol_;
  State state_ = State::talking;
  std::string line_;
  std::size_t commands_ = 0;
  std::string why_;
  std::vector<uint8_t> tls_start_;
  std::string client_name_;
};

}  // namespace tlsready::capture
