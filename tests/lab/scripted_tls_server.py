"""Scripted SSLv3 / SSLv2 servers for the tlsready lab (one job: speak the
first flight of protocols no local TLS library serves any more).

One process serves both endpoints on 127.0.0.1:

  sslv3_scripted  RFC 6101.  Parses the ClientHello (record header,
                  handshake header, client_version, random, session_id,
                  cipher_suites, compression_methods; extensions ignored).
                  * client_version >= 0x0300 (SSLv3, or a TLS hello: as a
                    real SSLv3-only server, e.g. OpenSSL 1.0 with
                    -ssl3, answers a TLS 1.0+ hello with the highest
                    version it has, RFC 5246 E.1 / RFC 6101 E.1;
                    supported_versions is an extension and ignored), null
                    compression offered and
                    TLS_RSA_WITH_3DES_EDE_CBC_SHA (0x000A) or
                    TLS_RSA_WITH_RC4_128_SHA (0x0005) offered ->
                    ServerHello (version 0x0300, 0x000A if offered else
                    0x0005, null compression, no extensions), Certificate
                    (the lab's "localhost" leaf, DER) and ServerHelloDone,
                    one SSLv3 record (version 0x0300).  Server preference:
                    0x000A always wins.
                  * client_version >= 0x0300, neither suite (or no null
                    compression) -> fatal handshake_failure alert (2, 40).
                  * client_version below 0x0300 -> fatal protocol_version
                    alert (2, 70).
                  Alerts go in a record with version 0x0300.  An
                  SSLv2-compatible hello (RFC 5246 E.2) with version >= 0x0300
                  is handled the same way (specs 0x00XXYY = suites 0xXXYY); a
                  real SSLv2 hello (version 0x0002) is closed without a reply.
  sslv2_scripted  draft-hickman-netscape-ssl-00.  To an SSLv2 CLIENT-HELLO
                  (2-byte record header, MSG-CLIENT-HELLO, version 0x0002)
                  it answers SERVER-HELLO: SESSION-ID-HIT 0, CERTIFICATE-TYPE
                  1 (X.509), SERVER-VERSION 0x0002, the leaf DER, the cipher
                  specs SSL_CK_RC4_128_WITH_MD5 (0x010080) and
                  SSL_CK_DES_192_EDE3_CBC_WITH_MD5 (0x0700C0) that the client
                  also offered (the draft lets the server edit the list), and
                  a 16-byte random CONNECTION-ID.  No common spec -> ERROR
                  NO-CIPHER (0x0001).  Any SSLv3/TLS hello (TLS record, or
                  SSLv2-compatible hello with version >= 0x0300) -> fatal
                  handshake_failure alert in a record with version 0x0301.

Neither server can finish a handshake: after its flight it waits (bounded) for
the client; if the client sends anything it answers with a fatal
handshake_failure alert (SSLv3) / just closes (SSLv2).  Anything that is not
a well-formed hello (garbage, HTTP, wrong record type, bad lengths, more than
MAX_HELLO bytes) is closed without a reply; partial reads are reassembled
(also a handshake message split over several records); clients that drop
or stall are dropped after READ_TIMEOUT.  At most MAX_CONN handler threads
per port; further connections wait in the listen backlog.

Usage: scripted_tls_server.py --cert LEAF.pem --port-file F
Writes {"sslv3_scripted": P1, "sslv2_scripted": P2} to F once ready.
Stdlib only.
"""

from __future__ import annotations

import argparse
import base64
import os
import re
import signal
import socket
import struct
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from hostile_server import _graceful_close, _listener, _serve_threads, publish_ports_and_serve  # noqa: E402

READ_TIMEOUT = 10.0          # per connection: hello, and the wait after our flight
MAX_HELLO = 65536            # bytes of hello we are willing to buffer

