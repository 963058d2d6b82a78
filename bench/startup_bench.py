#!/usr/bin/env python3
"""What the Python front adds to the engine's own time, measured in one run (issue 14: at most 40 ms).

Per round, alternating so load hits every variant alike:
  * `python -c pass`                           the interpreter alone (not ours; shown for scale)
  * `scan_one --version`                       a C program over the C ABI: process + libtlsready loaded
  * `python -m tlsready --version`             the Python front's start-up
  * `scan_one '{"targets": [EP]}'`             one lab endpoint scanned by the C program
  * `python -m tlsready scan EP --json`        the same endpoint through the CLI
The engine's own time of a scan is the document's `elapsed_ms` (measured by the engine around the
endpoint). Added by the front = wall time of the process - elapsed_ms; the goal compares the Python
CLI's added time with 40 ms, and shows the C program's for reference (its floor: process start,
dynamic loading, OpenSSL initialisation).

    python3 bench/startup_bench.py [--lab-dir DIR] [--rounds 15] [--write bench/README.md]

Needs build/release (libtlsready) and .venv (the installed package); bench/scan_one.c is compiled here.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from readme_section import write_section  # bench/readme_section.py, beside this script

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
BUDGET_MS = 40.0
MARK_BEGIN = "<!-- startup_bench: begin -->"
MARK_END = "<!-- startup_bench: end -->"


def find_library(build: Path) -> Path:
    for path in sorted(build.rglob("libtlsready.so*")):
        if path.is_file() and not path.is_symlink():
            return path
    raise SystemExit(f"no libtlsready.so under {build}: build the 'tlsready' target first")


def compile_scan_one(build: Path, out_dir: Path) -> Path:
    library = find_library(build)
    exe = out_dir / "scan_one"
    subprocess.run(["cc", "-O2", "-std=c99", "-Wall", "-Wextra", "-Werror", "-I", str(ROOT / "native" / "include"),
                    "-I", str(build / "include"), str(ROOT / "bench" / "scan_one.c"), "-o", str(exe),
                    str(library), f"-Wl,-rpath,{library.parent}"], check=True)
    return exe


def compile_installed_package() -> None:
    """Byte-compiles the installed package, as `pip install` does: a venv whose files were copied in
    afterwards, or an environment with PYTHONDONTWRITEBYTECODE, would otherwise recompile every module
    from source on each start (tens of ms) and the bench would measure the compiler, not tlsready."""
    subprocess.run([PYTHON, "-c", "import compileall, os, tlsready; "
                    "compileall.compile_dir(os.path.dirname(tlsready.__file__), quiet=1, force=True)"], check=True)


def timed(command: list[str]) -> tuple[float, str]:
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, timeout=120)
    seconds = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}): {proc.stderr}")
    return seconds * 1000, proc.stdout


def elapsed_ms(stdout: str) -> float:
    return float(json.loads(stdout.splitlines()[0])["elapsed_ms"])


def measure(target: str, sni: str, ca_file: str, scan_one: Path, rounds: int) -> dict[str, list[float]]:
    request = json.dumps({"targets": [{"target": target, "sni": sni}],
                          "options": {"timeout": 3, "ca_file": ca_file}})
    cli_scan = [PYTHON, "-m", "tlsready", "scan", target, "--json", "--timeout", "3", "--sni", sni, "--ca-file", ca_file]
    samples: dict[str, list[float]] = {k: [] for k in (
        "python_pass", "c_version", "py_version", "c_scan", "c_engine", "py_scan", "py_engine")}
    for _ in range(rounds):
        samples["python_pass"].append(timed([PYTHON, "-c", "pass"])[0])
        samples["c_version"].append(timed([str(scan_one), "--version"])[0])
        samples["py_version"].append(timed([PYTHON, "-m", "tlsready", "--version"])[0])
        wall, out = timed([str(scan_one), request])
        samples["c_scan"].append(wall)
        samples["c_engine"].append(elapsed_ms(out))
        wall, out = timed(cli_scan)
        samples["py_scan"].append(wall)
        samples["py_engine"].append(elapsed_ms(out))
    return samples


def report(samples: dict[str, list[float]], target_name: str, rounds: int) -> str:
    med = {k: statistics.median(v) for k, v in samples.items()}
    # Paired per round (the same load for both), then the median of the differences.
    version_added = statistics.median(p - c for p, c in zip(samples["py_version"], samples["c_version"]))
    scan_added = statistics.median(p - c for p, c in zip(samples["py_scan"], samples["c_scan"]))
    py_outside = statistics.median(w - e for w, e in zip(samples["py_scan"], samples["py_engine"]))
    c_outside = statistics.median(w - e for w, e in zip(samples["c_scan"], samples["c_engine"]))

    def verdict(ms: float) -> str:
        return f"{'within' if ms <= BUDGET_MS else 'NOT within'} the {BUDGET_MS:.0f} ms budget"

    lines = [
        MARK_BEGIN,
        "## Start-up: what the Python front adds to the engine",
        "",
        f"Produced by `python3 bench/startup_bench.py --write bench/README.md`: {rounds} rounds, medians in ms, every",
        f"variant once per round (same run, same load; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores "
        f"when it ran). Endpoint: the lab's `{target_name}`. The engine alone is",
        "`bench/scan_one.c`, a C program over the C ABI (process start, libtlsready and OpenSSL loaded, the scan);",
        "\"outside the engine\" is a process's wall time minus the document's `elapsed_ms`.",
        "",
        "| what | wall ms | engine `elapsed_ms` | outside the engine ms |",
        "|---|---:|---:|---:|",
        f"| `python -c pass` (the interpreter alone, for scale) | {med['python_pass']:.1f} | - | - |",
        f"| `scan_one --version` (C program, libtlsready loaded) | {med['c_version']:.1f} | - | - |",
        f"| `python -m tlsready --version` | {med['py_version']:.1f} | - | - |",
        f"| `scan_one REQUEST` (one endpoint, C ABI) | {med['c_scan']:.1f} | {med['c_engine']:.1f} | {c_outside:.1f} |",
        f"| `python -m tlsready scan EP --json` | {med['py_scan']:.1f} | {med['py_engine']:.1f} | {py_outside:.1f} |",
        "",
        f"- `tlsready --version` adds {version_added:.1f} ms to the C program that loads the same engine "
        f"({verdict(version_added)}).",
        f"- A one-endpoint scan through the CLI adds {scan_added:.1f} ms to the C program's scan of the same endpoint "
        f"({verdict(scan_added)}); {py_outside:.1f} ms of the CLI's run is outside the engine's own "
        f"{med['py_engine']:.1f} ms (the C program's: {c_outside:.1f} ms).",
        "- `tests/python/test_cli_startup.py` pins what it can without absolute times: `--version` imports no",
        "  optional package and none of the scan's machinery beyond the package, and the CLI's time outside the",
        "  engine stays a bounded multiple of the interpreter's own start-up.",
        MARK_END,
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--lab-dir", default=os.environ.get("TLSREADY_LAB_DIR"))
    parser.add_argument("--build", default=str(ROOT / "build" / "release"))
    parser.add_argument("--endpoint", default="tls13_only")
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--write", metavar="README", help="replace (or append) the start-up section of this file")
    args = parser.parse_args()
    if not args.lab_dir:
        raise SystemExit("start the lab first (tests/lab/lab.py start --dir DIR) and pass --lab-dir or TLSREADY_LAB_DIR")
    manifest = json.loads((Path(args.lab_dir) / "lab.json").read_text())
    item = next(e for e in manifest["endpoints"] if e["name"] == args.endpoint)
    host = item["host"]
    target = f"[{host}]:{item['port']}" if ":" in host else f"{host}:{item['port']}"
    compile_installed_package()
    with tempfile.TemporaryDirectory() as tmp:
        scan_one = compile_scan_one(Path(args.build), Path(tmp))
        samples = measure(target, "localhost", manifest["ca_file"], scan_one, args.rounds)
    text = report(samples, args.endpoint, args.rounds)
    sys.stdout.write(text)
    if args.write:
        write_section(Path(args.write), MARK_BEGIN, MARK_END, text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
