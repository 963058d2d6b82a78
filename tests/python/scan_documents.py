"""Hand-made endpoint scan documents (schema-valid) for tests of the report, the summary and the colours."""

from __future__ import annotations

from typing import Any, Optional

from tlsready import EndpointResult


def suite(code: str, name: str, weaknesses: list[str], weak: bool = False) -> dict[str, Any]:
    return {"code": code, "name": name, "openssl_name": None, "key_exchange": "RSA", "authentication": "RSA",
            "cipher": "3DES", "bits": 112, "mac": "SHA1", "weak": weak, "forward_secret": False,
            "weaknesses": weaknesses, "protocols": ["SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2"]}


def protocol(version: str, code: str, suites: Optional[list[dict[str, Any]]] = None,
             dh_bits: Optional[int] = None) -> dict[str, Any]:
    return {"version": version, "code": code, "accepted": suites is not None, "cipher_suites": suites or [],
            "cipher_specs": [], "server_preference": None, "preference_order": [], "groups": [],
            "dh_bits": dh_bits, "downgrade_sentinel": None, "refusal": None if suites is not None else ALERT,
            "check": COMPLETED}


ALERT = {"kind": "alert", "alert_level": 2, "alert_code": 40, "alert_name": "handshake_failure",
         "detail": "alert handshake_failure"}
COMPLETED = {"status": "completed", "reason": None, "detail": None}


def document(port: int, protocols: list[dict[str, Any]], weaknesses: list[tuple[str, str]],
             error: Optional[str] = None) -> dict[str, Any]:
    return {
        "schema_version": "2.0",
        "target": {"host": "127.0.0.1", "port": port, "sni": None, "starttls": "none"},
        "address": "127.0.0.1", "started_at": "2026-12-01T23:00:00Z", "elapsed_ms": 12.5, "connections": 3,
        "status": "error" if error else "ok",
        "error": {"kind": error, "message": "no", "elapsed_ms": 1.0} if error else None,
        "protocols": protocols, "certificate": None,
        "session": {"secure_renegotiation": True, "extended_master_secret": True, "ocsp_stapling": False,
                    "ocsp_status": None, "alpn_offered": [], "alpn_selected": None},
        "checks": {"certificate": COMPLETED, "session": COMPLETED, "groups": COMPLETED},
        "intolerances": [],
        "notes": [],
        "weaknesses": [{"code": code, "detail": detail} for code, detail in weaknesses],
    }


def legacy_endpoint(port: int = 1001) -> EndpointResult:
    """TLS 1.0 with 3DES (RSA key transport, CBC-SHA1) and TLS 1.2 with a 1024-bit DH prime."""
    tdes = suite("0x000A", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", ["triple_des", "rsa_key_transport", "cbc_sha1"], True)
    dhe = suite("0x009E", "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256", [])
    return EndpointResult(document(port, [protocol("TLSv1.0", "0x0301", [tdes]),
                                          protocol("TLSv1.2", "0x0303", [dhe], dh_bits=1024),
                                          protocol("TLSv1.3", "0x0304")],
                                   [("tls1_0_accepted", "TLSv1.0 accepted with 1 suite; TLS 1.0 is deprecated"),
                                    ("triple_des", "TLSv1.0: TLS_RSA_WITH_3DES_EDE_CBC_SHA"),
                                    ("rsa_key_transport", "TLSv1.0: TLS_RSA_WITH_3DES_EDE_CBC_SHA"),
                                    ("cbc_sha1", "TLSv1.0: TLS_RSA_WITH_3DES_EDE_CBC_SHA"),
                                    ("dh_below_2048", "1024-bit DH prime in TLSv1.2 (at least 2048 bits)")]))


def modern_endpoint(port: int = 1002) -> EndpointResult:
    gcm = suite("0x1301", "TLS_AES_128_GCM_SHA256", [])
    return EndpointResult(document(port, [protocol("TLSv1.3", "0x0304", [gcm])], []))


def failed_endpoint(port: int, kind: str) -> EndpointResult:
    return EndpointResult(document(port, [], [], error=kind))
