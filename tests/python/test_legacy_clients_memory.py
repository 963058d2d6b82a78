"""`tlsready clients` reads a log in bounded memory (issue 15: peak RSS under 64 MB whatever the file size):
the same generated IIS log at 12 MiB and at 96 MiB, each read by a fresh process that reports its own peak
RSS (VmHWM, which starts afresh at exec), must stay under 64 MiB and grow by less than 8 MiB with the file.
bench/logs_bench.py is the same reader at 1 GiB, timed against grep and Python's csv."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

MIB = 1 << 20
REPORT_PEAK = """
import sys
from tlsready.cli import main
code = main(sys.argv[1:], out=open("/dev/null", "w"))
peak = next(line for line in open("/proc/self/status") if line.startswith("VmHWM:"))
print(int(peak.split()[1]), code, file=sys.stderr)
"""


def _generator():
    if str(ROOT / "bench") not in sys.path:  # logs_bench imports its neighbour readme_section
        sys.path.insert(0, str(ROOT / "bench"))
    spec = importlib.util.spec_from_file_location("logs_bench", ROOT / "bench" / "logs_bench.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


def _peak_kib(path: Path) -> int:
    proc = subprocess.run([sys.executable, "-c", REPORT_PEAK, "clients", str(path), "--json", "--limit", "10"],
                          capture_output=True, text=True, timeout=600)
    peak, code = proc.stderr.split()[-2:]
    assert code == "1", proc.stderr  # the generated logs hold TLS 1.0/1.1 uses
    return int(peak)


def test_peak_memory_stays_flat_as_the_log_grows(tmp_path: Path):
    generate = _generator()
    small, big = tmp_path / "small" / "u_ex261130_x.log", tmp_path / "big" / "u_ex261130_x.log"
    small.parent.mkdir()
    big.parent.mkdir()
    generate(small, 12 * MIB)
    generate(big, 96 * MIB)
    small_peak, big_peak = _peak_kib(small), _peak_kib(big)
    assert big_peak < 64 * 1024, f"peak RSS {big_peak} KiB reading {big.stat().st_size // MIB} MiB"
    assert big_peak - small_peak < 8 * 1024, (small_peak, big_peak)


def test_the_generated_log_is_read_completely(tmp_path: Path):
    path = tmp_path / "u_ex261130_x.log"
    _generator()(path, 4 * MIB)
    document = json.loads(subprocess.run([sys.executable, "-m", "tlsready", "clients", str(path), "--json"],
                                         capture_output=True, text=True, timeout=120).stdout)
    read = document["sources"][0]["read"]
    assert read["malformed"] == 0 and read["events"] == document["totals"]["uses"] > 10000
    assert set(document["totals"]["protocols"]) == {"TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3"}
    assert len(document["days"]) >= 1