SSL3 = 0x0300
TLS10 = 0x0301
SUITE_3DES = 0x000A          # TLS_RSA_WITH_3DES_EDE_CBC_SHA
SUITE_RC4_SHA = 0x0005       # TLS_RSA_WITH_RC4_128_SHA
SSL3_PREFERENCE = (SUITE_3DES, SUITE_RC4_SHA)

ALERT_HANDSHAKE_FAILURE = 40
ALERT_PROTOCOL_VERSION = 70

SSLV2_VERSION = 0x0002
SSLV2_SPECS = (0x010080, 0x0700C0)   # RC4_128_WITH_MD5, DES_192_EDE3_CBC_WITH_MD5
SSLV2_MT_ERROR, SSLV2_MT_CLIENT_HELLO, SSLV2_MT_SERVER_HELLO = 0, 1, 4
SSLV2_PE_NO_CIPHER = 0x0001
SSLV2_CT_X509 = 1


class Garbage(Exception):
    """The peer did not send a well-formed hello: close without a reply."""


class _Conn:
    """Buffered reader with a per-connection deadline."""

    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.buf = b""
        self.total = 0
        self.deadline = time.monotonic() + READ_TIMEOUT

    def need(self, n: int) -> bytes:
        while len(self.buf) < n:
            left = self.deadline - time.monotonic()
            if left <= 0:
                raise EOFError("timeout")
            self.sock.settimeout(left)
            try:
                chunk = self.sock.recv(16384)
            except (socket.timeout, OSError):
                raise EOFError("timeout or reset")
            if not chunk:
                raise EOFError("peer closed")
            self.total += len(chunk)
            if self.total > MAX_HELLO:
                raise Garbage("hello too large")
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out


# --------------------------------------------------------------------------
# hello parsing (shared)
# --------------------------------------------------------------------------

def _u16(b: bytes, p: int) -> int:
    return struct.unpack_from("!H", b, p)[0]


def read_hello(conn: _Conn) -> dict:
    """Read and parse the client's first hello.

    -> {"format": "tls", "client_version", "suites", "compressions",
        "session_id"}  for a hello in SSLv3/TLS records, or
       {"format": "v2", "client_version", "specs", "suites", "session_id",
        "challenge"}  for an SSLv2 / SSLv2-compatible CLIENT-HELLO.
    Raises Garbage for anything else, EOFError if the peer goes away."""
    head = conn.need(2)
    if head[0] & 0x80:                                   # SSLv2 2-byte header
        length = ((head[0] & 0x7F) << 8) | head[1]
        if length < 9:
            raise Garbage("short SSLv2 record")
        msg = conn.need(length)
        if msg[0] != SSLV2_MT_CLIENT_HELLO:
            raise Garbage("SSLv2 record is not a CLIENT-HELLO")
        version, cs_len, sid_len, ch_len = struct.unpack_from("!HHHH", msg, 1)
        if cs_len == 0 or cs_len % 3 or sid_len not in (0, 16) \
                or not 16 <= ch_len <= 32 or 9 + cs_len + sid_len + ch_len != length:
            raise Garbage("malformed SSLv2 CLIENT-HELLO")
        cs = msg[9:9 + cs_len]
        specs = [int.from_bytes(cs[i:i + 3], "big") for i in range(0, cs_len, 3)]
        return {"format": "v2", "client_version": version, "specs": specs,
                "suites": [s for s in specs if s >> 16 == 0],
                "session_id": msg[9 + cs_len:9 + cs_len + sid_len],
                "challenge": msg[9 + cs_len + sid_len:]}
    if head != b"\x16\x03":                              # not handshake/SSLv3+
        raise Garbage("not a TLS handshake record")
    hs = b""
    first = True
    while True:                                          # reassemble records
        if not first:
            head = conn.need(2)
            if head != b"\x16\x03":
                raise Garbage("non-handshake record inside the ClientHello")
        first = False
        rlen = _u16(conn.need(3), 1)
        if rlen == 0 or rlen > 16384:
            raise Garbage("bad record length %d" % rlen)
        hs += conn.need(rlen)
        if len(hs) >= 4:
            if hs[0] != 1:
                raise Garbage("first handshake message is not a ClientHello")
            mlen = struct.unpack("!I", b"\x00" + hs[1:4])[0]
            if mlen > MAX_HELLO:
                raise Garbage("ClientHello too large")
            if len(hs) >= 4 + mlen:
                break
    body = hs[4:4 + mlen]
    try:
        p = 0
        client_version = _u16(body, p)
        p += 2 + 32                                      # version, random
        sid_len = body[p]
        if sid_len > 32:
            raise Garbage("session_id longer than 32")
        session_id = body[p + 1:p + 1 + sid_len]
        p += 1 + sid_len
        cs_len = _u16(body, p)
        p += 2
        if cs_len < 2 or cs_len % 2 or p + cs_len > len(body):
            raise Garbage("bad cipher_suites length")
        suites = [_u16(body, p + i) for i in range(0, cs_len, 2)]
        p += cs_len
        comp_len = body[p]
        if comp_len < 1 or p + 1 + comp_len > len(body):
            raise Garbage("bad compression_methods length")
        compressions = list(body[p + 1:p + 1 + comp_len])
        p += 1 + comp_len
        # Extensions (RFC 5246 7.4.1.4): the SSLv3 handler ignores them, as
        # RFC 6101 5.6.1.2 asks for forward compatibility; the profile
        # endpoints (profiles.py) read them.
        extensions = {}
        if p + 2 <= len(body):
            end = p + 2 + _u16(body, p)
            p += 2
            while p + 4 <= min(end, len(body)):
                etype, elen = _u16(body, p), _u16(body, p + 2)
                extensions[etype] = body[p + 4:p + 4 + elen]
                p += 4 + elen
    except (IndexError, struct.error):
        raise Garbage("truncated ClientHello")
    return {"format": "tls", "client_version": client_version,
            "suites": suites, "compressions": compressions,
            "session_id": session_id, "extensions": extensions}


