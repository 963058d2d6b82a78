"""Check a running lab against its own manifest (one job: prove "expect").

    python3 tests/lab/verify.py --dir DIR [--only a,b] [-v]
    (or: python3 tests/lab/lab.py verify --dir DIR)

For every endpoint in DIR/lab.json:

* protocols: a raw ClientHello (probe.py) per version SSLv3 .. TLSv1.3 with
  every cipher suite code point; a version counts as accepted only when the
  ServerHello answers with exactly that version;
* cipher suites: elimination (offer all ~520 code points, remove the one the
  server picked, repeat until it refuses) gives the exact accepted set;
* preference: every ordered pair of accepted suites is offered both ways;
  client preference = the client's first is always picked; server
  preference = same pick both ways, and the resulting order must equal
  "preference_order";
* groups: per version, every IANA group offered alone (TLS 1.3: empty
  key_share so the server must name the group in a HelloRetryRequest;
  TLS <= 1.2: only the ECDHE suites, group read from ServerKeyExchange);
* real handshakes with the CLI tools: every accepted (version, suite) and
  every expected group completes a full handshake with ``openssl s_client``
  (or ``gnutls-cli`` for suites OpenSSL lacks), every refused version fails
  with the CLI tool as well;
* dh_bits: every accepted DHE suite offered alone, with four different
  supported_groups lists; the DH prime size in the ServerKeyExchange must be
  the same every time and equal "dh_bits" (and ``openssl s_client`` must
  report the same "Temp Key" size); a version with DHE suites but no
  "dh_bits" (or the reverse) is an error;
* SSLv2: one SSLv2 CLIENT-HELLO (every SSLv2 cipher kind plus every TLS
  suite as 0x00XXYY) per endpoint; only endpoints listing "SSLv2" may answer
  with a SERVER-HELLO, whose specs must equal "cipher_specs" /
  "cipher_suites"; each SSLv2 kind is also offered alone;
* SSLv3: no local CLI speaks it, so instead of a CLI handshake the probe
  must read a complete first flight (ServerHello, Certificate,
  ServerHelloDone) for every accepted suite;
* certificate: fetched with the CLI tool (from the SSLv3 Certificate message
  or the SSLv2 SERVER-HELLO when no TLS version is accepted) and evaluated
  with ``openssl x509`` / ``openssl verify``;
* scripted endpoints (scripted_tls_server.py): a hello delivered in small
  pieces (and, for SSLv3, split over two records) is still answered,
  garbage is closed without a reply, dropped half hellos do not hurt, and
  a client that continues after the SSLv3 flight gets handshake_failure;
* hostile endpoints: the probe's transport outcome must be the expected
  error.

Exit status 0 when everything matches, 1 otherwise.  Stdlib only.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as _dt
import json
import os
import re
import base64
import socket
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import probe as P  # noqa: E402

VERSION_ORDER = ["SSLv3", "TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"]
S_CLIENT_VERSION = {"TLSv1.0": "-tls1", "TLSv1.1": "-tls1_1",
                    "TLSv1.2": "-tls1_2", "TLSv1.3": "-tls1_3"}
GNUTLS_VERSION = {"TLSv1.0": "VERS-TLS1.0", "TLSv1.1": "VERS-TLS1.1",
                  "TLSv1.2": "VERS-TLS1.2", "TLSv1.3": "VERS-TLS1.3"}
OPENSSL_GROUP = {"x25519": "X25519", "x448": "X448", "secp256r1": "P-256",
                 "secp384r1": "P-384", "secp521r1": "P-521",
                 "ffdhe2048": "ffdhe2048", "ffdhe3072": "ffdhe3072",
                 "ffdhe4096": "ffdhe4096", "ffdhe6144": "ffdhe6144",
                 "ffdhe8192": "ffdhe8192"}
# Suites OpenSSL 3 lacks -> GnuTLS priority components
GNUTLS_SUITES = {
    0x0004: "+RSA:+ARCFOUR-128:+MD5",
    0x0005: "+RSA:+ARCFOUR-128:+SHA1",
    0x000A: "+RSA:+3DES-CBC:+SHA1",
    0xC07A: "+RSA:+CAMELLIA-128-GCM:+AEAD",
    0xC07B: "+RSA:+CAMELLIA-256-GCM:+AEAD",
    0xC08A: "+ECDHE-RSA:+CAMELLIA-128-GCM:+AEAD",
    0xC08B: "+ECDHE-RSA:+CAMELLIA-256-GCM:+AEAD",
}
ERROR_OF_STATUS = {"refused": "connection_refused", "timeout": "timeout",
                   "not_tls": "not_tls", "reset": "connection_reset"}
KNOWN_PROTOCOLS = ["SSLv2"] + VERSION_ORDER
# RFC 8446 section 6 / RFC 6066 section 3: the alerts an "expect" may name
ALERT_CODES = {"handshake_failure": 40, "unrecognized_name": 112}
SSLV2_KINDS = sorted(P.SSLV2_CIPHER_KINDS) + list(P.SSLV2_EXTRA_KINDS)
# supported_groups variants a DHE server's prime size must not depend on
DH_GROUP_VARIANTS = (("default groups", None),
                     ("EC groups only", [P.GROUPS["x25519"], P.GROUPS["secp256r1"]]),
                     ("ffdhe2048 only", [P.GROUPS["ffdhe2048"]]),
                     ("ffdhe4096 only", [P.GROUPS["ffdhe4096"]]))


def _openssl_names() -> dict[int, str]:
    out = subprocess.run(["openssl", "ciphers", "-V",
                          "ALL:COMPLEMENTOFALL:@SECLEVEL=0"],
                         capture_output=True, text=True, check=True).stdout
    names = {}
    for m in re.finditer(r"0x([0-9A-F]{2}),0x([0-9A-F]{2}) - (\S+)", out):
        names[int(m.group(1) + m.group(2), 16)] = m.group(3)
    return names


OPENSSL_NAMES = _openssl_names()


def _der_to_pem(der: bytes) -> str:
    b64 = base64.b64encode(der).decode()
    return ("-----BEGIN CERTIFICATE-----\n" +
            "\n".join(b64[i:i + 64] for i in range(0, len(b64), 64)) +
            "\n-----END CERTIFICATE-----\n")


def _run(cmd: list[str], timeout: float = 10.0) -> tuple[int, str]:
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, text=True, timeout=timeout)
        return p.returncode, p.stdout
    except subprocess.TimeoutExpired:
        return -1, "timeout"


class Checker:
    def __init__(self, ep: dict, ca_file: str, verbose: bool):
        self.ep = ep
        self.ca = ca_file
        self.verbose = verbose
        self.errors: list[str] = []
        self.notes: list[str] = []
        self.kw = {"sni": ep.get("sni"), "starttls": ep.get("starttls")}
        self.kx_dh: dict[tuple[str, int], int | None] = {}   # (version, suite) -> DH bits
        self.probe_cert: bytes | None = None   # DER seen by the SSLv3/SSLv2 probes

    # -- helpers -----------------------------------------------------------
    def fail(self, msg: str) -> None:
        self.errors.append(msg)

    def note(self, msg: str) -> None:
        self.notes.append(msg)

    def probe(self, version, suites, groups=None, **kw):
        args = dict(self.kw)
        args.update(kw)
        return P.probe(self.ep["host"], self.ep["port"], version, suites,
                       groups, **args)

    def universe(self, version: str) -> list[int]:
        return list(P.TLS13_SUITES) if version == "TLSv1.3" else list(P.LEGACY_SUITES)

    def accepted(self, r, version: str) -> bool:
        return r.status in ("server_hello", "hrr") and r.get("version") == version

    # -- protocol / suites ---------------------------------------------------
    def enumerate_suites(self, version: str) -> tuple[list[int], dict]:
        offer = self.universe(version)
        picked, kx_group = [], {}
        while offer:
            r = self.probe(version, offer, want_ske=(version != "TLSv1.3"))
            if not self.accepted(r, version):
                break
            c = r["cipher"]
            if c not in offer:
                self.fail("%s: server picked 0x%04X which was not offered"
                          % (version, c))
                break
            picked.append(c)
            kx_group[c] = r.get("group")
            self.kx_dh[(version, c)] = r.get("dh_bits")
            offer.remove(c)
        return picked, kx_group

    def preference(self, version: str, suites: list[int]):
        """-> ('client'|'server'|'mixed', server order or None)"""
        if len(suites) < 2:
            return "single", list(suites)
        client_like, server_like = True, True
        wins = {c: 0 for c in suites}
        for i, a in enumerate(suites):
            for b in suites[i + 1:]:
                r1 = self.probe(version, [a, b])
                r2 = self.probe(version, [b, a])
                p1, p2 = r1.get("cipher"), r2.get("cipher")
                if not (p1 == a and p2 == b):
                    client_like = False
                if p1 != p2 or p1 not in (a, b):
                    server_like = False
                elif p1 is not None:
                    wins[p1] += 1
        if client_like:
            return "client", None
        if server_like:
            order = sorted(suites, key=lambda c: -wins[c])
            counts = sorted(wins.values(), reverse=True)
            if counts != list(range(len(suites) - 1, -1, -1)):
                return "mixed", order
            return "server", order
        return "mixed", None

    # -- groups ----------------------------------------------------------------
    def groups_for(self, version: str, ecdhe_suites: list[int]) -> list[str]:
        found = []
        for name, gid in sorted(P.GROUPS.items(), key=lambda kv: kv[1]):
            if version == "TLSv1.3":
                r = self.probe(version, list(P.TLS13_SUITES), [gid],
                               key_share=False)
                if r.status == "hrr" and r.get("group") == gid:
                    found.append(name)
                elif r.status == "server_hello":
                    self.fail("TLSv1.3 group %s: ServerHello to an empty "
                              "key_share" % name)
            else:
                if not ecdhe_suites:
                    return []
                r = self.probe(version, ecdhe_suites, [gid], want_ske=True)
                if self.accepted(r, version) and r.get("group") == gid:
                    found.append(name)
                elif self.accepted(r, version):
                    self.fail("%s group %s: handshake with group %r"
                              % (version, name, r.get("group")))
        return found

    # -- CLI handshakes ----------------------------------------------------------
    def s_client(self, extra: list[str]) -> tuple[bool, str]:
        host = self.ep["host"]
        hp = "[%s]:%d" % (host, self.ep["port"]) if ":" in host else \
            "%s:%d" % (host, self.ep["port"])
        cmd = ["openssl", "s_client", "-connect", hp, "-brief",
               "-servername", self.ep["sni"], "-CAfile", self.ca]
        if self.ep.get("starttls"):
            cmd += ["-starttls", self.ep["starttls"]]
        rc, out = _run(cmd + extra)
        return rc == 0 and "Protocol version:" in out, out

    def gnutls_cli(self, priority: str, extra=()) -> tuple[bool, str]:
        cmd = ["gnutls-cli", "--insecure", "--sni-hostname", self.ep["sni"],
               "--priority", priority, "--port", str(self.ep["port"]),
               *extra, self.ep["host"]]
        if self.ep.get("starttls"):
            cmd.insert(1, "--starttls-proto=" + self.ep["starttls"])
        rc, out = _run(cmd)
        return rc == 0 and "Handshake was completed" in out, out

    def cli_handshake(self, version: str, code: int) -> tuple[bool, str, str]:
        if code in GNUTLS_SUITES:
            prio = "NONE:+%s:%s:+COMP-NULL:+SIGN-ALL:+GROUP-ALL" % (
                GNUTLS_VERSION[version], GNUTLS_SUITES[code])
            ok, out = self.gnutls_cli(prio)
            return ok, out, "gnutls-cli"
        name = OPENSSL_NAMES.get(code)
        if name is None:
            return False, "no CLI tool knows 0x%04X" % code, "-"
        if version == "TLSv1.3":
            extra = ["-tls1_3", "-ciphersuites", name]
        else:
            extra = [S_CLIENT_VERSION[version], "-cipher", name + ":@SECLEVEL=0"]
        ok, out = self.s_client(extra)
        if ok:
            m = re.search(r"Ciphersuite: (\S+)", out)
            if not m or m.group(1) != name:
                return False, out, "openssl s_client"
        return ok, out, "openssl s_client"

    def cli_version_refused(self, version: str) -> bool:
        if version == "SSLv3":
            return True      # neither local CLI can speak SSLv3; probe only
        if self.ep["server"] == "gnutls-serv":
            ok, _ = self.gnutls_cli("NORMAL:-VERS-ALL:+%s:+ARCFOUR-128:+3DES-CBC:"
                                    "+CAMELLIA-128-GCM:+CAMELLIA-256-GCM:+RSA:"
                                    "+MD5:+SHA1:+AEAD" % GNUTLS_VERSION[version])
            return not ok
        extra = [S_CLIENT_VERSION[version]]
        if version != "TLSv1.3":
            extra += ["-cipher", "ALL:COMPLEMENTOFALL:@SECLEVEL=0"]
        ok, _ = self.s_client(extra)
        return not ok

    def cli_group(self, version: str, group: str) -> bool:
        if self.ep["server"] == "gnutls-serv":
            gname = {"x25519": "X25519", "secp256r1": "SECP256R1",
                     "secp384r1": "SECP384R1", "secp521r1": "SECP521R1",
                     "x448": "X448"}[group]
            ok, _ = self.gnutls_cli(
                "NORMAL:-VERS-ALL:+%s:+CAMELLIA-128-GCM:+CAMELLIA-256-GCM:"
                "-RSA:-GROUP-ALL:+GROUP-%s" % (GNUTLS_VERSION[version], gname))
            return ok
        extra = [S_CLIENT_VERSION[version], "-groups", OPENSSL_GROUP[group]]
        if version != "TLSv1.3":
            extra += ["-cipher", "kEECDH:@SECLEVEL=0"]
        ok, out = self.s_client(extra)
        return ok

    # -- DHE -------------------------------------------------------------------------
    def check_dh_bits(self, version: str, picked: list[int], want) -> None:
        dhe = [c for c in picked if self.kx_dh.get((version, c))]
        if not dhe:
            if want is not None:
                self.fail("%s: dh_bits %r expected but no DHE suite accepted"
                          % (version, want))
            return
        seen = {}
        for c in dhe:
            for label, groups in DH_GROUP_VARIANTS:
                r = self.probe(version, [c], groups, want_ske=True)
                if not self.accepted(r, version) or r.get("cipher") != c:
                    self.fail("%s DHE 0x%04X with %s: no handshake (%r)"
                              % (version, c, label, dict(r)))
                    continue
                seen["0x%04X/%s" % (c, label)] = r.get("dh_bits")
        sizes = sorted(set(seen.values()), key=str)
        if len(sizes) != 1:
            self.fail("%s: DH prime size is not constant: %s" % (version, seen))
            return
        got = sizes[0]
        if want is None:
            self.fail("%s accepts DHE suites %s (%s-bit DH) but expect has no "
                      "dh_bits" % (version, ["0x%04X" % c for c in dhe], got))
            return
        if got != want:
            self.fail("%s dh_bits: expected %r, probe saw %r" % (version, want, got))
        cli_ok = 0
        for c in dhe:
            name = OPENSSL_NAMES.get(c)
            if name is None or version not in S_CLIENT_VERSION or version == "TLSv1.3":
                continue
            ok, out = self.s_client([S_CLIENT_VERSION[version], "-cipher",
                                     name + ":@SECLEVEL=0"])
            m = re.search(r"(?:Server|Peer) Temp Key: DH, (\d+) bits", out)
            if not ok or not m or int(m.group(1)) != want:
                self.fail("%s dh_bits: openssl s_client with %s reports %s"
                          % (version, name, m.group(0) if m else "no DH temp key"))
            else:
                cli_ok += 1
        self.note("%s dh_bits %s for %d DHE suite(s) x %d group lists; "
                  "s_client agrees for %d" % (version, got, len(dhe),
                                             len(DH_GROUP_VARIANTS), cli_ok))

    # -- SSLv3 without a CLI -------------------------------------------------------
    def sslv3_flights(self, picked: list[int]) -> None:
        """No local CLI speaks SSLv3: require a complete, well-formed first
        flight (ServerHello, Certificate, [ServerKeyExchange,]
        ServerHelloDone, all in SSLv3 records) for every accepted suite."""
        bad = []
        for c in picked:
            r = self.probe("SSLv3", [c], want_cert=True)
            flight = r.get("flight", [])
            if not (self.accepted(r, "SSLv3") and r.get("cipher") == c
                    and r.get("record_version") == 0x0300
                    and flight[:2] == [2, 11] and flight[-1:] == [14]
                    and r.get("certs")):
                bad.append("0x%04X: %r" % (c, {k: v for k, v in r.items()
                                               if k != "certs"}))
            elif self.probe_cert is None:
                self.probe_cert = r["certs"][0]
        if bad:
            self.fail("SSLv3 first flight incomplete: %s" % bad)
        else:
            self.note("SSLv3: complete ServerHello/Certificate/ServerHelloDone "
                      "flight for %d suite(s) (no local CLI speaks SSLv3)"
                      % len(picked))

    # -- SSLv2 ---------------------------------------------------------------------
    def probe_v2(self, specs: list[int]):
        return P.probe_sslv2(self.ep["host"], self.ep["port"], specs,
                             starttls=self.ep.get("starttls"))

    @staticmethod
    def v2_accepted(r) -> bool:
        return r.status == "server_hello" and r.get("version") == "SSLv2"

    def check_sslv2(self, want) -> None:
        offer = SSLV2_KINDS + list(P.LEGACY_SUITES)      # TLS suites as 0x00XXYY
        r = self.probe_v2(offer)
        if want is None:
            if self.v2_accepted(r):
                self.fail("SSLv2: expected refused, got SERVER-HELLO with specs %s"
                          % [P.spec_str(s) for s in r["cipher_specs"]])
            else:
                self.note("SSLv2 refused (probe: %s%s)"
                          % (r.status, " %s" % r["alert"] if "alert" in r else ""))
            return
        if not self.v2_accepted(r):
            self.fail("SSLv2: expected SERVER-HELLO, probe got %r" % dict(r))
            return
        listed = r["cipher_specs"]
        if len(set(listed)) != len(listed) or not set(listed) <= set(offer):
            self.fail("SSLv2: SERVER-HELLO lists duplicate or unoffered specs %s"
                      % [P.spec_str(s) for s in listed])
        kinds = sorted(s for s in listed if s >> 16)
        suites = sorted(s for s in listed if not s >> 16)
        alone = []
        for k in SSLV2_KINDS:                  # each kind offered on its own
            r1 = self.probe_v2([k])
            if self.v2_accepted(r1):
                alone.append(k)
                if r1["cipher_specs"] != [k]:
                    self.fail("SSLv2: offered only %s, server listed %s"
                              % (P.spec_str(k),
                                 [P.spec_str(s) for s in r1["cipher_specs"]]))
        if alone != kinds:
            self.fail("SSLv2: kinds accepted alone %s != kinds listed %s"
                      % ([P.spec_str(s) for s in alone], [P.spec_str(s) for s in kinds]))
        r2 = self.probe_v2(list(P.LEGACY_SUITES))   # only TLS suites
        if self.v2_accepted(r2):
            suites = sorted(set(suites) | set(r2["cipher_specs"]))
        got_specs = [P.spec_str(s) for s in kinds]
        got_suites = [P.code_str(s) for s in suites]
        if got_specs != sorted(want.get("cipher_specs", []), key=lambda c: int(c, 16)):
            self.fail("SSLv2 cipher_specs: expected %s, got %s"
                      % (want.get("cipher_specs"), got_specs))
        if want.get("cipher_specs") != sorted(want.get("cipher_specs", []),
                                              key=lambda c: int(c, 16)):
            self.fail("SSLv2 cipher_specs not written sorted by code point")
        if got_suites != sorted(want.get("cipher_suites", []), key=lambda c: int(c, 16)):
            self.fail("SSLv2 cipher_suites: expected %s, got %s"
                      % (want.get("cipher_suites"), got_suites))
        for key in ("server_preference", "preference_order"):
            if key in want:
                self.fail("SSLv2: %s given, but SSLv2 has no server preference" % key)
        if r["session_id_hit"] != 0 or r["certificate_type"] != 1 \
                or not 16 <= len(r["connection_id"]) <= 32 or not r["certificate"]:
            self.fail("SSLv2 SERVER-HELLO fields: hit %d, cert type %d, "
                      "connection id %d bytes, certificate %d bytes"
                      % (r["session_id_hit"], r["certificate_type"],
                         len(r["connection_id"]), len(r["certificate"])))
        if self.probe_cert is None:
            self.probe_cert = r["certificate"]
        self.note("SSLv2 accepted: specs %s, TLS suites %s (each kind alone "
                  "checked)" % (got_specs, got_suites))

    # -- scripted-server robustness --------------------------------------------------
    def _raw(self, chunks: list[bytes], read, after=None, timeout: float = 5.0):
        """Send chunks (50 ms apart) on one connection, then read(reader);
        after(sock, reader) may continue the conversation."""
        sock = socket.create_connection((self.ep["host"], self.ep["port"]),
                                        timeout=timeout)
        try:
            for i, c in enumerate(chunks):
                if i:
                    time.sleep(0.05)
                sock.sendall(c)
            rd = P._Reader(sock)
            try:
                out = read(rd)
                return after(sock, rd) if after else out
            except EOFError:
                return P.ProbeResult(status="closed")
            except socket.timeout:
                return P.ProbeResult(status="timeout")
            except OSError:
                return P.ProbeResult(status="reset")
        finally:
            sock.close()

    def check_scripted_robustness(self, v3: bool) -> None:
        if v3:
            hello = P.client_hello("SSLv3", [0x0005, 0x000A])
            read = lambda rd: P._read_response(rd, False, True)   # noqa: E731
            good = lambda r: self.accepted(r, "SSLv3") and r.get("cipher") == 0x000A  # noqa: E731
        else:
            hello = P.sslv2_client_hello([0x0700C0])
            read = P._read_sslv2_response
            good = lambda r: self.v2_accepted(r) and r["cipher_specs"] == [0x0700C0]  # noqa: E731
        problems = []
        r = self._raw([hello[:1], hello[1:4], hello[4:9], hello[9:]], read)
        if not good(r):
            problems.append("hello in 4 pieces: %r" % r.get("status"))
        if v3:   # the ClientHello handshake message split over two records
            hs = hello[5:]
            recs = b"".join(b"\x16\x03\x00" + len(part).to_bytes(2, "big") + part
                            for part in (hs[:10], hs[10:]))
            r = self._raw([recs], read)
            if not good(r):
                problems.append("hello over two records: %r" % r.get("status"))

        def nothing(rd):
            data = rd.need(1)
            return P.ProbeResult(status="data", detail=data.hex())
        for label, junk in (("HTTP", b"GET / HTTP/1.0\r\n\r\n"),
                            ("alert record", b"\x15\x03\x00\x00\x02\x02\x28"),
                            ("bad lengths", hello[:5] + b"\x01\xff\xff\xff" + hello[9:])):
            r = self._raw([junk], nothing)
            if r.status != "closed":
                problems.append("%s garbage: expected silent close, got %r"
                                % (label, dict(r)))
        for _ in range(3):                       # clients that drop mid-hello
            with socket.create_connection((self.ep["host"], self.ep["port"]),
                                          timeout=3) as s:
                s.sendall(hello[:len(hello) // 2])
        r = self._raw([hello], read)
        if not good(r):
            problems.append("after dropped half hellos: %r" % r.get("status"))
        if v3:   # a client that goes on after ServerHelloDone
            def cont(sock, rd):
                sock.sendall(b"\x16\x03\x00\x00\x06\x10\x00\x00\x02\x00\x00")
                return P._read_response(rd, False)
            r = self._raw([hello], read, after=cont)
            if r.status != "alert" or r.get("alert") != [2, 40]:
                problems.append("data after the flight: expected alert [2, 40], "
                                "got %r" % dict(r))
        if v3:   # RFC 6101 E.1: a TLS hello gets the SSLv3 answer a real SSLv3-only server gives
            for version in ("TLSv1.0", "TLSv1.2"):
                r = self._raw([P.client_hello(version, [0x0005, 0x000A])], read)
                if not (self.accepted(r, "SSLv3") and r.get("cipher") == 0x000A):
                    problems.append("%s hello: expected an SSLv3 ServerHello, got %r"
                                    % (version, dict(r)))
        if problems:
            self.fail("scripted server robustness: %s" % "; ".join(problems))
        else:
            self.note("scripted server: split hello, record fragmentation, "
                      "garbage, dropped clients%s handled"
                      % (", post-flight data, SSLv3 answer to TLS hellos" if v3 else ""))

    # -- certificate ---------------------------------------------------------------
    def check_sni_required(self, protos: dict, alert_name) -> None:
        """Every accepted version: the same hello without server_name gets a
        fatal alert (the named one), and s_client -noservername fails."""
        want = ALERT_CODES.get(alert_name) if alert_name else None
        for version in protos:
            if version not in S_CLIENT_VERSION:
                continue
            r = self.probe(version, self.universe(version), sni=None)
            alert = r.get("alert") or [None, None]
            if r.status != "alert" or alert[0] != 2 or (want is not None and alert[1] != want):
                self.fail("%s without SNI: expected fatal alert %s, probe got %r"
                          % (version, alert_name, dict(r)))
            cmd = ["openssl", "s_client", "-connect", "%s:%d" % (self.ep["host"], self.ep["port"]),
                   "-noservername", "-CAfile", self.ca, "-brief", "-cipher", "ALL:@SECLEVEL=0",
                   S_CLIENT_VERSION[version]]
            _, out = _run(cmd)
            if "Protocol version:" in out:
                self.fail("%s: s_client -noservername completed a handshake" % version)
        self.note("no SNI: fatal alert %s for every version (probe and s_client)" % alert_name)

    def fetch_cert(self) -> str | None:
        with tempfile.NamedTemporaryFile("r", suffix=".pem", delete=False) as tf:
            path = tf.name
        try:
            if self.ep["server"] == "gnutls-serv":
                ok, out = self.gnutls_cli(
                    "NORMAL:+VERS-TLS1.0:+ARCFOUR-128:+3DES-CBC:+CAMELLIA-128-GCM:"
                    "+CAMELLIA-256-GCM:+RSA:+MD5:+SHA1",
                    ["--save-cert", path])
            else:
                host = self.ep["host"]
                ok, out = self.s_client(["-showcerts", "-cipher",
                                         "ALL:@SECLEVEL=0"])
                m = re.search(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----",
                              out, re.S)
                if m:
                    with open(path, "w") as fh:
                        fh.write(m.group(0) + "\n")
                ok = bool(m)
                if not ok:
                    # -brief hides the PEM; fetch again without it
                    hp = "[%s]:%d" % (host, self.ep["port"]) if ":" in host \
                        else "%s:%d" % (host, self.ep["port"])
                    cmd = ["openssl", "s_client", "-connect", hp, "-showcerts",
                           "-servername", self.ep["sni"], "-cipher",
                           "ALL:@SECLEVEL=0"]
                    if self.ep.get("starttls"):
                        cmd += ["-starttls", self.ep["starttls"]]
                    rc, out = _run(cmd)
                    m = re.search(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----",
                                  out, re.S)
                    if m:
                        with open(path, "w") as fh:
                            fh.write(m.group(0) + "\n")
                        ok = True
            if not ok:
                return None
            with open(path) as fh:
                pem = fh.read()
            m = re.search(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----",
                          pem, re.S)
            return m.group(0) + "\n" if m else None
        finally:
            os.unlink(path)

    def cert_facts(self, pem: str) -> dict:
        with tempfile.NamedTemporaryFile("w", suffix=".pem", delete=False) as tf:
            tf.write(pem)
            path = tf.name
        try:
            _, text = _run(["openssl", "x509", "-in", path, "-noout", "-text"])
            _, subj = _run(["openssl", "x509", "-in", path, "-noout", "-subject",
                            "-issuer", "-enddate", "-nameopt", "RFC2253"])
            facts = {}
            m = re.search(r"^subject=.*?CN=([^,\n]+)", subj, re.M)
            facts["subject_cn"] = m.group(1) if m else None
            subject = re.search(r"^subject=(.*)$", subj, re.M).group(1)
            issuer = re.search(r"^issuer=(.*)$", subj, re.M).group(1)
            san = []
            m = re.search(r"Subject Alternative Name:.*?\n\s*(.+)\n", text)
            if m:
                for item in m.group(1).split(","):
                    item = item.strip()
                    if item.startswith("IP Address:"):
                        item = "IP:" + item[len("IP Address:"):]
                    san.append(item)
            facts["san"] = san
            if "rsaEncryption" in text.split("Subject Public Key Info")[1][:200]:
                facts["key_type"] = "RSA"
            elif "id-ecPublicKey" in text:
                facts["key_type"] = "EC"
            else:
                facts["key_type"] = "?"
            m = re.search(r"Public-Key: \((\d+) bit\)", text)
            facts["key_bits"] = int(m.group(1)) if m else None
            m = re.search(r"Signature Algorithm: (\S+)", text)
            facts["signature_algorithm"] = m.group(1) if m else None
            end = re.search(r"notAfter=(.*)$", subj, re.M).group(1).strip()
            not_after = _dt.datetime.strptime(end, "%b %d %H:%M:%S %Y %Z")
            facts["expired"] = not_after < _dt.datetime.utcnow()
            rc_self, _ = _run(["openssl", "verify", "-no-CApath", "-no-CAstore",
                               "-auth_level", "0", "-no_check_time", "-CAfile",
                               path, path])
            facts["self_signed"] = subject == issuer and rc_self == 0
            rc, out = _run(["openssl", "x509", "-in", path, "-noout",
                            "-checkhost", self.ep["sni"]])
            facts["hostname_matches"] = "does match" in out
            rc, out = _run(["openssl", "verify", "-no-CApath", "-no-CAstore",
                            "-auth_level", "0", "-no_check_time",
                            "-CAfile", self.ca, path])
            facts["trusted_with_lab_ca"] = rc == 0
            return facts
        finally:
            os.unlink(path)

    # -- main --------------------------------------------------------------------------
    def run(self) -> None:
        exp = self.ep["expect"]
        if "budget" in exp:  # a tarpit: its pacing is the point, the scanner tests time it
            self.note("tarpit: checked by the scanner's budget tests")
            return
        if "error" in exp:
            r = self.probe("TLSv1.2", list(P.LEGACY_SUITES), timeout=3.0)
            got = ERROR_OF_STATUS.get(r.status, r.status)
            if got != exp["error"]:
                self.fail("expected error %s, probe saw %s (%r)"
                          % (exp["error"], got, dict(r)))
            else:
                self.note("probe: %s" % got)
            ok, out = self.s_client(["-tls1_2"])
            if ok:
                self.fail("openssl s_client completed a handshake with a hostile endpoint")
            else:
                tail = [ln for ln in out.splitlines() if ln.strip()][-1:] or ["?"]
                self.note("s_client failed as expected: %s" % tail[0][:100])
            return

        protos = exp["protocols"]
        unknown = [v for v in protos if v not in KNOWN_PROTOCOLS]
        if unknown:
            self.fail("unknown protocol name(s) in expect: %s" % unknown)
        for version in exp.get("dh_bits", {}):
            if version not in protos:
                self.fail("dh_bits given for refused version %s" % version)
        self.check_sslv2(protos.get("SSLv2"))
        ecdhe: dict[str, list[int]] = {}
        for version in VERSION_ORDER:
            r = self.probe(version, self.universe(version))
            acc = self.accepted(r, version)
            want = version in protos
            if acc != want:
                self.fail("%s: expected %s, probe got %r"
                          % (version, "accepted" if want else "refused", dict(r)))
                continue
            if not want:
                if not self.cli_version_refused(version):
                    self.fail("%s: CLI tool completed a handshake, expected refusal"
                              % version)
                else:
                    self.note("%s refused (probe: %s; CLI refused)"
                              % (version, r.status))
                continue
            e = protos[version]
            picked, kx_group = self.enumerate_suites(version)
            got = sorted("0x%04X" % c for c in picked)
            if got != sorted(e["cipher_suites"]):
                self.fail("%s suites: expected %s, got %s"
                          % (version, sorted(e["cipher_suites"]), got))
            ecdhe[version] = [c for c in picked if kx_group.get(c)]
            kind, order = self.preference(version, picked)
            exp_pref = e["server_preference"]
            if kind == "mixed" or (kind == "client" and exp_pref) or \
                    (kind == "server" and not exp_pref):
                self.fail("%s preference: expected %s, observed %s"
                          % (version, "server" if exp_pref else "client", kind))
            if exp_pref and kind in ("server", "single"):
                got_order = ["0x%04X" % c for c in order]
                if got_order != e.get("preference_order"):
                    self.fail("%s preference_order: expected %s, got %s"
                              % (version, e.get("preference_order"), got_order))
                if e["cipher_suites"] != e.get("preference_order"):
                    self.fail("%s cipher_suites not written in preference order"
                              % version)
            if not exp_pref and "preference_order" in e:
                self.fail("%s: preference_order present with client preference"
                          % version)
            self.check_dh_bits(version, picked, exp.get("dh_bits", {}).get(version))
            bad = []
            if version == "SSLv3":
                self.sslv3_flights(picked)      # no local CLI speaks SSLv3
            else:
                for code in picked:
                    ok, out, tool = self.cli_handshake(version, code)
                    if not ok:
                        bad.append("0x%04X(%s)" % (code, tool))
            if bad:
                self.fail("%s: CLI handshake failed for %s" % (version, bad))
            self.note("%s accepted %s, %s preference%s; %s"
                      % (version, ["0x%04X" % c for c in picked], kind,
                         (" order " + str(["0x%04X" % c for c in order]))
                         if kind == "server" else "",
                         "probe-only (SSLv3)" if version == "SSLv3" else
                         "CLI handshakes ok for %d suite(s)" % (len(picked) - len(bad))))

        for version, want in exp.get("groups", {}).items():
            if version not in protos:
                self.fail("groups given for refused version %s" % version)
                continue
            got = self.groups_for(version, ecdhe.get(version, []))
            if got != want:
                self.fail("%s groups: expected %s, got %s" % (version, want, got))
            bad = [g for g in want if not self.cli_group(version, g)]
            if bad:
                self.fail("%s groups: CLI handshake failed for %s" % (version, bad))
            self.note("%s groups %s (probe) / CLI ok for %d"
                      % (version, got, len(want) - len(bad)))

        if exp.get("sni_required"):
            self.check_sni_required(protos, exp.get("sni_alert"))

        cli_speaks = any(v in protos for v in S_CLIENT_VERSION)
        if "certificate" in exp or not cli_speaks:
            if cli_speaks:
                pem, source = self.fetch_cert(), "CLI"
            else:      # SSLv3 Certificate message / SSLv2 SERVER-HELLO
                pem = _der_to_pem(self.probe_cert) if self.probe_cert else None
                source = "probe"
            if pem is None:
                self.fail("could not fetch the certificate (%s)" % source)
            else:
                facts = self.cert_facts(pem)
                for k, v in exp.get("certificate", {}).items():
                    if facts.get(k) != v:
                        self.fail("certificate %s: expected %r, got %r"
                                  % (k, v, facts.get(k)))
                self.note("certificate (%s%s) facts %s"
                          % (source, "" if "certificate" in exp else
                             ", not part of expect",
                             json.dumps(facts, sort_keys=True)))

        if os.path.basename((self.ep.get("command") or ["", ""])[1]) == \
                "scripted_tls_server.py":
            self.check_scripted_robustness(v3="SSLv3" in protos)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dir", required=True)
    ap.add_argument("--only", default=None)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    with open(os.path.join(args.dir, "lab.json")) as fh:
        manifest = json.load(fh)
    eps = manifest["endpoints"]
    if args.only:
        wanted = set(args.only.split(","))
        eps = [e for e in eps if e["name"] in wanted]
    # Endpoints whose refusals are what the scanner must see through (hellos
    # refused for their size or shape) are pinned by the scanner's lab test
    # only; verify.py's probes cannot re-derive them.
    import endpoints as _endpoints
    defs = _endpoints.definitions()
    skipped = [e["name"] for e in eps if defs.get(e["name"], {}).get("verify") == "scanner_only"]
    if skipped:
        print("not re-derived (scanner-only expectations): " + ", ".join(skipped))
    import verify_shapes
    shape_failed = 0
    for e in eps:
        if e["name"] in verify_shapes.SHAPE_LIMITED:
            errors = verify_shapes.check(e)
            shape_failed += bool(errors)
            print("%s %s: hello-shape limit %s" % ("FAIL" if errors else "OK  ", e["name"],
                                                  "; ".join(errors) or "as claimed"))
    eps = [e for e in eps if e["name"] not in skipped]
    checkers = [Checker(e, manifest["ca_file"], args.verbose) for e in eps]
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as ex:
        list(ex.map(lambda c: c.run(), checkers))
    failed = 0
    for c in checkers:
        status = "OK  " if not c.errors else "FAIL"
        failed += bool(c.errors)
        print("%s %s (%s %s)" % (status, c.ep["name"], c.ep["server"],
                                 "%s:%d" % (c.ep["host"], c.ep["port"])))
        for e in c.errors:
            print("     ERROR " + e)
        if args.verbose:
            for n in c.notes:
                print("     " + n)
    failed += shape_failed
    print("%d endpoint(s) checked, %d failed" % (len(checkers), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
