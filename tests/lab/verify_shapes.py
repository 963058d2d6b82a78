"""Independent checks of the hello-shape limits the issue-10 endpoints claim
(one job: prove each limit sits exactly where endpoints.py says), with
probe.py's hand-built hellos, never with tlsready.

* suite_count_wolfssl: a TLS 1.2 hello with 150 suites is answered, one with
  151 gets alert decode_error (wolfSSL's WOLFSSL_MAX_SUITE_SZ).
* hello_size_255 / hello_size_512: the largest hello whose record length is
  at most the limit is answered, the next larger one is reset (255) or
  left unanswered (512).
* ext_status_request_close: the same TLS 1.3 hello is answered without
  status_request and closed with it.
"""

from __future__ import annotations

import struct

import probe as P

FILLER = [c for c in range(0x0001, 0x00FF) if c not in (0x009C, 0x009D)] + \
    [c for c in range(0xC001, 0xC0FF) if c not in (0xC02F, 0xC030, 0xC014)]


def _with_status_request(hello: bytes) -> bytes:
    """hello (one record, extensions last) with status_request (RFC 6066 8) appended."""
    ext = struct.pack("!HH", 5, 5) + b"\x01\x00\x00\x00\x00"
    hs = bytearray(hello[5:])
    body = hs[4:]
    # the extensions block is the tail of the body; its length sits before it
    p = 2 + 32
    p += 1 + body[p]
    p += 2 + struct.unpack_from("!H", body, p)[0]
    p += 1 + body[p]
    ext_len = struct.unpack_from("!H", body, p)[0]
    body = body[:p] + struct.pack("!H", ext_len + len(ext)) + body[p + 2:] + ext
    hs = bytes([1]) + struct.pack("!I", len(body))[1:] + bytes(body)
    return struct.pack("!BHH", 0x16, 0x0301, len(hs)) + hs


def _send(ep: dict, hello: bytes, timeout: float) -> P.ProbeResult:
    return P._exchange(ep["host"], ep["port"], hello,
                       lambda rd: P._read_response(rd, False), None, timeout)


SHAPE_LIMITED = ("suite_count_wolfssl", "hello_size_255", "hello_size_512",
                 "ext_status_request_close")


def check(ep: dict) -> list[str]:
    """Errors (empty: the endpoint's limit is as claimed); only for SHAPE_LIMITED."""
    name, host, port = ep["name"], ep["host"], ep["port"]
    errors = []
    if name == "suite_count_wolfssl":
        for count, want in ((150, "server_hello"), (151, "alert")):
            r = P.probe(host, port, "TLSv1.2", FILLER[:count - 1] + [0xC02F], timeout=5.0)
            if r.status != want or (want == "alert" and r.get("alert") != [2, 50]):
                errors.append("%d suites: expected %s, got %r" % (count, want, dict(r)))
    elif name.startswith("hello_size_"):
        limit = int(name.rsplit("_", 1)[1])
        dropped = "reset" if limit == 255 else "timeout"
        n = 1
        while len(P.client_hello("TLSv1.2", [0xC02F] + FILLER[:n + 1])) - 5 <= limit:
            n += 1
        for suites, want in (([0xC02F] + FILLER[:n], "server_hello"),
                             ([0xC02F] + FILLER[:n + 1], dropped)):
            size = len(P.client_hello("TLSv1.2", suites)) - 5
            r = P.probe(host, port, "TLSv1.2", suites, timeout=3.0)
            if r.status != want:
                errors.append("record length %d: expected %s, got %r" % (size, want, dict(r)))
    elif name == "ext_status_request_close":
        plain = P.client_hello("TLSv1.3", [0x1301])
        for hello, want in ((plain, "server_hello"), (_with_status_request(plain), "closed")):
            r = _send(ep, hello, 5.0)
            if r.status != want:
                errors.append("expected %s, got %r" % (want, dict(r)))
    return errors
