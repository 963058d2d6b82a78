#!/usr/bin/env python3
"""tlsready test lab: real TLS servers with known configurations on loopback.

CLI::

    python3 tests/lab/lab.py start  --dir DIR [--only a,b] [--ttl S] [--owner-pid P]
    python3 tests/lab/lab.py status --dir DIR
    python3 tests/lab/lab.py stop   --dir DIR
    python3 tests/lab/lab.py verify --dir DIR [--only a,b]   # re-check "expect"

Module::

    sys.path.insert(0, "tests/lab")
    from lab import Lab
    with Lab("/tmp/labdir") as lab:
        ep = lab.endpoint("tls13_only")      # dict from lab.json
        lab.ca_file

Every server runs in its own process group (new session).  ``stop`` kills
those groups, using the pids in DIR/lab.json, and only after checking that
each pid still is the process the lab started (its /proc start time is
recorded), so a stale lab.json after a crash or reboot is harmless.  A small
watchdog process kills the whole lab when its owner process dies (the Python
process that used ``Lab``, or ``--owner-pid``) or after ``--ttl`` seconds, so
servers never outlive a test run even if nobody calls ``stop``.

Only 127.0.0.1 and ::1 are ever bound or connected to.  Stdlib only; needs the
openssl and gnutls-serv/gnutls-cli tools and a C compiler (for the tiny
loopback_bind.so shim that pins gnutls-serv to loopback).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import contextlib
import fcntl
import hashlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

import certs as _certs            # noqa: E402
import endpoints as _endpoints    # noqa: E402

MANIFEST = "lab.json"
LOCKFILE = ".lab.lock"
DEFAULT_TTL = 7200            # seconds a CLI-started lab may live at most
READY_TIMEOUT = 8.0           # per endpoint
START_ATTEMPTS = 3            # port races: retry with a fresh port


class LabError(RuntimeError):
    pass


# --------------------------------------------------------------------------
# process helpers
# --------------------------------------------------------------------------

def proc_start_time(pid: int) -> int | None:
    """Kernel start time of pid (clock ticks since boot); None if the process
    does not exist or is a zombie."""
    try:
        with open("/proc/%d/stat" % pid) as fh:
            stat = fh.read()
    except OSError:
        return None
    rest = stat.rsplit(")", 1)[1].split()
    if rest[0] in ("Z", "X"):
        return None
    return int(rest[19])


def is_alive(pid: int, start_time: int | None) -> bool:
    st = proc_start_time(pid)
    return st is not None and (start_time is None or st == start_time)


def kill_group(pid: int, start_time: int | None, grace: float = 2.0) -> bool:
    """Kill the process group led by pid if pid is still our process.
    Returns True if something was signalled."""
    if not pid or not is_alive(pid, start_time):
        return False
    for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 2.0)):
        try:
            os.killpg(pid, sig)
        except ProcessLookupError:
            return True
        except PermissionError:
            os.kill(pid, sig)
        deadline = time.monotonic() + wait
        while time.monotonic() < deadline:
            if not is_alive(pid, start_time):
                return True
            time.sleep(0.02)
    return True


def _spawn(argv: list[str], log_path: str, cwd: str,
           env: dict | None = None) -> subprocess.Popen:
    full_env = dict(os.environ)
    full_env.pop("LD_PRELOAD", None)
    if env:
        full_env.update(env)
    with open(log_path, "ab") as log:
        return subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=log,
                                stderr=subprocess.STDOUT, cwd=cwd,
                                env=full_env, start_new_session=True,
                                close_fds=True)


def _free_port(ipv6: bool = False) -> int:
    fam, host = (socket.AF_INET6, "::1") if ipv6 else (socket.AF_INET, "127.0.0.1")
    with socket.socket(fam, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def _tcp_ok(host: str, port: int, timeout: float = 0.3) -> bool:
    fam = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(fam, socket.SOCK_STREAM) as s:
        s.settimeout(timeout)
        try:
            s.connect((host, port))
            return True
        except OSError:
            return False


def _tcp_refused(host: str, port: int) -> bool:
    fam = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(fam, socket.SOCK_STREAM) as s:
        s.settimeout(1.0)
        try:
            s.connect((host, port))
        except ConnectionRefusedError:
            return True
        except OSError:
            return False
    return False


_LOOPBACK_HEX = {"0100007F", "00000000000000000000000001000000"}


def _non_loopback_listeners(port: int) -> list[str]:
    """Local addresses (kernel hex notation) of LISTEN sockets on port that are
    not 127.0.0.1 / ::1 -- a safety net: the lab must never listen elsewhere."""
    bad = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table) as fh:
                lines = fh.readlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            addr, _, hexport = fields[1].partition(":")
            if fields[3] == "0A" and int(hexport, 16) == port \
                    and addr not in _LOOPBACK_HEX:
                bad.append(addr)
    return bad


def _log_tail(path: str, n: int = 2000) -> str:
    try:
        with open(path, "rb") as fh:
            data = fh.read()
        return data[-n:].decode("utf-8", "replace")
    except OSError:
        return ""


def _hostport(host: str, port: int) -> str:
    return "[%s]:%d" % (host, port) if ":" in host else "%s:%d" % (host, port)


# --------------------------------------------------------------------------
# loopback shim for gnutls-serv
# --------------------------------------------------------------------------

def _build_c_helper(lab_dir: str, source: str, stem: str, flags: list[str], libs: list[str],
                    hint: str = "") -> str:
    """Compiles tests/lab/SOURCE into LAB_DIR/bin/STEM ("%s" is the source's digest), once per
    source; builds of older sources are removed."""
    src = os.path.join(HERE, source)
    with open(src, "rb") as fh:
        digest = hashlib.sha256(fh.read()).hexdigest()[:12]
    out_dir = os.path.join(lab_dir, "bin")
    os.makedirs(out_dir, exist_ok=True)
    out = os.path.join(out_dir, stem % digest)
    if os.path.isfile(out):
        return out
    cc = os.environ.get("CC") or shutil.which("cc") or shutil.which("gcc")
    if not cc:
        raise LabError("a C compiler (cc) is needed to build %s" % source)
    tmp = out + ".tmp%d" % os.getpid()
    proc = subprocess.run([cc, *flags, "-o", tmp, src, *libs], stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True, timeout=120)
    if proc.returncode != 0:
        raise LabError("building %s failed%s:\n%s" % (source, hint, proc.stdout))
    os.replace(tmp, out)
    prefix, suffix = stem.split("%s")
    for name in os.listdir(out_dir):          # drop builds of older sources
        if name.startswith(prefix) and name.endswith(suffix) and ".tmp" not in name \
                and os.path.join(out_dir, name) != out:
            with contextlib.suppress(OSError):
                os.unlink(os.path.join(out_dir, name))
    return out


def build_shim(lab_dir: str) -> str:
    """loopback_bind.so, the LD_PRELOAD shim that keeps gnutls-serv on loopback."""
    return _build_c_helper(lab_dir, "loopback_bind.c", "loopback_bind-%s.so", ["-shared", "-fPIC", "-O2"],
                           ["-ldl"])


# --------------------------------------------------------------------------
# endpoint launchers
# --------------------------------------------------------------------------

class _Started:
    """One started server process and the manifest entries it serves."""

    def __init__(self, proc: subprocess.Popen, entries: list[dict], log: str):
        self.proc = proc
        self.start_time = proc_start_time(proc.pid)
        self.entries = entries
        self.log = log

    def kill(self) -> None:
        kill_group(self.proc.pid, self.start_time)
        with contextlib.suppress(Exception):
            self.proc.wait(timeout=2)


def _entry(name: str, host: str, port: int, server: str, pid: int,
           command: list[str], expect: dict, log: str,
           starttls: str | None = None, sni: str = "localhost") -> dict:
    return {"name": name, "host": host, "port": port, "sni": sni,
            "starttls": starttls, "server": server, "pid": pid,
            "command": command, "expect": expect, "log": log}


def _check_cmd(cmd: list[str], ok_marker: str, timeout: float = 5.0) -> tuple[bool, str]:
    try:
        proc = subprocess.run(cmd, stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False, "timeout: " + " ".join(cmd)
    ok = proc.returncode == 0 and ok_marker in proc.stdout
    return ok, proc.stdout


def _wait_listening(proc: subprocess.Popen, host: str, port: int,
                    deadline: float) -> bool:
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if _tcp_ok(host, port):
            return True
        time.sleep(0.03)
    return False


def _start_tls_server(name: str, d: dict, ctx: dict) -> _Started:
    """openssl s_server / gnutls-serv endpoint with port-race retries."""
    ca = ctx["certs"]["ca"]["cert"]
    cert = ctx["certs"][d["cert"]]
    ipv6 = d.get("ipv6", False)
    host = "::1" if ipv6 else "127.0.0.1"
    log = os.path.join(ctx["logs"], name + ".log")
    last = ""
    for _attempt in range(START_ATTEMPTS):
        port = _free_port(ipv6)
        env = None
        if d["server"] == "openssl s_server":
            argv = ["openssl", "s_server", "-www", "-quiet",
                    "-accept", _hostport(host, port)]
            if ipv6:
                argv.append("-6")
            argv += ["-cert", cert["cert"], "-key", cert["key"]]
            if d.get("dhparam"):
                argv += ["-dhparam", ctx["dhparams"][d["dhparam"]]]
            argv += d["args"]
            check = ["openssl", "s_client", "-connect", _hostport(host, port),
                     "-servername", "localhost", "-CAfile", ca, "-brief",
                     "-cipher", "ALL:@SECLEVEL=0"] + d["ready"]["tls"]
            marker = "Protocol version:"
        else:  # gnutls-serv, pinned to loopback by the LD_PRELOAD shim
            argv = ["env", "LD_PRELOAD=" + ctx["shim"], "gnutls-serv", "--quiet",
                    "--disable-client-cert", "--port", str(port),
                    "--x509certfile", cert["cert"], "--x509keyfile", cert["key"],
                    "--priority", d["priority"]]
            check = ["gnutls-cli", "--x509cafile", ca, "--sni-hostname",
                     "localhost", "--verify-hostname", "localhost",
                     "--priority", d["priority"], "--port", str(port), host]
            marker = "Handshake was completed"
        with open(log, "a") as fh:
            fh.write("\n=== %s %s\n" % (time.strftime("%H:%M:%S"), " ".join(argv)))
        proc = _spawn(argv, log, ctx["dir"], env)
        started = _Started(proc, [_entry(name, host, port, d["server"], proc.pid,
                                         argv, d["expect"], log)], log)
        deadline = time.monotonic() + READY_TIMEOUT
        if _wait_listening(proc, host, port, deadline):
            bad = _non_loopback_listeners(port)
            if bad:
                started.kill()
                raise LabError("endpoint %s listens on a non-loopback address "
                               "(%s); refusing to run it" % (name, bad))
            ok, out = _check_cmd(check, marker)
            if ok:
                return started
            last = "handshake check failed:\n" + out
        else:
            last = "did not start listening:\n" + _log_tail(log)
        started.kill()
    raise LabError("endpoint %s: %s" % (name, last))


def _wait_port_file(proc: subprocess.Popen, path: str, deadline: float) -> dict:
    while time.monotonic() < deadline:
        if os.path.isfile(path):
            with open(path) as fh:
                return json.load(fh)
        if proc.poll() is not None:
            break
        time.sleep(0.02)
    raise LabError("python server did not report its ports (%s)" % path)


def _start_smtp(name: str, d: dict, ctx: dict) -> _Started:
    cert = ctx["certs"][d["cert"]]
    ca = ctx["certs"]["ca"]["cert"]
    log = os.path.join(ctx["logs"], name + ".log")
    port_file = os.path.join(ctx["run"], name + ".ports.json")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(port_file)
    argv = [sys.executable, os.path.join(HERE, "smtp_server.py"),
            "--cert", cert["cert"], "--key", cert["key"],
            "--port-file", port_file, "--host", "127.0.0.1"]
    proc = _spawn(argv, log, ctx["dir"])
    started = _Started(proc, [], log)
    try:
        port = _wait_port_file(proc, port_file, time.monotonic() + READY_TIMEOUT)[name]
        ok, out = _check_cmd(["openssl", "s_client", "-starttls", "smtp",
                              "-connect", _hostport("127.0.0.1", port),
                              "-servername", "localhost", "-CAfile", ca,
                              "-brief"], "Protocol version:")
        if not ok:
            raise LabError("smtp handshake check failed:\n" + out)
    except Exception:
        started.kill()
        raise
    started.entries.append(_entry(name, "127.0.0.1", port, "python", proc.pid,
                                  argv, d["expect"], log, starttls="smtp"))
    return started


def _start_sni_required(name: str, d: dict, ctx: dict) -> _Started:
    """sni_required_server.py: python ssl, fatal unrecognized_name without SNI."""
    cert = ctx["certs"][d["cert"]]
    ca = ctx["certs"]["ca"]["cert"]
    log = os.path.join(ctx["logs"], name + ".log")
    port_file = os.path.join(ctx["run"], name + ".ports.json")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(port_file)
    argv = [sys.executable, os.path.join(HERE, "sni_required_server.py"),
            "--cert", cert["cert"], "--key", cert["key"],
            "--port-file", port_file, "--host", "127.0.0.1"]
    proc = _spawn(argv, log, ctx["dir"])
    started = _Started(proc, [], log)
    try:
        port = _wait_port_file(proc, port_file, time.monotonic() + READY_TIMEOUT)[name]
        ok, out = _check_cmd(["openssl", "s_client", "-connect", _hostport("127.0.0.1", port),
                              "-servername", "localhost", "-CAfile", ca, "-brief",
                              "-tls1_2"], "Protocol version:")
        if not ok:
            raise LabError("sni_required handshake check failed:\n" + out)
        refused, out = _check_cmd(["openssl", "s_client", "-connect", _hostport("127.0.0.1", port),
                                   "-noservername", "-CAfile", ca, "-brief", "-tls1_2"],
                                  "Protocol version:")
        if refused:
            raise LabError("sni_required completed a handshake without SNI:\n" + out)
    except Exception:
        started.kill()
        raise
    started.entries.append(_entry(name, "127.0.0.1", port, "python", proc.pid,
                                  argv, d["expect"], log))
    return started


def _start_hostile(names: list[str], defs: dict, ctx: dict) -> _Started:
    log = os.path.join(ctx["logs"], "hostile.log")
    port_file = os.path.join(ctx["run"], "hostile.ports.json")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(port_file)
    argv = [sys.executable, os.path.join(HERE, "hostile_server.py"),
            "--port-file", port_file]
    proc = _spawn(argv, log, ctx["dir"])
    started = _Started(proc, [], log)
    try:
        ports = _wait_port_file(proc, port_file, time.monotonic() + READY_TIMEOUT)
        for name in names:
            port = ports[name]
            if name == "hostile_refused":
                ok = _tcp_refused("127.0.0.1", port)
            else:
                ok = _tcp_ok("127.0.0.1", port, timeout=2.0)
            if not ok:
                raise LabError("hostile endpoint %s not behaving on port %d"
                               % (name, port))
            started.entries.append(_entry(name, "127.0.0.1", port, "python",
                                          proc.pid, argv, defs[name]["expect"],
                                          log))
    except Exception:
        started.kill()
        raise
    return started


def _start_scripted(names: list[str], defs: dict, ctx: dict) -> _Started:
    """sslv3_scripted + sslv2_scripted: one scripted_tls_server.py process.
    Ready = each port answers a real hello with its ServerHello /
    SERVER-HELLO (checked with probe.py)."""
    import probe as _probe
    log = os.path.join(ctx["logs"], "scripted.log")
    port_file = os.path.join(ctx["run"], "scripted.ports.json")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(port_file)
    argv = [sys.executable, os.path.join(HERE, "scripted_tls_server.py"),
            "--cert", ctx["certs"]["localhost"]["cert"],
            "--port-file", port_file]
    proc = _spawn(argv, log, ctx["dir"])
    started = _Started(proc, [], log)
    try:
        ports = _wait_port_file(proc, port_file, time.monotonic() + READY_TIMEOUT)
        for name in names:
            port = ports[name]
            if name == "sslv3_scripted":
                r = _probe.probe("127.0.0.1", port, "SSLv3", [0x000A, 0x0005],
                                 timeout=3.0)
                ok = r.status == "server_hello" and r.get("version") == "SSLv3"
            elif name != "sslv2_scripted":       # scripted_profiles.py
                r = {"port": port}
                ok = _tcp_ok("127.0.0.1", port, timeout=2.0)
            else:
                r = _probe.probe_sslv2("127.0.0.1", port,
                                       list(_probe.SSLV2_CIPHER_KINDS),
                                       timeout=3.0)
                ok = r.status == "server_hello" and r.get("version") == "SSLv2"
            if not ok:
                raise LabError("scripted endpoint %s not answering on port %d: %r"
                               % (name, port, dict(r)))
            bad = _non_loopback_listeners(port)
            if bad:
                raise LabError("endpoint %s listens on a non-loopback address "
                               "(%s); refusing to run it" % (name, bad))
            started.entries.append(_entry(name, "127.0.0.1", port, "python",
                                          proc.pid, argv, defs[name]["expect"],
                                          log))
    except Exception:
        started.kill()
        raise
    return started


def _start_size_limited(name: str, d: dict, ctx: dict) -> list[_Started]:
    """An openssl s_server behind size_limit_proxy.py (a middlebox that drops
    big ClientHellos); the endpoint is the proxy's port."""
    backend = _start_tls_server(name + "_backend", d, ctx)
    backend.entries = []
    log = os.path.join(ctx["logs"], name + ".log")
    port_file = os.path.join(ctx["run"], name + ".port")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(port_file)
    target = backend.proc.args[backend.proc.args.index("-accept") + 1]
    argv = [sys.executable, os.path.join(HERE, "size_limit_proxy.py"), "--target", target,
            "--limit", str(d["proxy"]["limit"]), "--mode", d["proxy"]["mode"],
            "--port-file", port_file]
    proc = _spawn(argv, log, ctx["dir"])
    proxy = _Started(proc, [], log)
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while not os.path.isfile(port_file) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        with open(port_file) as fh:
            port = int(fh.read())
        if not _tcp_ok("127.0.0.1", port, timeout=2.0) or _non_loopback_listeners(port):
            raise LabError("size-limit proxy %s not listening on loopback" % name)
    except Exception:
        proxy.kill()
        backend.kill()
        raise
    proxy.entries.append(_entry(name, "127.0.0.1", port, "python + openssl s_server",
                                proc.pid, argv, d["expect"], log))
    return [backend, proxy]


def build_wolfssl_server(lab_dir: str) -> str:
    """tests/lab/wolfssl_server.c linked against Debian's libwolfssl, built once per source."""
    return _build_c_helper(lab_dir, "wolfssl_server.c", "wolfssl_server-%s", ["-O2"], ["-lwolfssl"],
                           " (apt-get install libwolfssl-dev)")


def _start_wolfssl(name: str, d: dict, ctx: dict) -> _Started:
    cert = ctx["certs"][d["cert"]]
    log = os.path.join(ctx["logs"], name + ".log")
    port_file = os.path.join(ctx["run"], name + ".port")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(port_file)
    argv = [build_wolfssl_server(ctx["dir"]), port_file, cert["cert"], cert["key"], d["ciphers"]]
    proc = _spawn(argv, log, ctx["dir"])
    started = _Started(proc, [], log)
    try:
        deadline = time.monotonic() + READY_TIMEOUT
        while not os.path.isfile(port_file) and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.02)
        with open(port_file) as fh:
            port = int(fh.read())
        ok, out = _check_cmd(["openssl", "s_client", "-connect", _hostport("127.0.0.1", port),
                              "-servername", "localhost", "-CAfile", ctx["certs"]["ca"]["cert"],
                              "-brief", "-tls1_2"], "Protocol version:")
        if not ok or _non_loopback_listeners(port):
            raise LabError("wolfSSL endpoint %s not serving:\n%s" % (name, out))
    except Exception:
        started.kill()
        raise
    started.entries.append(_entry(name, "127.0.0.1", port, "wolfssl", proc.pid, argv,
                                  d["expect"], log))
    return started


