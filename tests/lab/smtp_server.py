"""Tiny SMTP server with STARTTLS for the tlsready lab (one job: smtp_starttls).

Speaks just enough SMTP for TLS scanners:

    S: 220 localhost ESMTP tlsready-lab
    C: EHLO x            S: 250-localhost / 250-PIPELINING / 250 STARTTLS
    C: STARTTLS          S: 220 2.0.0 Ready to start TLS
    ... TLS handshake (python ssl, lab CA cert) ...
    C: EHLO x            S: 250-localhost / 250 PIPELINING   (no STARTTLS)
    C: QUIT              S: 221 2.0.0 Bye

TLS configuration (must match endpoints.py "smtp_starttls"):
  TLS 1.2 + 1.3; TLS 1.2 suites ECDHE-RSA-AES128-GCM-SHA256 and
  ECDHE-RSA-AES256-GCM-SHA384; TLS 1.3 suites = OpenSSL defaults (checked at
  start-up); client preference; single group P-256.

One thread per connection, at most MAX_CONN at once (further connections
wait in the listen backlog).  Every socket has a timeout, so clients that
send a ClientHello and vanish, or never speak, cannot pin a thread for long.

Usage: smtp_server.py --cert C --key K --port-file F [--host 127.0.0.1]
Writes {"smtp_starttls": PORT} to F once listening.  Stdlib only.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import ssl
import sys
import threading

MAX_CONN = 64
IO_TIMEOUT = 30.0
MAX_LINE = 2048
TLS12_CIPHERS = "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384"
EXPECTED_CIPHERS = {"TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
                    "TLS_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256",
                    "ECDHE-RSA-AES256-GCM-SHA384"}


def make_context(cert: str, key: str) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.maximum_version = ssl.TLSVersion.TLSv1_3
    ctx.load_cert_chain(cert, key)
    ctx.set_ciphers(TLS12_CIPHERS)
    ctx.options &= ~ssl.OP_CIPHER_SERVER_PREFERENCE     # client preference
    ctx.options |= ssl.OP_NO_TICKET
    ctx.set_ecdh_curve("prime256v1")                    # the only group
    names = {c["name"] for c in ctx.get_ciphers()}
    if names != EXPECTED_CIPHERS:
        raise SystemExit("smtp_server: unexpected cipher set %r" % sorted(names))
    return ctx


class LineConn:
    """Line reader over a plain or TLS socket with an explicit buffer."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.buf = b""

    def readline(self) -> bytes | None:
        while b"\n" not in self.buf:
            if len(self.buf) > MAX_LINE:
                return None
            data = self.sock.recv(4096)
            if not data:
                return None
            self.buf += data
        line, self.buf = self.buf.split(b"\n", 1)
        return line.rstrip(b"\r")

    def send(self, text: str) -> None:
        self.sock.sendall(text.encode("ascii"))


def session(sock: socket.socket, ctx: ssl.SSLContext) -> None:
    sock.settimeout(IO_TIMEOUT)
    conn = LineConn(sock)
    tls = False
    errors = 0
    conn.send("220 localhost ESMTP tlsready-lab\r\n")
    while True:
        line = conn.readline()
        if line is None:
            return
        verb = line.split(b" ", 1)[0].upper()
        if verb == b"EHLO":
            if tls:
                conn.send("250-localhost\r\n250 PIPELINING\r\n")
            else:
                conn.send("250-localhost\r\n250-PIPELINING\r\n250 STARTTLS\r\n")
        elif verb == b"HELO":
            conn.send("250 localhost\r\n")
        elif verb == b"STARTTLS" and not tls:
            conn.send("220 2.0.0 Ready to start TLS\r\n")
            conn.buf = b""      # never carry plaintext into TLS (RFC 3207)
            tls_sock = ctx.wrap_socket(sock, server_side=True,
                                       do_handshake_on_connect=False)
            tls_sock.settimeout(IO_TIMEOUT)
            tls_sock.do_handshake()
            sock = tls_sock
            conn = LineConn(sock)
            tls = True
        elif verb in (b"NOOP", b"RSET", b"MAIL", b"RCPT"):
            conn.send("250 2.0.0 OK\r\n")
        elif verb == b"QUIT":
            conn.send("221 2.0.0 Bye\r\n")
            return
        else:
            errors += 1
            conn.send("500 5.5.1 Command unrecognized\r\n")
            if errors >= 3:
                return


def handle(sock: socket.socket, ctx: ssl.SSLContext,
           slots: threading.BoundedSemaphore) -> None:
    try:
        session(sock, ctx)
    except (OSError, ssl.SSLError, ValueError, UnicodeError):
        pass
    finally:
        try:
            sock.close()
        except OSError:
            pass
        slots.release()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cert", required=True)
    ap.add_argument("--key", required=True)
    ap.add_argument("--port-file", required=True)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=0)
    args = ap.parse_args()
    if args.host not in ("127.0.0.1", "::1"):
        raise SystemExit("loopback only")
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    ctx = make_context(args.cert, args.key)
    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    lsock = socket.socket(family, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind((args.host, args.port))
    lsock.listen(128)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as fh:
        json.dump({"smtp_starttls": lsock.getsockname()[1]}, fh)
    os.replace(tmp, args.port_file)
    slots = threading.BoundedSemaphore(MAX_CONN)
    while True:
        slots.acquire()
        try:
            sock, _ = lsock.accept()
        except OSError:
            slots.release()
            continue
        threading.Thread(target=handle, args=(sock, ctx, slots),
                         daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