# --------------------------------------------------------------------------
# messages
# --------------------------------------------------------------------------

def _record(ctype: int, version: int, payload: bytes) -> bytes:
    return struct.pack("!BHH", ctype, version, len(payload)) + payload


def _alert(version: int, desc: int) -> bytes:
    return _record(0x15, version, bytes([2, desc]))          # fatal


def _handshake(mtype: int, body: bytes) -> bytes:
    return bytes([mtype]) + struct.pack("!I", len(body))[1:] + body


def sslv3_flight(suite: int, cert_der: bytes) -> bytes:
    """ServerHello + Certificate + ServerHelloDone in one SSLv3 record."""
    random = struct.pack("!I", int(time.time()) & 0xFFFFFFFF) + os.urandom(28)
    session_id = os.urandom(32)
    sh = struct.pack("!H", SSL3) + random + bytes([len(session_id)]) + \
        session_id + struct.pack("!HB", suite, 0)
    entry = struct.pack("!I", len(cert_der))[1:] + cert_der
    cert = struct.pack("!I", len(entry))[1:] + entry
    hs = _handshake(2, sh) + _handshake(11, cert) + _handshake(14, b"")
    return _record(0x16, SSL3, hs)


def sslv3_decide(hello: dict) -> tuple[str, int]:
    """-> ("hello", suite) or ("alert", description)."""
    # RFC 6101 E.1: a server that only has SSLv3 answers a higher client_version with SSLv3.
    if hello["client_version"] < SSL3:
        return "alert", ALERT_PROTOCOL_VERSION
    if hello["format"] == "tls" and 0 not in hello["compressions"]:
        return "alert", ALERT_HANDSHAKE_FAILURE
    for suite in SSL3_PREFERENCE:
        if suite in hello["suites"]:
            return "hello", suite
    return "alert", ALERT_HANDSHAKE_FAILURE