# --------------------------------------------------------------------------
# manifest / lock
# --------------------------------------------------------------------------

@contextlib.contextmanager
def _locked(lab_dir: str):
    os.makedirs(lab_dir, exist_ok=True)
    fd = os.open(os.path.join(lab_dir, LOCKFILE), os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def read_manifest(lab_dir: str) -> dict | None:
    try:
        with open(os.path.join(lab_dir, MANIFEST)) as fh:
            return json.load(fh)
    except (OSError, ValueError):
        return None


def dumps_compact(obj, indent: int = 0) -> str:
    """JSON with nested objects indented but lists of scalars on one line."""
    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(obj, dict):
        if not obj:
            return "{}"
        items = ["%s%s: %s" % (inner, json.dumps(k), dumps_compact(v, indent + 1))
                 for k, v in obj.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(obj, list) and any(isinstance(v, (dict, list)) for v in obj):
        items = [inner + dumps_compact(v, indent + 1) for v in obj]
        return "[\n" + ",\n".join(items) + "\n" + pad + "]"
    return json.dumps(obj)


def _write_manifest(lab_dir: str, manifest: dict) -> None:
    path = os.path.join(lab_dir, MANIFEST)
    tmp = path + ".tmp"
    with open(tmp, "w") as fh:
        fh.write(dumps_compact(manifest) + "\n")
    os.replace(tmp, path)


def _stop_unlocked(lab_dir: str) -> int:
    manifest = read_manifest(lab_dir)
    if manifest is None:
        return 0
    killed = 0
    for p in manifest.get("processes", []):
        if kill_group(p["pid"], p.get("start_time")):
            killed += 1
    wd = manifest.get("watchdog")
    if wd:
        kill_group(wd["pid"], wd.get("start_time"), grace=1.0)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(os.path.join(lab_dir, MANIFEST))
    return killed


def _parse_only(only) -> list[str]:
    if not only:
        return list(_endpoints.ALL_NAMES)
    if isinstance(only, str):
        only = [x for x in only.split(",") if x.strip()]
    names = [x.strip() for x in only]
    unknown = [n for n in names if n not in _endpoints.ALL_NAMES]
    if unknown:
        raise LabError("unknown endpoint(s): %s (known: %s)"
                       % (", ".join(unknown), ", ".join(_endpoints.ALL_NAMES)))
    return [n for n in _endpoints.ALL_NAMES if n in names]


# --------------------------------------------------------------------------
# public API
# --------------------------------------------------------------------------

def start_lab(lab_dir: str, only=None, ttl: float | None = DEFAULT_TTL,
              owner_pid: int | None = None,
              _keep: list | None = None) -> dict:
    """Start the lab (stopping any previous one in lab_dir first).
    Returns the manifest that was written to lab_dir/lab.json."""
    lab_dir = os.path.abspath(lab_dir)
    names = _parse_only(only)
    defs = _endpoints.definitions()
    t0 = time.monotonic()
    with _locked(lab_dir):
        _stop_unlocked(lab_dir)
        ctx = {"dir": lab_dir, "logs": os.path.join(lab_dir, "logs"),
               "run": os.path.join(lab_dir, "run")}
        os.makedirs(ctx["logs"], exist_ok=True)
        os.makedirs(ctx["run"], exist_ok=True)
        ctx["certs"] = _certs.ensure_certs(lab_dir)
        if any(defs[n]["server"] == "gnutls-serv" for n in names):
            ctx["shim"] = build_shim(lab_dir)
        if any(defs[n].get("dhparam") for n in names):
            ctx["dhparams"] = _certs.ensure_dhparams(lab_dir)

        tasks = []
        for n in names:
            srv = defs[n]["server"]
            if n in _endpoints.HOSTILE or n in _endpoints.SCRIPTED:
                continue
            if defs[n].get("proxy"):
                tasks.append((_start_size_limited, (n, defs[n], ctx)))
            elif srv == "wolfssl":
                tasks.append((_start_wolfssl, (n, defs[n], ctx)))
            elif srv in ("openssl s_server", "gnutls-serv"):
                tasks.append((_start_tls_server, (n, defs[n], ctx)))
            elif n == "smtp_starttls":
                tasks.append((_start_smtp, (n, defs[n], ctx)))
            elif n == "sni_required":
                tasks.append((_start_sni_required, (n, defs[n], ctx)))
        hostile = [n for n in names if n in _endpoints.HOSTILE]
        if hostile:
            tasks.append((_start_hostile, (hostile, defs, ctx)))
        scripted = [n for n in names if n in _endpoints.SCRIPTED]
        if scripted:
            tasks.append((_start_scripted, (scripted, defs, ctx)))

        started: list[_Started] = []
        errors: list[str] = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=len(tasks)) as ex:
            futs = [ex.submit(fn, *args) for fn, args in tasks]
            for f in futs:
                try:
                    done = f.result()
                    started.extend(done if isinstance(done, list) else [done])
                except Exception as exc:     # collect, clean up below
                    errors.append(str(exc))
        if errors:
            for s in started:
                s.kill()
            raise LabError("lab start failed:\n" + "\n".join(errors))

        by_name = {e["name"]: e for s in started for e in s.entries}
        processes = [{"pid": s.proc.pid, "start_time": s.start_time,
                      "names": [e["name"] for e in s.entries]} for s in started]
        manifest = {
            "ca_file": ctx["certs"]["ca"]["cert"],
            "lab_dir": lab_dir,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "endpoints": [by_name[n] for n in names],
            "processes": processes,
        }
        deadline = time.time() + ttl if ttl else 0
        wd_argv = [sys.executable, os.path.abspath(__file__), "_watchdog",
                   "--procs", json.dumps([[p["pid"], p["start_time"]]
                                          for p in processes])]
        if owner_pid:
            wd_argv += ["--owner", "%d:%s" % (owner_pid,
                                              proc_start_time(owner_pid))]
        if deadline:
            wd_argv += ["--deadline", "%.0f" % deadline]
        wd = _spawn(wd_argv, os.path.join(ctx["logs"], "watchdog.log"), lab_dir)
        manifest["watchdog"] = {"pid": wd.pid,
                                "start_time": proc_start_time(wd.pid),
                                "owner_pid": owner_pid,
                                "deadline_epoch": int(deadline) or None}
        manifest["startup_seconds"] = round(time.monotonic() - t0, 3)
        _write_manifest(lab_dir, manifest)
        if _keep is not None:
            _keep.extend(s.proc for s in started)
            _keep.append(wd)
        return manifest


def stop_lab(lab_dir: str) -> int:
    """Kill everything the lab in lab_dir started. Idempotent.
    Returns the number of server processes that were still running."""
    lab_dir = os.path.abspath(lab_dir)
    if not os.path.isdir(lab_dir):
        return 0
    with _locked(lab_dir):
        return _stop_unlocked(lab_dir)


def lab_status(lab_dir: str) -> list[dict]:
    manifest = read_manifest(os.path.abspath(lab_dir))
    if manifest is None:
        return []
    alive = {p["pid"]: is_alive(p["pid"], p.get("start_time"))
             for p in manifest.get("processes", [])}
    out = []
    for e in manifest["endpoints"]:
        ok = alive.get(e["pid"], False)
        if ok:
            if e["name"] == "hostile_refused":
                ok = _tcp_refused(e["host"], e["port"])
            else:
                ok = _tcp_ok(e["host"], e["port"], timeout=1.0)
        out.append({"name": e["name"], "host": e["host"], "port": e["port"],
                    "server": e["server"], "pid": e["pid"], "ok": ok})
    return out


class Lab:
    """Context manager for tests: starts the lab, stops it on exit.

    The lab's watchdog is tied to this Python process: if the process dies
    without calling stop(), the servers are killed within a second.
    """

    def __init__(self, lab_dir: str, only=None, ttl: float | None = DEFAULT_TTL):
        self.dir = os.path.abspath(lab_dir)
        self.only = only
        self.ttl = ttl
        self.manifest: dict | None = None
        self._procs: list[subprocess.Popen] = []
        self._owned = True

    @classmethod
    def attach(cls, lab_dir: str) -> "Lab":
        """Use a lab someone else started (``lab.py start``) without owning
        it: entering/leaving the context does not start or stop anything."""
        self = cls(lab_dir)
        self._owned = False
        self.manifest = read_manifest(self.dir)
        if self.manifest is None:
            raise LabError("no running lab in %s" % self.dir)
        return self

    def start(self) -> "Lab":
        if not self._owned:
            return self
        self.manifest = start_lab(self.dir, self.only, ttl=self.ttl,
                                  owner_pid=os.getpid(), _keep=self._procs)
        return self

    def stop(self) -> None:
        if not self._owned:
            return
        stop_lab(self.dir)
        for p in self._procs:          # reap our children (no zombies)
            with contextlib.suppress(Exception):
                p.wait(timeout=2)
        self._procs = []
        self.manifest = None

    def __enter__(self) -> "Lab":
        return self if self.manifest is not None else self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def ca_file(self) -> str:
        return self._m()["ca_file"]

    @property
    def endpoints(self) -> list[dict]:
        return self._m()["endpoints"]

    def endpoint(self, name: str) -> dict:
        for e in self._m()["endpoints"]:
            if e["name"] == name:
                return e
        raise KeyError(name)

    def _m(self) -> dict:
        if self.manifest is None:
            raise LabError("lab is not running")
        return self.manifest


# --------------------------------------------------------------------------
# watchdog (hidden subcommand)
# --------------------------------------------------------------------------

def _watchdog(args) -> int:
    procs = [(int(p), st) for p, st in json.loads(args.procs)]
    owner = None
    if args.owner:
        pid, st = args.owner.split(":")
        owner = (int(pid), None if st == "None" else int(st))
    deadline = float(args.deadline) if args.deadline else 0.0
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    while True:
        if not any(is_alive(p, st) for p, st in procs):
            return 0
        reason = None
        if owner and not is_alive(*owner):
            reason = "owner process %d exited" % owner[0]
        elif deadline and time.time() > deadline:
            reason = "ttl expired"
        if reason:
            print("watchdog: %s; killing lab" % reason, flush=True)
            for p, st in procs:
                kill_group(p, st)
            return 0
        time.sleep(0.5)


# --------------------------------------------------------------------------
# CLI
# --------------------------------------------------------------------------

def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="tlsready local TLS test lab")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("start", help="start all (or --only) endpoints")
    p.add_argument("--dir", required=True)
    p.add_argument("--only", default=None, help="NAME[,NAME...]")
    p.add_argument("--ttl", type=float, default=DEFAULT_TTL,
                   help="kill the lab after this many seconds (0 = never; "
                        "default %(default)s)")
    p.add_argument("--owner-pid", type=int, default=None,
                   help="kill the lab when this process exits (e.g. $$)")
    p.add_argument("--quiet", action="store_true")
    p = sub.add_parser("stop", help="stop the lab in --dir (idempotent)")
    p.add_argument("--dir", required=True)
    p = sub.add_parser("status", help="show endpoints; exit 1 if any is down")
    p.add_argument("--dir", required=True)
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("verify", help="probe endpoints and check 'expect'")
    p.add_argument("--dir", required=True)
    p.add_argument("--only", default=None)
    p.add_argument("-v", "--verbose", action="store_true")
    p = sub.add_parser("_watchdog")
    p.add_argument("--procs", required=True)
    p.add_argument("--owner", default=None)
    p.add_argument("--deadline", default=None)
    args = ap.parse_args(argv)

    try:
        if args.cmd == "start":
            m = start_lab(args.dir, args.only, ttl=args.ttl or None,
                          owner_pid=args.owner_pid)
            if not args.quiet:
                for e in m["endpoints"]:
                    print("%-22s %-10s %5d  %s" % (e["name"], e["host"], e["port"],
                                                  e["server"]))
                print("lab started in %.2fs; manifest: %s"
                      % (m["startup_seconds"],
                         os.path.join(os.path.abspath(args.dir), MANIFEST)))
            return 0
        if args.cmd == "stop":
            n = stop_lab(args.dir)
            print("stopped %d server process(es)" % n)
            return 0
        if args.cmd == "status":
            st = lab_status(args.dir)
            if args.json:
                print(json.dumps(st, indent=2))
            elif not st:
                print("lab not running (no %s)" % MANIFEST)
            else:
                for s in st:
                    print("%-22s %-10s %5d  pid %-7d %s" % (
                        s["name"], s["host"], s["port"], s["pid"],
                        "up" if s["ok"] else "DOWN"))
            return 0 if st and all(s["ok"] for s in st) else 1
        if args.cmd == "verify":
            import verify
            return verify.main(["--dir", args.dir] +
                               (["--only", args.only] if args.only else []) +
                               (["-v"] if args.verbose else []))
        if args.cmd == "_watchdog":
            return _watchdog(args)
    except LabError as exc:
        print("lab: %s" % exc, file=sys.stderr)
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
