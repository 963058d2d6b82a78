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

Tarpits (each must be classified within the scan's budget + 10%, however the
bytes are paced; see "budget" in endpoints.py):

  tarpit_drip      after the ClientHello, one byte every 0.3 s forever (a TLS
                   record header announcing 16 KiB, then zeros) -> "timeout".
  tarpit_slow_hello  a valid TLS 1.2 ServerHello dribbled one byte per 0.2 s
                   (about 10 s in all) -> "timeout".
  tarpit_fragmented_cert  TLS 1.2 hellos: a real ServerHello, then a
                   Certificate in 100,000 one-byte handshake fragments (600 KB,
                   over the reader's flight limit) -> "flight_limit_exceeded",
                   TLS 1.2 kept as accepted.  Other versions: protocol_version alert.
  tarpit_slow_accept  TLS 1.2 hellos: a valid ServerHello + ServerHelloDone for
                   the first suite offered, paced over 1 s, for every hello:
                   each step is within the timeout, the whole enumeration is
                   not -> "endpoint_timeout" with TLS 1.2 kept.  Other
                   versions: protocol_version alert.

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
import contextlib
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


# -- tarpits -------------------------------------------------------------------------

TLS12 = 0x0303
_NOT_SUITES = {0x00FF, 0x5600}  # RFC 5746 / RFC 7507 signalling values, not suites


def _read_hello_record(sock: socket.socket) -> bytes:
    """The first TLS record the client sends (b"" when it is not one), bounded."""
    sock.settimeout(READ_TIMEOUT)
    buf = b""
    try:
        while len(buf) < 5 or len(buf) < 5 + struct.unpack("!H", buf[3:5])[0]:
            chunk = sock.recv(16384)
            if not chunk or len(buf) > 20000:
                return b""
            buf += chunk
    except OSError:
        return b""
    return buf


def _hello_version_and_suite(record: bytes):
    """(client_version, first real suite offered) of a ClientHello record, or None."""
    try:
        if record[0] != 0x16 or record[5] != 0x01:
            return None
        body = record[9:]
        version = struct.unpack("!H", body[0:2])[0]
        at = 2 + 32
        at += 1 + body[at]                                  # session_id
        count = struct.unpack("!H", body[at:at + 2])[0] // 2
        suites = [struct.unpack("!H", body[at + 2 + 2 * i:at + 4 + 2 * i])[0]
                  for i in range(count)]
    except (IndexError, struct.error):
        return None
    real = [c for c in suites if c not in _NOT_SUITES and (c & 0x0F0F) != 0x0A0A]
    return (version, real[0]) if real else None


def _record(content_type: int, payload: bytes) -> bytes:
    return struct.pack("!BHH", content_type, TLS12, len(payload)) + payload


def _handshake(msg_type: int, body: bytes) -> bytes:
    return struct.pack("!B", msg_type) + len(body).to_bytes(3, "big") + body


def _server_hello(suite: int) -> bytes:
    """RFC 5246 §7.4.1.3 ServerHello: TLS 1.2, fixed random, no session id,
    null compression, no extensions block."""
    random_bytes = bytes(range(1, 33))
    return _handshake(2, struct.pack("!H", TLS12) + random_bytes + b"\x00" +
                      struct.pack("!HB", suite, 0))


PROTOCOL_VERSION_ALERT = _record(21, bytes([2, 70]))


def _drip(sock: socket.socket, data: bytes, interval: float) -> None:
    for i in range(len(data)):
        sock.sendall(data[i:i + 1])
        time.sleep(interval)


def _tarpit_drip(sock: socket.socket) -> None:
    if _read_hello_record(sock):
        sock.settimeout(5.0)
        header = _record(22, b"")[:3] + struct.pack("!H", 16384)
        with contextlib.suppress(OSError):
            _drip(sock, header, 0.3)
            while True:                              # forever, until the client leaves
                sock.sendall(b"\x00")
                time.sleep(0.3)
    sock.close()


def _tls12_only(answer):
    """Runs `answer(sock, suite)` for TLS 1.2 hellos (client_version 0x0303,
    also the legacy_version of TLS 1.3 hellos); other versions get an alert."""
    def handler(sock: socket.socket) -> None:
        parsed = _hello_version_and_suite(_read_hello_record(sock))
        with contextlib.suppress(OSError):
            sock.settimeout(5.0)
            if parsed and parsed[0] == TLS12:
                answer(sock, parsed[1])
            elif parsed:
                sock.sendall(PROTOCOL_VERSION_ALERT)
        _graceful_close(sock)
    return handler


def _slow_hello(sock: socket.socket, suite: int) -> None:
    _drip(sock, _record(22, _server_hello(suite)), 0.2)


# 100,000 one-byte fragments of one Certificate message (RFC 5246 §6.2.1
# allows fragmenting handshake messages across records; nothing bounds how
# small).  Built once: ~600 KB.
_CERT_BODY = _handshake(11, (99996).to_bytes(3, "big") + bytes(99996))[:100000]
FRAGMENTED_CERT = b"".join(_record(22, _CERT_BODY[i:i + 1]) for i in range(100000))


def _fragmented_cert(sock: socket.socket, suite: int) -> None:
    sock.sendall(_record(22, _server_hello(suite)))
    sock.sendall(FRAGMENTED_CERT)


def _slow_accept(sock: socket.socket, suite: int) -> None:
    flight = _record(22, _server_hello(suite) + _handshake(14, b""))
    step = (len(flight) + 4) // 5
    for at in range(0, len(flight), step):          # five pieces, 0.2 s apart
        sock.sendall(flight[at:at + step])
        time.sleep(0.2)


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
        "tarpit_drip": lambda s: _serve_threads(s, _tarpit_drip),
        "tarpit_slow_hello": lambda s: _serve_threads(s, _tls12_only(_slow_hello)),
        "tarpit_fragmented_cert": lambda s: _serve_threads(s, _tls12_only(_fragmented_cert)),
        "tarpit_slow_accept": lambda s: _serve_threads(s, _tls12_only(_slow_accept)),
    }
    for name, serve in servers.items():
        lsock = _listener()
        ports[name] = lsock.getsockname()[1]
        threading.Thread(target=serve, args=(lsock,), daemon=True).start()

    publish_ports_and_serve(ports, args.port_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
