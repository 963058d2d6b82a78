"""tests/run_steps.sh (used by tests/run_all.sh): one line per step with its time, output in a log shown
on failure, a table of timings, and nothing after the last command's own output."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run(script: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    body = f"set -euo pipefail\nstep_logs={tmp_path}/logs\nsource {ROOT}/tests/run_steps.sh\n{script}"
    return subprocess.run(["bash", "-c", body], capture_output=True, text=True, cwd=tmp_path, timeout=60)


def test_each_step_prints_one_line_with_its_time_and_logs_its_output(tmp_path):
    noisy = "noisy() { for i in $(seq 300); do echo \"[ $i%] Building CXX object $i.o\"; done; }\n"
    done = run(noisy + 'run_step "native build" noisy\nrun_step "unit tests" true\n'
               'print_timings "(pytest follows)"\necho "5 passed in 0.1s"', tmp_path)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("[ 1] native build") and lines[0].rstrip().endswith("s")
    assert " ok " in lines[0]
    assert lines[1].startswith("[ 2] unit tests")
    assert "Building CXX" not in done.stdout
    log = tmp_path / "logs" / "01-native-build.log"
    assert log.read_text().count("Building CXX object") == 300
    assert "Step timings" in lines
    assert any(line.strip().startswith("native build") for line in lines[lines.index("Step timings"):])
    assert any(line.strip().startswith("total") and "(pytest follows)" in line for line in lines)
    assert lines[-1] == "5 passed in 0.1s"  # the closing line stays the last command's


def test_a_failing_step_shows_its_log_and_stops(tmp_path):
    done = run('broken() { echo "main.cpp:3: error: expected ;"; return 3; }\n'
               'run_step "native build" broken\nrun_step "never" true', tmp_path)
    assert done.returncode == 3
    assert "FAILED after" in done.stdout and "(exit 3)" in done.stdout
    assert "main.cpp:3: error: expected ;" in done.stdout
    assert "never" not in done.stdout


def test_a_step_can_surface_one_marked_line(tmp_path):
    done = run('tests() { echo noise; echo ">> 100% tests passed, 0 tests failed out of 2"; }\n'
               'run_step "unit tests" tests', tmp_path)
    assert done.stdout.splitlines()[1] == "     100% tests passed, 0 tests failed out of 2"
    assert "noise" not in done.stdout


def test_run_all_prints_timings_before_pytest_and_ends_with_it():
    text = (ROOT / "tests" / "run_all.sh").read_text()
    assert "source tests/run_steps.sh" in text
    last = [line for line in text.splitlines() if line.strip() and not line.startswith("#")][-1]
    assert last.startswith(".venv/bin/python -m pytest")
    assert text.index("print_timings") < text.index(".venv/bin/python -m pytest")
