#!/usr/bin/env python3
"""Is every endpoint of an estate ready for Microsoft 365's TLS rules? An admin's nightly job.

Reads targets from a file (one per line: host:port, [v6]:port or a URL such as smtp://mail:25;
``#`` starts a comment), scans them concurrently with :func:`tlsready.scan_many`, judges each
against a policy (m365 by default) and writes a report, CSV (one row per endpoint, opens in
Excel) or JSON (the scan document and the verdict of each endpoint). The exit code is for the
scheduler that runs it:

    0  every endpoint scanned and ready
    1  some endpoint is not ready (or its readiness is unknown)
    2  bad input: the targets file, an option, the policy
    3  some endpoint could not be scanned (wins over 1)
    130 interrupted (the report holds every endpoint that finished)

    python3 examples/automation.py targets.txt --csv report.csv
    python3 examples/automation.py targets.txt --policy m365 --json report.json --concurrency 32

Type-checked with ``mypy --strict`` (tests/python/test_mypy_example.py), and run against the lab.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Optional, Sequence, TextIO

import tlsready

EXIT_READY, EXIT_NOT_READY, EXIT_BAD_INPUT, EXIT_NOT_SCANNED, EXIT_INTERRUPTED = 0, 1, 2, 3, 130

CSV_COLUMNS = ("target", "status", "error", "versions", "legacy_versions", "weak_suites", "weaknesses",
               "certificate_days_left", "certificate_problems", "readiness", "findings")


@dataclass(frozen=True)
class Row:
    """One endpoint of the report: its scan and, when it was scanned, its verdict."""

    result: tlsready.EndpointResult
    verdict: Optional[tlsready.Verdict]

    def csv_fields(self) -> list[str]:
        result, certificate = self.result, self.result.certificate
        legacy = [v for v in result.accepted_versions if v in ("SSLv2", "SSLv3", "TLSv1.0", "TLSv1.1")]
        weak_suites = sorted({suite.name for suite in result.cipher_suites if suite.weaknesses})
        return [
            result.target,
            result.status,
            result.error_kind or "",
            " ".join(result.accepted_versions),
            " ".join(legacy),
            " ".join(weak_suites),
            " ".join(result.weakness_codes),
            "" if certificate is None else str(certificate.days_until_expiry),
            "" if certificate is None else " ".join(certificate.problem_codes),
            "" if self.verdict is None else self.verdict.readiness,
            "" if self.verdict is None else " ".join(self.verdict.finding_ids),
        ]

    def json_document(self) -> dict[str, object]:
        return {"scan": self.result.to_dict(), "verdict": None if self.verdict is None else self.verdict.to_dict()}


class InputError(Exception):
    """The targets file cannot be used; the message names it."""


def read_targets(path: Path) -> list[str]:
    """The targets of a file, one per line; blank lines and ``#`` comments skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"cannot read targets file {path}: {error}") from None
    targets = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    targets = [target for target in targets if target]
    if not targets:
        raise InputError(f"no targets in {path} (one host:port or URL per line)")
    return targets


def scan_and_judge(targets: Sequence[str], policy: str, concurrency: int, timeout: float, sni: Optional[str],
                   ca_file: Optional[str], log: TextIO) -> list[Row]:
    """Every target scanned (completion order) and judged; Ctrl-C keeps what finished."""
    rows: list[Row] = []

    def progress(done: int, total: int) -> None:
        if log.isatty():
            log.write(f"\r{done}/{total} endpoints")

    try:
        for result in tlsready.scan_many(targets, concurrency=concurrency, timeout=timeout, sni=sni,
                                         ca_file=ca_file, progress=progress):
            rows.append(Row(result, result.verdict(policy) if result.ok else None))
    except tlsready.ScanInterruptedError:
        log.write(f"\ninterrupted: {len(rows)} of {len(targets)} endpoints finished\n")
        raise
    finally:
        if log.isatty():
            log.write("\n")
    return rows


def write_csv(rows: Sequence[Row], out: TextIO) -> None:
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180, as Excel reads it
    writer.writerow(CSV_COLUMNS)
    for row in sorted(rows, key=lambda r: r.result.target):
        writer.writerow(row.csv_fields())


def write_json(rows: Sequence[Row], out: TextIO) -> None:
    json.dump([row.json_document() for row in sorted(rows, key=lambda r: r.result.target)], out, indent=2)
    out.write("\n")


def write_reports(rows: Sequence[Row], csv_path: Optional[Path], json_path: Optional[Path]) -> None:
    if csv_path is not None:
        with csv_path.open("w", encoding="utf-8", newline="") as out:
            write_csv(rows, out)
    if json_path is not None:
        with json_path.open("w", encoding="utf-8") as out:
            write_json(rows, out)
    if csv_path is None and json_path is None:
        write_csv(rows, sys.stdout)


def exit_code(rows: Sequence[Row]) -> int:
    if any(not row.result.ok for row in rows):
        return EXIT_NOT_SCANNED
    if any(row.verdict is None or not row.verdict.ready for row in rows):
        return EXIT_NOT_READY
    return EXIT_READY


def summary(rows: Sequence[Row]) -> str:
    ready = sum(1 for row in rows if row.verdict is not None and row.verdict.ready)
    failed = sum(1 for row in rows if not row.result.ok)
    return f"{len(rows)} endpoints: {ready} ready, {len(rows) - ready - failed} not ready, {failed} not scanned"


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("targets", type=Path, help="file with one target per line")
    parser.add_argument("--policy", default="m365", help="built-in policy id or a policy file (default m365)")
    parser.add_argument("--concurrency", type=int, default=16, help="endpoints scanned at once (default 16)")
    parser.add_argument("--timeout", type=float, default=5.0, help="seconds per network step (default 5)")
    parser.add_argument("--sni", help="server name to send to every target (default: each target's host)")
    parser.add_argument("--ca-file", help="PEM file of extra trusted CAs")
    parser.add_argument("--csv", type=Path, help="write the CSV report here")
    parser.add_argument("--json", type=Path, help="write the JSON report here")
    args = parser.parse_args(argv)

    try:
        targets = read_targets(args.targets)
        tlsready.policy_document(args.policy)  # a bad policy fails before anything is scanned
        rows = scan_and_judge(targets, args.policy, args.concurrency, args.timeout, args.sni, args.ca_file,
                              sys.stderr)
    except tlsready.ScanInterruptedError as interrupted:
        done = [Row(result, None) for result in interrupted.results]
        write_reports(done, args.csv, args.json)
        return EXIT_INTERRUPTED
    except (InputError, tlsready.Error) as error:  # every tlsready error names the input it could not use
        print(f"automation: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    write_reports(rows, args.csv, args.json)
    print(summary(rows), file=sys.stderr)
    return exit_code(rows)


if __name__ == "__main__":
    sys.exit(main())
