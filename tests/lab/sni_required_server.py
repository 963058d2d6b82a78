"""TLS server that requires SNI, for the tlsready lab (one job: sni_required).

Python's ssl module (the system OpenSSL 3.0) with an SNI callback: OpenSSL
calls it for every ClientHello, with server_name None when the hello has no
server_name extension (RFC 6066 section 3).  The callback then refuses the
handshake with a fatal unrecognized_name alert (112), as a name-based virtual
host without a default site does.  A hello naming "localhost" completes;
another name gets the same alert.

TLS configuration (must match endpoints.py "sni_required"):
  TLS 1.0 - 1.2 (no TLS 1.3, so that the TLS 1.0 clients that never send SNI
  -- Android 2.3, IE on XP -- fail for the missing name, not the version);
  suites ECDHE-RSA-AES128-GCM-SHA256, ECDHE-RSA-AES128-SHA, AES128-SHA with
  @SECLEVEL=0 (OpenSSL 3.0 refuses TLS 1.0/1.1 at the default level);
  client preference; the single group P-256.

One thread per connection, at most MAX_CONN at once; every socket has a
timeout.  After the handshake the server answers one line and closes.

Usage: sni_required_server.py --cert C --key K --port-file F [--host 127.0.0.1]
Writes {"sni_required": PORT} to F once listening.  Stdlib only.
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
import warnings

MAX_CONN = 64
IO_TIMEOUT = 10.0
SERVER_NAME = "localhost"
TLS12_CIPHERS = "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-SHA:AES128-SHA:@SECLEVEL=0"
EXPECTED_CIPHERS = {"ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-RSA-AES128-SHA", "AES128-SHA"}


def require_name(sock: ssl.SSLSocket, server_name: str | None, ctx: ssl.SSLContext):
    """OpenSSL's servername callback: None lets the handshake go on, an
    ALERT_DESCRIPTION_* value ends it with that fatal alert."""
    if server_name is None or server_name.lower() != SERVER_NAME:
        return ssl.ALERT_DESCRIPTION_UNRECOGNIZED_NAME
    return None


def make_context(cert: str, key: str) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)   # TLSv1 is the point
        ctx.minimum_version = ssl.TLSVersion.TLSv1
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cert, key)
    ctx.set_ciphers(TLS12_CIPHERS)
    ctx.options &= ~ssl.OP_CIPHER_SERVER_PREFERENCE     # client preference
    ctx.options |= ssl.OP_NO_TICKET
    ctx.set_ecdh_curve("prime256v1")                    # the only group
    ctx.sni_callback = require_name
    names = {c["name"] for c in ctx.get_ciphers() if c["protocol"] != "TLSv1.3"}
    if names != EXPECTED_CIPHERS:
        raise SystemExit("sni_required_server: unexpected cipher set %r" % sorted(names))
    return ctx


def handle(sock: socket.socket, ctx: ssl.SSLContext, slots: threading.BoundedSemaphore) -> None:
    try:
        sock.settimeout(IO_TIMEOUT)
        with ctx.wrap_socket(sock, server_side=True) as tls:
            tls.sendall(b"tlsready lab: sni_required\n")
            tls.unwrap()          # close_notify: clients see a clean end
    except (OSError, ssl.SSLError, ValueError):
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
        json.dump({"sni_required": lsock.getsockname()[1]}, fh)
    os.replace(tmp, args.port_file)
    slots = threading.BoundedSemaphore(MAX_CONN)
    while True:
        slots.acquire()
        try:
            sock, _ = lsock.accept()
        except OSError:
            slots.release()
            continue
        threading.Thread(target=handle, args=(sock, ctx, slots), daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
