"""The ``tlsready`` command line: arguments and exit codes. Library code never prints; the cli modules do."""

from __future__ import annotations

import argparse
import sys
from typing import Optional, Sequence, TextIO

from tlsready._errors import InvalidArgumentError
from tlsready._output import OutputError
from tlsready._policy_command import run_policy
from tlsready._policy_report import format_policy
from tlsready._scan import __version__
from tlsready._scan_command import run_scan
from tlsready._scan_report import format_result

__all__ = ["format_policy", "format_result", "main"]

STARTTLS_CHOICES = ("smtp", "imap", "pop3", "ftp", "ldap", "postgres", "none")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="tlsready", description="TLS readiness toolkit")
    parser.add_argument("--version", action="version", version=f"tlsready {__version__}")
    commands = parser.add_subparsers(dest="command", required=True)
    scan_cmd = commands.add_parser("scan", help="probe TLS endpoints: versions, cipher suites, groups, certificate")
    scan_cmd.add_argument("targets", nargs="+", metavar="HOST:PORT", help="endpoints, e.g. 127.0.0.1:8443 or [::1]:443")
    scan_cmd.add_argument("--sni", help="server name to send (default: the host when it is a name)")
    scan_cmd.add_argument("--starttls", choices=STARTTLS_CHOICES,
                          help="plaintext protocol to upgrade first (default: implied by a well-known port)")
    scan_cmd.add_argument("--timeout", type=float, default=5.0, metavar="SECONDS", help="timeout per step (default 5)")
    scan_cmd.add_argument("--concurrency", type=int, default=8, help="endpoints scanned at once (default 8)")
    scan_cmd.add_argument("--ca-file", help="extra trusted CA certificates (PEM) for chain validation")
    scan_cmd.add_argument("--no-system-trust", action="store_true", help="do not trust the system CA store")
    scan_cmd.add_argument("--json", action="store_true",
                          help="one JSON document per endpoint, one per line (JSONL), as each finishes")
    scan_cmd.add_argument("--output", "-o", metavar="FILE", help="also append the JSONL results to FILE as they finish")

    policy_cmd = commands.add_parser(
        "policy", help="audit local TLS policy: Windows registry exports, or this Linux machine / a mounted image")
    policy_cmd.add_argument("--reg", nargs="+", metavar="FILE",
                            help="`reg export` files or JSON registry snapshots of one Windows machine (layered)")
    policy_cmd.add_argument("--root", metavar="DIR", help="audit the Linux configuration under DIR (default /)")
    policy_cmd.add_argument("--os-version", help="Windows version for --reg (win7, server2019, 10.0.17763, ...)")
    policy_cmd.add_argument("--json", action="store_true", help="the report as one JSON document")
    policy_cmd.add_argument("--remediate-reg", metavar="FILE",
                            help="write a .reg file with the registry fixes, and beside it its undo restoring the values as "
                                 "found (fix.reg -> fix.undo.reg)")
    policy_cmd.add_argument("--remediate-ps1", metavar="FILE",
                            help="write a PowerShell script with the fixes (supports -WhatIf and -Confirm; "
                                 "saves the values as found to -BackupPath before changing them)")
    return parser


def main(argv: Optional[Sequence[str]] = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    args = _parser().parse_args(argv)
    try:
        if args.command == "scan":
            return run_scan(args, out, err)
        if args.command == "policy":
            return run_policy(args, out, err)
    except (InvalidArgumentError, OutputError) as error:
        err.write(f"tlsready: {error}\n")
        return 2
    return 2


if __name__ == "__main__":
    sys.exit(main())
