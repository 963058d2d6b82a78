"""native/data/clients/extract_client_profiles.py: the hello decoder that turns SSL Labs' captures
into profile facts, checked on hellos built here (record and SSL 2.0 framing, GREASE dropped)."""

from __future__ import annotations

import importlib.util
import struct

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("extract_client_profiles",
                                               ROOT / "native" / "data" / "clients" / "extract_client_profiles.py")
extract = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(extract)  # type: ignore[union-attr]


def _ext(kind: int, body: bytes) -> bytes:
    return struct.pack("!HH", kind, len(body)) + body


def _tls_hello(suites: list[int], extensions: bytes) -> str:
    body = (b"\x03\x03" + b"\x00" * 32 + b"\x00" + struct.pack("!H", 2 * len(suites)) +
            b"".join(struct.pack("!H", s) for s in suites) + b"\x01\x00" + struct.pack("!H", len(extensions)) +
            extensions)
    handshake = b"\x01" + len(body).to_bytes(3, "big") + body
    return (b"\x16\x03\x01" + struct.pack("!H", len(handshake)) + handshake).hex()


def test_decodes_a_tls_hello_in_order_without_grease():
    sni = _ext(0x0000, struct.pack("!HBH", 12, 0, 9) + b"localhost")
    groups = _ext(0x000A, struct.pack("!HHHH", 6, 0x3A3A, 0x001D, 0x0017))
    sigalgs = _ext(0x000D, struct.pack("!HHH", 4, 0x0804, 0x0403))
    alpn = _ext(0x0010, struct.pack("!H", 12) + b"\x02h2\x08http/1.1")
    versions = _ext(0x002B, b"\x04\x7a\x7a\x03\x04")
    hello = extract.decode_hello(_tls_hello([0x0A0A, 0x1301, 0xC02F], sni + groups + sigalgs + alpn + versions))
    assert hello["format"] == "tls"
    assert hello["sni"] is True
    assert extract.hex_list(hello["suites"]) == "0x1301;0xC02F"
    assert extract.hex_list(hello["groups"]) == "0x001D;0x0017"
    assert extract.hex_list(hello["sigalgs"]) == "0x0804;0x0403"
    assert hello["alpn"] == ["h2", "http/1.1"]
    assert [v for v in hello["supported_versions"] if not extract.is_grease(v)] == [0x0304]
    assert extract.hex_list(hello["extensions"]) == "0x0000;0x000A;0x000D;0x0010;0x002B"


def test_decodes_an_sslv2_hello_keeping_only_tls_suites():
    specs = bytes.fromhex("010080" "000004" "0700c0" "00000a")
    challenge = b"\x11" * 16
    body = b"\x01\x03\x01" + struct.pack("!HHH", len(specs), 0, len(challenge)) + specs + challenge
    hello = extract.decode_hello((struct.pack("!H", 0x8000 | len(body)) + body).hex())
    assert hello["format"] == "sslv2_compatible"
    assert hello["suites"] == [0x0004, 0x000A]
    assert hello["sni"] is False and hello["extensions"] == []
