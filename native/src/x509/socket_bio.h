// A BIO over a borrowed socket that never raises SIGPIPE (send with MSG_NOSIGNAL) and
// remembers why it failed, so a handshake failure can say "reset by peer" or "closed".
#pragma once

#include <openssl/bio.h>

namespace tlsready::x509 {

struct SocketBioState {
  int fd = -1;
  bool peer_closed = false;  // recv returned 0
  int last_errno = 0;        // the last hard send/recv error (errno / WSAGetLastError()); 0: none
};

// A new BIO reading and writing `state->fd`; `state` must outlive the BIO. The BIO never closes
// the socket. Null when OpenSSL cannot allocate it.
BIO* new_socket_bio(SocketBioState* state);

}  // namespace tlsready::x509
