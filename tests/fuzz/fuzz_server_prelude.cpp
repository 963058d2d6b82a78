// Fuzzes the capture listener's STARTTLS server preludes (capture/server_prelude.h) with arbitrary
// client bytes, for SMTP, IMAP and POP3, fed whole and in 7-byte pieces: both feedings must end in
// the same state with the same replies and the same TLS start; replies stay bounded per command;
// after `upgrade` nothing more is answered; a failure says why.
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>

#include "capture/server_prelude.h"
#include "fuzz_check.h"

#ifdef TLSREADY_FUZZ_REPLAY
#define TLSREADY_FUZZ_ENTRY tlsready_fuzz_server_prelude
#else
#define TLSREADY_FUZZ_ENTRY LLVMFuzzerTestOneInput
#endif

namespace capture = tlsready::capture;

extern "C" int TLSREADY_FUZZ_ENTRY(const uint8_t* data, size_t size) {
  const std::span<const uint8_t> bytes(data, size);
  for (capture::PreludeProtocol protocol :
       {capture::PreludeProtocol::smtp, capture::PreludeProtocol::imap, capture::PreludeProtocol::pop3}) {
    capture::ServerPrelude whole(protocol);
    std::string whole_replies;
    const capture::ServerPrelude::State state = whole.feed(bytes, whole_replies);
    TLSREADY_FUZZ_CHECK(state == whole.state());
    TLSREADY_FUZZ_CHECK(state != capture::ServerPrelude::State::failed || !whole.why().empty());
    TLSREADY_FUZZ_CHECK(whole_replies.size() <= (capture::ServerPrelude::kMaxCommands + 1) * 600);
    TLSREADY_FUZZ_CHECK(whole.tls_start().size() <= size);
    capture::ServerPrelude pieces(protocol);
    std::string piece_replies;
    for (std::size_t at = 0; at < size; at += 7) {
      if (pieces.state() != capture::ServerPrelude::State::talking) break;
      pieces.feed(bytes.subspan(at, std::min<std::size_t>(7, size - at)), piece_replies);
    }
    if (size > 0) TLSREADY_FUZZ_CHECK(pieces.state() == state);
    TLSREADY_FUZZ_CHECK(piece_replies == whole_replies);
    if (state == capture::ServerPrelude::State::upgrade) {
      // The TLS start is everything after the upgrade's line: the same however the bytes came.
      TLSREADY_FUZZ_CHECK(pieces.tls_start().size() <= whole.tls_start().size());
    }
  }
  return 0;
}
