"""Certificate generation for the tlsready test lab (one job: make and cache certs).

Everything is produced with the ``openssl`` command line tool so this module
works with any Python 3.11 interpreter (no third-party packages needed).

Layout inside ``<lab dir>/certs``::

    ca.pem / ca.key                  lab CA (RSA 2048, sha256WithRSAEncryption)
    <name>.pem / <name>.key          leaf certificates, see CERT_SPECS
    meta.json                        cache metadata (spec version, creation time)
    dh2048.pem / dh1024.pem          DH parameters (named groups) for the DHE
                                     endpoints, see DH_PARAM_SPECS

Re-running ``ensure_certs`` is cheap: the cache is reused unless the spec
version changed, a file is missing, or the "current" certificates are close to
expiry.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import shutil
import subprocess
import tempfile

# Bump whenever CERT_SPECS or the generation procedure changes.
SPEC_VERSION = 3

CA_SUBJECT_CN = "tlsready lab CA"

# validity: "current" -> yesterday .. +CURRENT_DAYS ; otherwise fixed (start, end)
CURRENT_DAYS = 3650
EXPIRED_VALIDITY = ("20200101000000Z", "20210101000000Z")

# Every leaf certificate the lab uses.  "issuer" is "ca" (signed by the lab CA)
# or "self" (self-signed).  The "expect" block of each endpoint is written by
# hand in endpoints.py and must agree with this table.
CERT_SPECS: dict[str, dict] = {
    "localhost": {
        "key": ("rsa", 2048), "md": "sha256", "issuer": "ca",
        "cn": "localhost", "san": ["DNS:localhost", "IP:127.0.0.1"],
        "validity": "current",
    },
    "expired": {
        "key": ("rsa", 2048), "md": "sha256", "issuer": "ca",
        "cn": "localhost", "san": ["DNS:localhost", "IP:127.0.0.1"],
        "validity": EXPIRED_VALIDITY,
    },
    "rsa1024_sha1": {
        "key": ("rsa", 1024), "md": "sha1", "issuer": "ca",
        "cn": "localhost", "san": ["DNS:localhost", "IP:127.0.0.1"],
        "validity": "current",
    },
    "wrong_hostname": {
        "key": ("rsa", 2048), "md": "sha256", "issuer": "ca",
        "cn": "wrong.example.invalid", "san": ["DNS:wrong.example.invalid"],
        "validity": "current",
    },
    "self_signed_ec": {
        "key": ("ec", "P-256"), "md": "sha256", "issuer": "self",
        "cn": "localhost", "san": ["DNS:localhost", "IP:127.0.0.1"],
        "validity": "current",
    },
}


# DH parameter files for the DHE endpoints: name -> OpenSSL named DH group.
# Named groups make generation instant (no prime search):
#   ffdhe2048    RFC 7919 2048-bit group
#   dh_1024_160  RFC 5114 section 2.1 1024-bit MODP group (160-bit subgroup)
DH_PARAM_SPECS: dict[str, dict] = {
    "dh2048": {"group": "ffdhe2048", "bits": 2048},
    "dh1024": {"group": "dh_1024_160", "bits": 1024},
}


class CertError(RuntimeError):
    pass


def _run(args: list[str], cwd: str | None = None) -> str:
    proc = subprocess.run(args, cwd=cwd, stdin=subprocess.DEVNULL,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, timeout=120)
    if proc.returncode != 0:
        raise CertError("command failed (%d): %s\n%s%s" % (
            proc.returncode, " ".join(args), proc.stdout, proc.stderr))
    return proc.stdout


def _openssl_san(san: list[str]) -> str:
    # our notation "IP:x" is "IP:x" for openssl as well; DNS likewise
    return ",".join(san)


def _utc(ts: _dt.datetime) -> str:
    return ts.strftime("%Y%m%d%H%M%SZ")


def _keygen_args(key: tuple) -> list[str]:
    kind, param = key
    if kind == "rsa":
        return ["-newkey", "rsa:%d" % param]
    if kind == "ec":
        return ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:%s" % param]
    raise CertError("unknown key type %r" % (kind,))


_CA_CNF = """\
[ ca ]
default_ca = lab_ca
[ lab_ca ]
database = {work}/index.txt
new_certs_dir = {work}/newcerts
certificate = {certs}/ca.pem
private_key = {certs}/ca.key
default_md = sha256
policy = lab_policy
unique_subject = no
copy_extensions = none
email_in_dn = no
rand_serial = yes
[ lab_policy ]
commonName = supplied
"""

_EXT_SECTION = """\
[ {section} ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = {san}
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
"""


def _generate(certs_dir: str) -> None:
    os.makedirs(certs_dir, exist_ok=True)
    now = _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0)
    start = now - _dt.timedelta(days=1)
    end = now + _dt.timedelta(days=CURRENT_DAYS)
    with tempfile.TemporaryDirectory(prefix="labcerts.", dir=certs_dir) as work:
        # lab CA
        _run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
              "-keyout", os.path.join(work, "ca.key"),
              "-out", os.path.join(work, "ca.pem"),
              "-sha256", "-days", str(CURRENT_DAYS + 2),
              "-subj", "/CN=" + CA_SUBJECT_CN,
              "-addext", "basicConstraints=critical,CA:TRUE",
              "-addext", "keyUsage=critical,keyCertSign,cRLSign",
              "-addext", "subjectKeyIdentifier=hash"])
        os.makedirs(os.path.join(work, "newcerts"))
        open(os.path.join(work, "index.txt"), "w").close()
        cnf = _CA_CNF.format(work=work, certs=work)
        for name, spec in CERT_SPECS.items():
            if spec["issuer"] == "ca":
                cnf += _EXT_SECTION.format(section="ext_" + name,
                                           san=_openssl_san(spec["san"]))
        cnf_path = os.path.join(work, "ca.cnf")
        with open(cnf_path, "w") as fh:
            fh.write(cnf)

        for name, spec in CERT_SPECS.items():
            key = os.path.join(work, name + ".key")
            pem = os.path.join(work, name + ".pem")
            if spec["validity"] == "current":
                vstart, vend = _utc(start), _utc(end)
            else:
                vstart, vend = spec["validity"]
            if spec["issuer"] == "self":
                if spec["validity"] != "current":
                    raise CertError("self-signed certs must be 'current'")
                _run(["openssl", "req", "-x509", *_keygen_args(spec["key"]),
                      "-nodes", "-keyout", key, "-out", pem,
                      "-" + spec["md"], "-days", str(CURRENT_DAYS),
                      "-subj", "/CN=" + spec["cn"],
                      "-addext", "subjectAltName=" + _openssl_san(spec["san"]),
                      "-addext", "basicConstraints=critical,CA:FALSE",
                      "-addext", "keyUsage=critical,digitalSignature",
                      "-addext", "extendedKeyUsage=serverAuth"])
                continue
            csr = os.path.join(work, name + ".csr")
            _run(["openssl", "req", "-new", *_keygen_args(spec["key"]),
                  "-nodes", "-keyout", key, "-out", csr,
                  "-subj", "/CN=" + spec["cn"]])
            _run(["openssl", "ca", "-batch", "-config", cnf_path,
                  "-in", csr, "-out", pem, "-notext",
                  "-startdate", vstart, "-enddate", vend,
                  "-md", spec["md"], "-extensions", "ext_" + name])
        # publish atomically-ish: move finished files into certs_dir
        names = ["ca"] + list(CERT_SPECS)
        for name in names:
            for ext in (".pem", ".key"):
                src = os.path.join(work, name + ext)
                os.chmod(src, 0o644 if ext == ".pem" else 0o600)
                os.replace(src, os.path.join(certs_dir, name + ext))
    meta = {"spec_version": SPEC_VERSION, "created": _utc(now),
            "current_not_after": _utc(end)}
    with open(os.path.join(certs_dir, "meta.json"), "w") as fh:
        json.dump(meta, fh, indent=2)


def _cache_ok(certs_dir: str) -> bool:
    try:
        with open(os.path.join(certs_dir, "meta.json")) as fh:
            meta = json.load(fh)
    except (OSError, ValueError):
        return False
    if meta.get("spec_version") != SPEC_VERSION:
        return False
    for name in ["ca"] + list(CERT_SPECS):
        for ext in (".pem", ".key"):
            if not os.path.isfile(os.path.join(certs_dir, name + ext)):
                return False
    try:
        not_after = _dt.datetime.strptime(meta["current_not_after"],
                                          "%Y%m%d%H%M%SZ")
    except (KeyError, ValueError):
        return False
    return not_after - _dt.datetime.utcnow() > _dt.timedelta(days=30)


def ensure_certs(lab_dir: str) -> dict[str, dict[str, str]]:
    """Create (or reuse) all lab certificates.

    Returns {"ca": {"cert":..., "key":...}, "<leaf name>": {...}, ...} with
    absolute paths.
    """
    if shutil.which("openssl") is None:
        raise CertError("the openssl command line tool is required")
    certs_dir = os.path.join(os.path.abspath(lab_dir), "certs")
    if not _cache_ok(certs_dir):
        _generate(certs_dir)
    out = {}
    for name in ["ca"] + list(CERT_SPECS):
        out[name] = {"cert": os.path.join(certs_dir, name + ".pem"),
                     "key": os.path.join(certs_dir, name + ".key")}
    return out


def _dhparam_ok(path: str, spec: dict) -> bool:
    if not os.path.isfile(path):
        return False
    try:
        text = _run(["openssl", "pkeyparam", "-in", path, "-noout", "-text"])
    except CertError:
        return False
    return ("(%d bit)" % spec["bits"]) in text and \
        ("GROUP: %s" % spec["group"]) in text


def ensure_dhparams(lab_dir: str) -> dict[str, str]:
    """Create (or reuse) the DH parameter files in <lab dir>/certs.

    Returns {"dh2048": path, "dh1024": path} (absolute paths).  Cached
    independently of the certificates (no SPEC_VERSION bump needed); a file
    is regenerated only if missing or not the expected named group."""
    if shutil.which("openssl") is None:
        raise CertError("the openssl command line tool is required")
    certs_dir = os.path.join(os.path.abspath(lab_dir), "certs")
    os.makedirs(certs_dir, exist_ok=True)
    out = {}
    for name, spec in DH_PARAM_SPECS.items():
        path = os.path.join(certs_dir, name + ".pem")
        if not _dhparam_ok(path, spec):
            tmp = path + ".tmp%d" % os.getpid()
            _run(["openssl", "genpkey", "-genparam", "-algorithm", "DH",
                  "-pkeyopt", "group:" + spec["group"], "-out", tmp])
            os.chmod(tmp, 0o644)
            os.replace(tmp, path)
            if not _dhparam_ok(path, spec):
                raise CertError("generated %s is not the %d-bit group %s"
                                % (path, spec["bits"], spec["group"]))
        out[name] = path
    return out


if __name__ == "__main__":  # manual use: python3 certs.py DIR
    import sys
    print(json.dumps(ensure_certs(sys.argv[1] if len(sys.argv) > 1 else "."),
                     indent=2))
