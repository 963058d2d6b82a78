"""Minimal raw TLS ClientHello prober (one job: ask a server one question).

Used by verify.py to check every lab endpoint's "expect" block independently
of the scanner under test.  It builds a ClientHello by hand (any protocol
version, any list of cipher-suite code points, any supported_groups list),
sends it, and parses just enough of the reply: ServerHello / HelloRetryRequest
(version, cipher suite, selected group), the ServerKeyExchange curve for
TLS <= 1.2 ECDHE, alerts, and transport-level failures.

It never completes a handshake, so it works for suites that no local TLS
library implements (RC4, 3DES, CAMELLIA-GCM ...).  With want_ske it also
reads the ServerKeyExchange (ECDHE curve, or the DHE prime size as
"dh_bits"); with want_cert it reads the flight up to ServerHelloDone and
returns the Certificate message's DER certificates (TLS <= 1.2 / SSLv3).

probe_sslv2() sends an SSLv2 CLIENT-HELLO (2-byte record header,
draft-hickman-netscape-ssl-00) and parses an SSLv2 SERVER-HELLO / ERROR, or
whatever TLS alert a modern server answers with.  Only loopback addresses
are used by the lab.

Stdlib only.
"""

from __future__ import annotations

import errno
import os
import socket
import struct

VERSIONS = {"SSLv3": 0x0300, "TLSv1.0": 0x0301, "TLSv1.1": 0x0302,
            "TLSv1.2": 0x0303, "TLSv1.3": 0x0304}
VERSION_NAMES = {v: k for k, v in VERSIONS.items()}

# IANA TLS Supported Groups registry
GROUPS = {
    "sect163k1": 1, "sect163r1": 2, "sect163r2": 3, "sect193r1": 4,
    "sect193r2": 5, "sect233k1": 6, "sect233r1": 7, "sect239k1": 8,
    "sect283k1": 9, "sect283r1": 10, "sect409k1": 11, "sect409r1": 12,
    "sect571k1": 13, "sect571r1": 14, "secp160k1": 15, "secp160r1": 16,
    "secp160r2": 17, "secp192k1": 18, "secp192r1": 19, "secp224k1": 20,
    "secp224r1": 21, "secp256k1": 22, "secp256r1": 23, "secp384r1": 24,
    "secp521r1": 25, "brainpoolP256r1": 26, "brainpoolP384r1": 27,
    "brainpoolP512r1": 28, "x25519": 29, "x448": 30,
    "brainpoolP256r1tls13": 31, "brainpoolP384r1tls13": 32,
    "brainpoolP512r1tls13": 33,
    "ffdhe2048": 256, "ffdhe3072": 257, "ffdhe4096": 258, "ffdhe6144": 259,
    "ffdhe8192": 260,
}
GROUP_NAMES = {v: k for k, v in GROUPS.items()}

TLS13_SUITES = [0x1301, 0x1302, 0x1303, 0x1304, 0x1305]

# Every code point worth offering for TLS <= 1.2.  Deliberately excludes the
# signalling values TLS_FALLBACK_SCSV (0x5600) and
# TLS_EMPTY_RENEGOTIATION_INFO_SCSV (0x00FF).
LEGACY_SUITES = ([c for c in range(0x0001, 0x00FF)] +
                 [c for c in range(0xC001, 0xC100)] +
                 [c for c in range(0xCCA8, 0xCCAF)] +
                 [c for c in range(0xD001, 0xD006)])

SIGALGS = [0x0403, 0x0503, 0x0603, 0x0807, 0x0808, 0x0804, 0x0805, 0x0806,
           0x0809, 0x080A, 0x080B, 0x0401, 0x0501, 0x0601, 0x0303, 0x0301,
           0x0302, 0x0402, 0x0502, 0x0602, 0x0203, 0x0201, 0x0202]

HRR_RANDOM = bytes.fromhex(
    "CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C")

