"""Scripted first-flight servers that reproduce the accuracy defects of issue 10
(one job: answer a ClientHello the way one odd real server would).

Each profile accepts exactly one protocol version and answers a hello with a
ServerHello (+ Certificate + ServerKeyExchange + ServerHelloDone for TLS <=
1.2), an alert, or a close, by these rules (served by scripted_tls_server.py,
one port per profile):

  ext_status_request_close  TLS 1.3 only (supported_versions lists 0x0304):
      a hello carrying status_request (5) is closed without a reply (the
      extension intolerance); otherwise ServerHello for the first of
      0x1302, 0x1301 the client offered (server order), key_share x25519
      (HelloRetryRequest naming x25519 when the client sent no x25519 share).
      Any other version: alert protocol_version.
  tls11_sha256  TLS 1.1 only: 0x003C (TLS_RSA_WITH_AES_128_CBC_SHA256, a
      SHA-256 suite the registry names for TLS 1.2 only), then 0x002F; a
      TLS 1.2/1.3 hello gets a TLS 1.1 ServerHello, below 1.1 protocol_version.
  sslv3_ecdhe  SSLv3 only: 0xC013 (TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, ECDHE
      in SSLv3, secp256r1 in the ServerKeyExchange), then 0x000A; a TLS hello
      gets an SSLv3 ServerHello (RFC 6101 E.1, as real SSLv3-only servers).
  private_suite  TLS 1.2 only: 0xFF42 (private use, RFC 8447 8; in no
      registry), then 0x009C; TLS 1.3 hellos get a TLS 1.2 ServerHello.
  dhe_needs_ffdhe  TLS 1.2 only, DHE only: 0x009F then 0x009E, but only when
      the client's supported_groups lists an RFC 7919 FFDHE group (as RFC
      7919 4 servers that never use their own groups do); otherwise alert
      handshake_failure. The ServerKeyExchange carries a 2048-bit prime.

An SSLv2-compatible CLIENT-HELLO (RFC 5246 E.2) offering SSLv3 or later is
answered by the same rules (its specs 0x00XXYY are the suites 0xXXYY), as
OpenSSL answers it; an SSLv2 hello (version 0x0002) is closed.

No key exchange is ever completed; after the flight the server closes.
"""

from __future__ import annotations

import os
import socket
import struct

from hostile_server import _graceful_close

SSL3, TLS11, TLS12, TLS13 = 0x0300, 0x0302, 0x0303, 0x0304
EXT_STATUS_REQUEST, EXT_SUPPORTED_GROUPS = 5, 10
EXT_SUPPORTED_VERSIONS, EXT_KEY_SHARE = 43, 51
X25519, SECP256R1 = 0x001D, 0x0017
ALERT_HANDSHAKE_FAILURE, ALERT_PROTOCOL_VERSION = 40, 70
# RFC 8446 4.1.3: the Random of a HelloRetryRequest
HRR_RANDOM = bytes.fromhex(
    "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C")
# secp256r1 generator, uncompressed (SEC 1 2.3.3): a valid point to send
P256_G = bytes.fromhex(
    "04" "6B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296"
    "4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5")
# A 2048-bit odd number standing in for the ffdhe2048 prime: only its size is
# pinned (dh_bits), no key exchange is ever completed.
DH_PRIME_2048 = (1 << 2048) - 159

PROFILES = {
    "ext_status_request_close": {"version": TLS13, "order": [0x1302, 0x1301],
                                 "close_on_extension": EXT_STATUS_REQUEST},
    "tls11_sha256": {"version": TLS11, "order": [0x003C, 0x002F]},
    "sslv3_ecdhe": {"version": SSL3, "order": [0xC013, 0x000A], "ecdhe": [0xC013]},
    "private_suite": {"version": TLS12, "order": [0xFF42, 0x009C]},
    "dhe_needs_ffdhe": {"version": TLS12, "order": [0x009F, 0x009E],
                        "dhe": [0x009F, 0x009E], "dhe_needs_ffdhe": True},
}


def _u16(b: bytes, p: int) -> int:
    return struct.unpack_from("!H", b, p)[0]


def _u16_list(body: bytes, length_bytes: int) -> list[int]:
    n = body[0] if length_bytes == 1 else _u16(body, 0) if len(body) >= 2 else 0
    data = body[length_bytes:length_bytes + n]
    return [_u16(data, i) for i in range(0, len(data) - 1, 2)]


def _record(ctype: int, version: int, payload: bytes) -> bytes:
    return struct.pack("!BHH", ctype, version, len(payload)) + payload


def _handshake(mtype: int, body: bytes) -> bytes:
    return bytes([mtype]) + struct.pack("!I", len(body))[1:] + body


def _ext(etype: int, body: bytes) -> bytes:
    return struct.pack("!HH", etype, len(body)) + body


def _key_share_groups(body: bytes) -> list[int]:
    groups, p = [], 2
    while p + 4 <= len(body):
        groups.append(_u16(body, p))
        p += 4 + _u16(body, p + 2)
    return groups


