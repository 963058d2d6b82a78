"""examples/automation.py, the admin's script: mypy --strict passes on it, and it runs against the lab
(targets file in, scan_many, the m365 verdict, CSV and JSON reports, the documented exit codes)."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from conftest import address, endpoint
from test_mypy import needs_mypy, run_mypy

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "examples" / "automation.py"
SCHEMAS = ROOT / "native" / "schema"


@needs_mypy
def test_mypy_strict_passes_on_the_automation_example(tmp_path: Path) -> None:
    done = run_mypy(tmp_path, "examples/automation.py")
    assert done.returncode == 0, done.stdout + done.stderr


def run(lab: dict[str, Any], tmp_path: Path, names: list[str], *args: str,
        extra: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    targets = tmp_path / "targets.txt"
    lines = ["# estate under test", ""] + [address(endpoint(lab, name)) + f"  # {name}" for name in names]
    targets.write_text("\n".join(lines + list(extra)) + "\n")
    return subprocess.run([sys.executable, str(SCRIPT), str(targets), "--sni", "localhost", "--ca-file",
                           lab["ca_file"], "--timeout", "3", "--concurrency", "4", *args],
                          capture_output=True, text=True, timeout=300)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_a_ready_estate_exits_0_with_its_csv(lab: dict[str, Any], tmp_path: Path) -> None:
    done = run(lab, tmp_path, ["tls10_12_client_pref"], "--csv", str(tmp_path / "report.csv"))
    assert done.returncode == 0, done.stderr
    [row] = read_csv(tmp_path / "report.csv")
    assert row["target"] == address(endpoint(lab, "tls10_12_client_pref"))
    assert row["status"] == "ok" and row["readiness"] == "ready_with_warnings"
    assert "TLSv1.2" in row["versions"].split()
    assert "1 endpoints: 1 ready" in done.stderr


def test_a_legacy_endpoint_exits_1_and_the_json_report_holds_both_documents(lab: dict[str, Any],
                                                                           tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    done = run(lab, tmp_path, ["tls10_12_client_pref", "tls10_legacy_3des_rc4"], "--json", str(report))
    assert done.returncode == 1, done.stderr
    entries = json.loads(report.read_text())
    assert len(entries) == 2
    scan_schema = json.loads((SCHEMAS / "endpoint-scan.schema.json").read_text())
    verdict_schema = json.loads((SCHEMAS / "verdict.schema.json").read_text())
    for entry in entries:
        jsonschema.validate(entry["scan"], scan_schema)
        jsonschema.Draft202012Validator(verdict_schema).validate(entry["verdict"])
    readiness = {entry["scan"]["target"]["port"]: entry["verdict"]["readiness"] for entry in entries}
    assert readiness[endpoint(lab, "tls10_legacy_3des_rc4")["port"]] == "not_ready"


def test_an_endpoint_that_cannot_be_scanned_exits_3(lab: dict[str, Any], tmp_path: Path) -> None:
    done = run(lab, tmp_path, ["tls10_12_client_pref"], "--csv", str(tmp_path / "r.csv"), extra=("127.0.0.1:1",))
    assert done.returncode == 3, done.stderr
    rows = {row["target"]: row for row in read_csv(tmp_path / "r.csv")}
    assert rows["127.0.0.1:1"]["error"] == "connection_refused" and rows["127.0.0.1:1"]["readiness"] == ""


@pytest.mark.parametrize("args, extra, named", [
    (("--policy", "no-such-policy"), (), "no-such-policy"),
    ((), ("nntp://127.0.0.1",), "nntp://127.0.0.1"),
])
def test_bad_input_exits_2_naming_it(lab: dict[str, Any], tmp_path: Path, args: tuple[str, ...],
                                     extra: tuple[str, ...], named: str) -> None:
    done = run(lab, tmp_path, ["tls13_only"], *args, extra=extra)
    assert done.returncode == 2 and named in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_an_empty_targets_file_exits_2(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_text("# nothing yet\n\n")
    done = subprocess.run([sys.executable, str(SCRIPT), str(tmp_path / "empty.txt")], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 2 and "no targets in" in done.stderr and "Traceback" not in done.stderr
