"""`tlsready scan`: runs the scan and writes the table or JSONL as endpoints finish."""

from __future__ import annotations

import argparse
from typing import TextIO

from tlsready._errors import ScanInterruptedError
from tlsready._results import EndpointResult
from tlsready._scan import scan
from tlsready._scan_report import format_result


def run_scan(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    progress = err.isatty()
    total = len(args.targets)
    done = 0
    failures = 0
    sink = open(args.output, "a", encoding="utf-8") if args.output else None

    def on_result(result: EndpointResult) -> None:
        nonlocal done, failures
        done += 1
        failures += 0 if result.ok else 1
        if sink is not None:
            sink.write(result.to_json() + "\n")
            sink.flush()
        out.write((result.to_json() if args.json else format_result(result) + "\n") + "\n")
        out.flush()
        if progress:
            err.write(f"\r[{done}/{total}] {result.target} done   ")
            err.flush()

    try:
        scan(args.targets, sni=args.sni, starttls=args.starttls, timeout=args.timeout, concurrency=args.concurrency,
             ca_file=args.ca_file, use_system_trust_store=not args.no_system_trust, on_result=on_result,
             endpoint_timeout=args.endpoint_timeout, connections_per_endpoint=args.connections_per_endpoint)
    except ScanInterruptedError as interrupted:
        err.write(f"\ninterrupted: {len(interrupted.results)} of {total} endpoints finished and were written\n")
        return 130
    finally:
        if sink is not None:
            sink.close()
        if progress:
            err.write("\n")
    return 1 if failures else 0