# SSLv2 CIPHER-KIND values (3 bytes), draft-hickman-netscape-ssl-00 App. C.4
SSLV2_CIPHER_KINDS = {
    0x010080: "SSL_CK_RC4_128_WITH_MD5",
    0x020080: "SSL_CK_RC4_128_EXPORT40_WITH_MD5",
    0x030080: "SSL_CK_RC2_128_CBC_WITH_MD5",
    0x040080: "SSL_CK_RC2_128_CBC_EXPORT40_WITH_MD5",
    0x050080: "SSL_CK_IDEA_128_CBC_WITH_MD5",
    0x060040: "SSL_CK_DES_64_CBC_WITH_MD5",
    0x0700C0: "SSL_CK_DES_192_EDE3_CBC_WITH_MD5",
}
# Non-standard kinds some old implementations knew (OpenSSL's ssl2.h).
SSLV2_EXTRA_KINDS = [0x080080, 0x060140, 0x0701C0, 0xFF0800, 0xFF0810]
SSLV2_VERSION = 0x0002
SSLV2_MT_ERROR, SSLV2_MT_CLIENT_HELLO, SSLV2_MT_SERVER_HELLO = 0, 1, 4


def code_str(code: int) -> str:
    return "0x%04X" % code


def spec_str(spec: int) -> str:
    """SSLv2 3-byte cipher kind as written in "cipher_specs"."""
    return "0x%06X" % spec


class ProbeResult(dict):
    """status: server_hello | hrr | alert | closed | reset | timeout |
    refused | not_tls | error;  plus version, cipher, group, alert, detail."""

    @property
    def status(self) -> str:
        return self["status"]


def _ext(ext_type: int, body: bytes) -> bytes:
    return struct.pack("!HH", ext_type, len(body)) + body


def _u16list(values) -> bytes:
    data = b"".join(struct.pack("!H", v) for v in values)
    return struct.pack("!H", len(data)) + data


def client_hello(version: str, suites: list[int], groups: list[int] | None = None,
                 sni: str | None = "localhost", key_share: bool = True) -> bytes:
    """Return one TLS record containing a ClientHello."""
    ver = VERSIONS[version]
    if groups is None:
        groups = [GROUPS[g] for g in ("x25519", "secp256r1", "secp384r1",
                                      "secp521r1", "x448", "ffdhe2048",
                                      "ffdhe3072", "ffdhe4096")]
    legacy_version = min(ver, 0x0303)
    exts = b""
    if version != "SSLv3":
        if sni:
            name = sni.encode()
            entry = b"\x00" + struct.pack("!H", len(name)) + name
            exts += _ext(0x0000, struct.pack("!H", len(entry)) + entry)
        exts += _ext(0x000A, _u16list(groups))             # supported_groups
        exts += _ext(0x000B, b"\x01\x00")                  # ec_point_formats
        exts += _ext(0x000D, _u16list(SIGALGS))            # signature_algorithms
        exts += _ext(0xFF01, b"\x00")                      # renegotiation_info
        exts += _ext(0x0017, b"")                          # extended_master_secret
        if ver == 0x0304:
            exts += _ext(0x002B, b"\x02\x03\x04")          # supported_versions
            exts += _ext(0x002D, b"\x01\x01")              # psk_key_exchange_modes
            shares = b""
            if key_share and GROUPS["x25519"] in groups:
                pub = os.urandom(32)
                shares = struct.pack("!HH", GROUPS["x25519"], len(pub)) + pub
            exts += _ext(0x0033, struct.pack("!H", len(shares)) + shares)
    session_id = os.urandom(32)
    body = struct.pack("!H", legacy_version) + os.urandom(32)
    body += bytes([len(session_id)]) + session_id
    body += _u16list(suites)
    body += b"\x01\x00"                                    # null compression
    if exts:
        body += struct.pack("!H", len(exts)) + exts
    hs = b"\x01" + struct.pack("!I", len(body))[1:] + body
    rec_ver = 0x0300 if version == "SSLv3" else 0x0301
    return struct.pack("!BHH", 0x16, rec_ver, len(hs)) + hs


class _Reader:
    def __init__(self, sock: socket.socket):
        self.sock = sock
        self.buf = b""

    def need(self, n: int) -> bytes:
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out


