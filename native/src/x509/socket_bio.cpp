// BIO method over a borrowed, non-blocking socket (see socket_bio.h).
#include "x509/socket_bio.h"

#include "net/platform_socket.h"  // send/recv on POSIX or Winsock
#include "x509/openssl_ptr.h"

namespace tlsready::x509 {

namespace {

SocketBioState* state_of(BIO* bio) { return static_cast<SocketBioState*>(BIO_get_data(bio)); }

using net::platform::SocketError;
bool would_block(int error) { return net::platform::classify(error) == SocketError::would_block; }
bool interrupted(int error) { return net::platform::classify(error) == SocketError::interrupted; }

int socket_write(BIO* bio, const char* data, int length) {
  BIO_clear_retry_flags(bio);
  SocketBioState* state = state_of(bio);
  if (state == nullptr || length < 0) return -1;
  for (;;) {
    const long long sent = net::platform::send_some(state->fd, data, static_cast<size_t>(length));
    if (sent >= 0) return static_cast<int>(sent);
    const int error = net::platform::last_error();
    if (interrupted(error)) continue;
    if (would_block(error)) {
      BIO_set_retry_write(bio);
    } else {
      state->last_errno = error;
    }
    return -1;
  }
}

int socket_read(BIO* bio, char* data, int length) {
  BIO_clear_retry_flags(bio);
  SocketBioState* state = state_of(bio);
  if (state == nullptr || length < 0) return -1;
  for (;;) {
    const long long received = net::platform::receive_some(state->fd, data, static_cast<size_t>(length));
    if (received > 0) return static_cast<int>(received);
    if (received == 0) {
      state->peer_closed = true;
      return 0;
    }
    const int error = net::platform::last_error();
    if (interrupted(error)) continue;
    if (would_block(error)) {
      BIO_set_retry_read(bio);
    } else {
      state->last_errno = error;
    }
    return -1;
  }
}

int socket_puts(BIO* bio, const char* text) {
  int length = 0;
  while (text[length] != '\0') ++length;
  return socket_write(bio, text, length);
}

long socket_ctrl(BIO* bio, int command, long /*number*/, void* /*pointer*/) {
  switch (command) {
    case BIO_CTRL_FLUSH:
      return 1;
    case BIO_CTRL_EOF: {
      const SocketBioState* state = state_of(bio);
      return state != nullptr && state->peer_closed ? 1 : 0;
    }
    default:
      return 0;  // pending, ktls, push/pop...: nothing to report
  }
}

int socket_create(BIO* bio) {
  BIO_set_init(bio, 1);
  return 1;
}

int socket_destroy(BIO* bio) {
  if (bio == nullptr) return 0;
  BIO_set_data(bio, nullptr);  // borrowed state and socket: nothing to free or close
  return 1;
}

// Built once (thread-safe static initialisation), never modified afterwards.
BIO_METHOD* socket_method() {
  static const BioMethodPtr method = [] {
    const int index = BIO_get_new_index();
    BioMethodPtr created(BIO_meth_new((index > 0 ? index : 0) | BIO_TYPE_SOURCE_SINK, "tlsready socket"));
    if (created) {
      BIO_meth_set_write(created.get(), socket_write);
      BIO_meth_set_read(created.get(), socket_read);
      BIO_meth_set_puts(created.get(), socket_puts);
      BIO_meth_set_ctrl(created.get(), socket_ctrl);
      BIO_meth_set_create(created.get(), socket_create);
      BIO_meth_set_destroy(created.get(), socket_destroy);
    }
    return created;
  }();
  return method.get();
}

}  // namespace

BIO* new_socket_bio(SocketBioState* state) {
  BIO_METHOD* method = socket_method();
  if (method == nullptr) return nullptr;
  BIO* bio = BIO_new(method);
  if (bio != nullptr) BIO_set_data(bio, state);
  return bio;
}

}  // namespace tlsready::x509
