#!/usr/bin/env python3
"""A loopback TCP proxy that forwards the first N connections to a target and holds every later one
open without a byte (so a scan of N connections finishes, and what comes after it waits).

    hold_after.py HOST PORT N

Prints "port P" once listening, then "held K" each time it holds a connection. Stops when stdin
closes (its parent went away). Used by ClientImpact.Tests.ps1 to keep a client simulation busy
after a real scan (127.0.0.1 only).
"""
import socket
import sys
import threading


def pipe(source: socket.socket, sink: socket.socket) -> None:
    try:
        while True:
            data = source.recv(65536)
            if not data:
                break
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for s in (source, sink):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def main() -> int:
    host, port, forward = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    print("port %d" % listener.getsockname()[1], flush=True)
    held = []

    def serve() -> None:
        count = 0
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            count += 1
            if count <= forward:
                upstream = socket.create_connection((host, port))
                threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
                threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()
            else:
                held.append(client)
                print("held %d" % len(held), flush=True)

    threading.Thread(target=serve, daemon=True).start()
    sys.stdin.read()  # until the parent closes it
    listener.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