def _parse_server_hello(body: bytes) -> ProbeResult:
    p = 0
    legacy = struct.unpack_from("!H", body, p)[0]; p += 2
    random = body[p:p + 32]; p += 32
    sid_len = body[p]; p += 1 + sid_len
    cipher = struct.unpack_from("!H", body, p)[0]; p += 2
    p += 1  # compression
    version = legacy
    group = None
    if p + 2 <= len(body):
        ext_len = struct.unpack_from("!H", body, p)[0]; p += 2
        end = p + ext_len
        while p + 4 <= end:
            et, el = struct.unpack_from("!HH", body, p); p += 4
            data = body[p:p + el]; p += el
            if et == 0x002B and el == 2:
                version = struct.unpack("!H", data)[0]
            elif et == 0x0033 and el >= 2:
                group = struct.unpack_from("!H", data, 0)[0]
    hrr = random == HRR_RANDOM
    return ProbeResult(status="hrr" if hrr else "server_hello",
                       version=VERSION_NAMES.get(version, hex(version)),
                       cipher=cipher, group=group)


def _sig_tail_ok(rest: bytes) -> bool:
    """Is rest exactly a ServerKeyExchange signature: empty (anonymous),
    opaque<2> (SSLv3 - TLS 1.1) or SignatureAndHashAlgorithm + opaque<2>
    (TLS 1.2)?"""
    if not rest:
        return True
    if len(rest) >= 2 and 2 + struct.unpack_from("!H", rest, 0)[0] == len(rest):
        return True
    return len(rest) >= 4 and 4 + struct.unpack_from("!H", rest, 2)[0] == len(rest)


def parse_ske(msg: bytes) -> dict:
    """ServerKeyExchange body -> {"kx": "ecdhe", "group": id} |
    {"kx": "dhe", "dh_bits": bit length of dh_p} | {"kx": "other"}.
    Both layouts are parsed structurally (params followed by exactly one
    signature), so a DHE prime whose length starts with 0x03 is not mistaken
    for an ECDHE named_curve."""
    if len(msg) >= 4 and msg[0] == 3:               # ECParameters named_curve
        plen = msg[3]
        if plen and 4 + plen <= len(msg) and _sig_tail_ok(msg[4 + plen:]):
            return {"kx": "ecdhe", "group": struct.unpack_from("!H", msg, 1)[0]}
    p, vals = 0, []                                  # dh_p, dh_g, dh_Ys
    for _ in range(3):
        if p + 2 > len(msg):
            break
        n = struct.unpack_from("!H", msg, p)[0]
        p += 2
        if n == 0 or p + n > len(msg):
            break
        vals.append(msg[p:p + n])
        p += n
    if len(vals) == 3 and _sig_tail_ok(msg[p:]):
        return {"kx": "dhe", "group": None,
                "dh_bits": int.from_bytes(vals[0], "big").bit_length()}
    if len(msg) >= 3 and msg[0] == 3:                # unparsable, keep old guess
        return {"kx": "ecdhe", "group": struct.unpack_from("!H", msg, 1)[0]}
    return {"kx": "other", "group": None}


def parse_certificate_msg(msg: bytes) -> list[bytes]:
    """Certificate handshake body -> list of DER certificates."""
    if len(msg) < 3:
        return []
    total = struct.unpack("!I", b"\x00" + msg[:3])[0]
    p, end, out = 3, min(3 + total, len(msg)), []
    while p + 3 <= end:
        n = struct.unpack("!I", b"\x00" + msg[p:p + 3])[0]
        p += 3
        if p + n > end:
            break
        out.append(msg[p:p + n])
        p += n
    return out


def _read_response(rd: _Reader, want_ske: bool, want_cert: bool = False) -> ProbeResult:
    hs_buf = b""
    result = None
    while True:
        header = rd.need(5)
        ctype, rver, rlen = struct.unpack("!BHH", header)
        if ctype not in (0x14, 0x15, 0x16, 0x17, 0x18) or (rver >> 8) != 0x03 \
                or rlen > 18432:
            return ProbeResult(status="not_tls", detail=header.hex())
        payload = rd.need(rlen)
        if ctype == 0x15:
            if result is not None:   # alert after ServerHello (e.g. during SKE)
                result["alert_after"] = list(payload[:2])
                return result
            level, desc = (payload[0], payload[1]) if len(payload) >= 2 else (0, 0)
            return ProbeResult(status="alert", alert=[level, desc])
        if ctype != 0x16:
            if result is not None:
                return result
            return ProbeResult(status="error", detail="unexpected content type %d" % ctype)
        hs_buf += payload
        while len(hs_buf) >= 4:
            mtype = hs_buf[0]
            mlen = struct.unpack("!I", b"\x00" + hs_buf[1:4])[0]
            if len(hs_buf) < 4 + mlen:
                break
            msg, hs_buf = hs_buf[4:4 + mlen], hs_buf[4 + mlen:]
            if mtype == 2 and result is None:
                result = _parse_server_hello(msg)
                result["record_version"] = rver
                result["flight"] = [2]
                if not (want_ske or want_cert) or result.status == "hrr" or \
                        result["version"] == "TLSv1.3":
                    return result
            elif result is not None:
                result["flight"].append(mtype)
                if mtype == 11:                               # Certificate
                    result["certs"] = parse_certificate_msg(msg)
                elif mtype == 12:                             # ServerKeyExchange
                    result.update(parse_ske(msg))
                    if not want_cert:
                        return result
                elif mtype == 14:                             # ServerHelloDone
                    result.setdefault("kx", "no_ske")
                    return result


