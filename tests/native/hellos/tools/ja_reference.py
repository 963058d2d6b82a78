#!/usr/bin/env python3
"""Independent JA3/JA4 reference for the hellos tests.

Written from the published specifications, not from the C++ code under test:
  * JA3: https://github.com/salesforce/ja3 (README: "SSLVersion,Cipher,SSLExtension,EllipticCurve,
    EllipticCurvePointFormat", decimal, '-' within a field, GREASE removed; the hash is MD5).
  * JA4: https://github.com/FoxIO-LLC/ja4 technical_details/JA4.md (a_b_c; b = sha256[:12] of the
    sorted cipher hex list; c = sha256[:12] of the sorted extension list without SNI/ALPN, then "_"
    and the signature algorithms in order; JA4_r is the same with the lists instead of hashes).

Usage: ja_reference.py FILE...   each FILE holds the client's first bytes (TLS records) as hex.
Prints one line per file: ja3 <TAB> ja3_md5 <TAB> ja4 <TAB> ja4_r.
"""
import hashlib
import struct
import sys


def is_grease(v):
    return (v & 0x0F0F) == 0x0A0A and (v >> 8) == (v & 0xFF)


def handshake_bytes(data):
    """Concatenates the fragments of the leading handshake records."""
    out = b""
    pos = 0
    while pos + 5 <= len(data) and data[pos] == 22:
        length = struct.unpack(">H", data[pos + 3:pos + 5])[0]
        out += data[pos + 5:pos + 5 + length]
        pos += 5 + length
        if len(out) >= 4 and len(out) >= 4 + int.from_bytes(out[1:4], "big"):
            break
    return out


def parse(data):
    msg = handshake_bytes(data)
    assert msg[0] == 1, "not a ClientHello"
    body = msg[4:4 + int.from_bytes(msg[1:4], "big")]
    hello = {"version": struct.unpack(">H", body[0:2])[0]}
    p = 34
    p += 1 + body[p]
    n = struct.unpack(">H", body[p:p + 2])[0]
    hello["ciphers"] = [struct.unpack(">H", body[p + 2 + i:p + 4 + i])[0] for i in range(0, n, 2)]
    p += 2 + n
    p += 1 + body[p]
    hello["extensions"], hello["groups"], hello["formats"], hello["sigalgs"] = [], [], [], []
    hello["alpn"], hello["versions"] = [], []
    if p < len(body):
        end = p + 2 + struct.unpack(">H", body[p:p + 2])[0]
        p += 2
        while p < end:
            etype, elen = struct.unpack(">HH", body[p:p + 4])
            ext = body[p + 4:p + 4 + elen]
            p += 4 + elen
            hello["extensions"].append(etype)
            if etype == 10:
                hello["groups"] = [struct.unpack(">H", ext[2 + i:4 + i])[0] for i in range(0, len(ext) - 2, 2)]
            elif etype == 11:
                hello["formats"] = list(ext[1:1 + ext[0]])
            elif etype == 13:
                hello["sigalgs"] = [struct.unpack(">H", ext[2 + i:4 + i])[0] for i in range(0, len(ext) - 2, 2)]
            elif etype == 16:
                q = 2
                while q < len(ext):
                    hello["alpn"].append(ext[q + 1:q + 1 + ext[q]].decode("latin-1"))
                    q += 1 + ext[q]
            elif etype == 43:
                hello["versions"] = [struct.unpack(">H", ext[1 + i:3 + i])[0] for i in range(0, ext[0], 2)]
    return hello


def ja3(h):
    def field(values):
        return "-".join(str(v) for v in values if not is_grease(v))
    text = ",".join([str(h["version"]), field(h["ciphers"]), field(h["extensions"]), field(h["groups"]),
                     "-".join(str(v) for v in h["formats"])])
    return text, hashlib.md5(text.encode()).hexdigest()


def ja4(h):
    versions = [v for v in h["versions"] if not is_grease(v)]
    version = max(versions) if versions else h["version"]
    vtext = {0x0304: "13", 0x0303: "12", 0x0302: "11", 0x0301: "10", 0x0300: "s3", 0x0200: "s2",
             0x0002: "s2", 0x0100: "s1"}.get(version, "00")
    ciphers = [c for c in h["ciphers"] if not is_grease(c)]
    exts = [e for e in h["extensions"] if not is_grease(e)]
    sni = "d" if 0 in exts else "i"
    if h["alpn"] and h["alpn"][0]:
        first = h["alpn"][0]
        if first[0].isascii() and first[0].isalnum() and first[-1].isascii() and first[-1].isalnum():
            alpn = first[0] + first[-1]
        else:
            hx = first.encode("latin-1").hex()
            alpn = hx[0] + hx[-1]
    else:
        alpn = "00"
    a = "t%s%s%02d%02d%s" % (vtext, sni, min(len(ciphers), 99), min(len(exts), 99), alpn)
    cipher_list = ",".join("%04x" % c for c in sorted(ciphers))
    ext_list = ",".join("%04x" % e for e in sorted(e for e in exts if e not in (0, 16)))
    sig_list = ",".join("%04x" % s for s in h["sigalgs"] if not is_grease(s))
    c_text = ext_list + ("_" + sig_list if sig_list else "")

    def short(text):
        return hashlib.sha256(text.encode()).hexdigest()[:12] if text else "0" * 12
    return "%s_%s_%s" % (a, short(cipher_list), short(c_text)), "%s_%s_%s" % (a, cipher_list, c_text)


def main(paths):
    for path in paths:
        with open(path) as f:
            data = bytes.fromhex("".join(f.read().split()))
        h = parse(data)
        text, digest = ja3(h)
        fp, raw = ja4(h)
        print("\t".join([text, digest, fp, raw]))


if __name__ == "__main__":
    main(sys.argv[1:])
