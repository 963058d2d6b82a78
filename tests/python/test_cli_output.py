"""`tlsready scan` arguments and output: one-line errors naming the file or option, exit codes, the
table in input order with a summary, the progress line, -o replace/--append, closed pipes.

Runs without the lab: 127.0.0.1:1 refuses at once, and a local socket that never answers times out.
"""

from __future__ import annotations

import io
import json
import os
import re
import signal
import socket
import subprocess
import time
from typing import Iterator

import pytest

from conftest import tlsready_exe
from tlsready.cli import main

REFUSED = "127.0.0.1:1"
REFUSED_TOO = "127.0.0.1:2"


def run_cli(*args: str, timeout: float = 60, **kwargs) -> subprocess.CompletedProcess[str]:
    kwargs.setdefault("capture_output", True)
    return subprocess.run([tlsready_exe(), *args], text=True, timeout=timeout, **kwargs)


def one_clean_line(stderr: str) -> str:
    """The error output is one line, no traceback."""
    assert "Traceback" not in stderr and "Exception ignored" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.fixture
def silent_endpoint() -> Iterator[str]:
    """A TCP listener on 127.0.0.1 that never answers (the kernel completes the connection)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield f"127.0.0.1:{listener.getsockname()[1]}"


# --- numbers ---------------------------------------------------------------------------------

@pytest.mark.parametrize("option, value", [
    ("--timeout", "nan"), ("--timeout", "inf"), ("--timeout", "-inf"), ("--timeout", "-1"), ("--timeout", "0"),
    ("--timeout", "1e9"), ("--timeout", "five"), ("--concurrency", "0"), ("--concurrency", "-3"),
    ("--concurrency", "100000"), ("--concurrency", "2.5"),
])
def test_bad_numbers_name_the_option_with_exit_2(option, value):
    proc = run_cli("scan", REFUSED, f"{option}={value}")
    assert proc.returncode == 2
    line = proc.stderr.strip().splitlines()[-1]
    assert f"argument {option}" in line and value in line, proc.stderr
    assert "JSON" not in proc.stderr


# --- targets, --sni, --ca-file: exit 2 before anything is scanned ----------------------------

@pytest.mark.parametrize("args, shown", [
    (["::1:443"], "[::1]:443"),
    (["127.1"], "write 127.0.0.1"),
    (["--", "-1"], "'-'"),
    (["gopher://localhost:8443/"], 'unknown scheme "gopher"'),
    ([REFUSED, "--sni", "a" * 256], "server name (SNI)"),
    ([REFUSED, "--sni", "bad\x01name"], "control"),
])
def test_targets_and_sni_that_cannot_be_scanned_are_argument_errors(args, shown):
    proc = run_cli("scan", *args)
    assert proc.returncode == 2, proc.stdout
    assert shown in one_clean_line(proc.stderr)
    assert proc.stdout == ""


def test_an_https_url_is_scanned_as_host_and_port():
    proc = run_cli("scan", "https://127.0.0.1:1/path", "--timeout", "1")
    assert proc.returncode == 3, proc.stderr  # scanned, but it could not be reached
    assert "127.0.0.1:1" in proc.stdout and "connection_refused" in proc.stdout


def test_ca_file_problems_are_argument_errors_before_scanning(tmp_path):
    not_pem = tmp_path / "not.pem"
    not_pem.write_text("not a certificate\n")
    for path, problem in ((tmp_path / "missing.pem", "does not exist"), (tmp_path, "is a directory"),
                          (not_pem, "holds no PEM certificate")):
        proc = run_cli("scan", REFUSED, "--ca-file", str(path))
        assert proc.returncode == 2, proc.stdout
        line = one_clean_line(proc.stderr)
        assert str(path) in line and problem in line and "--ca-file" in line
        assert proc.stdout == ""  # nothing was scanned


# --- -o FILE ---------------------------------------------------------------------------------

def read_only_file(tmp_path) -> str:
    if os.geteuid() == 0:
        return "/sys/devices/system/cpu/online"  # sysfs refuses writes even to root
    path = tmp_path / "read-only.jsonl"
    path.write_text("")
    path.chmod(0o444)
    return str(path)


@pytest.mark.parametrize("where, problem", [
    ("missing/out.jsonl", "no such directory"),
    (".", "is a directory"),
    ("READ_ONLY", "permission denied"),
])
def test_bad_output_paths_are_one_line_with_exit_2(tmp_path, where, problem):
    path = read_only_file(tmp_path) if where == "READ_ONLY" else str(tmp_path / where)
    proc = run_cli("scan", REFUSED, "--json", "-o", path)
    assert proc.returncode == 2
    line = one_clean_line(proc.stderr)
    assert path in line and problem in line
    assert proc.stdout == ""  # refused before scanning


def test_output_on_a_full_disk_is_one_line_with_exit_2():
    proc = run_cli("scan", REFUSED, "-o", "/dev/full")
    assert proc.returncode == 2
    line = one_clean_line(proc.stderr)
    assert "/dev/full" in line and "no space left on device" in line


def test_stdout_on_a_full_disk_is_one_line_with_exit_2():
    with open("/dev/full", "w") as full:
        proc = run_cli("scan", REFUSED, "--json", stdout=full, stderr=subprocess.PIPE, capture_output=False)
    assert proc.returncode == 2
    line = one_clean_line(proc.stderr)
    assert "standard output" in line and "no space left on device" in line


def test_a_closed_pipe_ends_the_scan_quietly_with_141():
    # As `tlsready scan ... --json | head -0`: the reader is gone before the first line.
    proc = subprocess.Popen([tlsready_exe(), "scan", REFUSED, REFUSED_TOO, "--json"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    proc.stdout.close()
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 141
    assert err == b""


def test_output_file_is_replaced_with_a_message_or_appended_to(tmp_path):
    out = tmp_path / "results.jsonl"
    out.write_text("old run\n")
    proc = run_cli("scan", REFUSED, "--json", "-o", str(out))
    assert proc.returncode == 3
    assert f"replacing the existing {out}" in proc.stderr
    lines = out.read_text().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["error"]["kind"] == "connection_refused"

    proc = run_cli("scan", REFUSED_TOO, "--json", "-o", str(out), "--append")
    assert proc.returncode == 3
    assert "replacing" not in proc.stderr
    assert [json.loads(line)["target"]["port"] for line in out.read_text().splitlines()] == [1, 2]


def test_a_rejected_run_leaves_the_output_file_alone(tmp_path):
    out = tmp_path / "results.jsonl"
    out.write_text("old run\n")
    assert run_cli("scan", "127.1", "-o", str(out)).returncode == 2
    assert out.read_text() == "old run\n"
    fresh = tmp_path / "fresh.jsonl"
    assert run_cli("scan", "127.1", "-o", str(fresh)).returncode == 2
    assert not fresh.exists()


def test_append_needs_an_output_file():
    proc = run_cli("scan", REFUSED, "--append")
    assert proc.returncode == 2
    assert "--append" in one_clean_line(proc.stderr)


# --- order, summary, progress ----------------------------------------------------------------

def test_table_reports_follow_input_order_and_end_with_a_summary(silent_endpoint):
    # The silent endpoint finishes last (timeout) but is printed first; JSONL in the file streams.
    proc = run_cli("scan", silent_endpoint, REFUSED, "--timeout", "1", "--concurrency", "2")
    assert proc.returncode == 3
    first, second = proc.stdout.find(silent_endpoint), proc.stdout.find(REFUSED)
    assert 0 <= first < second, proc.stdout
    assert "Summary" in proc.stdout[second:], proc.stdout


def test_json_lines_still_stream_in_completion_order(silent_endpoint):
    proc = run_cli("scan", silent_endpoint, REFUSED, "--json", "--timeout", "1", "--concurrency", "2")
    ports = [json.loads(line)["target"]["port"] for line in proc.stdout.splitlines()]
    assert ports == [1, int(silent_endpoint.rsplit(":", 1)[1])]
    assert "Summary" not in proc.stdout


def test_a_single_target_has_no_summary():
    proc = run_cli("scan", REFUSED)
    assert proc.returncode == 3
    assert "Summary" not in proc.stdout


class Terminal(io.StringIO):
    """stdout and stderr on one terminal."""

    def isatty(self) -> bool:
        return True


def test_the_progress_line_is_erased_before_each_report():
    terminal = Terminal()
    status = main(["scan", REFUSED, REFUSED_TOO, "--timeout", "1"], out=terminal, err=terminal)
    assert status == 3
    text = terminal.getvalue()
    assert re.search(r"\]  1/2  1 failed  .* 127\.0\.0\.1:[12]", text)  # tlsready/_progress.py's bar
    # Every progress line is followed by the erase sequence before anything else is written.
    bars = list(re.finditer(r"\[[#.]{20}\]  \d/2[^\r\n]*", text))
    assert bars
    for match in bars:
        assert text.startswith("\r\033[K", match.end()), repr(text[match.end():match.end() + 20])
    assert text.endswith("\n")


def test_no_progress_line_when_stderr_is_not_a_terminal():
    out, err = io.StringIO(), io.StringIO()
    main(["scan", REFUSED, REFUSED_TOO], out=out, err=err)
    assert err.getvalue() == ""


def test_sigterm_keeps_the_finished_reports_that_wait_for_an_earlier_endpoint(silent_endpoint):
    proc = subprocess.Popen([tlsready_exe(), "scan", silent_endpoint, REFUSED, "--timeout", "30", "--concurrency", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(1.5)  # the refused endpoint is finished, held back behind the silent one
    proc.send_signal(signal.SIGTERM)
    out, err = proc.communicate(timeout=15)
    assert proc.returncode == 143, err
    assert REFUSED in out
    assert "terminated: 1 of 2" in err
