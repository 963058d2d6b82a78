/*
 * wolfssl_server.c - a TLS server on the real wolfSSL stack, for the tlsready test lab.
 *
 * One job: serve TLS 1.2 + 1.3 with wolfSSL's own ClientHello parser, which refuses (alert
 * decode_error) a ClientHello that lists more cipher suites than WOLFSSL_MAX_SUITE_SZ (300
 * bytes = 150 suites) -- the suite-count limit the lab's `suite_count_wolfssl` endpoint pins.
 *
 *   wolfssl_server PORT_FILE CERT KEY TLS12_CIPHERS
 *
 * Binds 127.0.0.1 on an ephemeral port, writes the port (decimal + newline) to PORT_FILE once
 * listening, then serves one connection at a time: handshake (5 s receive timeout), a short
 * answer, close. Built on demand by tests/lab/lab.py with:
 *   cc -O2 -o wolfssl_server wolfssl_server.c -lwolfssl
 */
#include <wolfssl/options.h>
#include <wolfssl/ssl.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

static int listen_loopback(int *port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  int on = 1;
  struct sockaddr_in addr;
  socklen_t len = sizeof addr;
  if (fd < 0) return -1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  memset(&addr, 0, sizeof addr);
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);  /* loopback only, never the wildcard */
  if (bind(fd, (struct sockaddr *)&addr, sizeof addr) != 0 || listen(fd, 64) != 0) return -1;
  if (getsockname(fd, (struct sockaddr *)&addr, &len) != 0) return -1;
  *port = ntohs(addr.sin_port);
  return fd;
}

static int write_port_file(const char *path, int port) {
  char tmp[4096];
  FILE *out;
  snprintf(tmp, sizeof tmp, "%s.tmp", path);
  out = fopen(tmp, "w");
  if (!out) return -1;
  fprintf(out, "%d\n", port);
  fclose(out);
  return rename(tmp, path);
}

int main(int argc, char **argv) {
  WOLFSSL_CTX *ctx;
  int listener, port = 0;
  if (argc != 5) {
    fprintf(stderr, "usage: %s PORT_FILE CERT KEY TLS12_CIPHERS\n", argv[0]);
    return 2;
  }
  signal(SIGPIPE, SIG_IGN);
  wolfSSL_Init();
  ctx = wolfSSL_CTX_new(wolfSSLv23_server_method());
  if (!ctx || wolfSSL_CTX_SetMinVersion(ctx, WOLFSSL_TLSV1_2) != WOLFSSL_SUCCESS ||
      wolfSSL_CTX_use_certificate_file(ctx, argv[2], WOLFSSL_FILETYPE_PEM) != WOLFSSL_SUCCESS ||
      wolfSSL_CTX_use_PrivateKey_file(ctx, argv[3], WOLFSSL_FILETYPE_PEM) != WOLFSSL_SUCCESS ||
      wolfSSL_CTX_set_cipher_list(ctx, argv[4]) != WOLFSSL_SUCCESS) {
    fprintf(stderr, "wolfSSL context setup failed\n");
    return 1;
  }
  listener = listen_loopback(&port);
  if (listener < 0 || write_port_file(argv[1], port) != 0) {
    perror("listen");
    return 1;
  }
  fprintf(stderr, "wolfSSL %s listening on 127.0.0.1:%d\n", wolfSSL_lib_version(), port);
  for (;;) {
    struct timeval timeout = {5, 0};
    WOLFSSL *ssl;
    int client = accept(listener, NULL, NULL);
    if (client < 0) continue;
    setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ssl = wolfSSL_new(ctx);
    if (ssl && wolfSSL_set_fd(ssl, client) == WOLFSSL_SUCCESS) {
      if (wolfSSL_accept(ssl) == WOLFSSL_SUCCESS) {
        static const char answer[] = "HTTP/1.0 200 OK\r\n\r\nwolfSSL lab endpoint\n";
        wolfSSL_write(ssl, answer, (int)sizeof answer - 1);
        wolfSSL_shutdown(ssl);
      } else {
        char reason[WOLFSSL_MAX_ERROR_SZ];
        fprintf(stderr, "handshake failed: %s\n",
                wolfSSL_ERR_error_string((unsigned long)wolfSSL_get_error(ssl, 0), reason));
      }
    }
    if (ssl) wolfSSL_free(ssl);
    close(client);
  }
}
