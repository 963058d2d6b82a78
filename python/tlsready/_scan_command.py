"""`tlsready scan`: runs the scan; the table in input order, JSONL (stdout and -o) as endpoints finish."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
from typing import Any, Optional, TextIO

from tlsready import _clients_command
from tlsready._errors import InvalidArgumentError, ScanInterruptedError
from tlsready._distributed_errors import SchedulerUnreachableError, WorkerLostError
from tlsready._output import OutputError, OutputFile, open_output
from tlsready._progress import Progress
from tlsready._results import EndpointResult
from tlsready._scan import scan
from tlsready._colour import colour_wanted
from tlsready._scan_report import format_result
from tlsready._scan_summary import format_summary
from tlsready._resume import finished_targets, target_key
from tlsready._targets_file import collect_targets

EXIT_FINDINGS = 1      # with --policy: some endpoint is not ready
EXIT_NOT_SCANNED = 3   # some target could not be scanned (its document carries the error); wins over 1
EXIT_INTERRUPTED = 130  # Ctrl-C: 128 + SIGINT
EXIT_TERMINATED = 143   # SIGTERM: 128 + SIGTERM

class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so the scan stops and every finished result is written."""


class _ResultsFile:
    """`-o FILE`: opened before scanning (bad paths fail first), replaced only once there is a
    result to write, so a run rejected for its arguments leaves an existing file as it was."""

    def __init__(self, path: str, append: bool, err: TextIO) -> None:
        self._existed = os.path.exists(path)
        self._replace = not append and self._existed and os.path.isfile(path) and os.path.getsize(path) > 0
        self._file: OutputFile = open_output(path, append=True)
        self._path = path
        self._err = err
        self._written = False

    def write(self, text: str) -> None:
        if not self._written and self._replace:
            self._file.truncate()
            self._err.write(f"tlsready: replacing the existing {self._path} (--append adds to it)\n")
        self._written = True
        self._file.write(text)

    def close(self) -> None:
        self._file.close()
        if not self._written and not self._existed:
            try:
                os.remove(self._path)  # created for a run that produced nothing
            except OSError:
                pass


