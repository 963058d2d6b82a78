"""`tlsready scan --csv` (one RFC 4180 row per endpoint) and `--jsonl` (the --json spelling)."""

from __future__ import annotations

import csv
import io
import json

from conftest import address, endpoint, run_cli_bytes
from tlsready._scan_csv import COLUMNS


def test_csv_one_row_per_endpoint(lab):
    names = ["tls13_only", "tls10_legacy_3des_rc4", "hostile_silent"]
    targets = [address(endpoint(lab, n)) for n in names]
    proc = run_cli_bytes("scan", *targets, "--csv", "--timeout", "2", "--sni", "localhost", "--ca-file", lab["ca_file"])
    assert proc.returncode == 3, proc.stderr.decode()  # hostile_silent could not be scanned
    text = proc.stdout.decode("utf-8")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")  # RFC 4180 line breaks
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert tuple(csv.reader(io.StringIO(text, newline="")).__next__()) == COLUMNS
    assert len(rows) == len(names)
    by_port = {int(row["port"]): row for row in rows}
    silent = by_port[endpoint(lab, "hostile_silent")["port"]]
    assert silent["status"] == "error" and silent["error_kind"] == "timeout" and silent["versions"] == ""
    legacy = by_port[endpoint(lab, "tls10_legacy_3des_rc4")["port"]]
    assert legacy["status"] == "ok" and "TLSv1.0" in legacy["versions"].split() and legacy["weaknesses"]
    modern = by_port[endpoint(lab, "tls13_only")["port"]]
    assert modern["versions"] == "TLSv1.3" and modern["certificate_subject"]
    assert modern["certificate_trusted"] == "true"


def test_csv_and_json_together_is_a_usage_error(lab):
    proc = run_cli_bytes("scan", address(endpoint(lab, "tls13_only")), "--csv", "--json")
    assert proc.returncode == 2 and b"choose one" in proc.stderr and b"Traceback" not in proc.stderr


def test_jsonl_is_json_lines(lab):
    proc = run_cli_bytes("scan", address(endpoint(lab, "tls13_only")), "--jsonl", "--timeout", "3", "--sni", "localhost",
                   "--ca-file", lab["ca_file"])
    assert proc.returncode == 0, proc.stderr.decode()
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["status"] == "ok"


def test_exit_codes_not_ready_is_1_unscannable_is_3(lab):
    legacy = address(endpoint(lab, "tls10_legacy_3des_rc4"))
    common = ["--timeout", "2", "--sni", "localhost", "--ca-file", lab["ca_file"]]
    not_ready = run_cli_bytes("scan", legacy, "--policy", "tls12-strict", *common)
    assert not_ready.returncode == 1, not_ready.stderr.decode()
    assert run_cli_bytes("scan", legacy, *common).returncode == 0  # scanned, no policy applied
    with_error = run_cli_bytes("scan", legacy, address(endpoint(lab, "hostile_refused")), "--policy", "tls12-strict",
                         *common)
    assert with_error.returncode == 3, with_error.stderr.decode()  # 3 wins over 1
