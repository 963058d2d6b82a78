"""Endpoint catalogue of the tlsready test lab (one job: what to run, what to expect).

Each endpoint says which server program runs it, with exactly which
configuration, and what a correct scanner must report about it ("expect").
Every "expect" block is written by hand from the configuration right next to
it; tests/lab/verify.py re-checks all of them against the running servers.

Conventions used in "expect" (documented in README.md as well):

* cipher suites are IANA code points, "0x%04X" (uppercase hex, 0x prefix);
* "protocols" lists ONLY accepted versions; every other version among
  SSLv2, SSLv3, TLSv1.0, TLSv1.1, TLSv1.2, TLSv1.3 must be refused;
* "cipher_suites" is the exact accepted set.  When "server_preference" is
  true it is written in the server's order and "preference_order" repeats
  that order; when false it is sorted by code point and there is no
  "preference_order";
* "groups" (present only when pinned) lists per version the exact accepted
  key-exchange groups, IANA names, sorted by code point;
* "dh_bits" (present exactly for the versions that accept DHE suites):
  version -> size in bits of the DH prime p the server sends in its
  ServerKeyExchange, the same for every DHE suite and whatever groups the
  client offers, e.g. {"TLSv1.2": 2048};
* "SSLv2" under "protocols" (only sslv2_scripted accepts it; every other
  endpoint must be reported as refusing SSLv2 as well): "cipher_specs" is the
  exact set of SSLv2 CIPHER-KIND values the server accepts, "0x%06X"
  (uppercase hex), sorted; "cipher_suites" lists TLS suites accepted in an
  SSLv2 hello (3-byte kinds 0x00XXYY) and is [] there; SSLv2 has no server
  preference, so neither "server_preference" nor "preference_order";
* certificate fields are about the leaf certificate; "san" entries are
  "DNS:<name>" / "IP:<address>"; "trusted_with_lab_ca" means the chain
  verifies to the lab CA as trust anchor, judged ONLY on issuer/signature
  (expiry and host name are reported separately by "expired" and
  "hostname_matches"; key size / digest strength do not affect it).
"""

from __future__ import annotations

# Hand-derived code points of every suite named below (IANA registry).
TLS13 = {
    "TLS_AES_128_GCM_SHA256": "0x1301",
    "TLS_AES_256_GCM_SHA384": "0x1302",
    "TLS_CHACHA20_POLY1305_SHA256": "0x1303",
}
OPENSSL_TLS12 = {
    "ECDHE-RSA-AES128-SHA": "0xC013",
    "ECDHE-RSA-AES256-SHA": "0xC014",
    "ECDHE-RSA-AES128-SHA256": "0xC027",
    "ECDHE-RSA-AES256-SHA384": "0xC028",
    "ECDHE-RSA-AES128-GCM-SHA256": "0xC02F",
    "ECDHE-RSA-AES256-GCM-SHA384": "0xC030",
    "ECDHE-RSA-CHACHA20-POLY1305": "0xCCA8",
    "ECDHE-ECDSA-AES128-GCM-SHA256": "0xC02B",
    "ECDHE-ECDSA-AES256-GCM-SHA384": "0xC02C",
    "AES128-SHA": "0x002F",
    "DHE-RSA-AES128-SHA": "0x0033",
    "DHE-RSA-AES256-SHA": "0x0039",
    "AES256-SHA": "0x0035",
    "AES128-SHA256": "0x003C",
    "AES128-GCM-SHA256": "0x009C",
    "DHE-RSA-AES128-GCM-SHA256": "0x009E",
    "DHE-RSA-AES256-GCM-SHA384": "0x009F",
}
# SSLv2 CIPHER-KIND values, draft-hickman-netscape-ssl-00 appendix C.4
SSLV2_KINDS = {
    "SSL_CK_RC4_128_WITH_MD5": "0x010080",
    "SSL_CK_DES_192_EDE3_CBC_WITH_MD5": "0x0700C0",
}

