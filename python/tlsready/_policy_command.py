"""`tlsready policy`: audits local TLS policy, writes remediation files and the report."""

from __future__ import annotations

import argparse
import os
from typing import Any, TextIO

from tlsready._errors import InvalidArgumentError
from tlsready._output import OutputError, open_output, write_text_file
from tlsready._policy_report import format_policy


def undo_path(fix_path: str) -> str:
    """Where the undo of a remediation .reg goes: ``fix.reg`` -> ``fix.undo.reg`` (beside it)."""
    stem, ext = os.path.splitext(fix_path)
    return (stem if ext.lower() == ".reg" else fix_path) + ".undo.reg"


def _same_target(a: str, b: str) -> bool:
    return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def run_policy(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from tlsready._policy import audit_registry_export, local_policy

    if args.reg and args.root is not None:
        raise InvalidArgumentError("give either --reg (Windows exports) or --root (Linux), not both")
    if args.root is not None and not args.root:
        raise InvalidArgumentError("--root '': empty directory name (give --root / to audit this machine)")
    outputs = [p for p in (args.remediate_reg, undo_path(args.remediate_reg) if args.remediate_reg else None,
                           args.remediate_ps1) if p]
    for i, first in enumerate(outputs):
        for second in outputs[i + 1:]:
            if _same_target(first, second):
                raise OutputError(f"refusing to write {first} twice: --remediate-reg, its undo file and "
                                  "--remediate-ps1 must be different files")
    if args.reg:
        report = audit_registry_export(*args.reg, os_version=args.os_version)
    else:
        if args.os_version:
            raise InvalidArgumentError("--os-version goes with --reg")
        report = local_policy("/" if args.root is None else args.root)
    inputs = list(args.reg or [])
    if args.remediate_reg:
        undo = undo_path(args.remediate_reg)
        # Both opened before either is written, so a bad path leaves no fix without its undo.
        fix_existed = os.path.lexists(args.remediate_reg)
        fix_file = open_output(args.remediate_reg, inputs=inputs)
        try:
            undo_file = open_output(undo, inputs=inputs)
        except OutputError:
            fix_file.close()
            if not fix_existed:
                try:
                    os.remove(args.remediate_reg)
                except OSError:
                    pass  # best effort: the error that matters is the one raised below
            raise
        with undo_file, fix_file:
            undo_file.write(report.remediation_undo_reg())
            fix_file.write(report.remediation_reg())
        err.write(f"wrote {args.remediate_reg} (the fix) and {undo} (its undo: the values as found)\n")
    if args.remediate_ps1:
        write_text_file(args.remediate_ps1, report.remediation_ps1(), inputs=inputs)
        err.write(f"wrote {args.remediate_ps1} (saves the values as found to -BackupPath before changing them)\n")
    against = getattr(args, "against", None)
    if against is None:
        out.write((report.to_json(indent=2) if args.json else format_policy(dict(report.raw))) + "\n")
        return 0
    reach = report.against(against)
    if args.json:
        # JSON Lines: the report, then the machine-reach document (machine-reach.schema.json).
        out.write(report.to_json() + "\n" + reach.to_json() + "\n")
    else:
        out.write(format_policy(dict(report.raw)) + "\n" + format_machine_reach(reach.to_dict()) + "\n")
    return 1 if reach.raw["summary"]["fail"] else 0


def format_machine_reach(document: dict[str, Any]) -> str:
    """The machine-reach document for people: one line per stack, the fix under each that fails."""
    policy = document["policy"]
    lines = [f"Reach {policy['name']} ({policy['id']}) as this machine's clients: {document['server']}"]
    for stack in document["stacks"]:
        if stack["reaches"] is True:
            suite = stack["cipher_suite"]["name"] if stack["cipher_suite"] else ""
            lines.append(f"  {stack['id']:<20} reaches       {stack['version']} {suite}".rstrip())
        else:
            state = "does not reach" if stack["reaches"] is False else "unknown"
            lines.append(f"  {stack['id']:<20} {state:<13} {stack['reason'] or ''}: {stack['detail']}")
            for line in stack["evidence"]:
                lines.append(f"      evidence: {line}")
            if stack["fix"]:
                lines.append(f"      fix: {stack['fix']}")
    lines.append(document["summary"]["line"])
    return "\n".join(lines)
