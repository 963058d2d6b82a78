"""`tlsready listen --port N`: the capture listener. Records each ClientHello as a TLS-use event (JSONL on
stdout or -o FILE, flushed per event), refuses the handshake, and prints the legacy-clients summary at the
end. The parser is built here; the listener module is imported when the command runs."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any, Optional, TextIO

EPILOG = """\
examples:
  tlsready listen --port 8443                          JSONL events on stdout, the summary on stderr at Ctrl-C
  tlsready listen --port 8443 -o hellos.jsonl --duration 3600 --summary
  tlsready listen --bind 0.0.0.0 --port 443 -o hellos.jsonl
        (during a migration window: point the old name or a load-balancer pool at this machine)
  tlsready listen --port 2525 --starttls smtp --count 100 --json

The listener reads each client's ClientHello (SNI, versions, suites, extensions, groups, signature
algorithms, ALPN, SCSVs, JA3, JA4), answers with a fatal handshake_failure alert and closes. A client
that retries with TLS_FALLBACK_SCSV is a modern client's fallback, not a legacy client: its event
says fallback_retry and the summary does not count it. It prints "listening on ADDRESS:PORT" on
stderr once bound (--port 0: a free port).

exit codes: 0 no legacy TLS use seen, 1 a client offered at best TLS older than 1.2, 2 usage error
  (bad option, address in use or not on this machine); Ctrl-C ends the listener like --count/--duration"""


def add_parser(commands: Any) -> None:
    cmd = commands.add_parser("listen", help="capture listener: record the ClientHello of every client that connects",
                              formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EPILOG)
    cmd.add_argument("--port", type=int, required=True, metavar="N", help="TCP port (0: a free port, printed)")
    cmd.add_argument("--bind", default="127.0.0.1", metavar="ADDR",
                     help="numeric local address to listen on (default 127.0.0.1; 0.0.0.0 or :: for every "
                          "interface, when a DNS name or a load-balancer pool points clients here)")
    cmd.add_argument("--starttls", choices=("smtp", "imap", "pop3"),
                     help="speak the server side of this protocol's STARTTLS prelude first")
    cmd.add_argument("--count", type=int, metavar="N", help="stop after N hellos")
    cmd.add_argument("--duration", type=float, metavar="S", help="stop after S seconds")
    cmd.add_argument("--timeout", type=float, default=10.0, metavar="S",
                     help="each connection's time to send its hello (default 10; slower clients are dropped)")
    cmd.add_argument("-o", "--output", metavar="FILE", help="write the JSONL events to FILE instead of stdout")
    cmd.add_argument("--summary", action="store_true",
                     help="write the summary to stdout after the events (default: stdout with -o, else stderr)")
    cmd.add_argument("--json", action="store_true", help="the summary as the legacy-clients JSON document")


def _format_counts(read: dict[str, Any]) -> str:
    dropped = read["plain"] + read["malformed"]
    return (f"{read['lines']} connection(s), {read['events']} hello(s) recorded, {dropped} dropped "
            f"({read['plain']} not TLS, {read['malformed']} timed out, broken or closed early)")


def run(args: argparse.Namespace, out: TextIO, err: Optional[TextIO] = None) -> int:
    from tlsready._errors import InvalidArgumentError
    from tlsready._legacy_clients import LegacyClients
    from tlsready._legacy_clients_command import _format_report
    from tlsready._listen import ListenInterruptedError, listen

    log: TextIO = err if err is not None else sys.stderr
    sink: TextIO = out
    handle: Optional[TextIO] = None
    if args.output:
        try:
            handle = open(args.output, "w", encoding="utf-8")
        except OSError as error:
            raise InvalidArgumentError(f"-o {args.output}: cannot be written ({error.strerror})") from None
        sink = handle

    def on_event(event: dict[str, Any]) -> None:
        sink.write(json.dumps(event) + "\n")
        sink.flush()

    def on_listening(address: str, port: int) -> None:
        host = f"[{address}]" if ":" in address else address
        log.write(f"listening on {host}:{port}\n")
        log.flush()

    try:
        try:
            report: LegacyClients = listen(args.port, bind=args.bind, starttls=args.starttls, count=args.count,
                                           duration=args.duration, on_event=on_event, on_listening=on_listening,
                                           connection_timeout=args.timeout)
        except ListenInterruptedError as interrupted:
            report = interrupted.clients
    finally:
        if handle is not None:
            handle.close()
    summary = report.to_json() if args.json else _format_report(report)
    target = out if args.summary or args.output else log  # stdout only when it does not carry the events
    target.write(summary + "\n")
    if report.sources:
        log.write(_format_counts(report.sources[0]["read"]) + "\n")
    return 1 if report.legacy_uses else 0
