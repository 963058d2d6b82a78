"""A middlebox that drops big ClientHellos, for the tlsready lab (one job).

    size_limit_proxy.py --target 127.0.0.1:PORT --limit 255 --mode reset --port-file F

Listens on 127.0.0.1 (ephemeral port, written to F once listening). For each
client it reads the first TLS record header: when the record's length field
is larger than --limit (255: the F5-style box RFC 7685 1 describes; 512) the
connection is dropped -- `reset` answers with an RST, `silent` holds the
connection without a byte until the client gives up (at most 30 s). Any
other connection is forwarded to --target both ways, unchanged. Targets must
be loopback. Stdlib only.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import struct
import sys
import threading
import time

HOLD_SECONDS = 30.0


def _pipe(src: socket.socket, dst: socket.socket) -> None:
    try:
        while True:
            data = src.recv(16384)
            if not data:
                break
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for s, how in ((dst, socket.SHUT_WR), (src, socket.SHUT_RD)):
            try:
                s.shutdown(how)
            except OSError:
                pass


def _read_exactly(sock: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = sock.recv(n - len(data))
        if not chunk:
            break
        data += chunk
    return data


def _drop(client: socket.socket, mode: str) -> None:
    if mode == "silent":
        client.settimeout(HOLD_SECONDS)
        deadline = time.monotonic() + HOLD_SECONDS
        try:
            while time.monotonic() < deadline and client.recv(16384):
                pass
        except OSError:
            pass
        client.close()
        return
    client.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    client.close()


def _serve(client: socket.socket, target: tuple[str, int], limit: int, mode: str) -> None:
    client.settimeout(10.0)
    try:
        header = _read_exactly(client, 5)
    except OSError:
        client.close()
        return
    if len(header) == 5 and header[0] == 0x16 and struct.unpack("!H", header[3:5])[0] > limit:
        _drop(client, mode)
        return
    try:
        upstream = socket.create_connection(target, timeout=5.0)
        upstream.sendall(header)
    except OSError:
        client.close()
        return
    client.settimeout(None)
    upstream.settimeout(None)
    back = threading.Thread(target=_pipe, args=(upstream, client), daemon=True)
    back.start()
    _pipe(client, upstream)
    back.join(timeout=30.0)
    client.close()
    upstream.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--target", required=True, help="127.0.0.1:PORT")
    ap.add_argument("--limit", type=int, required=True, help="largest record length forwarded")
    ap.add_argument("--mode", choices=("reset", "silent"), default="reset")
    ap.add_argument("--port-file", required=True)
    args = ap.parse_args()
    host, _, port = args.target.rpartition(":")
    if host not in ("127.0.0.1", "::1"):
        raise SystemExit("targets must be loopback")
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    tmp = args.port_file + ".tmp"
    with open(tmp, "w") as fh:
        fh.write("%d\n" % listener.getsockname()[1])
    os.replace(tmp, args.port_file)
    while True:
        client, _ = listener.accept()
        threading.Thread(target=_serve, args=(client, (host, int(port)), args.limit, args.mode),
                         daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