def _server_hello(version: int, random: bytes, session_id: bytes, suite: int,
                  extensions: bytes = b"") -> bytes:
    body = struct.pack("!H", version) + random + bytes([len(session_id)]) + \
        session_id + struct.pack("!HB", suite, 0)
    if extensions:
        body += struct.pack("!H", len(extensions)) + extensions
    return _handshake(2, body)


def _certificate(cert_der: bytes) -> bytes:
    entry = struct.pack("!I", len(cert_der))[1:] + cert_der
    return _handshake(11, struct.pack("!I", len(entry))[1:] + entry)


def _signature(version: int) -> bytes:
    sig = os.urandom(256)                       # never verified by a probe
    head = struct.pack("!H", 0x0401) if version >= TLS12 else b""  # RFC 5246 7.4.1.4.1
    return head + struct.pack("!H", len(sig)) + sig


def _server_key_exchange(version: int, suite: int, profile: dict) -> bytes:
    if suite in profile.get("ecdhe", ()):
        # RFC 8422 5.4: ECParameters (named_curve 3, secp256r1) + ECPoint
        params = struct.pack("!BH", 3, SECP256R1) + bytes([len(P256_G)]) + P256_G
    else:
        # RFC 5246 7.4.3: ServerDHParams dh_p, dh_g, dh_Ys
        p = DH_PRIME_2048.to_bytes(256, "big")
        ys = (DH_PRIME_2048 - 2).to_bytes(256, "big")
        params = struct.pack("!H", len(p)) + p + b"\x00\x01\x02" + struct.pack("!H", len(ys)) + ys
    return _handshake(12, params + _signature(version))


def decide(hello: dict, profile: dict) -> tuple[str, object]:
    """-> ("close", None), ("alert", description) or ("flight", bytes)."""
    exts = hello.get("extensions", {})
    offered_versions = _u16_list(exts[EXT_SUPPORTED_VERSIONS], 1) \
        if EXT_SUPPORTED_VERSIONS in exts else []
    want = profile["version"]
    if want == TLS13:
        if TLS13 not in offered_versions:
            return "alert", ALERT_PROTOCOL_VERSION
        if profile.get("close_on_extension") in exts:
            return "close", None
    elif want == SSL3:
        # RFC 6101 E.1: an SSLv3-only server answers a TLS hello with SSLv3.
        if hello["client_version"] < SSL3:
            return "alert", ALERT_PROTOCOL_VERSION
    elif hello["client_version"] < want:
        return "alert", ALERT_PROTOCOL_VERSION
    suite = next((s for s in profile["order"] if s in hello["suites"]), None)
    if suite in profile.get("dhe", ()) and profile.get("dhe_needs_ffdhe"):
        groups = _u16_list(exts.get(EXT_SUPPORTED_GROUPS, b"\x00\x00"), 2)
        if not any(0x0100 <= g <= 0x01FF for g in groups):
            suite = None
    if suite is None:
        return "alert", ALERT_HANDSHAKE_FAILURE
    random = os.urandom(32)
    if want == TLS13:
        shares = _key_share_groups(exts.get(EXT_KEY_SHARE, b"\x00\x00"))
        if X25519 in shares:
            ext = _ext(EXT_SUPPORTED_VERSIONS, struct.pack("!H", TLS13)) + \
                _ext(EXT_KEY_SHARE, struct.pack("!HH", X25519, 32) + os.urandom(32))
        else:
            random = HRR_RANDOM
            ext = _ext(EXT_SUPPORTED_VERSIONS, struct.pack("!H", TLS13)) + \
                _ext(EXT_KEY_SHARE, struct.pack("!H", X25519))
        sh = _server_hello(TLS12, random, hello["session_id"], suite, ext)
        return "flight", _record(0x16, TLS12, sh)
    flight = _server_hello(want, random, os.urandom(32), suite) + _certificate(hello["cert_der"])
    if suite in profile.get("ecdhe", ()) or suite in profile.get("dhe", ()):
        flight += _server_key_exchange(want, suite, profile)
    flight += _handshake(14, b"")
    return "flight", _record(0x16, want, flight)


def handle(sock: socket.socket, cert_der: bytes, profile: dict) -> None:
    from scripted_tls_server import Garbage, _Conn, _send, read_hello
    conn = _Conn(sock)
    try:
        hello = read_hello(conn)
    except (Garbage, EOFError):
        sock.close()
        return
    # RFC 5246 E.2 / RFC 6101 E.1: an SSLv2-compatible CLIENT-HELLO offering SSLv3 or later (IE 6,
    # Java 6) is answered like a TLS-format hello, as OpenSSL does; a real SSLv2 hello is closed.
    if hello["format"] != "tls" and hello["client_version"] < SSL3:
        sock.close()
        return
    hello["cert_der"] = cert_der
    what, arg = decide(hello, profile)
    if what == "close":
        sock.close()
        return
    if what == "alert":
        record_version = TLS12 if profile["version"] >= TLS12 else profile["version"]
        _send(sock, _record(0x15, record_version, bytes([2, arg])))
    else:
        _send(sock, arg)
    _graceful_close(sock)
