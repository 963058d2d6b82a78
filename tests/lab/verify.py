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
* certificate: fetched with the CLI tool and evaluated with ``openssl x509``
  / ``openssl verify``;
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
import subprocess
import sys
import tempfile

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


def _openssl_names() -> dict[int, str]:
    out = subprocess.run(["openssl", "ciphers", "-V",
                          "ALL:COMPLEMENTOFALL:@SECLEVEL=0"],
                         capture_output=True, text=True, check=True).stdout
    names = {}
    for m in re.finditer(r"0x([0-9A-F]{2}),0x([0-9A-F]{2}) - (\S+)", out):
        names[int(m.group(1) + m.group(2), 16)] = m.group(3)
    return names


OPENSSL_NAMES = _openssl_names()


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

    # -- certificate ---------------------------------------------------------------
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
            bad = []
            for code in picked:
                ok, out, tool = self.cli_handshake(version, code)
                if not ok:
                    bad.append("0x%04X(%s)" % (code, tool))
            if bad:
                self.fail("%s: CLI handshake failed for %s" % (version, bad))
            self.note("%s accepted %s, %s preference%s; CLI handshakes ok for %d suite(s)"
                      % (version, ["0x%04X" % c for c in picked], kind,
                         (" order " + str(["0x%04X" % c for c in order]))
                         if kind == "server" else "", len(picked) - len(bad)))

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

        if "certificate" in exp:
            pem = self.fetch_cert()
            if pem is None:
                self.fail("could not fetch the certificate with the CLI tool")
            else:
                facts = self.cert_facts(pem)
                for k, v in exp["certificate"].items():
                    if facts.get(k) != v:
                        self.fail("certificate %s: expected %r, got %r"
                                  % (k, v, facts.get(k)))
                self.note("certificate facts %s" % json.dumps(facts, sort_keys=True))


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
    print("%d endpoint(s) checked, %d failed" % (len(checkers), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
