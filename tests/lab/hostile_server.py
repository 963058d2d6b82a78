"""Misbehaving endpoints for the tlsready lab (one job: be hostile, boundedly).

One process serves all of them on 127.0.0.1:

  hostile_refused  a port that is bound but never listen()ed: the kernel
                   answers every SYN with RST -> "connection refused".  Holding
                   the bound socket keeps anyone else from taking the port.
  hostile_silent   accepts and never sends a byte; keeps each socket open for
                   SILENT_HOLD seconds, then closes it -> "timeout".
  hostile_http     answers whatever arrives with "HTTP/1.1 400 Bad Request"
                   and closes -> "not_tls".
  hostile_garbage  answers whatever arrives with 200 fixed pseudo-random bytes
                   whose first byte is 0x07 (not a TLS content type) -> "not_tls".
  hostile_reset    reads the ClientHello, then closes with SO_LINGER {1, 0} so
                   the peer gets a TCP RST -> "connection_reset".

Bounded: at most MAX_CONN concurrent handler threads per port and at most
MAX_SILENT held silent sockets; beyond that, connections wait in the listen
backlog (which for "silent" still looks like a timeout to the client).

Usage: hostile_server.py --port-file F
Writes {"hostile_refused": P1, "hostile_silent": P2, ...} to F once ready.
Stdlib only.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import random
import signal
import socket
import struct
import sys
import threading
import time

HOST = "127.0.0.1"
MAX_CONN = 32
MAX_SILENT = 256
SILENT_HOLD = 60.0
READ_TIMEOUT = 10.0

HTTP_400 = (b"HTTP/1.1 400 Bad Request\r\n"
            b"Content-Type: text/plain\r\n"
            b"Content-Length: 12\r\n"
            b"Connection: close\r\n\r\n"
            b"Bad Request\n")
_rng = random.Random(0x7115)
GARBAGE = bytes([0x07]) + bytes(_rng.randrange(256) for _ in range(199))


def _listener() -> socket.socket:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((HOST, 0))
    s.listen(64)
    return s


def _read_some(sock: socket.socket, timeout: float = READ_TIMEOUT) -> bytes:
    """Read the first chunk the client sends (None-safe, bounded)."""
    sock.settimeout(timeout)
    try:
        return sock.recv(16384)
    except OSError:
        return b""


def _read_client_hello(sock: socket.socket) -> None:
    """Read until one whole TLS record arrived (or EOF / timeout / 16 KiB)."""
    sock.settimeout(READ_TIMEOUT)
    buf = b""
    try:
        while len(buf) < 16384:
            chunk = sock.recv(16384)
            if not chunk:
                return
            buf += chunk
            if len(buf) >= 5:
                need = 5 + struct.unpack("!H", buf[3:5])[0]
                if len(buf) >= need:
                    return
    except OSError:
        return


def _graceful_close(sock: socket.socket) -> None:
    """FIN after our data, then drain so that unread input cannot turn the
    close into an RST before the client read our answer."""
    try:
        sock.shutdown(socket.SHUT_WR)
        sock.settimeout(2.0)
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            if not sock.recv(16384):
                break
    except OSError:
        pass
    finally:
        sock.close()


def _answer(reply: bytes):
    def handler(sock: socket.socket) -> None:
        if _read_some(sock):
            try:
                sock.sendall(reply)
            except OSError:
                pass
        _graceful_close(sock)
    return handler


def _reset(sock: socket.socket) -> None:
    _read_client_hello(sock)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                        struct.pack("ii", 1, 0))
    except OSError:
        pass
    sock.close()


def _serve_threads(lsock: socket.socket, handler) -> None:
    slots = threading.BoundedSemaphore(MAX_CONN)

    def run(conn: socket.socket) -> None:
        try:
            handler(conn)
        except Exception:
            try:
                conn.close()
            except OSError:
                pass
        finally:
            slots.release()

    while True:
        slots.acquire()
        try:
            conn, _ = lsock.accept()
        except OSError:
            slots.release()
            time.sleep(0.05)
            continue
        threading.Thread(target=run, args=(conn,), daemon=True).start()


def _serve_silent(lsock: socket.socket) -> None:
    held: collections.deque = collections.deque()
    lock = threading.Condition()

    def reaper() -> None:
        while True:
            with lock:
                while not held:
                    lock.wait()
                when, conn = held[0]
                delay = when - time.monotonic()
                if delay <= 0:
                    held.popleft()
                    lock.notify_all()
                else:
                    conn = None
            if conn is None:
                time.sleep(min(delay, 1.0))
                continue
            try:
                conn.close()
            except OSError:
                pass

    threading.Thread(target=reaper, daemon=True).start()
    while True:
        with lock:
            while len(held) >= MAX_SILENT:
                lock.wait(1.0)
        try:
            conn, _ = lsock.accept()
        except OSError:
            time.sleep(0.05)
            continue
        with lock:
            held.append((time.monotonic() + SILENT_HOLD, conn))
            lock.notify_all()



def publish_ports_and_serve(ports: dict, port_file: str) -> None:
    """Writes {name: port} atomically for lab.py, then keeps the serving threads alive."""
    tmp = port_file + ".tmp"
    with open(tmp, "w") as fh:
        json.dump(ports, fh)
    os.replace(tmp, port_file)
    while True:
        time.sleep(3600)

def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--port-file", required=True)
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))

    refused = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    refused.bind((HOST, 0))              # bound, never listening -> RST
    ports = {"hostile_refused": refused.getsockname()[1]}

    servers = {
        "hostile_silent": _serve_silent,
        "hostile_http": lambda s: _serve_threads(s, _answer(HTTP_400)),
        "hostile_garbage": lambda s: _serve_threads(s, _answer(GARBAGE)),
        "hostile_reset": lambda s: _serve_threads(s, _reset),
    }
    for name, serve in servers.items():
        lsock = _listener()
        ports[name] = lsock.getsockname()[1]
        threading.Thread(target=serve, args=(lsock,), daemon=True).start()

    publish_ports_and_serve(ports, args.port_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
