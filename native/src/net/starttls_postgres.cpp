// PostgreSQL SSLRequest (protocol docs, "SSL Session Encryption"): the client sends
// Int32(8) Int32(80877103); the server answers one byte, 'S' (TLS follows) or 'N'.
#include <array>
#include <string>

#include "common/hex.h"

#include "net/starttls_dialogue.h"

namespace tlsready::net::detail {

std::optional<Failure> negotiate_postgres(Connection& connection, std::chrono::milliseconds timeout) {
  Dialogue dialogue(connection, "PostgreSQL", timeout);
  // 80877103 = 0x04d2162f ("1234" and "5679" in the two halves).
  static constexpr std::array<uint8_t, 8> kSslRequest{0x00, 0x00, 0x00, 0x08, 0x04, 0xd2, 0x16, 0x2f};
  if (auto failure = dialogue.send_bytes(kSslRequest, "SSLRequest")) return failure;

  std::array<uint8_t, 1> answer{};
  if (auto failure = dialogue.read_exact(dialogue.new_deadline(), "SSLRequest", answer)) return failure;
  switch (answer[0]) {
    case 'S': return dialogue.finish();
    case 'N': return dialogue.refused("SSLRequest", "server refuses SSL");
    case 'E':
      // Servers before protocol 3 (or a broken proxy) answer with an ErrorResponse.
      return dialogue.refused("SSLRequest", "server answered the SSLRequest with an error message");
    default: {
      return dialogue.refused("SSLRequest", "unexpected answer byte " + hex::code8(answer[0]));
    }
  }
}

}  // namespace tlsready::net::detail