def run_scan(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    stdin = getattr(sys.stdin, "buffer", None)
    args.targets = collect_targets(args.targets, getattr(args, "input_files", []), stdin)
    if getattr(args, "resume", False):
        if not args.output:
            raise InvalidArgumentError("--resume goes with -o/--output FILE")
        done = finished_targets(args.output)
        remaining = [t for t in args.targets if target_key(t) not in done]
        skipped = len(args.targets) - len(remaining)
        if skipped:
            err.write(f"tlsready: --resume: {skipped} of {len(args.targets)} targets already have a result "
                      f"in {args.output}\n")
        args.append = True
        if not remaining:
            return 0
        args.targets = remaining
    total = len(args.targets)
    finished: dict[int, EndpointResult] = {}
    printed = 0  # table mode: results before this index are on stdout
    failures = 0
    colour = colour_wanted(out)
    if args.append and not args.output:
        raise InvalidArgumentError("--append goes with -o/--output FILE")
    _clients_command.check_scan_arguments(args)
    if args.clients:  # a bad --what-if or --client is an argument error before anything is scanned
        _clients_command.check_what_if(args)
    policy = getattr(args, "policy", None)
    if policy is not None:  # verdicts are loaded only for --policy (the CLI starts lean)
        from tlsready._verdict import policy_document, with_clients
        from tlsready._verdict_command import format_verdict
        policy_document(policy)  # a bad policy is an argument error before anything is scanned
    as_csv = getattr(args, "csv", False)
    if as_csv and args.json:
        raise InvalidArgumentError("--csv and --json are two output formats: choose one")
    verdict_of: dict[int, Any] = {}  # tlsready.Verdict
    impact_of: dict[int, Any] = {}
    sink: Optional[_ResultsFile] = _ResultsFile(args.output, args.append, err) if args.output else None
    # The bar on stderr (a terminal, more than one target: tlsready/_progress.py), started with the scan.
    progress = Progress(err, total)

    def emit(text: str) -> None:
        with progress.writing():
            out.write(text)
            out.flush()

    def print_ready_reports() -> None:
        # The table follows the order of the command line; a slow endpoint holds back only the
        # reports after it (JSONL does not wait).
        nonlocal printed
        while printed in finished:
            emit(_report(printed) + "\n\n")
            printed += 1

    def _report(index: int) -> str:
        text = format_result(finished[index], colour)
        if index in verdict_of:
            text += "\n" + format_verdict(verdict_of[index])
        if args.clients:
            text += "\n\n" + _clients_command.format_impact(impact_of[index])
        return text

    def on_result(index: int, result: EndpointResult) -> None:
        nonlocal failures
        finished[index] = result
        failures += 0 if result.ok else 1
        if args.clients:  # once per endpoint: the verdict's clients section and the client_impact document
            impact_of[index] = _clients_command.impact_of(result, args)
        if policy is not None:
            verdict_of[index] = result.verdict(policy)
            if args.clients:
                verdict_of[index] = with_clients(verdict_of[index], impact_of[index])
        if sink is not None:
            sink.write(result.to_json() + "\n")  # scan documents only: `tlsready verdict` re-judges them
        if as_csv:
            emit(csv_row(result))
        elif args.json:
            emit(result.to_json() + "\n")
            if index in verdict_of:  # --policy: the verdict document on the line after its endpoint
                emit(verdict_of[index].to_json() + "\n")
            if args.clients:  # --clients: the client_impact document after it
                emit(impact_of[index].to_json() + "\n")
        else:
            print_ready_reports()
        progress.finished(result.target, result.ok)

    def finish_table() -> None:
        # Reports still held back by an unfinished endpoint (interrupted), then the summary.
        if args.json or as_csv:
            return
        for index in sorted(i for i in finished if i >= printed):
            emit(_report(index) + "\n\n")
        if total > 1:
            emit(format_summary([finished[i] for i in sorted(finished)]) + "\n")

    terminated = False

    def on_sigterm(signum: int, frame: Any) -> None:
        nonlocal terminated
        terminated = True
        raise _Terminated()

    on_main_thread = threading.current_thread() is threading.main_thread()
    previous_sigterm = signal.signal(signal.SIGTERM, on_sigterm) if on_main_thread else None
    # (signal.signal gives None for a handler set outside Python: restore the default then.)
    completed = False
    if as_csv:
        from tlsready._scan_csv import csv_header, csv_row  # the csv module only when --csv asks for it

        emit(csv_header())
    try:
        try:
            progress.start()
            if getattr(args, "dask_scheduler", None) is not None:  # on a Dask cluster; Dask is imported only then
                from tlsready._distributed_command import scan_on_cluster
                scan_on_cluster(args, on_result)
            else:
                scan(args.targets, sni=args.sni, starttls=args.starttls, timeout=args.timeout,
                     concurrency=args.concurrency, ca_file=args.ca_file,
                     use_system_trust_store=not args.no_system_trust, on_indexed_result=on_result,
                     endpoint_timeout=args.endpoint_timeout, connections_per_endpoint=args.connections_per_endpoint)
            if failures:
                status = EXIT_NOT_SCANNED
            elif any(not verdict.ready for verdict in verdict_of.values()):
                status = EXIT_FINDINGS
            else:
                status = 0
        except (SchedulerUnreachableError, WorkerLostError) as error:  # --dask-scheduler: targets not scanned
            if finished:
                finish_table()
            progress.close()
            err.write(f"tlsready: {error}\n")
            completed = True
            return EXIT_NOT_SCANNED
        except ScanInterruptedError:
            status = EXIT_TERMINATED if terminated else EXIT_INTERRUPTED
            finish_table()
            progress.close()
            err.write(f"{'terminated' if terminated else 'interrupted'}: {len(finished)} of {total} endpoints "
                      "finished and were written\n")
            completed = True
            return status
        finish_table()
        completed = True
    except KeyboardInterrupt:  # a second Ctrl-C or SIGTERM while the last reports are written
        return EXIT_TERMINATED if terminated else EXIT_INTERRUPTED
    finally:
        if on_main_thread:
            signal.signal(signal.SIGTERM, previous_sigterm if previous_sigterm is not None else signal.SIG_DFL)
        progress.close()
        if sink is not None:
            try:
                sink.close()
            except OutputError:
                if completed:
                    raise  # otherwise the error already on its way says it first
    return status