# Tarpits (hostile_server.py too): "budget" gives the scan options a test uses
# ({"timeout": s, "endpoint_timeout": s}); the scan must end within
# endpoint_timeout + 10% with "error" and, where given, "protocols" accepted.
TARPITS = ("tarpit_drip", "tarpit_slow_hello", "tarpit_fragmented_cert",
           "tarpit_slow_accept")
HOSTILE = ("hostile_refused", "hostile_silent", "hostile_http",
           "hostile_garbage", "hostile_reset") + TARPITS

# served by scripted_tls_server.py (one python process); the profiles of
# scripted_profiles.py reproduce the accuracy defects of issue 10
SCRIPTED_PROFILES = ("ext_status_request_close", "tls11_sha256", "sslv3_ecdhe",
                     "private_suite", "dhe_needs_ffdhe")
SCRIPTED = ("sslv3_scripted", "sslv2_scripted") + SCRIPTED_PROFILES

# Client-impact endpoints (issue 13): what some clients cannot meet.
CLIENT_IMPACT = ("cbc_only", "cbc_sha1_only", "sni_required", "dhe_1024_legacy")

# Real stacks and middleboxes that refuse ClientHellos for their shape.
SHAPE_LIMITED = ("suite_count_wolfssl", "hello_size_255", "hello_size_512")

ALL_NAMES = (
    "tls13_only", "tls12_13_server_pref", "tls10_12_client_pref",
    "tls10_legacy_3des_rc4", "camellia_gcm", "expired_cert", "rsa1024_sha1",
    "wrong_hostname", "self_signed", "smtp_starttls") + HOSTILE + (
    "ipv6_tls12", "dhe_2048", "dhe_1024") + SCRIPTED + SHAPE_LIMITED + \
    CLIENT_IMPACT


def _cert(**overrides) -> dict:
    """Leaf 'localhost' cert from the lab CA (certs.py: CERT_SPECS['localhost'])."""
    base = {
        "subject_cn": "localhost",
        "san": ["DNS:localhost", "IP:127.0.0.1"],
        "key_type": "RSA",
        "key_bits": 2048,
        "signature_algorithm": "sha256WithRSAEncryption",
        "expired": False,
        "self_signed": False,
        "hostname_matches": True,
        "trusted_with_lab_ca": True,
    }
    base.update(overrides)
    return base


def _client_pref(codes: list[str]) -> dict:
    return {"cipher_suites": sorted(codes, key=lambda c: int(c, 16)),
            "server_preference": False}


def _server_pref(codes: list[str]) -> dict:
    return {"cipher_suites": list(codes), "server_preference": True,
            "preference_order": list(codes)}


def _names_to_codes(names: str, table: dict) -> list[str]:
    return [table[n] for n in names.split(":") if not n.startswith("@")]


# --------------------------------------------------------------------------
# openssl s_server endpoints.  "args" are the configuration-specific options;
# lab.py adds: s_server -www -quiet -accept HOST:PORT -cert -key, and
# "-dhparam FILE" when the definition names a "dhparam" (certs.DH_PARAM_SPECS).
# --------------------------------------------------------------------------

# Common profile for the certificate-focused endpoints: TLS 1.2 + 1.3, two
# pinned suites each, client preference, X25519 + P-256.
_STD_TLS13 = "TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384"
_STD_TLS12_RSA = "ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384"
_STD_TLS12_EC = "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384"
_STD_GROUPS = "X25519:P-256"
_STD_GROUP_NAMES = ["secp256r1", "x25519"]          # sorted by code point


def _std_openssl(cert: str, tls12: str, expect_cert: dict,
                 seclevel0: bool = False, groups: str = _STD_GROUPS,
                 group_names: list[str] = _STD_GROUP_NAMES) -> dict:
    cipher = tls12 + (":@SECLEVEL=0" if seclevel0 else "")
    return {
        "server": "openssl s_server", "cert": cert,
        "args": ["-min_protocol", "TLSv1.2", "-max_protocol", "TLSv1.3",
                 "-cipher", cipher, "-ciphersuites", _STD_TLS13,
                 "-groups", groups],
        "ready": {"tls": ["-tls1_3"]},
        "expect": {
            "protocols": {
                "TLSv1.2": _client_pref(_names_to_codes(tls12, OPENSSL_TLS12)),
                "TLSv1.3": _client_pref(_names_to_codes(_STD_TLS13, TLS13)),
            },
            "groups": {"TLSv1.2": list(group_names),
                       "TLSv1.3": list(group_names)},
            "certificate": expect_cert,
        },
    }