def sslv2_server_hello(specs: list[int], cert_der: bytes) -> bytes:
    cs = b"".join(s.to_bytes(3, "big") for s in specs)
    conn_id = os.urandom(16)
    body = struct.pack("!BBBHHHH", SSLV2_MT_SERVER_HELLO, 0, SSLV2_CT_X509,
                       SSLV2_VERSION, len(cert_der), len(cs), len(conn_id))
    body += cert_der + cs + conn_id
    return struct.pack("!H", 0x8000 | len(body)) + body


def sslv2_error(code: int) -> bytes:
    body = struct.pack("!BH", SSLV2_MT_ERROR, code)
    return struct.pack("!H", 0x8000 | len(body)) + body


# --------------------------------------------------------------------------
# connection handlers
# --------------------------------------------------------------------------

def _send(sock: socket.socket, data: bytes) -> bool:
    try:
        sock.sendall(data)
        return True
    except OSError:
        return False


def _await_client(conn: _Conn) -> bool:
    """After our flight: True if the client sent more data, False if it closed
    or stayed silent for READ_TIMEOUT."""
    conn.deadline = time.monotonic() + READ_TIMEOUT
    conn.total = 0
    try:
        conn.need(1)
        return True
    except (EOFError, Garbage):
        return False


def handle_sslv3(sock: socket.socket, cert_der: bytes) -> None:
    conn = _Conn(sock)
    try:
        hello = read_hello(conn)
    except (Garbage, EOFError):
        sock.close()
        return
    if hello["format"] == "v2" and hello["client_version"] < SSL3:
        sock.close()                                     # real SSLv2: no reply
        return
    what, arg = sslv3_decide(hello)
    if what == "alert":
        _send(sock, _alert(SSL3, arg))
    elif _send(sock, sslv3_flight(arg, cert_der)) and _await_client(conn):
        _send(sock, _alert(SSL3, ALERT_HANDSHAKE_FAILURE))   # cannot go on
    _graceful_close(sock)


def handle_sslv2(sock: socket.socket, cert_der: bytes) -> None:
    conn = _Conn(sock)
    try:
        hello = read_hello(conn)
    except (Garbage, EOFError):
        sock.close()
        return
    if hello["format"] == "tls" or hello["client_version"] >= SSL3:
        _send(sock, _alert(TLS10, ALERT_HANDSHAKE_FAILURE))
    elif hello["client_version"] != SSLV2_VERSION:
        sock.close()
        return
    else:
        common = [s for s in SSLV2_SPECS if s in hello["specs"]]
        if not common:
            _send(sock, sslv2_error(SSLV2_PE_NO_CIPHER))
        elif _send(sock, sslv2_server_hello(common, cert_der)):
            _await_client(conn)          # CLIENT-MASTER-KEY etc.: cannot go on
    _graceful_close(sock)


def load_cert_der(path: str) -> bytes:
    with open(path) as fh:
        pem = fh.read()
    m = re.search(r"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----",
                  pem, re.S)
    if not m:
        raise SystemExit("no certificate in %s" % path)
    return base64.b64decode("".join(m.group(1).split()))


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cert", required=True, help="leaf certificate (PEM)")
    ap.add_argument("--port-file", required=True)
    args = ap.parse_args()
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    cert_der = load_cert_der(args.cert)

    import scripted_profiles
    handlers = [("sslv3_scripted", handle_sslv3),
                ("sslv2_scripted", handle_sslv2)]
    for name, profile in scripted_profiles.PROFILES.items():
        handlers.append((name, lambda s, c, p=profile: scripted_profiles.handle(s, c, p)))
    ports = {}
    for name, handler in handlers:
        lsock = _listener()
        ports[name] = lsock.getsockname()[1]
        threading.Thread(
            target=_serve_threads,
            args=(lsock, lambda s, h=handler: h(s, cert_der)),
            daemon=True).start()

    publish_ports_and_serve(ports, args.port_file)
    return 0


if __name__ == "__main__":
    sys.exit(main())
