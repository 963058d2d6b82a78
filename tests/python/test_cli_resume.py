"""`tlsready scan -o FILE --resume` after a SIGKILL: nothing finished is lost, nothing is duplicated."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

from conftest import address, endpoint
from tlsready._resume import target_key


def _exe() -> str:
    return shutil.which("tlsready", path=os.path.dirname(sys.executable)) or "tlsready"


def _documents(path) -> list:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def test_target_key():
    assert target_key("127.0.0.1:8443") == ("127.0.0.1", 8443)
    assert target_key("[::1]:443") == ("::1", 443)
    assert target_key("LOCALHOST:25") == ("localhost", 25)
    assert target_key("::1") is None and target_key("127.0.0.1") is None


def test_resume_after_sigkill_loses_nothing_and_duplicates_nothing(lab, tmp_path):
    fast = [address(endpoint(lab, n)) for n in ("tls13_only", "tls12_13_server_pref", "tls10_legacy_3des_rc4")]
    slow = address(endpoint(lab, "tarpit_drip"))  # keeps the first run alive until it is killed
    out = tmp_path / "results.jsonl"
    common = ["--sni", "localhost", "--ca-file", lab["ca_file"]]
    proc = subprocess.Popen([_exe(), "scan", slow, *fast, "-o", str(out), "--json", "--timeout", "30",
                             "--endpoint-timeout", "120", *common],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not out.exists() or len(_documents(out)) < len(fast)):
        assert proc.poll() is None, proc.stderr.read()
        time.sleep(0.1)
    assert proc.poll() is None, "the tarpit did not keep the run alive"
    proc.send_signal(signal.SIGKILL)
    proc.wait(10)
    before = out.read_bytes()
    first = _documents(out)
    assert len(first) == len(fast)
    with open(out, "ab") as handle:  # what a kill in the middle of a write would leave
        handle.write(b'{"schema_version": 2, "target": {"ho')

    resumed = subprocess.run([_exe(), "scan", slow, *fast, "-o", str(out), "--resume", "--json", "--timeout", "1",
                              "--endpoint-timeout", "3", *common], capture_output=True, text=True, timeout=120)
    assert resumed.returncode in (0, 3), resumed.stderr
    assert f"3 of 4 targets already have a result in {out}" in resumed.stderr
    assert "Traceback" not in resumed.stderr
    assert out.read_bytes().startswith(before)  # the finished results are kept as they were
    documents = _documents(out)  # the torn line is gone: every line parses
    keys = [(d["target"]["host"], d["target"]["port"]) for d in documents]
    assert sorted(keys) == sorted(target_key(t) for t in [slow, *fast])  # each once
    assert len(resumed.stdout.splitlines()) == 1  # only the tarpit was scanned again

    again = subprocess.run([_exe(), "scan", slow, *fast, "-o", str(out), "--resume", *common],
                           capture_output=True, text=True, timeout=60)
    assert again.returncode == 0, again.stderr
    assert "4 of 4 targets" in again.stderr
    assert len(_documents(out)) == 4


def test_resume_without_output_is_a_usage_error():
    proc = subprocess.run([_exe(), "scan", "127.0.0.1:1", "--resume"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "--resume goes with -o" in proc.stderr and "Traceback" not in proc.stderr


def test_resume_rejects_a_file_that_is_not_scan_results(tmp_path):
    other = tmp_path / "notes.txt"
    other.write_text("hello\nworld\n")
    proc = subprocess.run([_exe(), "scan", "127.0.0.1:1", "-o", str(other), "--resume"], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 2 and "line 1" in proc.stderr and "Traceback" not in proc.stderr
    assert other.read_text() == "hello\nworld\n"