def _accuracy_endpoints(d: dict) -> None:
    """Endpoints of issue 10's accuracy defects. "intolerances" (scanner
    contract): per entry the kind, the versions it must be reported for and,
    for hello_size, the largest TLS record length ("record_limit") the
    middlebox forwards: the scanner's "limit" (whole record, 5-byte header
    included) must be <= record_limit + 5 < its "refused_at"; for extension
    the extension code. "verify": "scanner_only" marks endpoints verify.py
    does not re-derive (their refusals are what the scanner must see
    through)."""
    # 17. TLS 1.3 server that closes the connection on status_request.
    d["ext_status_request_close"] = {
        "server": "python", "cert": "localhost", "verify": "scanner_only",
        "expect": {
            "protocols": {"TLSv1.3": _server_pref(["0x1302", "0x1301"])},
            "intolerances": [{"kind": "extension", "versions": ["TLSv1.3"],
                              "extension": "0x0005"}],
        },
    }
    # 18. TLS 1.1 only, a SHA-256 suite (registry: TLS 1.2 only) accepted:
    #     TLS_RSA_WITH_AES_128_CBC_SHA256 0x003C before TLS_RSA_WITH_AES_128_CBC_SHA 0x002F.
    d["tls11_sha256"] = {
        "server": "python", "cert": "localhost", "verify": "scanner_only",
        "expect": {"protocols": {"TLSv1.1": _server_pref(["0x003C", "0x002F"])},
                   "certificate": _cert()},
    }
    # 19. SSLv3 only with an ECDHE suite: TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA
    #     0xC013 before TLS_RSA_WITH_3DES_EDE_CBC_SHA 0x000A.
    d["sslv3_ecdhe"] = {
        "server": "python", "cert": "localhost", "verify": "scanner_only",
        "expect": {"protocols": {"SSLv3": _server_pref(["0xC013", "0x000A"])},
                   "certificate": _cert()},
    }
    # 20. TLS 1.2 only, private-use suite 0xFF42 (in no registry) before
    #     TLS_RSA_WITH_AES_128_GCM_SHA256 0x009C.
    d["private_suite"] = {
        "server": "python", "cert": "localhost", "verify": "scanner_only",
        "expect": {"protocols": {"TLSv1.2": _server_pref(["0xFF42", "0x009C"])},
                   "certificate": _cert()},
    }
    # 21. TLS 1.2, DHE only, and only for clients listing an FFDHE group:
    #     TLS_DHE_RSA_WITH_AES_256_GCM_SHA384 0x009F before ..._128_... 0x009E.
    d["dhe_needs_ffdhe"] = {
        "server": "python", "cert": "localhost", "verify": "scanner_only",
        "expect": {"protocols": {"TLSv1.2": _server_pref(["0x009F", "0x009E"])},
                   "dh_bits": {"TLSv1.2": 2048}, "certificate": _cert()},
    }
    # 22. Real wolfSSL 5.5 (wolfssl_server.c): alert decode_error to a hello
    #     with more than 150 suites. Server order (wolfSSL's default):
    #     ECDHE-RSA-CHACHA20-POLY1305 0xCCA8, ECDHE-RSA-AES128-GCM-SHA256
    #     0xC02F, ECDHE-RSA-AES256-SHA 0xC014; TLS 1.3 0x1301, 0x1302.
    d["suite_count_wolfssl"] = {
        "server": "wolfssl", "cert": "localhost", "verify": "scanner_only",
        "ciphers": ("TLS13-AES128-GCM-SHA256:TLS13-AES256-GCM-SHA384:"
                    "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256:"
                    "ECDHE-RSA-AES256-SHA"),
        "expect": {
            "protocols": {"TLSv1.2": _server_pref(["0xCCA8", "0xC02F", "0xC014"]),
                          "TLSv1.3": _server_pref(["0x1301", "0x1302"])},
            "intolerances": [{"kind": "suite_count", "versions": ["TLSv1.2"]}],
            "certificate": _cert(),
        },
    }
    # 23./24. The standard openssl profile behind a middlebox that drops
    #     ClientHello records longer than 255 bytes (with an RST) / 512 bytes
    #     (silently: the client times out). 255 hides every version from a
    #     padded hello; 512 only TLS 1.2 (the TLS 1.3 hello is padded to 512).
    for name, limit, mode, versions in (
            ("hello_size_255", 255, "reset", ["TLSv1.2", "TLSv1.3"]),
            ("hello_size_512", 512, "silent", ["TLSv1.2"])):
        base = _std_openssl("localhost", _STD_TLS12_RSA, _cert())
        base["proxy"] = {"limit": limit, "mode": mode}
        base["verify"] = "scanner_only"
        base["expect"]["intolerances"] = [{"kind": "hello_size", "versions": versions,
                                           "record_limit": limit}]
        del base["expect"]["groups"]          # group probes send full-size hellos
        d[name] = base


