"""`tlsready policy`: audits local TLS policy, writes remediation files and the report."""

from __future__ import annotations

import argparse
from typing import TextIO

from tlsready._errors import InvalidArgumentError
from tlsready._policy_report import format_policy


def run_policy(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from tlsready._policy import audit_registry_export, local_policy

    if args.reg and args.root:
        raise InvalidArgumentError("give either --reg (Windows exports) or --root (Linux), not both")
    if args.reg:
        report = audit_registry_export(*args.reg, os_version=args.os_version)
    else:
        if args.os_version:
            raise InvalidArgumentError("--os-version goes with --reg")
        report = local_policy(args.root or "/")
    if args.remediate_reg:
        with open(args.remediate_reg, "w", encoding="utf-8", newline="") as handle:
            handle.write(report.remediation_reg())
        err.write(f"wrote {args.remediate_reg}\n")
    if args.remediate_ps1:
        with open(args.remediate_ps1, "w", encoding="utf-8", newline="") as handle:
            handle.write(report.remediation_ps1())
        err.write(f"wrote {args.remediate_ps1}\n")
    out.write((report.to_json(indent=2) if args.json else format_policy(dict(report.raw))) + "\n")
    return 0
