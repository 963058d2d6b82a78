"""`tlsready scan`'s progress bar: on stderr when it is a terminal (a pty here) and more than one target
is scanned, against the lab; nothing at all when stderr is piped; stdout never mixed with it."""

from __future__ import annotations

import io
import json
import os
import pty
import shutil
import subprocess
import sys
import threading

from conftest import address, endpoint

from tlsready._progress import Progress, format_elapsed, format_line

CLEAR = "\r\x1b[K"


def _exe() -> str:
    return shutil.which("tlsready", path=os.path.dirname(sys.executable)) or "tlsready"


def run_with_terminal_stderr(*args: str, timeout: float = 120) -> tuple[int, str, str]:
    """Runs the CLI with stderr on a pty (a terminal) and stdout piped; returns (code, stdout, stderr)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([_exe(), *args], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO: every writer of the pty is gone
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        stdout, _ = proc.communicate(timeout=timeout)
    finally:
        reader.join(10)
        os.close(master)
    return proc.returncode, stdout.decode(), b"".join(chunks).decode(errors="replace")


def _targets(lab) -> list[str]:
    return [address(endpoint(lab, n)) for n in ("tls13_only", "tls12_13_server_pref")] + ["127.0.0.1:1"]


def test_a_terminal_gets_a_bar_with_done_total_failures_elapsed_and_rate(lab):
    code, stdout, stderr = run_with_terminal_stderr("scan", *_targets(lab), "--json", "--timeout", "3",
                                                    "--sni", "localhost", "--ca-file", lab["ca_file"])
    assert code == 3  # 127.0.0.1:1 refuses
    assert "3/3" in stderr, stderr
    assert "1 failed" in stderr
    assert "elapsed" in stderr and "/s" in stderr
    assert "[####################]" in stderr  # full at the end
    assert stderr.endswith(CLEAR), repr(stderr[-40:])  # erased: the shell prompt starts on a clean line
    # stdout (piped) holds only the documents, whole lines, no control characters.
    documents = [json.loads(line) for line in stdout.splitlines()]
    assert len(documents) == 3
    assert "\x1b" not in stdout


def test_the_table_and_the_bar_do_not_mix(lab):
    code, stdout, stderr = run_with_terminal_stderr("scan", *_targets(lab)[:2], "--timeout", "3", "--sni", "localhost",
                                                    "--ca-file", lab["ca_file"])
    assert code == 0, stderr
    assert "2/2" in stderr
    assert "\x1b[K" not in stdout and "elapsed" not in stdout
    assert "Summary" in stdout or "endpoints" in stdout


def test_piped_stderr_gets_nothing(lab):
    proc = subprocess.run([_exe(), "scan", *_targets(lab), "--json", "--timeout", "3", "--sni", "localhost",
                           "--ca-file", lab["ca_file"]], capture_output=True, timeout=120)
    assert proc.returncode == 3
    assert proc.stderr == b""
    assert len(proc.stdout.splitlines()) == 3


def test_one_target_gets_no_bar_even_on_a_terminal(lab):
    code, stdout, stderr = run_with_terminal_stderr("scan", _targets(lab)[0], "--json", "--timeout", "3",
                                                    "--sni", "localhost", "--ca-file", lab["ca_file"])
    assert code == 0
    assert stderr == ""
    assert json.loads(stdout)["target"]["port"] == endpoint(lab, "tls13_only")["port"]


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class _Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_line_counts_failures_and_the_rate_of_the_last_endpoints():
    clock = _Clock()
    terminal = _Terminal()
    progress = Progress(terminal, 4, clock=clock)
    assert progress.enabled
    progress._started = clock.now  # as start() sets it, without the ticker thread
    clock.now += 2
    progress.finished("a:1", ok=True)
    clock.now += 2
    progress.finished("b:1", ok=False)
    line = terminal.getvalue().rsplit(CLEAR, 1)[1]
    assert line.startswith("[##########..........]  2/4  1 failed  0:04 elapsed  0.5/s  b:1"), line
    with progress.writing():
        terminal.write("REPORT\n")
    assert terminal.getvalue().endswith(CLEAR + "REPORT\n")  # erased before anything else is written
    progress.close()
    assert progress.done == 2 and progress.failed == 1


def test_not_a_terminal_or_one_target_is_silent():
    piped = io.StringIO()
    progress = Progress(piped, 5)
    progress.start()
    progress.finished("a:1", ok=True)
    with progress.writing():
        pass
    progress.close()
    assert piped.getvalue() == ""
    single = _Terminal()
    Progress(single, 1).finished("a:1", ok=True)
    assert single.getvalue() == ""


def test_the_line_never_wraps_and_elapsed_reads_as_a_clock():
    assert len(format_line(5, 10, 0, 3.0, 1.6, "x" * 500, 60)) == 59
    assert format_elapsed(59.9) == "0:59"
    assert format_elapsed(3725) == "1:02:05"