def smtp_starttls(sock: socket.socket) -> None:
    """Run the SMTP STARTTLS preamble on a connected socket."""
    buf = b""

    def reply() -> str:
        nonlocal buf
        lines = []
        while True:
            while b"\n" not in buf:
                if len(buf) > 8192:
                    raise OSError("SMTP line too long")
                chunk = sock.recv(4096)
                if not chunk:
                    raise EOFError("SMTP server closed")
                buf += chunk
            line, buf = buf.split(b"\n", 1)
            lines.append(line.decode("latin-1"))
            if len(line) < 4 or line[3:4] != b"-":
                return "\n".join(lines)

    if not reply().startswith("220"):
        raise OSError("bad SMTP banner")
    sock.sendall(b"EHLO tlsready-lab-probe\r\n")
    r = reply()
    if not r.startswith("250") or "STARTTLS" not in r.upper():
        raise OSError("no STARTTLS in EHLO reply")
    sock.sendall(b"STARTTLS\r\n")
    if not reply().startswith("220"):
        raise OSError("STARTTLS refused")


def _exchange(host: str, port: int, hello: bytes, read, starttls: str | None,
              timeout: float) -> ProbeResult:
    """Connect, optionally run the STARTTLS preamble, send hello, classify the
    answer with read(_Reader) and transport failures uniformly."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        try:
            sock.connect((host, port))
        except ConnectionRefusedError:
            return ProbeResult(status="refused")
        except socket.timeout:
            return ProbeResult(status="timeout", detail="connect")
        try:
            if starttls == "smtp":
                smtp_starttls(sock)
            elif starttls:
                raise ValueError("unsupported starttls %r" % starttls)
            sock.sendall(hello)
            return read(_Reader(sock))
        except socket.timeout:
            return ProbeResult(status="timeout")
        except ConnectionResetError:
            return ProbeResult(status="reset")
        except EOFError:
            return ProbeResult(status="closed")
        except OSError as exc:
            if exc.errno == errno.ECONNRESET:
                return ProbeResult(status="reset")
            return ProbeResult(status="error", detail=str(exc))
    finally:
        sock.close()


def probe(host: str, port: int, version: str, suites: list[int],
          groups: list[int] | None = None, sni: str | None = "localhost",
          starttls: str | None = None, want_ske: bool = False,
          timeout: float = 5.0, key_share: bool = True,
          want_cert: bool = False) -> ProbeResult:
    """Send one ClientHello and classify the answer."""
    return _exchange(host, port,
                     client_hello(version, suites, groups, sni, key_share),
                     lambda rd: _read_response(rd, want_ske, want_cert),
                     starttls, timeout)


# --------------------------------------------------------------------------
# SSLv2 (draft-hickman-netscape-ssl-00)
# --------------------------------------------------------------------------

def sslv2_client_hello(specs: list[int], version: int = SSLV2_VERSION,
                       challenge: bytes | None = None,
                       session_id: bytes = b"") -> bytes:
    """One SSLv2 record (2-byte header, no padding) holding a CLIENT-HELLO:
    MSG-CLIENT-HELLO, CLIENT-VERSION, CIPHER-SPECS-LENGTH, SESSION-ID-LENGTH,
    CHALLENGE-LENGTH (all 2 bytes, MSB first), then the three data fields.
    A spec 0x00XXYY is the TLS cipher suite 0xXXYY (RFC 5246 E.2)."""
    if challenge is None:
        challenge = os.urandom(16)
    cs = b"".join(s.to_bytes(3, "big") for s in specs)
    body = struct.pack("!BHHHH", SSLV2_MT_CLIENT_HELLO, version, len(cs),
                       len(session_id), len(challenge)) + cs + session_id + challenge
    if len(body) > 0x7FFF:
        raise ValueError("SSLv2 CLIENT-HELLO too long")
    return struct.pack("!H", 0x8000 | len(body)) + body


def parse_sslv2_server_hello(msg: bytes) -> ProbeResult:
    """SERVER-HELLO: MSG-SERVER-HELLO, SESSION-ID-HIT, CERTIFICATE-TYPE,
    SERVER-VERSION(2), CERTIFICATE-LENGTH(2), CIPHER-SPECS-LENGTH(2),
    CONNECTION-ID-LENGTH(2), CERTIFICATE-DATA, CIPHER-SPECS-DATA,
    CONNECTION-ID-DATA."""
    if len(msg) < 11:
        return ProbeResult(status="error", detail="short SSLv2 SERVER-HELLO")
    _, hit, ctype, ver, clen, slen, ilen = struct.unpack_from("!BBBHHHH", msg, 0)
    if 11 + clen + slen + ilen != len(msg) or slen % 3:
        return ProbeResult(status="error", detail="malformed SSLv2 SERVER-HELLO "
                           "(lengths %d/%d/%d, message %d)" % (clen, slen, ilen, len(msg)))
    cert = msg[11:11 + clen]
    cs = msg[11 + clen:11 + clen + slen]
    return ProbeResult(status="server_hello",
                       version="SSLv2" if ver == SSLV2_VERSION else hex(ver),
                       cipher_specs=[int.from_bytes(cs[i:i + 3], "big")
                                     for i in range(0, slen, 3)],
                       certificate=cert, certificate_type=ctype,
                       session_id_hit=hit, connection_id=msg[11 + clen + slen:])


def _read_sslv2_response(rd: _Reader) -> ProbeResult:
    head = rd.need(2)
    if head[0] in (0x14, 0x15, 0x16, 0x17, 0x18) and head[1] == 0x03:
        ctype, rver, rlen = struct.unpack("!BHH", head + rd.need(3))
        if rlen > 18432:
            return ProbeResult(status="not_tls", detail=(head).hex())
        payload = rd.need(rlen)
        if ctype == 0x15 and len(payload) >= 2:
            return ProbeResult(status="alert", alert=[payload[0], payload[1]],
                               record_version=rver)
        if ctype == 0x16 and payload[:1] == b"\x02":
            return ProbeResult(status="tls_server_hello",
                               detail="TLS ServerHello to an SSLv2 CLIENT-HELLO")
        return ProbeResult(status="error", detail="TLS record type %d" % ctype)
    if head[0] & 0x80:                     # 2-byte header
        length = ((head[0] & 0x7F) << 8) | head[1]
    else:                                  # 3-byte header (padding count)
        length = ((head[0] & 0x3F) << 8) | head[1]
        rd.need(1)
    if length == 0:
        return ProbeResult(status="not_tls", detail=head.hex())
    msg = rd.need(length)
    if msg[0] == SSLV2_MT_SERVER_HELLO:
        return parse_sslv2_server_hello(msg)
    if msg[0] == SSLV2_MT_ERROR and length == 3:
        return ProbeResult(status="sslv2_error",
                           error_code=struct.unpack_from("!H", msg, 1)[0])
    return ProbeResult(status="not_tls", detail=(head + msg[:8]).hex())


def probe_sslv2(host: str, port: int, specs: list[int],
                starttls: str | None = None, timeout: float = 5.0,
                version: int = SSLV2_VERSION) -> ProbeResult:
    """Send one SSLv2 CLIENT-HELLO offering specs; status "server_hello" with
    version "SSLv2", cipher_specs, certificate (DER), ... or sslv2_error /
    alert / tls_server_hello / closed / reset / timeout / refused / not_tls."""
    return _exchange(host, port, sslv2_client_hello(specs, version),
                     _read_sslv2_response, starttls, timeout)