def _client_impact_endpoints(d: dict) -> None:
    """Endpoints of issue 13's client impact: servers some clients cannot
    meet although the server itself is healthy. "sni_required": true means a
    hello without server_name gets a fatal alert ("sni_alert", its
    description name) while the same hello naming the endpoint's sni
    completes; verify.py re-checks both."""
    # 25. TLS 1.2 only, CBC suites only (no AEAD), client preference:
    #     TLS_RSA_WITH_AES_256_CBC_SHA 0x0035, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256
    #     0xC027. A client that requires AEAD (a hardened Python requests)
    #     has no suite in common; every 2010-era client connects.
    tls12 = "ECDHE-RSA-AES128-SHA256:AES256-SHA"
    d["cbc_only"] = {
        "server": "openssl s_server", "cert": "localhost",
        "args": ["-min_protocol", "TLSv1.2", "-max_protocol", "TLSv1.2",
                 "-cipher", tls12, "-groups", "X25519:P-256"],
        "ready": {"tls": ["-tls1_2"]},
        "expect": {
            "protocols": {"TLSv1.2": _client_pref(_names_to_codes(tls12, OPENSSL_TLS12))},
            "groups": {"TLSv1.2": ["secp256r1", "x25519"]},
            "certificate": _cert(),
        },
    }
    # 25b. TLS 1.2 only, CBC suites with a SHA-1 MAC only, as many 2010-era
    #     appliances still serve: TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA 0xC013,
    #     TLS_RSA_WITH_AES_256_CBC_SHA 0x0035. Python requests fails here:
    #     CPython 3.10+'s default cipher string ends in !SHA1 (Modules/_ssl.c
    #     PY_SSL_DEFAULT_CIPHER_STRING), so it offers neither; OpenSSL 3.x
    #     clients, browsers and Java 8+ connect.
    tls12_sha1 = "ECDHE-RSA-AES128-SHA:AES256-SHA"
    d["cbc_sha1_only"] = {
        "server": "openssl s_server", "cert": "localhost",
        "args": ["-min_protocol", "TLSv1.2", "-max_protocol", "TLSv1.2",
                 "-cipher", tls12_sha1, "-groups", "X25519:P-256"],
        "ready": {"tls": ["-tls1_2"]},
        "expect": {
            "protocols": {"TLSv1.2": _client_pref(_names_to_codes(tls12_sha1, OPENSSL_TLS12))},
            "groups": {"TLSv1.2": ["secp256r1", "x25519"]},
            "certificate": _cert(),
        },
    }
    # 26. python ssl (sni_required_server.py): TLS 1.0 - 1.2, client
    #     preference, TLS 1.0/1.1: 0x002F (AES128-SHA), 0xC013
    #     (ECDHE-RSA-AES128-SHA); TLS 1.2 also 0xC02F; group P-256 only.
    #     A hello without server_name (or naming another host) gets a fatal
    #     unrecognized_name alert (112): Android 2.3 and IE on XP, which send
    #     no SNI, fail here although they share a version and a suite.
    legacy = ["0x002F", "0xC013"]
    d["sni_required"] = {
        "server": "python", "cert": "localhost",
        "expect": {
            "protocols": {"TLSv1.0": _client_pref(legacy),
                          "TLSv1.1": _client_pref(legacy),
                          "TLSv1.2": _client_pref(legacy + ["0xC02F"])},
            "groups": {"TLSv1.0": ["secp256r1"], "TLSv1.1": ["secp256r1"],
                       "TLSv1.2": ["secp256r1"]},
            "sni_required": True, "sni_alert": "unrecognized_name",
            "certificate": _cert(),
        },
    }


    # 27. DHE with a 1024-bit group (RFC 5114 dh_1024_160) for the clients of
    #     2006-2013: TLS 1.0 - 1.2, client preference, the CBC DHE suites Java
    #     6/7 offer: TLS_DHE_RSA_WITH_AES_128_CBC_SHA 0x0033,
    #     TLS_DHE_RSA_WITH_AES_256_CBC_SHA 0x0039 (dhe_1024 is TLS 1.2 GCM
    #     only, which Java 6/7 cannot reach). Java 6 and 7 accept the prime
    #     (their limit is 1024 bits), OpenSSL 3.x refuses it (dh_too_small).
    #     OpenSSL also takes the SSLv2-compatible CLIENT-HELLO Java 6 sends.
    tls12 = "DHE-RSA-AES128-SHA:DHE-RSA-AES256-SHA"
    legacy_dhe = _names_to_codes(tls12, OPENSSL_TLS12)
    d["dhe_1024_legacy"] = {
        "server": "openssl s_server", "cert": "localhost", "dhparam": "dh1024",
        "args": ["-min_protocol", "TLSv1", "-max_protocol", "TLSv1.2",
                 "-cipher", tls12 + ":@SECLEVEL=0"],
        "ready": {"tls": ["-tls1_2"]},
        "expect": {
            "protocols": {v: _client_pref(legacy_dhe)
                          for v in ("TLSv1.0", "TLSv1.1", "TLSv1.2")},
            "dh_bits": {v: 1024 for v in ("TLSv1.0", "TLSv1.1", "TLSv1.2")},
            "certificate": _cert(),
        },
    }


