"""Exit codes, the same for every subcommand (README "Exit codes"): 0 done, 1 findings (a judgement:
scan --policy, verdict, policy --against), 2 usage or input error, 3 some target could not be scanned,
130 interrupted. Each code path of each subcommand, with no traceback."""

from __future__ import annotations

import importlib
import io
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import address, endpoint

from tlsready import cli

ROOT = Path(__file__).resolve().parents[2]
SCENARIOS = ROOT / "tests" / "data" / "reg" / "scenarios"


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("tlsready", path=os.path.dirname(sys.executable)) or "tlsready"
    proc = subprocess.run([exe, *args], capture_output=True, text=True, timeout=timeout)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="module")
def saved(lab, tmp_path_factory) -> dict[str, Path]:
    """Saved scans: one endpoint ready (with warnings) for m365, one not."""
    out = {}
    for name in ("tls12_13_server_pref", "tls10_legacy_3des_rc4"):
        path = tmp_path_factory.mktemp("saved") / f"{name}.jsonl"
        proc = run_cli("scan", address(endpoint(lab, name)), "--timeout", "3", "--sni", "localhost",
                       "--ca-file", lab["ca_file"], "-o", str(path), "--json")
        assert proc.returncode == 0, proc.stderr
        out[name] = path
    return out


# ---- scan ---------------------------------------------------------------------------------------

def test_scan_0_scanned_1_not_ready_2_bad_input_3_not_scanned(lab):
    good = address(endpoint(lab, "tls12_13_server_pref"))
    legacy = address(endpoint(lab, "tls10_legacy_3des_rc4"))
    common = ("--timeout", "3", "--sni", "localhost", "--ca-file", lab["ca_file"])
    assert run_cli("scan", good, *common).returncode == 0
    assert run_cli("scan", good, *common, "--policy", "m365").returncode == 0  # ready with warnings
    assert run_cli("scan", legacy, *common, "--policy", "m365").returncode == 1
    bad = run_cli("scan", "gopher://127.0.0.1")
    assert bad.returncode == 2 and 'unknown scheme "gopher"' in bad.stderr
    assert run_cli("scan").returncode == 2  # no targets
    assert run_cli("scan", good, "--timeout", "0").returncode == 2
    assert run_cli("scan", good, "127.0.0.1:1", *common).returncode == 3
    assert run_cli("scan", legacy, "127.0.0.1:1", *common, "--policy", "m365").returncode == 3  # 3 wins over 1


def test_scan_130_on_ctrl_c():
    # A listener that accepts and never answers: Ctrl-C once the scan is connected (not while Python starts).
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    exe = shutil.which("tlsready", path=os.path.dirname(sys.executable)) or "tlsready"
    try:
        proc = subprocess.Popen([exe, "scan", f"127.0.0.1:{listener.getsockname()[1]}", "--timeout", "30", "--json"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        ready, _, _ = select.select([listener], [], [], 60)
        assert ready, "the scan never connected"
        time.sleep(0.2)
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=30)
    finally:
        listener.close()
    assert proc.returncode == 130, stderr
    assert "interrupted: 0 of 1 endpoints finished" in stderr and "Traceback" not in stderr


# ---- verdict, policies --------------------------------------------------------------------------

def test_verdict_0_ready_1_not_ready_2_bad_input(saved, tmp_path):
    assert run_cli("verdict", str(saved["tls12_13_server_pref"]), "--policy", "m365").returncode == 0
    assert run_cli("verdict", str(saved["tls10_legacy_3des_rc4"]), "--policy", "m365").returncode == 1
    assert run_cli("verdict", str(tmp_path / "missing.jsonl"), "--policy", "m365").returncode == 2
    assert run_cli("verdict", str(saved["tls12_13_server_pref"]), "--policy", "m366").returncode == 2
    assert run_cli("verdict", str(saved["tls12_13_server_pref"])).returncode == 2  # --policy is required


def test_policies_0_and_2():
    assert run_cli("policies").returncode == 0
    assert run_cli("policies", "--bogus").returncode == 2


# ---- policy -------------------------------------------------------------------------------------

def test_policy_0_audited_1_does_not_reach_2_bad_input(tmp_path):
    untouched = str(SCENARIOS / "win7_sp1_untouched.reg")
    assert run_cli("policy", "--reg", untouched).returncode == 0  # a report, even with findings
    assert run_cli("policy", "--reg", untouched, "--against", "m365").returncode == 1
    assert run_cli("policy", "--reg", str(SCENARIOS / "win7_sp1_remediated.reg"), "--against", "m365").returncode == 0
    assert run_cli("policy", "--reg", str(tmp_path / "missing.reg")).returncode == 2
    assert run_cli("policy", "--reg", untouched, "--root", "/").returncode == 2


# ---- clients, suites ----------------------------------------------------------------------------

def test_clients_0_and_2(saved, tmp_path):
    assert run_cli("clients").returncode == 0
    assert run_cli("clients", str(saved["tls10_legacy_3des_rc4"]), "--what-if", "no-tls10,no-tls11").returncode == 0
    assert run_cli("clients", "--what-if", "no-tls10").returncode == 2  # needs results
    assert run_cli("clients", str(tmp_path / "missing.jsonl")).returncode == 2


def test_suites_0_and_2():
    assert run_cli("suites", "0x000a").returncode == 0
    assert run_cli("suites", "0x0a0a").returncode == 2


# ---- 130 for every subcommand: Ctrl-C while it works -------------------------------------------

@pytest.mark.parametrize("command, runner", [
    (["policy", "--reg", "x.reg"], "tlsready._policy_command.run_policy"),
    (["verdict", "x.jsonl", "--policy", "m365"], "tlsready._verdict_command.run_verdict"),
    (["policies"], "tlsready._verdict_command.run_policies"),
    (["suites"], "tlsready._suites_command.run_suites"),
    (["clients"], "tlsready._clients_command.run_clients"),
])
def test_ctrl_c_in_any_subcommand_is_130_without_a_traceback(monkeypatch, command, runner):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    # Each command's module is imported when it runs (the CLI starts lean): patch the function there.
    owner, _, name = runner.rpartition(".")
    monkeypatch.setattr(importlib.import_module(owner), name, interrupted)
    err = io.StringIO()
    assert cli.main(command, out=io.StringIO(), err=err) == 130
    assert err.getvalue() == "tlsready: interrupted\n"


def test_usage_errors_are_2_for_every_subcommand():
    for command in ("scan", "policy", "verdict", "policies", "clients", "suites"):
        proc = run_cli(command, "--no-such-option")
        assert proc.returncode == 2, command
        assert "unrecognized arguments" in proc.stderr or "error:" in proc.stderr
    assert run_cli("no-such-command").returncode == 2
    assert run_cli().returncode == 2


# ---- --help: examples and exit codes for every subcommand --------------------------------------

@pytest.mark.parametrize("command", ["scan", "policy", "verdict", "policies", "clients", "suites"])
def test_every_subcommand_help_has_examples_and_exit_codes(command):
    proc = run_cli(command, "--help")
    assert proc.returncode == 0
    assert "examples:" in proc.stdout
    assert f"tlsready {command}" in proc.stdout.split("examples:", 1)[1]
    assert "exit codes:" in proc.stdout


def test_top_level_help_lists_examples_and_every_exit_code():
    proc = run_cli("--help")
    assert proc.returncode == 0
    for command in ("scan", "policy", "verdict", "policies", "clients", "suites"):
        assert command in proc.stdout
    for code in ("0 done", "1 findings", "2 usage", "3 some target", "130 interrupted"):
        assert code in proc.stdout
