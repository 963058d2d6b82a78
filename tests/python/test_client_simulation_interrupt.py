"""Ctrl-C during tlsready.simulate_clients (issue 13): the binding runs the simulation with the GIL
released and looks at signals every 100 ms; a SIGINT cancels the native simulation, which stops
within about 200 ms, then SimulationInterruptedError (a KeyboardInterrupt) says which endpoint was
interrupted. The host process survives and keeps working.

The slow endpoint is the lab's tarpit_drip (after the ClientHello, one byte every 0.3 s, forever),
with a 20 s per-connection timeout: left alone, simulating its 42 clients four at a time would take
minutes. The SIGINT is a real one, sent by this process to a child running the simulation (as a
terminal's Ctrl-C is), so the default SIGINT handler and PyErr_CheckSignals are what is tested.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from typing import Any

import pytest

import tlsready
from conftest import endpoint

CHILD = r"""
import json, sys, time
import tlsready

scan = json.loads(sys.argv[1])
print("calling", flush=True)
started = time.monotonic()
try:
    tlsready.simulate_clients(scan, timeout=20)
except tlsready.SimulationInterruptedError as error:
    print(json.dumps({"caught_at": time.monotonic(), "ran": time.monotonic() - started, "message": str(error),
                      "endpoint": error.endpoint, "is_keyboard_interrupt": isinstance(error, KeyboardInterrupt),
                      "is_exception": isinstance(error, Exception)}), flush=True)
else:
    print(json.dumps({"finished": time.monotonic() - started}), flush=True)
    sys.exit(3)
# the host survives: the package still answers, a forecast and a new simulation work
assert len(tlsready.client_profiles()) >= 40
assert tlsready.client_impact(scan, clients=["curl"]).outcome("curl").status in ("connects", "fails", "unknown")
print("alive", flush=True)
"""


def _tarpit_scan(lab: dict[str, Any]) -> dict[str, Any]:
    """The tarpit's scan document (a 1 s scan that times out: the simulation then tries every client)."""
    item = endpoint(lab, "tarpit_drip")
    result = tlsready.scan_endpoint(f"{item['host']}:{item['port']}", timeout=1, endpoint_timeout=2)
    assert result.error_kind == "timeout", result.to_json()
    return result.to_dict()


def test_ctrl_c_cancels_simulate_clients_promptly_and_the_host_survives(lab: dict[str, Any]) -> None:
    scan = _tarpit_scan(lab)
    child = subprocess.Popen([sys.executable, "-c", CHILD, json.dumps(scan)], stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "calling"
        time.sleep(1.0)  # the simulation is connected to the tarpit and waiting on it
        assert child.poll() is None, child.stderr.read() if child.stderr else ""
        sent_at = time.monotonic()
        child.send_signal(signal.SIGINT)
        out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    lines = out.splitlines()
    assert child.returncode == 0, f"exit {child.returncode}\n{out}\n{err}"
    report = json.loads(lines[0])
    host, port = scan["target"]["host"], scan["target"]["port"]
    assert report["endpoint"] == f"{host}:{port}"
    assert report["message"] == f"client simulation of {host}:{port} interrupted (Ctrl-C): cancelled, no outcome kept"
    assert report["is_keyboard_interrupt"] and not report["is_exception"]
    # prompt: the binding looks every 100 ms and the native simulation stops within about 200 ms
    assert report["caught_at"] - sent_at < 1.0, report
    assert lines[1:] == ["alive"]
    assert "Traceback" not in err


def test_simulation_interrupted_error_is_exported() -> None:
    assert "SimulationInterruptedError" in tlsready.__all__
    assert issubclass(tlsready.SimulationInterruptedError, KeyboardInterrupt)
    assert not issubclass(tlsready.SimulationInterruptedError, Exception)
    with pytest.raises(KeyboardInterrupt, match="127.0.0.1:1"):
        raise tlsready.SimulationInterruptedError("127.0.0.1:1")