def definitions() -> dict[str, dict]:
    """name -> definition (server kind, cert, config args, expect)."""
    d: dict[str, dict] = {}

    # 1. TLS 1.3 only, two suites, client preference, X25519 + P-256.
    d["tls13_only"] = {
        "server": "openssl s_server", "cert": "localhost",
        "args": ["-min_protocol", "TLSv1.3", "-max_protocol", "TLSv1.3",
                 "-ciphersuites",
                 "TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256",
                 "-groups", "X25519:P-256"],
        "ready": {"tls": ["-tls1_3"]},
        "expect": {
            "protocols": {"TLSv1.3": _client_pref(["0x1302", "0x1303"])},
            "groups": {"TLSv1.3": ["secp256r1", "x25519"]},
            "certificate": _cert(),
        },
    }

    # 2. TLS 1.2 + 1.3 with server preference, deliberately odd orders.
    tls12 = ("ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES256-GCM-SHA384:"
             "ECDHE-RSA-CHACHA20-POLY1305:ECDHE-RSA-AES128-GCM-SHA256:"
             "ECDHE-RSA-AES256-SHA384")
    tls13 = ("TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256:"
             "TLS_AES_256_GCM_SHA384")
    d["tls12_13_server_pref"] = {
        "server": "openssl s_server", "cert": "localhost",
        "args": ["-min_protocol", "TLSv1.2", "-max_protocol", "TLSv1.3",
                 "-serverpref", "-cipher", tls12, "-ciphersuites", tls13,
                 "-groups", "P-384:X25519"],
        "ready": {"tls": ["-tls1_3"]},
        "expect": {
            "protocols": {
                # C013, C030, CCA8, C02F, C028 in exactly this server order
                "TLSv1.2": _server_pref(_names_to_codes(tls12, OPENSSL_TLS12)),
                # 1303, 1301, 1302
                "TLSv1.3": _server_pref(_names_to_codes(tls13, TLS13)),
            },
            "groups": {"TLSv1.2": ["secp384r1", "x25519"],
                       "TLSv1.3": ["secp384r1", "x25519"]},
            "certificate": _cert(),
        },
    }

    # 3. TLS 1.0 - 1.2, client preference.  GCM/SHA256 suites exist only in
    #    TLS 1.2, so TLS 1.0/1.1 accept just the three SHA-1 CBC suites.
    tls12 = ("ECDHE-RSA-AES256-GCM-SHA384:ECDHE-RSA-AES128-SHA:AES256-SHA:"
             "AES128-SHA256:ECDHE-RSA-AES256-SHA")
    legacy = ["0xC013", "0x0035", "0xC014"]
    d["tls10_12_client_pref"] = {
        "server": "openssl s_server", "cert": "localhost",
        "args": ["-min_protocol", "TLSv1", "-max_protocol", "TLSv1.2",
                 "-cipher", tls12 + ":@SECLEVEL=0", "-groups", "X25519:P-256"],
        "ready": {"tls": ["-tls1_2"]},
        "expect": {
            "protocols": {
                "TLSv1.0": _client_pref(legacy),
                "TLSv1.1": _client_pref(legacy),
                # C030, C013, 0035, 003C, C014
                "TLSv1.2": _client_pref(_names_to_codes(tls12, OPENSSL_TLS12)),
            },
            "groups": {"TLSv1.0": ["secp256r1", "x25519"],
                       "TLSv1.1": ["secp256r1", "x25519"],
                       "TLSv1.2": ["secp256r1", "x25519"]},
            "certificate": _cert(),
        },
    }

    # 4. gnutls-serv, TLS 1.0 only, RSA key exchange with 3DES / RC4 only:
    #    TLS_RSA_WITH_RC4_128_MD5 0x0004, TLS_RSA_WITH_RC4_128_SHA 0x0005,
    #    TLS_RSA_WITH_3DES_EDE_CBC_SHA 0x000A.  GnuTLS default = client pref.
    d["tls10_legacy_3des_rc4"] = {
        "server": "gnutls-serv", "cert": "localhost",
        "priority": ("NONE:+VERS-TLS1.0:+3DES-CBC:+ARCFOUR-128:+RSA:+SHA1:"
                     "+MD5:+COMP-NULL:+SIGN-ALL"),
        "expect": {
            "protocols": {"TLSv1.0": _client_pref(["0x0004", "0x0005",
                                                   "0x000A"])},
            "certificate": _cert(),
        },
    }

    # 5. gnutls-serv, TLS 1.2 only, CAMELLIA-GCM only, server precedence.
    #    TLS_ECDHE_RSA_WITH_CAMELLIA_256_GCM_SHA384 0xC08B,
    #    TLS_ECDHE_RSA_WITH_CAMELLIA_128_GCM_SHA256 0xC08A,
    #    TLS_RSA_WITH_CAMELLIA_256_GCM_SHA384 0xC07B,
    #    TLS_RSA_WITH_CAMELLIA_128_GCM_SHA256 0xC07A
    #    (GnuTLS orders by key exchange first, then cipher, as listed).
    d["camellia_gcm"] = {
        "server": "gnutls-serv", "cert": "localhost",
        "priority": ("NONE:+VERS-TLS1.2:+CAMELLIA-256-GCM:+CAMELLIA-128-GCM:"
                     "+ECDHE-RSA:+RSA:+AEAD:+COMP-NULL:+SIGN-ALL:"
                     "+GROUP-SECP256R1:+GROUP-X25519:%SERVER_PRECEDENCE"),
        "expect": {
            "protocols": {"TLSv1.2": _server_pref(
                ["0xC08B", "0xC08A", "0xC07B", "0xC07A"])},
            "groups": {"TLSv1.2": ["secp256r1", "x25519"]},
            "certificate": _cert(),
        },
    }

    # 6. Lab-CA cert whose validity ended 2021-01-01.
    d["expired_cert"] = _std_openssl("expired", _STD_TLS12_RSA,
                                     _cert(expired=True))

    # 7. 1024-bit RSA, SHA-1 signed (server needs @SECLEVEL=0 to load it).
    d["rsa1024_sha1"] = _std_openssl(
        "rsa1024_sha1", _STD_TLS12_RSA,
        _cert(key_bits=1024, signature_algorithm="sha1WithRSAEncryption"),
        seclevel0=True)

    # 8. Lab-CA cert for another name, scanned with SNI localhost.
    d["wrong_hostname"] = _std_openssl(
        "wrong_hostname", _STD_TLS12_RSA,
        _cert(subject_cn="wrong.example.invalid",
              san=["DNS:wrong.example.invalid"], hostname_matches=False))

    # 9. Self-signed ECDSA P-256 cert (not from the lab CA), ECDSA suites.
    #    Groups pinned to P-256 alone: in TLS <= 1.2 OpenSSL (RFC 4492) also
    #    requires the certificate's curve in the client's supported_groups,
    #    so with X25519:P-256 a client offering only x25519 would be refused
    #    although x25519 is configured -- ambiguous; P-256 only is exact.
    d["self_signed"] = _std_openssl(
        "self_signed_ec", _STD_TLS12_EC,
        _cert(key_type="EC", key_bits=256,
              signature_algorithm="ecdsa-with-SHA256", self_signed=True,
              trusted_with_lab_ca=False),
        groups="P-256", group_names=["secp256r1"])

    # 10. SMTP + STARTTLS, python ssl.  smtp_server.py pins: TLS 1.2 + 1.3,
    #     TLS 1.2 suites ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384,
    #     TLS 1.3 = OpenSSL's default three (python cannot change them; the
    #     server refuses to start if they differ), client preference,
    #     the single group P-256 (set_ecdh_curve) for both versions.
    d["smtp_starttls"] = {
        "server": "python", "cert": "localhost", "starttls": "smtp",
        "expect": {
            "protocols": {
                "TLSv1.2": _client_pref(["0xC02F", "0xC030"]),
                "TLSv1.3": _client_pref(["0x1301", "0x1302", "0x1303"]),
            },
            "groups": {"TLSv1.2": ["secp256r1"], "TLSv1.3": ["secp256r1"]},
            "certificate": _cert(),
        },
    }

    # 11. Hostile endpoints (hostile_server.py, one process).
    for name, err in (("hostile_refused", "connection_refused"),
                      ("hostile_silent", "timeout"),
                      ("hostile_http", "not_tls"),
                      ("hostile_garbage", "not_tls"),
                      ("hostile_reset", "connection_reset")):
        d[name] = {"server": "python", "expect": {"error": err}}

    # 11b. Tarpits: bytes paced so that a per-byte timeout never fires.  The
    #      suite a TLS 1.2 tarpit picks is the first one offered, so only the
    #      version is pinned.
    budget = {"timeout": 2, "endpoint_timeout": 4}
    for name, err, accepted in (
            ("tarpit_drip", "timeout", []),
            ("tarpit_slow_hello", "timeout", []),
            ("tarpit_fragmented_cert", "flight_limit_exceeded", ["TLSv1.2"]),
            ("tarpit_slow_accept", "endpoint_timeout", ["TLSv1.2"])):
        d[name] = {"server": "python", "expect": {
            "error": err, "budget": dict(budget), "accepted": accepted}}

    # 12. IPv6 loopback only, TLS 1.2 only, two suites, server preference
    #     with the weaker RSA-kx suite first: 0x009C then 0xC030.
    tls12 = "AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384"
    d["ipv6_tls12"] = {
        "server": "openssl s_server", "cert": "localhost", "ipv6": True,
        "args": ["-min_protocol", "TLSv1.2", "-max_protocol", "TLSv1.2",
                 "-serverpref", "-cipher", tls12, "-groups", "X25519:P-256"],
        "ready": {"tls": ["-tls1_2"]},
        "expect": {
            "protocols": {"TLSv1.2": _server_pref(
                _names_to_codes(tls12, OPENSSL_TLS12))},
            "groups": {"TLSv1.2": ["secp256r1", "x25519"]},
            "certificate": _cert(),
        },
    }

    # 13. DHE only, TLS 1.2 only, explicit 2048-bit DH group (RFC 7919
    #     ffdhe2048 via -dhparam), client preference:
    #     TLS_DHE_RSA_WITH_AES_128_GCM_SHA256 0x009E,
    #     TLS_DHE_RSA_WITH_AES_256_GCM_SHA384 0x009F.  No ECDHE suite, so no
    #     "groups"; OpenSSL 3.0 ignores ffdhe entries in a TLS 1.2 client's
    #     supported_groups and always sends the configured -dhparam group.
    tls12 = "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384"
    d["dhe_2048"] = {
        "server": "openssl s_server", "cert": "localhost", "dhparam": "dh2048",
        "args": ["-min_protocol", "TLSv1.2", "-max_protocol", "TLSv1.2",
                 "-cipher", tls12],
        "ready": {"tls": ["-tls1_2"]},
        "expect": {
            "protocols": {"TLSv1.2": _client_pref(
                _names_to_codes(tls12, OPENSSL_TLS12))},
            "dh_bits": {"TLSv1.2": 2048},
            "certificate": _cert(),
        },
    }

    # 14. Same with a 1024-bit DH group (RFC 5114 2.1, dh_1024_160) and server
    #     preference, 0x009F before 0x009E.  @SECLEVEL=0: at the default
    #     level s_server refuses to load a 1024-bit group ("dh key too small").
    tls12 = "DHE-RSA-AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256"
    d["dhe_1024"] = {
        "server": "openssl s_server", "cert": "localhost", "dhparam": "dh1024",
        "args": ["-min_protocol", "TLSv1.2", "-max_protocol", "TLSv1.2",
                 "-serverpref", "-cipher", tls12 + ":@SECLEVEL=0"],
        "ready": {"tls": ["-tls1_2"]},
        "expect": {
            "protocols": {"TLSv1.2": _server_pref(
                _names_to_codes(tls12, OPENSSL_TLS12))},
            "dh_bits": {"TLSv1.2": 1024},
            "certificate": _cert(),
        },
    }

    # 15. Scripted SSLv3 server (scripted_tls_server.py): SSLv3 only,
    #     TLS_RSA_WITH_3DES_EDE_CBC_SHA 0x000A preferred over
    #     TLS_RSA_WITH_RC4_128_SHA 0x0005 (server order), RSA key exchange
    #     (no groups, no dh_bits); TLS hellos get an SSLv3 ServerHello (RFC 6101 E.1).
    #     Sends the "localhost" leaf in its Certificate message.
    d["sslv3_scripted"] = {
        "server": "python", "cert": "localhost",
        "expect": {
            "protocols": {"SSLv3": _server_pref(["0x000A", "0x0005"])},
            "certificate": _cert(),
        },
    }

    # 16. Scripted SSLv2 server: SERVER-HELLO with SSL_CK_RC4_128_WITH_MD5
    #     0x010080 and SSL_CK_DES_192_EDE3_CBC_WITH_MD5 0x0700C0; every
    #     SSLv3/TLS hello gets a handshake_failure alert.
    d["sslv2_scripted"] = {
        "server": "python", "cert": "localhost",
        "expect": {
            "protocols": {"SSLv2": {
                "cipher_suites": [],
                "cipher_specs": sorted(SSLV2_KINDS.values(),
                                       key=lambda c: int(c, 16))}},
        },
    }

    _accuracy_endpoints(d)
    _client_impact_endpoints(d)
    assert tuple(d) == ALL_NAMES, (tuple(d), ALL_NAMES)
    return d
