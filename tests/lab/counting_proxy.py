#!/usr/bin/env python3
"""TCP proxy that counts connections (one job: count a scanner's connections).

    python3 tests/lab/counting_proxy.py --listen-port 0 --target 127.0.0.1:PORT \
        --port-file F --count-file C

* listens on 127.0.0.1 (or ``--listen-host ::1``), forwards every accepted
  connection to the target (loopback targets only);
* once listening, writes the chosen port (decimal + newline) to --port-file
  (atomically: the file appears complete or not at all);
* counts accepted client connections; the count (decimal + newline) is
  rewritten to --count-file at most every 0.2 s while running and once more
  on SIGTERM / SIGINT, after which the proxy exits with status 0;
* one thread per connection, at most --max-conns at once; further clients
  wait in the listen backlog until a slot frees;
* half-closes are forwarded (FIN -> shutdown), a reset on one side is
  forwarded as a reset (SO_LINGER 0) on the other; if the target refuses the
  connection the client is reset as well;
* a connection idle in both directions for --idle-timeout seconds is closed.

Stdlib only.
"""

from __future__ import annotations

import argparse
import os
import selectors
import signal
import socket
import struct
import sys
import threading
import time

LOOPBACK = ("127.0.0.1", "::1")


class Counter:
    def __init__(self, path: str | None):
        self.path = path
        self.value = 0
        self.lock = threading.Lock()
        self.dirty = threading.Event()

    def inc(self) -> None:
        with self.lock:
            self.value += 1
        self.dirty.set()

    def write(self) -> None:
        if not self.path:
            return
        with self.lock:
            value = self.value
        tmp = "%s.tmp%d" % (self.path, os.getpid())
        with open(tmp, "w") as fh:
            fh.write("%d\n" % value)
        os.replace(tmp, self.path)

    def flusher(self) -> None:
        while True:
            self.dirty.wait()
            self.dirty.clear()
            try:
                self.write()
            except OSError:
                pass
            time.sleep(0.2)


def _reset(sock: socket.socket) -> None:
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    except OSError:
        pass
    try:
        sock.close()
    except OSError:
        pass


def _pump(client: socket.socket, target: tuple, idle: float) -> None:
    family = socket.AF_INET6 if ":" in target[0] else socket.AF_INET
    upstream = socket.socket(family, socket.SOCK_STREAM)
    upstream.settimeout(10.0)
    try:
        upstream.connect(target)
    except OSError:
        upstream.close()
        _reset(client)
        return
    for s in (client, upstream):
        s.setblocking(False)
        try:
            s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:
            pass
    peer = {client: upstream, upstream: client}
    pending = {client: b"", upstream: b""}      # bytes waiting to go TO key
    open_read = {client: True, upstream: True}
    sel = selectors.DefaultSelector()
    last = time.monotonic()
    try:
        while open_read[client] or open_read[upstream] or any(pending.values()):
            sel_map = {}
            for s in (client, upstream):
                ev = 0
                if open_read[s] and len(pending[peer[s]]) < 262144:
                    ev |= selectors.EVENT_READ
                if pending[s]:
                    ev |= selectors.EVENT_WRITE
                if ev:
                    sel_map[s] = ev
            if not sel_map:
                break
            for s, ev in sel_map.items():
                sel.register(s, ev)
            events = sel.select(timeout=1.0)
            for s in sel_map:
                sel.unregister(s)
            if not events:
                if time.monotonic() - last > idle:
                    break
                continue
            last = time.monotonic()
            for key, ev in events:
                s = key.fileobj
                if ev & selectors.EVENT_READ:
                    try:
                        data = s.recv(65536)
                    except BlockingIOError:
                        data = None
                    except (ConnectionResetError, OSError):
                        _reset(peer[s])
                        s.close()
                        return
                    if data == b"":
                        open_read[s] = False
                        if not pending[peer[s]]:
                            try:
                                peer[s].shutdown(socket.SHUT_WR)
                            except OSError:
                                pass
                    elif data:
                        pending[peer[s]] += data
                if ev & selectors.EVENT_WRITE and pending[s]:
                    try:
                        n = s.send(pending[s])
                        pending[s] = pending[s][n:]
                    except BlockingIOError:
                        pass
                    except OSError:
                        _reset(peer[s])
                        s.close()
                        return
                    if not pending[s] and not open_read[peer[s]]:
                        try:
                            s.shutdown(socket.SHUT_WR)
                        except OSError:
                            pass
    finally:
        sel.close()
        for s in (client, upstream):
            try:
                s.close()
            except OSError:
                pass


def main() -> int:
    ap = argparse.ArgumentParser(description="connection-counting TCP proxy")
    ap.add_argument("--listen-host", default="127.0.0.1", choices=LOOPBACK)
    ap.add_argument("--listen-port", type=int, default=0)
    ap.add_argument("--target", required=True, help="HOST:PORT or [::1]:PORT")
    ap.add_argument("--port-file", default=None)
    ap.add_argument("--count-file", default=None)
    ap.add_argument("--max-conns", type=int, default=256)
    ap.add_argument("--idle-timeout", type=float, default=120.0)
    args = ap.parse_args()

    thost, _, tport = args.target.rpartition(":")
    thost = thost.strip("[]")
    if thost == "localhost":
        thost = "127.0.0.1"
    if thost not in LOOPBACK:
        ap.error("target must be 127.0.0.1 or ::1")
    target = (thost, int(tport))

    counter = Counter(args.count_file)
    counter.write()

    def on_signal(*_):
        try:
            counter.write()
        finally:
            os._exit(0)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    family = socket.AF_INET6 if ":" in args.listen_host else socket.AF_INET
    lsock = socket.socket(family, socket.SOCK_STREAM)
    lsock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    lsock.bind((args.listen_host, args.listen_port))
    lsock.listen(512)
    port = lsock.getsockname()[1]
    if args.port_file:
        tmp = "%s.tmp%d" % (args.port_file, os.getpid())
        with open(tmp, "w") as fh:
            fh.write("%d\n" % port)
        os.replace(tmp, args.port_file)
    else:
        print(port, flush=True)

    threading.Thread(target=counter.flusher, daemon=True).start()
    slots = threading.BoundedSemaphore(args.max_conns)

    def run(conn: socket.socket) -> None:
        try:
            _pump(conn, target, args.idle_timeout)
        except Exception:
            _reset(conn)
        finally:
            slots.release()

    while True:
        slots.acquire()
        try:
            conn, _ = lsock.accept()
        except OSError:
            slots.release()
            time.sleep(0.01)
            continue
        counter.inc()
        threading.Thread(target=run, args=(conn,), daemon=True).start()


if __name__ == "__main__":
    sys.exit(main())
