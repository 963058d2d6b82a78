"""Many endpoints at once: each result as it finishes, a slow one never holds the rest, and an
interrupted scan keeps every finished result."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time

import tlsready
from conftest import address, endpoint


def test_a_silent_endpoint_does_not_hold_up_the_others(lab):
    names = ["hostile_silent", "tls13_only", "tls12_13_server_pref", "self_signed", "hostile_garbage"]
    order = []
    results = tlsready.scan([address(endpoint(lab, n)) for n in names], sni="localhost", timeout=3,
                            concurrency=4, on_result=lambda r: order.append(r.target))
    silent = address(endpoint(lab, "hostile_silent"))
    assert results[0].error_kind == "timeout"
    assert order[-1] == silent  # every other endpoint was delivered before the silent one timed out
    for result in results[1:]:
        assert result.elapsed_ms < 3000, result.target


def test_interrupted_cli_scan_keeps_finished_results(lab):
    exe = shutil.which("tlsready", path=os.path.dirname(sys.executable)) or "tlsready"
    targets = [address(endpoint(lab, "tls13_only")), address(endpoint(lab, "hostile_silent"))]
    proc = subprocess.Popen([exe, "scan", *targets, "--json", "--timeout", "30", "--concurrency", "2",
                             "--sni", "localhost"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    first = proc.stdout.readline()  # the TLS 1.3 endpoint finishes long before the silent one
    assert json.loads(first)["status"] == "ok"
    started = time.monotonic()
    proc.send_signal(signal.SIGINT)
    rest, err = proc.communicate(timeout=15)
    assert proc.returncode == 130, err
    assert time.monotonic() - started < 10  # cancelled, not waited out
    assert "interrupted: 1 of 2" in err
